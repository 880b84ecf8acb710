"""Roster columns: sessions done of planned over 7 and 28 days, last run, needs attention.

Two queries for a whole page of clients (sessions and runs of the last 28 days), then the pure
domain rules; the cost does not grow with history or with the size of the roster."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from coachsite.calendar.grid import run_fact, session_fact
from coachsite.domain import calendar as cal
from coachsite.extensions import db
from coachsite.models import Activity, Client, PlannedSession

WINDOW_DAYS = 28


@dataclass(frozen=True)
class RosterFigures:
    last_7: cal.Compliance
    last_28: cal.Compliance
    last_run_on: date | None
    needs_attention: bool


def figures(clients: list[Client], today: date) -> dict[int, RosterFigures]:
    if not clients:
        return {}
    ids = [client.id for client in clients]
    first = today - timedelta(days=WINDOW_DAYS - 1)
    sessions = defaultdict(list)
    for session in db.session.scalars(select(PlannedSession).where(
            PlannedSession.client_id.in_(ids), PlannedSession.on.between(first, today))):
        sessions[session.client_id].append(session_fact(session))
    runs = defaultdict(list)
    for run in db.session.scalars(select(Activity).where(
            Activity.client_id.in_(ids), Activity.on.between(first, today), Activity.sport == "run")):
        runs[run.client_id].append(run_fact(run))
    return {client.id: _figures(client, sessions[client.id], runs[client.id], today) for client in clients}


def _figures(client: Client, sessions: list[cal.SessionFact], runs: list[cal.RunFact], today: date) -> RosterFigures:
    def window(days: int) -> cal.Compliance:
        return cal.compliance(sessions, runs, today - timedelta(days=days - 1), today, today)

    last_run = client.last_activity_on
    return RosterFigures(last_7=window(7), last_28=window(28), last_run_on=last_run,
                         needs_attention=cal.needs_attention(last_run, window(14), today))
