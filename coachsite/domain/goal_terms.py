"""The terms of a goal or milestone beyond its target: its dates, and how it reads.

Pure code next to `goals.py` (which settles contracts and decides when a *target* is easier).
*Chosen*: the dates are part of the deal too, so a later due date or an earlier start date
(more runs count) is easing as well, and falls under the same freeze before the due date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coachsite.domain import units
from coachsite.domain.goals import Kind, Target, is_easier


@dataclass(frozen=True)
class Terms:
    target: Target
    start: date
    due: date


def eases(old: Terms, new: Terms) -> bool:
    """True if the new terms ask less of the runner than the old ones in any way."""
    return is_easier(old.target, new.target) or new.due > old.due or new.start < old.start


def _distance(metres: float, unit: str) -> str:
    value = f"{units.from_metres(metres, unit):.2f}".rstrip("0").rstrip(".")
    return f"{value} {unit}"


def describe(target: Target, unit: str = "km", race_name: str | None = None) -> str:
    """How a target reads: "12 km non-stop", "10 km under 50:00", "40 km a week for 4 weeks"."""
    weeks = f"{target.weeks} week{'s' if target.weeks != 1 else ''}"
    if target.kind is Kind.DISTANCE:
        assert target.distance_m is not None
        return f"{_distance(target.distance_m, unit)} non-stop"
    if target.kind is Kind.TIME:
        assert target.distance_m is not None
        return f"{_distance(target.distance_m, unit)} under {units.format_duration(target.time_s)}"
    if target.kind is Kind.WEEKLY_VOLUME:
        assert target.distance_m is not None
        return f"{_distance(target.distance_m, unit)} a week for {weeks}"
    if target.kind is Kind.CONSISTENCY:
        runs = f"{target.runs_per_week} run{'s' if target.runs_per_week != 1 else ''}"
        return f"{runs} a week for {weeks}"
    finish = f"Finish {race_name or 'the race'}"
    return f"{finish} under {units.format_duration(target.time_s)}" if target.time_s else finish
