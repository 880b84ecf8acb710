"""Server-side SVG charts for the journey page and the season report, drawn by `leather`.

Pure: values in, SVG markup out (no Flask, no database). leather lays out the chart (title,
axes with tick labels and names, grid, lines, dots, legend) and writes only SVG presentation
attributes (fill, stroke, font-size...), never a <style> element or a style="" attribute, so the
markup can be inlined in a page under the site's Content-Security-Policy and in the print HTML
(WeasyPrint renders inline SVG). Two things are ours:

* the scales: leather's own date ticker may start its axis after the first point (a three-year
  range starts at the next quarter), so dates are projected on an exact scale with our own
  "nice" ticks (days, weeks, months, quarters, years) and values on nice 1-2-5 steps;
* the wrapper: a <svg viewBox width="100%"> (an attribute, not a style: it fills the column on
  a phone and on paper, its height following the view box), role="img" with <title> and <desc>
  for assistive technology, readable fonts and colours with enough contrast, and coordinates
  rounded to keep the markup small.

Every chart also has its data as a table on the page (the text alternative); see the templates.
"""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import leather

WIDTH, HEIGHT = 420, 280  # small enough that 14-unit text stays readable when a phone shrinks it
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
BRAND, ACCENT = "#0b5cad", "#a3212b"
# leather's theme colours -> ours (contrast of at least 4.5:1 on white for every text).
_RECOLOUR = {"#f9f9f9": "#ffffff", "#9c9c9c": "#3d4852", "#666": "#1b1f24", "#333": "#1b1f24", "#eee": "#d8dee4",
             "#a8a8a8": "#8c959f"}
_NUMBER = re.compile(r"-?\d+\.\d{2,}")
_ROUNDED = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "d", "transform")
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)
_DAY_STEPS = (1, 2, 7, 14)
_DURATION_STEPS = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)
MAX_TICKS = 6
MAX_DATE_TICKS = 4  # "Mar 2026" labels need room on a narrow chart


@dataclass(frozen=True)
class Chart:
    """An inline SVG chart and what it says in words (also its <desc>)."""

    chart_id: str
    title: str
    summary: str
    svg: str


# ------------------------------------------------------------------ ticks


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def date_ticks(first: date, last: date, most: int = MAX_TICKS) -> list[date]:
    """Round dates inside [first, last]: days or weeks (Mondays) for short spans, else the first
    of a month every 1, 2, 3, 6, 12... months; at most `most`, at least the ends when nothing fits."""
    if last < first:
        raise ValueError(f"last {last} is before first {first}")
    span = (last - first).days
    for step in _DAY_STEPS:
        if span // step + 1 <= most:
            start = first if step < 7 else first + timedelta(days=(7 - first.weekday()) % 7)
            ticks = [start + timedelta(days=step * i) for i in range(most + 1)]
            found = [tick for tick in ticks if tick <= last]
            if found:
                return found
    for months in _MONTH_STEPS:
        tick = _add_months(first, 0) if first.day == 1 else _add_months(first, 1)
        while (tick.month - 1) % min(months, 12) or (months > 12 and tick.year % (months // 12)):
            tick = _add_months(tick, 1)
        found = []
        while tick <= last:
            found.append(tick)
            tick = _add_months(tick, months)
        if 0 < len(found) <= most:
            return found
    return [first, last]


def date_label(tick: date, first: date, last: date) -> str:
    """"3 Mar" inside a year's span, "Mar 2026" beyond it."""
    return f"{tick.day} {tick:%b}" if (last - first).days <= 200 else f"{tick:%b %Y}"


def nice_step(span: float, most: int = MAX_TICKS, steps: Sequence[float] | None = None) -> float:
    """The smallest 1-2-5 step (or one of `steps`) that cuts `span` in at most `most` - 1 parts."""
    if span <= 0:
        return 1.0
    wanted = span / (most - 1)
    if steps:
        for step in steps:
            if step >= wanted:
                return float(step)
        return float(steps[-1]) * math.ceil(wanted / steps[-1])
    power = 10 ** math.floor(math.log10(wanted))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= wanted:
            return factor * power
    return 10 * power


def value_ticks(low: float, high: float, *, steps: Sequence[float] | None = None) -> tuple[float, float, list[float]]:
    """(axis low, axis high, ticks): nice ticks covering [low, high]."""
    if high < low:
        raise ValueError(f"high {high} is below low {low}")
    if high == low:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    step = nice_step(high - low, steps=steps)
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((end - start) / step)
    return start, end, [start + step * i for i in range(count + 1)]


# ------------------------------------------------------------------ scale


class _ExactScale(leather.Scale):  # type: ignore[misc]
    """A linear scale over exactly [low, high] with the ticks given (leather's Scale interface)."""

    def __init__(self, low: float, high: float, ticks: Sequence[float], label: Callable[[float], str]) -> None:
        if not high > low:
            raise ValueError("a scale needs high > low")
        self.low, self.high, self._ticks, self._label = float(low), float(high), list(ticks), label

    def contains(self, value: float) -> bool:
        return self.low <= float(value) <= self.high

    def project(self, value: float, range_min: float, range_max: float) -> float:
        return range_min + (range_max - range_min) * (float(value) - self.low) / (self.high - self.low)

    def project_interval(self, value: float, range_min: float, range_max: float) -> tuple[float, float]:
        raise NotImplementedError

    def ticks(self) -> list[float]:
        return self._ticks

    def format_tick(self, value: float, index: int, count: int) -> str:
        return self._label(value)


# ------------------------------------------------------------------ charts


@dataclass(frozen=True)
class Series:
    """Points (date, value) drawn as a line, as dots, or as both ("step": holds until the next point)."""

    name: str
    points: Sequence[tuple[date, float]]
    line: bool = True
    dots: bool = False
    step_until: date | None = None  # draw a step line that holds each value until the next point
    dots_name: str = ""  # the legend entry of the dots (when there is a line too)


def _step(points: Sequence[tuple[date, float]], until: date) -> list[tuple[date, float]]:
    out: list[tuple[date, float]] = []
    for (day, value), nxt in zip(points, [*points[1:], None]):
        out.append((day, value))
        end = nxt[0] if nxt else max(until, day)
        out.append((end, value))
    return out


def time_chart(chart_id: str, title: str, summary: str, series: Sequence[Series], *, x_name: str, y_name: str,
               y_label: Callable[[float], str], y_from_zero: bool = True, y_steps: Sequence[float] | None = None,
               colours: Sequence[str] = (BRAND, ACCENT)) -> Chart:
    """A chart of values over dates. Raises ValueError when no series has a point."""
    every = [point for s in series for point in (_step(s.points, s.step_until) if s.step_until else s.points)]
    if not every:
        raise ValueError("a chart needs at least one point")
    first, last = min(day for day, _ in every), max(day for day, _ in every)
    if (last - first).days < 14:  # a lone point (or a short span) sits inside a fortnight
        pad = (14 - (last - first).days + 1) // 2
        first, last = first - timedelta(days=pad), last + timedelta(days=pad)
    low_value = 0.0 if y_from_zero else min(value for _, value in every)
    y_low, y_high, y_ticks = value_ticks(low_value, max(value for _, value in every), steps=y_steps)
    x_ticks = date_ticks(first, last, MAX_DATE_TICKS)

    chart = leather.Chart(title)
    chart.set_x_scale(_ExactScale(first.toordinal(), last.toordinal(), [t.toordinal() for t in x_ticks],
                                  lambda v: date_label(date.fromordinal(round(v)), first, last)))
    chart.set_y_scale(_ExactScale(y_low, y_high, y_ticks, y_label))
    chart.add_x_axis(name=x_name)
    chart.add_y_axis(name=y_name)
    palette = iter(colours)
    for s in series:
        colour = next(palette, BRAND)
        drawn = _step(s.points, s.step_until) if s.step_until else s.points
        data = [(day.toordinal(), float(value)) for day, value in drawn]
        if s.line and data:
            chart.add_line(data, name=s.name, stroke_color=colour, width=2.5)
        if s.dots and s.points:
            chart.add_dots([(day.toordinal(), float(value)) for day, value in s.points], name=s.dots_name or s.name,
                           fill_color=colour, radius=4.5)
    return Chart(chart_id, title, summary, _wrap(chart, chart_id, title, summary))


def _wrap(chart: leather.Chart, chart_id: str, title: str, summary: str) -> str:
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {HEIGHT}",
                              "width": "100%", "role": "img", "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
                              "class": "chart", "id": chart_id, "font-family": FONT})
    ET.SubElement(root, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(root, "desc", {"id": f"{chart_id}-desc"}).text = summary
    body = chart.to_svg_group(WIDTH, HEIGHT)
    for element in body.iter():
        for name, value in list(element.attrib.items()):
            if name == "font-family":
                element.set(name, FONT)
            elif name in ("fill", "stroke") and value in _RECOLOUR:
                element.set(name, _RECOLOUR[value])
            elif name in _ROUNDED:
                element.set(name, _NUMBER.sub(lambda m: f"{float(m.group(0)):.1f}", value))
    root.append(body)
    return ET.tostring(root, encoding="unicode")


# ------------------------------------------------------------------ the journey's charts


def _minutes(seconds: float) -> str:
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _amount(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def weekly_volume_chart(weeks: Sequence[tuple[date, float]], unit: str, unit_size_m: float,
                        chart_id: str = "weekly-volume") -> Chart | None:
    """Distance per week over all time (weeks as (first day, metres)); None without weeks."""
    if not weeks:
        return None
    points = [(week, metres / unit_size_m) for week, metres in weeks]
    peak = max(points, key=lambda p: p[1])
    summary = (f"Distance run each week from the week of {weeks[0][0]:%-d %b %Y} to the week of "
               f"{weeks[-1][0]:%-d %b %Y}: {len(weeks)} weeks, the biggest {_amount(peak[1])} {unit} "
               f"in the week of {peak[0]:%-d %b %Y}.")
    return time_chart(chart_id, "Weekly volume", summary, [Series(f"{unit} per week", points)],
                      x_name="Week", y_name=f"{unit} per week", y_label=_amount)


def longest_run_chart(longest: Sequence[tuple[date, float]], unit: str, unit_size_m: float, until: date,
                      chart_id: str = "longest-run") -> Chart | None:
    """The longest run so far, growing each time a run was longer than every earlier one."""
    if not longest:
        return None
    points = [(day, metres / unit_size_m) for day, metres in longest]
    summary = (f"Longest run so far: {len(points)} steps from {_amount(points[0][1])} {unit} on "
               f"{points[0][0]:%-d %b %Y} to {_amount(points[-1][1])} {unit} on {points[-1][0]:%-d %b %Y}.")
    return time_chart(chart_id, "Longest run", summary,
                      [Series("Longest so far", points, dots=True, step_until=max(until, points[-1][0]),
                              dots_name="New longest run")],
                      x_name="Date", y_name=unit, y_label=_amount)


def best_chart(label: str, points: Sequence[tuple[date, int]], until: date, chart_id: str) -> Chart | None:
    """A distance's personal best over time (lower is faster)."""
    if not points:
        return None
    summary = (f"{label} personal best: {len(points)} "
               f"{'improvement' if len(points) == 1 else 'improvements'} from {_minutes(points[0][1])} on "
               f"{points[0][0]:%-d %b %Y} to {_minutes(points[-1][1])} on {points[-1][0]:%-d %b %Y}.")
    return time_chart(chart_id, f"{label} best", summary,
                      [Series("Best so far", [(day, float(s)) for day, s in points], dots=True,
                              step_until=max(until, points[-1][0]), dots_name="New personal best")],
                      x_name="Date", y_name="Time", y_label=_minutes, y_from_zero=False, y_steps=_DURATION_STEPS)
