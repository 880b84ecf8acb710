"""Run-log use-cases: log a run by hand, import runs from files, skip planned sessions.

flush() only: the view commits once. Every change to a client's runs ends in
after_runs_changed(), the one place that reacts to it.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError

from coachsite import events
from coachsite.calendar.grid import run_fact, session_fact
from coachsite.domain import calendar as cal
from coachsite.extensions import db
from coachsite.importers import ParsedRun, fingerprint, is_running
from coachsite.models import Activity, Client, PlannedSession, User, utcnow

RUN_FIELDS = ("on", "distance_m", "duration_s", "effort", "comment")


@dataclass(frozen=True)
class LoggedRun:
    activity: Activity
    matched: PlannedSession | None  # the planned session of that day the run fulfils, if any


@dataclass(frozen=True)
class ImportResult:
    runs: int  # new runs added
    cross: int  # new cross-training sessions added
    already: int  # skipped: already in the log (or twice in the file)


def log_query(client: Client) -> Select[tuple[Activity]]:
    """The client's log, newest first."""
    return (select(Activity).where(Activity.client_id == client.id)
            .order_by(Activity.on.desc(), Activity.id.desc()))


def log_run(client: Client, draft: Mapping[str, Any], logged_by: User, *, today: date | None = None) -> LoggedRun:
    activity = Activity(client_id=client.id, sport="run", source="manual", logged_by_id=logged_by.id,
                        **{name: draft[name] for name in RUN_FIELDS if name in draft})
    db.session.add(activity)
    after_runs_changed(client, today or activity.on, added=activity.on)  # settling's first query flushes the run
    return LoggedRun(activity, matched_session(client, activity))


# Built once: asked for every run logged.
_DAY_SESSIONS = select(PlannedSession).where(PlannedSession.client_id == bindparam("client"),
                                             PlannedSession.on == bindparam("on"))
_DAY_RUNS = select(Activity).where(Activity.client_id == bindparam("client"), Activity.on == bindparam("on"),
                                   Activity.sport == "run")


def matched_session(client: Client, activity: Activity) -> PlannedSession | None:
    """The session of the run's day that the calendar's matching rule gives this run to."""
    day = {"client": client.id, "on": activity.on}
    sessions = db.session.scalars(_DAY_SESSIONS, day).all()
    if not sessions:
        return None
    runs = db.session.scalars(_DAY_RUNS, day).all()
    matches = cal.match_runs([session_fact(s) for s in sessions], [run_fact(r) for r in runs])
    return next((s for s in sessions if activity.id in matches[s.id]), None)


def existing_fingerprints(client: Client, keys: Sequence[str]) -> set[str]:
    """Which of these import fingerprints the client's log already holds."""
    if not keys:
        return set()
    found = db.session.scalars(select(Activity.fingerprint).where(
        Activity.client_id == client.id, Activity.fingerprint.in_(set(keys))))
    return {key for key in found if key}


def import_runs(client: Client, parsed: Sequence[ParsedRun], logged_by: User, *,
                durations: Mapping[int, int] | None = None, today: date | None = None) -> ImportResult:
    """Add the parsed runs that are not in the log yet, all or nothing.

    A run is known by the importer's fingerprint of what the file said, so a duration the
    person typed in for a file without times (durations: position in `parsed` -> seconds)
    does not make the same file import twice. Non-running sports become cross-training.
    """
    try:
        with db.session.begin_nested():
            result = _insert_new(client, parsed, logged_by, durations or {})
    except IntegrityError:
        # Another request (a double-click on "Import") added some of these in the meantime:
        # look again, now that its rows are visible, and add only what is still missing.
        with db.session.begin_nested():
            result = _insert_new(client, parsed, logged_by, durations or {})
    after_runs_changed(client, today or max((run.on for run in parsed), default=date.min))
    return result


def _insert_new(client: Client, parsed: Sequence[ParsedRun], logged_by: User,
                durations: Mapping[int, int]) -> ImportResult:
    keys = [fingerprint(run) for run in parsed]
    seen = existing_fingerprints(client, keys)
    runs = cross = already = 0
    for position, (run, key) in enumerate(zip(parsed, keys, strict=True)):
        if key in seen:
            already += 1
            continue
        seen.add(key)
        running = is_running(run.sport)
        comment = run.comment or ("" if running else run.sport.capitalize())
        db.session.add(Activity(
            client_id=client.id, on=run.on, sport="run" if running else "cross", distance_m=run.distance_m,
            duration_s=run.duration_s if run.duration_s is not None else durations.get(position),
            effort=run.effort, comment=comment, source=run.source, fingerprint=key, logged_by_id=logged_by.id))
        if running:
            runs += 1
        else:
            cross += 1
    db.session.flush()
    return ImportResult(runs=runs, cross=cross, already=already)


def after_runs_changed(client: Client, today: date, added: date | None = None) -> None:
    """The single hook after a client's runs change: keep the roster's last run date, then
    tell the features that react to runs (goal settling) through coachsite.events.
    `added`: the day of the one run just added, so the last run date is the later of the two
    without asking the database (and the client's row is written once, with the run)."""
    if added is not None:
        client.last_activity_on = max(client.last_activity_on or added, added)
    else:
        client.last_activity_on = db.session.scalar(select(func.max(Activity.on)).where(
            Activity.client_id == client.id, Activity.sport == "run"))
    events.runs_changed(client, today)


def skip_session(session: PlannedSession, reason: str) -> None:
    session.skipped_at = utcnow()
    session.skipped_reason = reason


def unskip_session(session: PlannedSession) -> None:
    session.skipped_at = None
    session.skipped_reason = None
