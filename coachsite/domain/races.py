"""Race plans on plain values: standard distances, countdown, bests, equivalents and the taper.

Pure: no Flask, no database. Builds on `pacing` (VDOT, Riegel, taper factors); distances in
metres, times in seconds, dates as plain dates.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coachsite.domain import pacing

# (key, label, metres); the keys match the client's best_<key>_s columns.
STANDARD_DISTANCES: tuple[tuple[str, str, float], ...] = (
    ("5k", "5 km", 5000.0), ("10k", "10 km", 10000.0),
    ("half", "Half marathon", pacing.HALF_MARATHON_M), ("marathon", "Marathon", pacing.MARATHON_M))
# A distance typed in miles (13.1 mi = 21,082 m) still counts as the standard race.
STANDARD_TOLERANCE = 0.005

# Weeks of the plan looked at to find the peak week the taper is measured against.
LOOKBACK_WEEKS = 6
# A tapered session is never planned shorter than this; distances are rounded to 100 m.
MIN_TAPERED_M = 500.0
ROUND_TO_M = 100.0
# Sessions of this kind are races, not training: never counted as training volume or scaled.
RACE_KIND = "race"


def standard_key(distance_m: float) -> str | None:
    """'5k', '10k', 'half' or 'marathon' when the distance is that race, else None."""
    for key, _label, metres in STANDARD_DISTANCES:
        if abs(distance_m - metres) <= metres * STANDARD_TOLERANCE:
            return key
    return None


def standard_label(distance_m: float) -> str | None:
    key = standard_key(distance_m)
    return next((label for k, label, _ in STANDARD_DISTANCES if k == key), None)


def standard_metres(key: str) -> float:
    for k, _label, metres in STANDARD_DISTANCES:
        if k == key:
            return metres
    raise ValueError(f"unknown standard distance {key!r}")


def is_new_best(current_s: int | None, result_s: int) -> bool:
    return current_s is None or result_s < current_s


def days_until(race_on: date, today: date) -> int:
    return (race_on - today).days


def countdown_phrase(days: int) -> str:
    """How far away a race is, as people say it: 'today', 'tomorrow', 'in 23 days'."""
    if days < 0:
        raise ValueError("the race is over")
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


# --------------------------------------------------------------------------
# Equivalents and training paces from the best result
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class BestEffort:
    label: str
    distance_m: float
    time_s: int
    vdot: float


@dataclass(frozen=True)
class Equivalent:
    label: str
    distance_m: float
    vdot_s: int
    riegel_s: int
    is_source: bool  # the distance the best was run at


def best_effort(bests: Sequence[tuple[str, float, int | None]]) -> BestEffort | None:
    """The recorded best (label, metres, seconds) with the highest VDOT; None when none is recorded."""
    efforts = [BestEffort(label, metres, seconds, pacing.vdot(metres, seconds))
               for label, metres, seconds in bests if seconds]
    return max(efforts, key=lambda effort: effort.vdot, default=None)


def equivalents(effort: BestEffort) -> list[Equivalent]:
    """Predicted times over the standard distances by VDOT and by Riegel (exponent 1.06)."""
    rows = []
    for _key, label, metres in STANDARD_DISTANCES:
        source = abs(metres - effort.distance_m) <= metres * STANDARD_TOLERANCE
        rows.append(Equivalent(
            label=label, distance_m=metres, is_source=source,
            vdot_s=effort.time_s if source else round(pacing.equivalent_time(effort.distance_m, effort.time_s, metres)),
            riegel_s=effort.time_s if source else round(
                pacing.equivalent_time(effort.distance_m, effort.time_s, metres, model="riegel"))))
    return rows


# --------------------------------------------------------------------------
# Taper
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class PlannedDistance:
    """A planned session as the taper sees it: `original_m` is its distance before any taper."""

    id: int
    on: date
    kind: str
    distance_m: float | None
    original_m: float | None


@dataclass(frozen=True)
class TaperWeek:
    first: date
    last: date
    planned_m: float  # before any taper
    now_m: float  # on the calendar now
    suggested_m: float | None  # None: not a taper week

    @property
    def is_taper(self) -> bool:
        return self.suggested_m is not None


def taper_weeks(distance_m: float) -> int:
    """Three weeks for races longer than a half marathon, two up to it (pacing.taper_factors)."""
    return 3 if distance_m > pacing.HALF_MARATHON_M * (1 + STANDARD_TOLERANCE) else 2


def weeks_before(race_on: date, count: int) -> list[tuple[date, date]]:
    """`count` seven-day weeks ending on race day, oldest first; the last one is race week."""
    return [(race_on - timedelta(days=7 * back + 6), race_on - timedelta(days=7 * back))
            for back in reversed(range(count))]


def _week_index(weeks: list[tuple[date, date]], day: date) -> int | None:
    for index, (first, last) in enumerate(weeks):
        if first <= day <= last:
            return index
    return None


def _counts(session: PlannedDistance, race_on: date) -> bool:
    """Training volume: race day belongs to the race, and a session of the race kind is a race."""
    return session.on != race_on and session.kind != RACE_KIND and session.distance_m is not None


def taper_table(race_on: date, race_distance_m: float, sessions: Sequence[PlannedDistance]) -> list[TaperWeek]:
    """The last LOOKBACK_WEEKS weeks before the race: planned volume, now, and the suggestion.

    Volumes are sums of planned distances (race day and races left out). The suggestion is
    pacing.taper_plan over the planned (pre-taper) volumes, so it is measured against the peak.
    Empty when nothing is planned in those weeks.
    """
    weeks = weeks_before(race_on, LOOKBACK_WEEKS)
    planned = [0.0] * len(weeks)
    now = [0.0] * len(weeks)
    for session in sessions:
        index = _week_index(weeks, session.on)
        if index is None or not _counts(session, race_on):
            continue
        planned[index] += session.original_m if session.original_m is not None else session.distance_m or 0.0
        now[index] += session.distance_m or 0.0
    if not any(planned):
        return []
    count = taper_weeks(race_distance_m)
    suggested = pacing.taper_plan(planned, count)
    return [TaperWeek(first, last, planned[i], now[i], suggested[i] if i >= len(weeks) - count else None)
            for i, (first, last) in enumerate(weeks)]


def scaled_distance(distance_m: float, factor: float) -> float:
    """A session shortened by `factor`, rounded to 100 m, never under 500 m nor over the original."""
    if factor >= 1:
        return distance_m
    rounded = round(distance_m * factor / ROUND_TO_M) * ROUND_TO_M
    return min(distance_m, max(MIN_TAPERED_M, rounded))


def taper_changes(table: Sequence[TaperWeek], sessions: Sequence[PlannedDistance], today: date) -> dict[int, float]:
    """New distances (session id -> metres) that bring each taper week down to its suggestion.

    Only sessions from today on change (the past stays as it was planned), and sessions already
    tapered are left alone, so a taper never applies twice. Within a week, every session still to
    come is scaled by the same factor, chosen so the week's total meets the suggestion; a week
    already at or under its suggestion is not changed (a taper never adds volume).
    """
    changes: dict[int, float] = {}
    race_on = table[-1].last if table else today
    for week in table:
        if not week.is_taper:
            continue
        in_week = [s for s in sessions if week.first <= s.on <= week.last and _counts(s, race_on)]
        to_come = [s for s in in_week if s.on >= today and s.original_m is None]
        coming = {s.id for s in to_come}
        fixed = sum(s.distance_m or 0.0 for s in in_week if s.id not in coming)
        remaining = sum(s.distance_m or 0.0 for s in to_come)
        if remaining <= 0:
            continue
        factor = max(0.0, (week.suggested_m or 0.0) - fixed) / remaining
        if factor >= 1:
            continue
        for session in to_come:
            assert session.distance_m is not None
            new = scaled_distance(session.distance_m, factor)
            if new != session.distance_m:
                changes[session.id] = new
    return changes
