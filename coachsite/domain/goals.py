"""Goal and milestone settling.

A goal is a small contract between trainer and runner: a target with a
deadline, a reward and a consequence.  Milestones are the same kind of
contract on intermediate dates.  This module decides, from the runs a runner
logged, whether each contract is ACHIEVED, MISSED, EXCUSED or still PENDING.

Pure standard-library code: no clock (``today`` is always passed in), no
database, no framework.  Units: metres, seconds, ``datetime.date``.

Rules (the ones the product brief left open are marked *chosen*):

* Window: a run counts for a contract only if ``start <= run.on <= due``
  and, *chosen*, ``run.on <= today`` (a run dated in the future has not
  happened yet, so it cannot settle anything).
* DISTANCE: one run of at least ``distance_m``, *chosen* with the same 1 %
  GPS tolerance as TIME (``GPS_TOLERANCE``); a watch measuring 9.95 km on a
  measured 10 km course should not cost the runner the reward.
* TIME: one run with ``distance >= distance_m * (1 - GPS_TOLERANCE)`` and a
  duration, whose pace-equivalent time ``seconds * distance_m / distance``
  is ``<= time_s``.  Longer runs count through their average pace; shorter
  runs (beyond the tolerance) never count, however fast.
* WEEKLY_VOLUME / CONSISTENCY: calendar weeks start on ``week_start``
  (0 = Monday ... 6 = Sunday).  Only weeks lying *entirely* inside
  ``[start, due]`` count, so a partial first week (and a partial week holding
  the due date) is never required; the target weeks are the last ``weeks`` of
  those full weeks, i.e. the weeks ending at the due date's week.  If fewer
  full weeks fit, the contract cannot be achieved and is MISSED after due.
  WEEKLY_VOLUME sums metres (no tolerance: it is a total, not one
  measurement).  CONSISTENCY counts runs (two runs on one day are two runs);
  a run counts if it has a positive distance *or* a positive duration.
* RACE: achieved by a ``RaceResult`` for ``race_id`` dated on or before the
  due date (and not after today).  *Chosen*: the start date does not bound
  race results, since the link to one specific race already ties it to the
  goal; if the target has ``time_s`` the finish time must be at most that.
* States: ACHIEVED as soon as the counted runs meet the target
  (``settled_on`` is the deciding run's date); else EXCUSED if the contract
  is excused (*chosen*: excusing never takes away an achievement, and takes
  effect immediately, even before the due date); else MISSED once
  ``today > due`` (on the due date itself it is still PENDING); else PENDING.
* Idempotence: a contract passed in with a final state (ACHIEVED, MISSED,
  EXCUSED) keeps it: settling never reverses a decision, even if runs were
  later added or deleted.  Feeding outcomes back in yields equal outcomes.
* Determinism: runs are processed in the order (date, id, longest first), so
  the result, including the deciding run, does not depend on input order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

GPS_TOLERANCE = 0.01  # a single run may be 1 % short of the target distance
EASING_FREEZE_DAYS = 7  # no easing once the due date is this close
_REL_EPS = 1e-9  # absorbs float rounding when comparing sums and ratios
_WEEK = timedelta(days=7)

Key = str | int


class Kind(Enum):
    DISTANCE = "distance"
    TIME = "time"
    WEEKLY_VOLUME = "weekly_volume"
    CONSISTENCY = "consistency"
    RACE = "race"


class State(Enum):
    PENDING = "pending"
    ACHIEVED = "achieved"
    MISSED = "missed"
    EXCUSED = "excused"


FINAL_STATES = frozenset({State.ACHIEVED, State.MISSED, State.EXCUSED})
# The only kinds settled by calendar weeks: the others never read settle()'s week_start.
WEEKLY_KINDS = frozenset({Kind.WEEKLY_VOLUME, Kind.CONSISTENCY})

# Fields each kind needs; validated up front so settle() never has to guess.
_REQUIRED: dict[Kind, tuple[str, ...]] = {
    Kind.DISTANCE: ("distance_m",),
    Kind.TIME: ("distance_m", "time_s"),
    Kind.WEEKLY_VOLUME: ("distance_m", "weeks"),
    Kind.CONSISTENCY: ("runs_per_week", "weeks"),
    Kind.RACE: ("race_id",),
}


@dataclass(frozen=True)
class Target:
    kind: Kind
    distance_m: float | None = None
    time_s: int | None = None
    weeks: int | None = None
    runs_per_week: int | None = None
    race_id: int | str | None = None

    def __post_init__(self) -> None:
        # Fail at the boundary instead of settling a target nobody can read.
        for name in _REQUIRED[self.kind]:
            if getattr(self, name) is None:
                raise ValueError(f"{self.kind.value} target needs {name}")
        for name in ("distance_m", "time_s", "weeks", "runs_per_week"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be positive, got {value!r}")
        for name in ("weeks", "runs_per_week"):
            value = getattr(self, name)
            if value is not None and value != int(value):
                raise ValueError(f"{name} must be a whole number, got {value!r}")


@dataclass(frozen=True)
class Contract:
    """A goal or a milestone: the same rules settle both."""

    key: Key
    start: date
    due: date
    target: Target
    excused: bool = False
    state: State = State.PENDING

    def __post_init__(self) -> None:
        if self.due < self.start:
            raise ValueError(f"due {self.due} is before start {self.start}")


@dataclass(frozen=True)
class Run:
    id: int | None
    on: date
    distance_m: float | None  # None/0 = not recorded
    seconds: int | None  # None/0 = not recorded


@dataclass(frozen=True)
class RaceResult:
    race_id: int | str
    on: date
    time_s: int | None


@dataclass(frozen=True)
class Progress:
    """Where the runner stands, for text and a progress bar.

    ``best``/``target`` by kind: DISTANCE longest run / distance (m);
    TIME best equivalent time / time limit (s); WEEKLY_VOLUME and
    CONSISTENCY target weeks done / weeks needed; RACE finish time (s) /
    time limit (s, may be None).  ``current_week`` (weekly kinds only) is the
    metres or runs in the calendar week holding ``min(today, due)``.
    """

    best: float | None
    target: float | None
    fraction: float  # 0..1; 1.0 exactly when achieved
    current_week: float | None = None


@dataclass(frozen=True)
class Outcome:
    key: Key
    state: State
    run_id: int | None  # deciding run (for weekly kinds: the run completing the last week)
    settled_on: date | None  # deciding run/result date; due date if MISSED; else None
    progress: Progress


@dataclass(frozen=True)
class _Verdict:
    """What the facts alone say, before states and excuses are applied."""

    decided_on: date | None  # set when achieved
    run_id: int | None
    progress: Progress


# ---------------------------------------------------------------- helpers


def _has_distance(run: Run) -> bool:
    d = run.distance_m
    return d is not None and math.isfinite(d) and d > 0


def _has_time(run: Run) -> bool:
    return run.seconds is not None and run.seconds > 0


def _run_order(run: Run) -> tuple[date, bool, int, float, int]:
    # Total order so same-day ties (and thus the deciding run) never depend
    # on the order the caller happened to pass runs in.
    distance = run.distance_m if _has_distance(run) else 0.0
    return (run.on, run.id is None, run.id or 0, -distance, run.seconds or 0)


def _reaches(value: float, need: float) -> bool:
    return value >= need * (1 - _REL_EPS)


def _ratio(value: float, need: float) -> float:
    return max(0.0, min(1.0, value / need))


def _week_of(day: date, week_start: int) -> date:
    """First day of the calendar week holding ``day``."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def _check_week_start(week_start: int) -> None:
    if week_start not in range(7):
        raise ValueError(f"week_start must be 0..6, got {week_start!r}")


def target_weeks(contract: Contract, week_start: int = 0) -> list[date]:
    """First days of the weeks a weekly contract is judged on, oldest first.

    Fewer than ``target.weeks`` entries means the contract cannot be met
    (useful for form validation).  Empty for non-weekly kinds.
    """
    _check_week_start(week_start)
    weeks = contract.target.weeks
    if contract.target.kind not in (Kind.WEEKLY_VOLUME, Kind.CONSISTENCY) or not weeks:
        return []
    last = _week_of(contract.due, week_start)
    if last + timedelta(days=6) > contract.due:  # due's week is incomplete
        last -= _WEEK
    first_allowed = _week_of(contract.start, week_start)
    if first_allowed < contract.start:  # start's week is incomplete
        first_allowed += _WEEK
    found: list[date] = []
    week = last
    while week >= first_allowed and len(found) < weeks:
        found.append(week)
        week -= _WEEK
    return found[::-1]


def _counted(contract: Contract, ordered: Sequence[Run], until: date) -> list[Run]:
    last = min(contract.due, until)
    return [r for r in ordered if contract.start <= r.on <= last]


def _equivalent_time(run: Run, distance_m: float) -> float | None:
    """Time over ``distance_m`` at the run's average pace, if the run qualifies."""
    if not (_has_distance(run) and _has_time(run)):
        return None
    assert run.distance_m is not None and run.seconds is not None
    if run.distance_m < distance_m * (1 - GPS_TOLERANCE):
        return None
    return run.seconds * distance_m / run.distance_m


def _volume(run: Run) -> float:
    return run.distance_m if _has_distance(run) and run.distance_m else 0.0


def _session(run: Run) -> float:
    return 1.0 if _has_distance(run) or _has_time(run) else 0.0


# ------------------------------------------------------------ evaluation


def _eval_distance(target: Target, runs: Sequence[Run]) -> _Verdict:
    assert target.distance_m is not None
    need = target.distance_m * (1 - GPS_TOLERANCE)
    best: float | None = None
    deciding: Run | None = None
    for run in runs:
        if not _has_distance(run):
            continue
        assert run.distance_m is not None
        best = run.distance_m if best is None else max(best, run.distance_m)
        if deciding is None and _reaches(run.distance_m, need):
            deciding = run
    fraction = 1.0 if deciding else _ratio(best or 0.0, target.distance_m)
    return _verdict(deciding, Progress(best, target.distance_m, fraction))


def _eval_time(target: Target, runs: Sequence[Run]) -> _Verdict:
    assert target.distance_m is not None and target.time_s is not None
    best: float | None = None
    deciding: Run | None = None
    for run in runs:
        equivalent = _equivalent_time(run, target.distance_m)
        if equivalent is None:
            continue
        best = equivalent if best is None else min(best, equivalent)
        if deciding is None and equivalent <= target.time_s * (1 + _REL_EPS):
            deciding = run
    if deciding:
        fraction = 1.0
    else:  # slower than the limit: how close, as limit / best
        fraction = _ratio(target.time_s, best) if best else 0.0
    return _verdict(deciding, Progress(best, target.time_s, fraction))


def _eval_weekly(
    contract: Contract, runs: Sequence[Run], week_start: int, today: date
) -> _Verdict:
    target = contract.target
    assert target.weeks is not None
    amount: Callable[[Run], float]
    if target.kind is Kind.WEEKLY_VOLUME:
        assert target.distance_m is not None
        need, amount = float(target.distance_m), _volume
    else:
        assert target.runs_per_week is not None
        need, amount = float(target.runs_per_week), _session
    totals = {week: 0.0 for week in target_weeks(contract, week_start)}
    done = 0
    deciding: Run | None = None
    for run in runs:  # chronological, so the run that completes the last week wins
        week = _week_of(run.on, week_start)
        if week not in totals:
            continue
        before = totals[week]
        totals[week] = before + amount(run)
        if not _reaches(before, need) and _reaches(totals[week], need):
            done += 1
            if done == target.weeks:
                deciding = run
    # Current week is informative only; it need not be a target week.
    ref = _week_of(min(max(today, contract.start), contract.due), week_start)
    current = sum(amount(r) for r in runs if _week_of(r.on, week_start) == ref)
    if deciding:
        fraction = 1.0
    else:  # partial credit per week keeps the bar moving within a week
        fraction = sum(min(1.0, t / need) for t in totals.values()) / target.weeks
    progress = Progress(float(done), float(target.weeks), _ratio(fraction, 1.0), current)
    return _verdict(deciding, progress)


def _eval_race(
    contract: Contract, results: Sequence[RaceResult], today: date
) -> _Verdict:
    target = contract.target
    last = min(contract.due, today)
    finishes = [r for r in results if r.race_id == target.race_id and r.on <= last]
    times = [r.time_s for r in finishes if r.time_s is not None]
    best = float(min(times)) if times else None
    qualifying = [
        r
        for r in finishes
        if target.time_s is None or (r.time_s is not None and r.time_s <= target.time_s)
    ]
    first = min(qualifying, key=lambda r: r.on, default=None)
    target_time = float(target.time_s) if target.time_s is not None else None
    progress = Progress(best, target_time, 1.0 if first else 0.0)
    return _Verdict(first.on if first else None, None, progress)


def _verdict(deciding: Run | None, progress: Progress) -> _Verdict:
    if deciding is None:
        return _Verdict(None, None, progress)
    return _Verdict(deciding.on, deciding.id, progress)


def _evaluate(
    contract: Contract,
    ordered: Sequence[Run],
    today: date,
    week_start: int,
    race_results: Sequence[RaceResult],
) -> _Verdict:
    kind = contract.target.kind
    if kind is Kind.RACE:
        return _eval_race(contract, race_results, today)
    runs = _counted(contract, ordered, today)
    if kind is Kind.DISTANCE:
        return _eval_distance(contract.target, runs)
    if kind is Kind.TIME:
        return _eval_time(contract.target, runs)
    return _eval_weekly(contract, runs, week_start, today)


def _decide(contract: Contract, verdict: _Verdict, today: date) -> Outcome:
    key, progress = contract.key, verdict.progress
    achieved = verdict.decided_on is not None
    if contract.state is State.ACHIEVED:
        # Kept even if its runs vanished; the bar stays full.
        full = replace(progress, fraction=1.0)
        if achieved:
            return Outcome(key, State.ACHIEVED, verdict.run_id, verdict.decided_on, full)
        return Outcome(key, State.ACHIEVED, None, None, full)
    if contract.state is State.MISSED:
        return Outcome(key, State.MISSED, None, contract.due, progress)
    if contract.state is State.EXCUSED:
        return Outcome(key, State.EXCUSED, None, None, progress)
    if achieved:
        return Outcome(key, State.ACHIEVED, verdict.run_id, verdict.decided_on, progress)
    if contract.excused:
        return Outcome(key, State.EXCUSED, None, None, progress)
    if today > contract.due:
        return Outcome(key, State.MISSED, None, contract.due, progress)
    return Outcome(key, State.PENDING, None, None, progress)


# ------------------------------------------------------------- public API


def settle(
    contracts: Sequence[Contract],
    runs: Sequence[Run],
    *,
    today: date,
    week_start: int = 0,
    race_results: Sequence[RaceResult] = (),
) -> list[Outcome]:
    """Settle each contract against the runs; outcomes in input order.

    Each contract is judged on its own, so milestones sharing a due date do
    not influence one another.
    """
    _check_week_start(week_start)
    ordered = sorted(runs, key=_run_order)
    return [
        _decide(c, _evaluate(c, ordered, today, week_start, race_results), today)
        for c in contracts
    ]


def progress_series(
    contract: Contract,
    runs: Sequence[Run],
    week_start: int = 0,
    *,
    today: date | None = None,
) -> list[tuple[date, float]]:
    """Points for a small progress chart, oldest first.

    DISTANCE: (run day, longest run so far in m), one point per day with a
    counted run.  TIME: (run day, best equivalent time so far in s), days with
    a qualifying run only.  WEEKLY_VOLUME / CONSISTENCY: (first day of week,
    metres / runs that week) for every calendar week touching [start, due],
    empty weeks included as 0.  RACE: no curve, always [].  With ``today``,
    runs after it and weeks starting after it are left out.
    """
    _check_week_start(week_start)
    target = contract.target
    until = today if today is not None else contract.due
    runs = _counted(contract, sorted(runs, key=_run_order), until)
    points: dict[date, float] = {}
    if target.kind is Kind.DISTANCE:
        best = 0.0
        for run in runs:
            if _has_distance(run):
                best = max(best, _volume(run))
                points[run.on] = best  # last write per day = best at day's end
    elif target.kind is Kind.TIME:
        assert target.distance_m is not None
        fastest = math.inf
        for run in runs:
            equivalent = _equivalent_time(run, target.distance_m)
            if equivalent is not None:
                fastest = min(fastest, equivalent)
                points[run.on] = fastest
    elif target.kind in (Kind.WEEKLY_VOLUME, Kind.CONSISTENCY):
        amount = _volume if target.kind is Kind.WEEKLY_VOLUME else _session
        week = _week_of(contract.start, week_start)
        while week <= contract.due and week <= until:
            points[week] = 0.0
            week += _WEEK
        for run in runs:
            points[_week_of(run.on, week_start)] += amount(run)
    return sorted(points.items())


def is_easier(old: Target, new: Target) -> bool:
    """True if ``new`` asks less than ``old`` in any way that matters.

    Smaller distance, larger (or dropped) time limit, fewer weeks or fewer
    runs per week are easier.  Mixed changes count as easier (a harder field
    must not hide an easier one), and so do a different kind or a different
    race: they cannot be compared, and the freeze must not be dodged by them.
    Fields the kind ignores are ignored.
    """
    if old.kind is not new.kind:
        return True
    for name in _REQUIRED[old.kind] + (("time_s",) if old.kind is Kind.RACE else ()):
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name == "race_id":
            return True
        if name == "time_s":
            if after is None or (before is not None and after > before):
                return True
        elif after < before:
            return True
    return False


def can_make_easier(accepted: bool, due: date, today: date) -> bool:
    """May the target be eased today?

    Drafts (not yet accepted) may always change.  After acceptance easing is
    allowed only while more than ``EASING_FREEZE_DAYS`` days remain: exactly
    7 days before the due date is already inside the freeze, and so is any
    day after the due date.
    """
    if not accepted:
        return True
    return (due - today).days > EASING_FREEZE_DAYS
