"""Calendar grids and planned-versus-done logic for training plans.

Pure functions over plain dataclasses; "today" is always passed in so
results are deterministic and testable. Weekdays follow
``date.weekday()``: 0 = Monday ... 6 = Sunday.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

REST_KIND = "rest"
# A session counts as DONE once at least this share of the plan was run.
DONE_THRESHOLD = 0.8
ATTENTION_NO_RUN_DAYS = 7
ATTENTION_MIN_RATIO = 0.5

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


# --- calendar grids -----------------------------------------------------------


def _check_week_start(week_start: int) -> None:
    if not 0 <= week_start <= 6:
        raise ValueError(f"week_start must be 0 (Monday) to 6 (Sunday), got {week_start}")


def start_of_week(day: date, week_start: int = 0) -> date:
    """The first day of the week containing `day`."""
    _check_week_start(week_start)
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def week_of(day: date, week_start: int = 0) -> list[date]:
    """The seven dates of the week containing `day`."""
    first = start_of_week(day, week_start)
    return [first + timedelta(days=i) for i in range(7)]


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) moved by `n` months, e.g. (2027, 12) + 1 -> (2028, 1)."""
    index = year * 12 + (month - 1) + n
    new_year, new_month0 = divmod(index, 12)
    return new_year, new_month0 + 1


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    first = date(year, month, 1)
    # Avoid the stdlib `calendar` module: this module shadows its name.
    if (year, month) == (9999, 12):
        return first, date(9999, 12, 31)
    next_year, next_month = add_months(year, month, 1)
    return first, date(next_year, next_month, 1) - timedelta(days=1)


def weeks_of_month(year: int, month: int, week_start: int = 0) -> list[list[date]]:
    """Full 7-day rows covering the month, padded with adjacent months' days.

    Gives 4, 5 or 6 rows; only whole weeks touching the month are included.
    """
    first, last = month_range(year, month)
    row_start = start_of_week(first, week_start)
    rows: list[list[date]] = []
    while row_start <= last:
        rows.append([row_start + timedelta(days=i) for i in range(7)])
        row_start += timedelta(days=7)
    return rows


def parse_month(text: str) -> tuple[int, int]:
    """Parse "YYYY-MM" (as used in URLs) into (year, month)."""
    match = _MONTH_RE.match(text.strip())
    if match is None:
        raise ValueError("Use YYYY-MM, e.g. 2027-01")
    year, month = int(match.group(1)), int(match.group(2))
    if year < 1 or not 1 <= month <= 12:
        raise ValueError("Use YYYY-MM, e.g. 2027-01")
    return year, month


# --- planned versus done ------------------------------------------------------


class DayStatus(Enum):
    """Calendar state of a session or day, with a word and a symbol so the
    state never relies on colour alone (print, colour-blind users)."""

    DONE = ("done", "Done", "✓")
    PARTIAL = ("partial", "Partly done", "◐")
    MISSED = ("missed", "Missed", "✗")
    SKIPPED = ("skipped", "Skipped", "–")
    PLANNED = ("planned", "Planned", "○")
    REST = ("rest", "Rest", "z")
    UNPLANNED_RUN = ("unplanned_run", "Extra run", "+")
    EMPTY = ("empty", "", "")

    label: str
    symbol: str

    def __new__(cls, value: str, label: str, symbol: str) -> DayStatus:
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label = label
        obj.symbol = symbol
        return obj

    @property
    def css_class(self) -> str:
        """e.g. "status-unplanned-run" for templates."""
        return "status-" + self.value.replace("_", "-")


@dataclass(frozen=True)
class SessionFact:
    id: int
    on: date
    kind: str
    distance_m: float | None
    duration_s: int | None
    skipped: bool = False


@dataclass(frozen=True)
class RunFact:
    id: int
    on: date
    distance_m: float | None
    duration_s: int | None


@dataclass(frozen=True)
class Compliance:
    done: int
    planned: int
    ratio: float | None


def is_rest(session: SessionFact) -> bool:
    return session.kind.strip().lower() == REST_KIND


def _can_take_runs(session: SessionFact) -> bool:
    # Rest days expect nothing, and a skip is the athlete's explicit answer.
    return not is_rest(session) and not session.skipped


def _mismatch(run: RunFact, session: SessionFact) -> float:
    """Relative gap (0 = identical .. 1) between a run and a plan.

    Compares distance if both have one, else duration; 1.0 when nothing
    is comparable, so informative matches always win.
    """
    pairs = ((run.distance_m, session.distance_m), (run.duration_s, session.duration_s))
    for done, planned in pairs:
        if done and planned:
            return abs(done - planned) / max(done, planned)
    return 1.0


def match_runs(
    sessions: Iterable[SessionFact], runs: Iterable[RunFact]
) -> dict[int, list[int]]:
    """Map every session id to the ids of the runs that fulfil it.

    Rule: runs only match sessions on the same date that are neither rest
    nor skipped. Within a day, (run, session) pairs are taken greedily by
    smallest mismatch (relative distance gap, else duration gap), each
    session first receiving at most one run; leftover runs (more runs than
    sessions, e.g. a run split in two) join their closest session. Ties go
    to the lower session id, then lower run id. Runs on a day with no
    eligible session stay unmatched (see `day_status`: UNPLANNED_RUN).
    """
    sessions = list(sessions)
    result: dict[int, list[int]] = {s.id: [] for s in sessions}
    by_day: dict[date, list[SessionFact]] = {}
    for session in sessions:
        if _can_take_runs(session):
            by_day.setdefault(session.on, []).append(session)
    runs_by_day: dict[date, list[RunFact]] = {}
    for run in runs:
        runs_by_day.setdefault(run.on, []).append(run)

    for day, day_runs in runs_by_day.items():
        candidates = by_day.get(day)
        if not candidates:
            continue
        pairs = sorted(
            ((_mismatch(r, s), s.id, r.id, r, s) for r in day_runs for s in candidates),
            key=lambda p: p[:3],
        )
        used_runs: set[int] = set()
        used_sessions: set[int] = set()
        # Pass 1: one run per session; pass 2: leftovers go to the closest.
        for _, sid, rid, _run, _session in pairs:
            if rid not in used_runs and sid not in used_sessions:
                result[sid].append(rid)
                used_runs.add(rid)
                used_sessions.add(sid)
        for _, sid, rid, _run, _session in pairs:
            if rid not in used_runs:
                result[sid].append(rid)
                used_runs.add(rid)
    for run_ids in result.values():
        run_ids.sort()
    return result


def _fulfilment(session: SessionFact, runs: Sequence[RunFact]) -> float | None:
    """Share of the plan covered by the runs, or None if not comparable."""
    total_distance = sum(r.distance_m or 0 for r in runs)
    total_duration = sum(r.duration_s or 0 for r in runs)
    if session.distance_m and total_distance:
        return total_distance / session.distance_m
    if session.duration_s and total_duration:
        return total_duration / session.duration_s
    # Nothing comparable (e.g. distance plan, time-only runs): trust the
    # athlete rather than flag the session.
    return None


def session_status(
    session: SessionFact, matched_runs: Sequence[RunFact], today: date
) -> DayStatus:
    """Status of one planned session given the runs matched to it.

    Compares run totals with the planned distance when both have one,
    else the planned duration; if nothing is comparable any run = DONE.
    Under 80% is PARTIAL. Logged runs win over PLANNED (today or a future
    date); with no runs, a past date is MISSED and today/future PLANNED.
    """
    if is_rest(session):
        return DayStatus.REST
    if session.skipped:
        return DayStatus.SKIPPED
    if matched_runs:
        share = _fulfilment(session, matched_runs)
        if share is None or share >= DONE_THRESHOLD:
            return DayStatus.DONE
        return DayStatus.PARTIAL
    return DayStatus.MISSED if session.on < today else DayStatus.PLANNED


def session_statuses(
    sessions: Iterable[SessionFact], runs: Iterable[RunFact], today: date
) -> dict[int, DayStatus]:
    """Status of each session id, matching runs first."""
    sessions = list(sessions)
    runs_by_id = {r.id: r for r in runs}
    matched = match_runs(sessions, runs_by_id.values())
    return {
        s.id: session_status(s, [runs_by_id[i] for i in matched[s.id]], today)
        for s in sessions
    }


def day_status(
    sessions_of_day: Sequence[SessionFact],
    runs_of_day: Sequence[RunFact],
    day: date,
    today: date,
    known: Mapping[int, DayStatus] | None = None,
) -> DayStatus:
    """One status summarising a calendar day.

    `known`: the sessions' statuses when the caller already has them (session_statuses over a
    longer range gives the same ones, since runs only match sessions of their own day).

    - nothing planned: UNPLANNED_RUN if a run was logged, else EMPTY;
    - only rest (or only skipped) sessions: UNPLANNED_RUN if a run was
      logged, else REST (or SKIPPED);
    - otherwise over the non-rest sessions: all DONE -> DONE; some run
      matched -> PARTIAL; any PLANNED -> PLANNED; any MISSED -> MISSED;
      else SKIPPED.
    """
    sessions = [s for s in sessions_of_day if s.on == day]
    runs = [r for r in runs_of_day if r.on == day]
    training = [s for s in sessions if not is_rest(s)]
    if not training:
        if runs:
            return DayStatus.UNPLANNED_RUN
        return DayStatus.REST if sessions else DayStatus.EMPTY
    if runs and not any(_can_take_runs(s) for s in training):
        return DayStatus.UNPLANNED_RUN

    if known is None:
        known = session_statuses(training, runs, today)
    statuses = {known[s.id] for s in training}
    if statuses == {DayStatus.DONE}:
        return DayStatus.DONE
    for status in (DayStatus.DONE, DayStatus.PARTIAL):
        if status in statuses:
            return DayStatus.PARTIAL
    for status in (DayStatus.PLANNED, DayStatus.MISSED):
        if status in statuses:
            return status
    return DayStatus.SKIPPED


def compliance(
    sessions: Iterable[SessionFact],
    runs: Iterable[RunFact],
    start: date,
    end: date,
    today: date,
) -> Compliance:
    """Share of due non-rest sessions done in [start, min(end, today)].

    A session is due once its date has passed; today's session only once
    it has a run or is marked skipped (so a morning view does not count
    today's session as not done).
    DONE and PARTIAL both count as done (the athlete turned up); SKIPPED
    and MISSED count as not done. ratio is None when nothing was due.
    """
    last = min(end, today)
    in_window = [s for s in sessions if start <= s.on <= last and not is_rest(s)]
    runs_in_window = [r for r in runs if start <= r.on <= last]
    statuses = session_statuses(in_window, runs_in_window, today)
    due = [st for st in statuses.values() if st is not DayStatus.PLANNED]
    done = sum(1 for st in due if st in (DayStatus.DONE, DayStatus.PARTIAL))
    planned = len(due)
    return Compliance(done=done, planned=planned, ratio=done / planned if planned else None)


def compliance_windows(
    sessions: Iterable[SessionFact],
    runs: Iterable[RunFact],
    today: date,
    days: Sequence[int],
) -> dict[int, Compliance]:
    """compliance() over several windows ending today (e.g. 7, 14, 28 days), matching runs once.

    Runs only ever match sessions of their own day, so statuses worked out over the longest
    window are the same as each window's own: the result equals compliance() per window."""
    first = today - timedelta(days=max(days) - 1)
    due = [s for s in sessions if first <= s.on <= today and not is_rest(s)]
    statuses = session_statuses(due, [r for r in runs if first <= r.on <= today], today)
    found = {}
    for length in days:
        start = today - timedelta(days=length - 1)
        counted = [statuses[s.id] for s in due if s.on >= start and statuses[s.id] is not DayStatus.PLANNED]
        done = sum(1 for status in counted if status in (DayStatus.DONE, DayStatus.PARTIAL))
        found[length] = Compliance(done=done, planned=len(counted), ratio=done / len(counted) if counted else None)
    return found


def needs_attention(
    last_run_on: date | None, compliance_14: Compliance, today: date
) -> bool:
    """Flag an athlete for the coach.

    True when the last run is 7 or more days ago, when no run was ever
    logged although sessions were due, or when under 50% of the last 14
    days' due sessions were done (exactly 50% is fine).
    """
    if last_run_on is None:
        if compliance_14.planned > 0:
            return True
    elif (today - last_run_on).days >= ATTENTION_NO_RUN_DAYS:
        return True
    ratio = compliance_14.ratio
    return ratio is not None and ratio < ATTENTION_MIN_RATIO


# --- bulk date edits ----------------------------------------------------------


def shift_dates(dates: Iterable[date], from_day: date, days: int) -> list[date]:
    """Move every date on or after `from_day` by `days`; earlier ones stay.

    Used for "shift every session from this date on by N days"; the result
    keeps the input order so it can be zipped back onto the sessions.
    """
    delta = timedelta(days=days)
    return [d + delta if d >= from_day else d for d in dates]


def copy_week(
    sessions_dates: Iterable[date], source_week_start: date, target_week_start: date
) -> dict[date, date]:
    """Map each date inside the source week to the same weekday of the
    target week. Dates outside the source week are left out, so callers
    copy exactly the sessions that get a key."""
    offset = target_week_start - source_week_start
    source_end = source_week_start + timedelta(days=6)
    return {
        d: d + offset
        for d in sessions_dates
        if source_week_start <= d <= source_end
    }
