"""Technique notes on plain values: measured values as series per area and unit, drawn small.

Pure: no Flask, no database. A measure is one value a trainer recorded with a note
("cadence 168 spm"); a series is every measure of one area in one unit, oldest first.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Measure:
    on: date
    area: str
    unit: str
    value: float


@dataclass(frozen=True)
class Series:
    area: str
    unit: str  # as the trainer last wrote it
    points: tuple[tuple[date, float], ...]  # oldest first

    @property
    def first(self) -> float:
        return self.points[0][1]

    @property
    def last(self) -> float:
        return self.points[-1][1]

    @property
    def change(self) -> float:
        return self.last - self.first


def text_key(text: str) -> str:
    """Text compared loosely: "SPM" and " spm " are one unit, "Run tall" and "run  tall" one cue."""
    return " ".join(text.split()).casefold()


def measure_series(measures: Iterable[Measure]) -> list[Series]:
    """Group measures by (area, unit), oldest first within a series (stable for equal dates).

    Series are ordered by area, then unit, so the page reads the same every time.
    """
    grouped: dict[tuple[str, str], list[Measure]] = {}
    for measure in measures:
        if not measure.unit.strip():
            continue
        grouped.setdefault((measure.area, text_key(measure.unit)), []).append(measure)
    result = []
    for (area, key), items in sorted(grouped.items()):
        items = sorted(items, key=lambda m: m.on)
        result.append(Series(area=area, unit=items[-1].unit.strip(), points=tuple((m.on, m.value) for m in items)))
    return result


def sparkline(values: Sequence[float], width: int = 120, height: int = 32, pad: int = 3) -> str:
    """SVG polyline points ("x,y x,y ...") for values, higher values drawn higher.

    A flat or single-value series is drawn as a level line in the middle.
    """
    if not values:
        return ""
    low, high = min(values), max(values)
    span_x = (width - 2 * pad) / (len(values) - 1) if len(values) > 1 else 0.0
    points = []
    for index, value in enumerate(values):
        x = pad + index * span_x if len(values) > 1 else width / 2
        y = height / 2 if high == low else pad + (high - value) / (high - low) * (height - 2 * pad)
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)
