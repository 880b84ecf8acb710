"""Running-partner suggestions inside a club.

Two members make a good pair when they run at about the same easy pace on
the same days of the week.  This module learns both from the runs a member
logged and ranks the pairs.  Pure standard-library code: no clock (the end
of the look-back window is the last run, or ``until`` when passed), no
database, no framework.  Units: seconds per km, metres, whole seconds;
weekdays follow ``date.weekday()`` (0 = Monday ... 6 = Sunday).

Rules (the ones the product brief left open are marked *chosen*):

* Usual days (``usual_days``): look back ``weeks`` (default 12) seven-day
  blocks ending on ``until`` (default: the latest run).  Each block holds
  every weekday exactly once, so a weekday's share is the number of distinct
  dates with a run on that weekday divided by the number of blocks.
  *Chosen*: blocks wholly before the member's first run in the data are not
  counted, so a new member is not penalised for weeks before they joined.
  A weekday is usual when its share is at least ``min_share``.
* Easy pace (``easy_pace``): the median pace of the slower half of the runs
  with a positive distance and time (*chosen*: with an odd count the middle
  run belongs to the slower half, so one run gives its own pace).  Easy runs
  are most runs, but intervals and races would drag a plain median faster.
* Suggestions (``suggest_pairs``): two different members whose easy paces
  differ by at most ``tolerance_s_per_km`` (inclusive) and who share at
  least ``min_shared_days`` usual days.  Never a member without an easy pace
  and never a pair in ``exclude`` (already partners).  Each pair appears
  once, lower client id first.  Order: more shared days, then smaller pace
  gap, then lower ids, so the list never depends on input order.
  ``score = shared days + closeness / 2`` where closeness is 1 at equal pace
  and 0 at the tolerance edge (1 when the tolerance is 0); the halving keeps
  the score in the same order as the list.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Protocol

DEFAULT_WEEKS = 12
_PACE_EPS = 1e-9  # s/km; absorbs float rounding at the tolerance edge


class TimedRun(Protocol):
    """Anything with a distance and a duration (e.g. ``journey.RunRecord``)."""

    @property
    def distance_m(self) -> float | None: ...

    @property
    def seconds(self) -> int | None: ...


@dataclass(frozen=True)
class RunnerProfile:
    client_id: int
    name: str
    easy_pace_s_per_km: float | None  # None = not enough data: never suggested
    run_weekdays: frozenset[int]  # usual days, e.g. from usual_days()

    def __post_init__(self) -> None:
        # Fail at the boundary rather than pair people on a day 7.
        if any(day not in range(7) for day in self.run_weekdays):
            raise ValueError(f"weekdays must be 0..6, got {sorted(self.run_weekdays)!r}")
        pace = self.easy_pace_s_per_km
        if pace is not None and not (math.isfinite(pace) and pace > 0):
            raise ValueError(f"easy pace must be positive, got {pace!r}")


@dataclass(frozen=True)
class Suggestion:
    client_a: int  # always the lower id
    client_b: int
    pace_gap_s_per_km: float
    shared_days: tuple[int, ...]  # sorted weekdays
    score: float  # higher is better; same order as suggest_pairs' list

    @property
    def pair(self) -> frozenset[int]:
        return frozenset((self.client_a, self.client_b))


# --------------------------------------------------------------- learning


def usual_days(
    run_dates: Sequence[date],
    min_share: float = 0.25,
    weeks: int = DEFAULT_WEEKS,
    until: date | None = None,
) -> frozenset[int]:
    """Weekdays with a run in at least ``min_share`` of the recent weeks."""
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be in (0, 1], got {min_share!r}")
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks!r}")
    end = until if until is not None else max(run_dates, default=None)
    if end is None:
        return frozenset()
    window_start = end - timedelta(days=7 * weeks - 1)
    days = {d for d in run_dates if window_start <= d <= end}
    if not days:
        return frozenset()
    # Blocks are counted back from the end, so the block holding the first
    # run is partly before it; only wholly earlier blocks are dropped.
    blocks = math.ceil(((end - min(days)).days + 1) / 7)
    counts = [0] * 7
    for day in days:
        counts[day.weekday()] += 1
    return frozenset(w for w in range(7) if counts[w] / blocks >= min_share)


def _pace(run: TimedRun) -> float | None:
    distance, seconds = run.distance_m, run.seconds
    if distance is None or seconds is None:
        return None
    if not (math.isfinite(distance) and distance > 0 and seconds > 0):
        return None
    return seconds / (distance / 1000)


def easy_pace(runs: Iterable[TimedRun]) -> float | None:
    """Median pace (s/km) of the slower half of the runs; None without data."""
    paces = sorted(p for r in runs if (p := _pace(r)) is not None)
    if not paces:
        return None
    return float(statistics.median(paces[len(paces) // 2 :]))


# ------------------------------------------------------------- suggesting


def _score(shared: int, gap: float, tolerance: float) -> float:
    closeness = 1.0 if tolerance == 0 else max(0.0, 1 - gap / tolerance)
    return shared + closeness / 2


def suggest_pairs(
    profiles: Iterable[RunnerProfile],
    tolerance_s_per_km: float = 20.0,
    min_shared_days: int = 1,
    exclude: Iterable[frozenset[int]] = frozenset(),
) -> list[Suggestion]:
    """Candidate pairs, best first (see module rules)."""
    if not (math.isfinite(tolerance_s_per_km) and tolerance_s_per_km >= 0):
        raise ValueError(f"tolerance must be zero or more, got {tolerance_s_per_km!r}")
    if min_shared_days < 0:
        raise ValueError(f"min_shared_days must be zero or more, got {min_shared_days!r}")
    profiles = list(profiles)
    ids = [p.client_id for p in profiles]
    if len(set(ids)) != len(ids):
        # Two profiles for one member would let them be paired with themselves.
        raise ValueError("each client may appear only once")
    excluded = {frozenset(pair) for pair in exclude}
    paced = sorted(
        (p for p in profiles if p.easy_pace_s_per_km is not None), key=lambda p: p.client_id
    )
    found: list[Suggestion] = []
    for a, b in combinations(paced, 2):  # ids ascending, so a < b
        assert a.easy_pace_s_per_km is not None and b.easy_pace_s_per_km is not None
        if frozenset((a.client_id, b.client_id)) in excluded:
            continue
        gap = abs(a.easy_pace_s_per_km - b.easy_pace_s_per_km)
        if gap > tolerance_s_per_km + _PACE_EPS:
            continue
        shared = tuple(sorted(a.run_weekdays & b.run_weekdays))
        if len(shared) < min_shared_days:
            continue
        score = _score(len(shared), gap, tolerance_s_per_km)
        found.append(Suggestion(a.client_id, b.client_id, gap, shared, score))
    found.sort(key=lambda s: (-len(s.shared_days), s.pace_gap_s_per_km, s.client_a, s.client_b))
    return found
