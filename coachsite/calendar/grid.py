"""Month and week grids of planned against done: a fixed handful of queries per view,
whatever the length of the client's history."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from coachsite.domain import calendar as cal
from coachsite.extensions import db
from coachsite.models import Activity, Client, PlannedSession


@dataclass
class SessionCell:
    session: PlannedSession
    status: cal.DayStatus


@dataclass
class DayCell:
    day: date
    in_range: bool
    is_today: bool
    sessions: list[SessionCell] = field(default_factory=list)
    runs: list[Activity] = field(default_factory=list)
    status: cal.DayStatus = cal.DayStatus.EMPTY
    # Other features (milestones, races) hang their day's items here: kind -> items.
    extras: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Extra:
    """Something another feature puts on a day: a milestone, a race."""

    label: str
    detail: str = ""
    url: str | None = None


# kind -> loader(client, first, last) -> {day: [Extra]}; one query per kind, whatever the history.
ExtraLoader = Callable[[Client, date, date], dict[date, list[Extra]]]
_EXTRAS: dict[str, ExtraLoader] = {}


def register_extras(kind: str, loader: ExtraLoader) -> None:
    _EXTRAS[kind] = loader


def _extras(client: Client, first: date, last: date) -> dict[date, dict[str, list[Extra]]]:
    by_day: dict[date, dict[str, list[Extra]]] = defaultdict(dict)
    for kind, loader in _EXTRAS.items():
        for day, items in loader(client, first, last).items():
            by_day[day][kind] = items
    return by_day


def session_fact(session: PlannedSession) -> cal.SessionFact:
    return cal.SessionFact(id=session.id, on=session.on, kind=session.kind, distance_m=session.distance_m,
                           duration_s=session.duration_s, skipped=session.skipped_at is not None)


def run_fact(run: Activity) -> cal.RunFact:
    return cal.RunFact(id=run.id, on=run.on, distance_m=run.distance_m, duration_s=run.duration_s)


def load(client_id: int, first: date, last: date) -> tuple[list[PlannedSession], list[Activity]]:
    sessions = db.session.scalars(select(PlannedSession).where(
        PlannedSession.client_id == client_id, PlannedSession.on.between(first, last))
        .order_by(PlannedSession.on, PlannedSession.id)).all()
    runs = db.session.scalars(select(Activity).where(
        Activity.client_id == client_id, Activity.on.between(first, last), Activity.sport == "run")
        .order_by(Activity.on, Activity.id)).all()
    return list(sessions), list(runs)


def build(client: Client, days: list[date], today: date, in_range: tuple[date, date]) -> list[DayCell]:
    """One cell per day with each session's status and the day's overall status."""
    sessions, runs = load(client.id, days[0], days[-1])
    facts = {session.id: session_fact(session) for session in sessions}
    run_facts = {run.id: run_fact(run) for run in runs}
    statuses = cal.session_statuses(facts.values(), run_facts.values(), today)
    by_day_sessions: dict[date, list[PlannedSession]] = defaultdict(list)
    by_day_runs: dict[date, list[Activity]] = defaultdict(list)
    for session in sessions:
        by_day_sessions[session.on].append(session)
    for run in runs:
        by_day_runs[run.on].append(run)
    extras = _extras(client, days[0], days[-1])
    cells = []
    for day in days:
        day_sessions, day_runs = by_day_sessions[day], by_day_runs[day]
        cells.append(DayCell(
            day=day, in_range=in_range[0] <= day <= in_range[1], is_today=day == today,
            sessions=[SessionCell(s, statuses[s.id]) for s in day_sessions], runs=day_runs,
            status=cal.day_status([facts[s.id] for s in day_sessions], [run_facts[r.id] for r in day_runs],
                                  day, today, known=statuses),  # the range's statuses are each day's own
            extras=extras.get(day, {})))
    return cells


def month(client: Client, year: int, month_number: int, week_start: int, today: date) -> list[list[DayCell]]:
    weeks = cal.weeks_of_month(year, month_number, week_start)
    cells = build(client, [day for week in weeks for day in week], today, cal.month_range(year, month_number))
    return [cells[i:i + 7] for i in range(0, len(cells), 7)]


def week(client: Client, any_day: date, week_start: int, today: date) -> list[DayCell]:
    days = cal.week_of(any_day, week_start)
    return build(client, days, today, (days[0], days[-1]))
