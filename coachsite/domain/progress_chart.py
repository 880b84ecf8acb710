"""A small progress chart as inline SVG markup, drawn on the server.

Pure: points in, a string of SVG out. The page's Content-Security-Policy forbids inline
scripts and style attributes, so the chart uses SVG presentation attributes (fill, stroke,
font-size) only. It is one image to assistive technology: role="img" with an aria-label, a
<title> and a <desc> that says in words what the picture shows.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 18, 34
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
INK, MUTED, LINE = "#1b1f24", "#4a5560", "#c9d1d9"
BRAND, OK, TARGET = "#0b5cad", "#1d6b34", "#a3212b"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _day(value: date) -> str:
    return f"{value.day} {value:%b}"


def progress_svg(points: Sequence[tuple[date, float]], *, target: float, start: date, end: date, title: str,
                 summary: str, label: Callable[[float], str], bars: bool = False, lower_is_better: bool = False,
                 chart_id: str = "progress") -> str:
    """Points (oldest first) against a dashed target line, from `start` to `end`.

    bars: one bar per week starting on each point's date (weekly targets), else a line with
    a dot per point (best so far). lower_is_better: times, where the axis starts near the
    fastest value rather than at zero.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    if not target > 0:
        raise ValueError(f"target must be positive, got {target!r}")
    values = [value for _, value in points] + [target]
    top = max(values) * 1.1
    bottom = min(values) * 0.8 if lower_is_better else 0.0
    span_days = (end - start).days + 1

    def x(day: date, offset: float = 0.0) -> float:
        days = min(max((day - start).days + offset, 0.0), span_days)
        return LEFT + PLOT_W * days / span_days

    def y(value: float) -> float:
        share = (value - bottom) / (top - bottom)
        return TOP + PLOT_H * (1 - min(max(share, 0.0), 1.0))

    axis_y = TOP + PLOT_H
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{_attr(title)}" '
        f'aria-describedby="{_attr(chart_id)}-desc" id="{_attr(chart_id)}">',
        f"<title>{escape(title)}</title>",
        f'<desc id="{_attr(chart_id)}-desc">{escape(summary)}</desc>',
        # axes
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{_num(axis_y)}" stroke="{MUTED}" stroke-width="1"/>',
        f'<line x1="{LEFT}" y1="{_num(axis_y)}" x2="{LEFT + PLOT_W}" y2="{_num(axis_y)}" stroke="{MUTED}" '
        f'stroke-width="1"/>',
        f'<text x="{LEFT - 6}" y="{_num(axis_y)}" font-size="13" fill="{MUTED}" text-anchor="end">'
        f"{escape(label(bottom))}</text>",
        f'<text x="{LEFT - 6}" y="{TOP + 10}" font-size="13" fill="{MUTED}" text-anchor="end">'
        f"{escape(label(top))}</text>",
        f'<text x="{LEFT}" y="{HEIGHT - 10}" font-size="13" fill="{MUTED}">{escape(_day(start))}</text>',
        f'<text x="{LEFT + PLOT_W}" y="{HEIGHT - 10}" font-size="13" fill="{MUTED}" text-anchor="end">'
        f"{escape(_day(end))}</text>",
    ]
    if not points:
        parts.append(f'<text x="{LEFT + PLOT_W / 2:.0f}" y="{TOP + PLOT_H / 2:.0f}" font-size="13" fill="{MUTED}" '
                     f'text-anchor="middle">No runs counted yet</text>')
    elif bars:
        for day, value in points:
            left, right = x(day), x(day + timedelta(days=7))
            reached = value >= target
            parts.append(
                f'<rect x="{_num(left + 1)}" y="{_num(y(value))}" width="{_num(max(right - left - 2, 1))}" '
                f'height="{_num(axis_y - y(value))}" fill="{OK if reached else BRAND}">'
                f"<title>{escape(_day(day))}: {escape(label(value))}</title></rect>")
    else:
        coords = [(x(day, 0.5), y(value)) for day, value in points]
        if len(coords) > 1:
            line = " ".join(f"{_num(cx)},{_num(cy)}" for cx, cy in coords)
            parts.append(f'<polyline points="{line}" fill="none" stroke="{BRAND}" stroke-width="2"/>')
        for (day, value), (cx, cy) in zip(points, coords, strict=True):
            reached = value <= target if lower_is_better else value >= target
            parts.append(f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="4" fill="{OK if reached else BRAND}">'
                         f"<title>{escape(_day(day))}: {escape(label(value))}</title></circle>")
    target_y = _num(y(target))
    parts += [
        f'<line x1="{LEFT}" y1="{target_y}" x2="{LEFT + PLOT_W}" y2="{target_y}" stroke="{TARGET}" '
        f'stroke-width="2" stroke-dasharray="6 4"/>',
        f'<text x="{LEFT + PLOT_W}" y="{_num(y(target) - 5)}" font-size="14" fill="{TARGET}" text-anchor="end">'
        f"Target {escape(label(target))}</text>",
        "</svg>",
    ]
    return "".join(parts)
