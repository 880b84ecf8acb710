"""The journey (looking back): personal bests, longest runs, volume, firsts.

Pure standard-library code: no clock, no database, no framework.  Units:
metres (float), whole seconds (int), ``datetime.date``.  Input order never
matters and missing data (``None``, zero, negative, NaN) is skipped, never
an error: one bad import must not break a runner's history page.

Rules (the ones the product brief left open are marked *chosen*):

* Splits: ``RunRecord.splits`` are *cumulative* points ``(distance_m,
  elapsed seconds)`` since the start of the run, as devices record them.
  The start ``(0, 0)`` is implied (*chosen*: prepended unless the first point
  is already at 0 m).  A series that is not non-decreasing in both distance
  and time, or holds a negative or non-finite value, is unusable and ignored
  as a whole (the run still counts as a whole effort).
* Fastest segment (``fastest_segment``): the quickest contiguous stretch of
  exactly ``distance_m`` anywhere in the splits.  Between two points the
  runner is assumed to move at constant speed (linear interpolation); where
  several points share a distance (a pause) the stretch may start when the
  runner *left* that spot and end when they *reached* it, so standing still
  at either end never counts.  Splits that stop short of the distance give
  nothing: there is no extrapolation.
* Personal bests (``personal_bests``), per standard distance ``d``:

  - a run counts as a *whole effort* with its full time when its distance is
    within ``GPS_TOLERANCE`` (1 %) of ``d`` either way (*chosen*: symmetric,
    so 4.95-5.05 km count for 5 km); a longer run never counts as a faster
    shorter time by itself;
  - a run counts as a *segment* with the fastest segment of its splits (see
    above) when that is faster than its whole-effort time, if any;
  - a race result counts as a whole effort for the standard distance its
    official distance lies within the same tolerance of (a 10-mile race
    gives no standard-distance best);
  - efforts need a positive distance and time; segment times are rounded to
    the nearest whole second and a best must be strictly faster *in whole
    seconds* to be a new point (a tie is not an improvement);
  - efforts are taken by date; on one date only the fastest can be a point
    (*chosen*: ties on a date go to a race, then a whole effort, then the
    lower id), so a progression has at most one point per date.

* Longest run: a new point each time a run is strictly longer than every
  earlier one; on one date only the longest run can be a point.
* A run is *logged* if it has a positive distance or a positive time (as in
  ``goals``); empty records are ignored everywhere.
* Weekly volume: calendar weeks starting on ``week_start`` (0 = Monday ...
  6 = Sunday), from the week of the first logged run to the week of
  ``until`` (default: the last logged run), empty weeks included as 0.0;
  runs after ``until`` are left out.
* Firsts: first run logged (runs only), first 5 km without stopping, first
  10 km, first half marathon, first marathon (one run or race result of at
  least the distance minus ``GPS_TOLERANCE``; *chosen*: a race result counts
  too, as a race is an effort without stopping) and first race (any race
  result).  Sorted by date, then in that list's order; on a shared date a
  race result wins over a run (its distance is official), then lower id.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

from coachsite.domain.calendar import start_of_week
from coachsite.domain.goals import GPS_TOLERANCE

MILE_M = 1609.344
HALF_MARATHON_M = 21097.5
MARATHON_M = 42195.0
STANDARD_DISTANCES: tuple[float, ...] = (
    1000.0,
    MILE_M,
    5000.0,
    10000.0,
    HALF_MARATHON_M,
    MARATHON_M,
)

_WEEK = timedelta(days=7)

SourceId = int | str | None


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class Split:
    """One cumulative point: ``distance_m`` covered after ``seconds``."""

    distance_m: float
    seconds: int


@dataclass(frozen=True)
class RunRecord:
    id: int | None
    on: date
    distance_m: float | None  # None/0 = not recorded
    seconds: int | None  # None/0 = not recorded
    splits: tuple[Split, ...] = ()  # cumulative, see module docstring


@dataclass(frozen=True)
class RaceResultRecord:
    race_id: int | str
    name: str
    on: date
    distance_m: float | None  # the official race distance
    seconds: int | None  # finish time


# ----------------------------------------------------------------- outputs


class Source(Enum):
    RUN = "run"
    RACE = "race"


@dataclass(frozen=True)
class BestPoint:
    """A personal best set on ``on``: faster than every earlier effort."""

    on: date
    seconds: int
    source: Source
    source_id: SourceId  # run id or race id
    whole: bool  # False: a segment inside a longer run (from its splits)


class LongestRun(NamedTuple):
    on: date
    distance_m: float
    run_id: int | None


class WeekVolume(NamedTuple):
    week: date  # first day of the week
    metres: float


class FirstKind(Enum):
    """The milestones ``firsts`` looks for, with a label for pages."""

    RUN = ("first_run", "First run logged")
    FIVE_K = ("first_5k", "First 5 km without stopping")
    TEN_K = ("first_10k", "First 10 km")
    HALF_MARATHON = ("first_half_marathon", "First half marathon")
    MARATHON = ("first_marathon", "First marathon")
    RACE = ("first_race", "First race")

    label: str

    def __new__(cls, value: str, label: str) -> FirstKind:
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label = label
        return obj


# Distance milestones, smallest first; a run of 42 km achieves all four.
_DISTANCE_FIRSTS: tuple[tuple[FirstKind, float], ...] = (
    (FirstKind.FIVE_K, 5000.0),
    (FirstKind.TEN_K, 10000.0),
    (FirstKind.HALF_MARATHON, HALF_MARATHON_M),
    (FirstKind.MARATHON, MARATHON_M),
)
_FIRST_ORDER = {kind: i for i, kind in enumerate(FirstKind)}


@dataclass(frozen=True)
class First:
    kind: FirstKind
    on: date
    source: Source
    source_id: SourceId

    @property
    def label(self) -> str:
        return self.kind.label


# ----------------------------------------------------------------- helpers


def _positive(value: float | None) -> bool:
    return value is not None and math.isfinite(value) and value > 0


def _is_logged(run: RunRecord) -> bool:
    return _positive(run.distance_m) or _positive(run.seconds)


def _id_key(source_id: SourceId) -> tuple[int, int, str]:
    # Ids may be int, str or None: order them without comparing across types.
    if source_id is None:
        return (2, 0, "")
    if isinstance(source_id, int):
        return (0, source_id, "")
    return (1, 0, source_id)


def _near(distance_m: float, standard_m: float) -> bool:
    """Whole-effort rule: within GPS tolerance of the standard, either way."""
    return abs(distance_m - standard_m) <= standard_m * GPS_TOLERANCE


def _reaches(distance_m: float, standard_m: float) -> bool:
    """Milestone rule: at least the standard minus GPS tolerance."""
    return distance_m >= standard_m * (1 - GPS_TOLERANCE)


def _whole_seconds(seconds: float) -> int:
    # Nearest second, halves up; round() would round halves to even.
    return math.floor(seconds + 0.5)


# ---------------------------------------------------------------- segments


class _Track(NamedTuple):
    """Distinct positions with the times the runner reached and left them."""

    at: list[float]
    reached: list[float]
    left: list[float]


def _track(splits: Sequence[Split]) -> _Track | None:
    """Usable cumulative points, or None if the series cannot be trusted."""
    points = [(float(s.distance_m), float(s.seconds)) for s in splits]
    if not points:
        return None
    if any(not (math.isfinite(d) and math.isfinite(t) and d >= 0 and t >= 0) for d, t in points):
        return None
    if points[0][0] > 0:
        points.insert(0, (0.0, 0.0))
    if any(b[0] < a[0] or b[1] < a[1] for a, b in zip(points, points[1:])):
        return None
    track = _Track([], [], [])
    for distance, seconds in points:
        if track.at and track.at[-1] == distance:
            track.left[-1] = seconds  # a pause: the runner leaves later
        else:
            track.at.append(distance)
            track.reached.append(seconds)
            track.left.append(seconds)
    return track


def _between(track: _Track, k: int, x: float) -> float:
    """Time at ``x`` strictly between positions ``k`` and ``k + 1``."""
    x0, x1 = track.at[k], track.at[k + 1]
    t0, t1 = track.left[k], track.reached[k + 1]
    return t0 + (t1 - t0) * (x - x0) / (x1 - x0)


def _reached(track: _Track, x: float) -> float:
    k = bisect_left(track.at, x)
    if track.at[k] == x:
        return track.reached[k]
    return _between(track, k - 1, x)


def _left(track: _Track, x: float) -> float:
    k = bisect_right(track.at, x) - 1
    if track.at[k] == x:
        return track.left[k]
    return _between(track, k, x)


def fastest_segment(splits: Sequence[Split], distance_m: float) -> float | None:
    """Seconds of the fastest stretch of exactly ``distance_m`` in the splits.

    None if the splits are unusable or do not cover the distance.  The time
    over a sliding window is linear between breakpoints, so its minimum lies
    where the window's start or end sits on a point: only those are tried.
    """
    if not _positive(distance_m):
        return None
    track = _track(splits)
    if track is None or track.at[-1] < distance_m:
        return None
    first, last = track.at[0], track.at[-1]
    best: float | None = None
    for k, x in enumerate(track.at):
        # Window starting on point k, and window ending on point k.
        if x + distance_m <= last:
            time = _reached(track, x + distance_m) - track.left[k]
            best = time if best is None else min(best, time)
        if x - distance_m >= first:
            time = track.reached[k] - _left(track, x - distance_m)
            best = time if best is None else min(best, time)
    return best


# ---------------------------------------------------------- personal bests


@dataclass(frozen=True)
class _Effort:
    on: date
    seconds: int
    source: Source
    source_id: SourceId
    whole: bool

    def order(self) -> tuple[date, int, bool, bool, tuple[int, int, str]]:
        # By date; within a date the fastest first, so only it can be a point.
        return (
            self.on,
            self.seconds,
            self.source is Source.RUN,
            not self.whole,
            _id_key(self.source_id),
        )


def _run_effort(run: RunRecord, standard_m: float) -> _Effort | None:
    """The run's best qualifying time over ``standard_m``, whole or segment."""
    whole: int | None = None
    if (
        _positive(run.distance_m)
        and _positive(run.seconds)
        and _near(run.distance_m or 0.0, standard_m)
    ):
        whole = run.seconds
    segment = fastest_segment(run.splits, standard_m) if run.splits else None
    segment_s = _whole_seconds(segment) if segment is not None else None
    if segment_s is not None and segment_s > 0 and (whole is None or segment_s < whole):
        return _Effort(run.on, segment_s, Source.RUN, run.id, whole=False)
    if whole is not None:
        return _Effort(run.on, whole, Source.RUN, run.id, whole=True)
    return None


def _race_effort(race: RaceResultRecord, standard_m: float) -> _Effort | None:
    if not (_positive(race.distance_m) and _positive(race.seconds)):
        return None
    assert race.distance_m is not None and race.seconds is not None
    if not _near(race.distance_m, standard_m):
        return None
    return _Effort(race.on, race.seconds, Source.RACE, race.race_id, whole=True)


def _progression(efforts: Iterable[_Effort]) -> list[BestPoint]:
    points: list[BestPoint] = []
    for effort in sorted(efforts, key=_Effort.order):
        if points and effort.seconds >= points[-1].seconds:
            continue
        points.append(
            BestPoint(effort.on, effort.seconds, effort.source, effort.source_id, effort.whole)
        )
    return points


def personal_bests(
    runs: Iterable[RunRecord],
    races: Iterable[RaceResultRecord],
    distances: Sequence[float] = STANDARD_DISTANCES,
) -> dict[float, list[BestPoint]]:
    """Progression of bests per standard distance, oldest first.

    Every distance asked for is a key, with ``[]`` when nothing qualifies.
    Each point is strictly faster than the one before and on a later date.
    """
    for standard_m in distances:
        if not _positive(standard_m):
            raise ValueError(f"distances must be positive, got {standard_m!r}")
    runs, races = list(runs), list(races)
    result: dict[float, list[BestPoint]] = {}
    for standard_m in distances:
        efforts = [e for r in runs if (e := _run_effort(r, standard_m)) is not None]
        efforts += [e for r in races if (e := _race_effort(r, standard_m)) is not None]
        result[standard_m] = _progression(efforts)
    return result


# ------------------------------------------------------------ longest runs


def longest_run_progression(runs: Iterable[RunRecord]) -> list[LongestRun]:
    """Each time the longest run so far grew: (date, metres, run id)."""
    measured = [r for r in runs if _positive(r.distance_m)]
    # Longest first within a date, so only the day's longest can be a point.
    measured.sort(key=lambda r: (r.on, -(r.distance_m or 0.0), _id_key(r.id)))
    points: list[LongestRun] = []
    for run in measured:
        distance = run.distance_m or 0.0
        if not points or distance > points[-1].distance_m:
            points.append(LongestRun(run.on, distance, run.id))
    return points


# ----------------------------------------------------------- weekly volume


def weekly_volume(
    runs: Iterable[RunRecord], week_start: int = 0, until: date | None = None
) -> list[WeekVolume]:
    """Metres per calendar week, oldest first, with empty weeks as 0.0.

    Empty when there is no logged run on or before ``until``.
    """
    if week_start not in range(7):  # checked up front, even with no runs
        raise ValueError(f"week_start must be 0 (Monday) to 6 (Sunday), got {week_start!r}")
    logged = [r for r in runs if _is_logged(r) and (until is None or r.on <= until)]
    if not logged:
        return []
    first = start_of_week(min(r.on for r in logged), week_start)
    last = start_of_week(until if until is not None else max(r.on for r in logged), week_start)
    totals: dict[date, float] = {}
    week = first
    while week <= last:
        totals[week] = 0.0
        week += _WEEK
    for run in logged:
        if _positive(run.distance_m):
            totals[start_of_week(run.on, week_start)] += run.distance_m or 0.0
    return [WeekVolume(week, metres) for week, metres in totals.items()]


# ------------------------------------------------------------------ firsts


def _first_of(
    candidates: Iterable[tuple[date, Source, SourceId]],
) -> tuple[date, Source, SourceId] | None:
    # Earliest date; on a shared date a race (official distance), then lower id.
    return min(
        candidates,
        key=lambda c: (c[0], c[1] is Source.RUN, _id_key(c[2])),
        default=None,
    )


def firsts(runs: Iterable[RunRecord], races: Iterable[RaceResultRecord]) -> list[First]:
    """Milestones reached so far, in date order (see module rules)."""
    runs, races = list(runs), list(races)
    found: list[First] = []

    def add(kind: FirstKind, candidates: Iterable[tuple[date, Source, SourceId]]) -> None:
        first = _first_of(candidates)
        if first is not None:
            found.append(First(kind, *first))

    add(FirstKind.RUN, ((r.on, Source.RUN, r.id) for r in runs if _is_logged(r)))
    for kind, standard_m in _DISTANCE_FIRSTS:
        from_runs: list[tuple[date, Source, SourceId]] = [
            (r.on, Source.RUN, r.id)
            for r in runs
            if _positive(r.distance_m) and _reaches(r.distance_m or 0.0, standard_m)
        ]
        from_races: list[tuple[date, Source, SourceId]] = [
            (r.on, Source.RACE, r.race_id)
            for r in races
            if _positive(r.distance_m) and _reaches(r.distance_m or 0.0, standard_m)
        ]
        add(kind, from_runs + from_races)
    add(FirstKind.RACE, ((r.on, Source.RACE, r.race_id) for r in races))
    found.sort(key=lambda f: (f.on, _FIRST_ORDER[f.kind]))
    return found
