"""Roster columns: sessions done of planned over 7 and 28 days, last run, needs attention.

Two narrow queries for a whole page of clients (the columns of the last 28 days' sessions and
runs, no ORM objects), then the pure domain rules, matching runs once per client; the cost does
not grow with history or with the size of the roster.

The figures change only with the client's data or the date, so each worker memoizes them by
(client, data stamp, today): a roster seen again costs no query for its columns, and a run
logged for one client recomputes that client's row alone."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from coachsite.domain import calendar as cal
from coachsite.extensions import db
from coachsite.memo import Memo
from coachsite.models import Activity, Client, PlannedSession

WINDOW_DAYS = 28
MEMO_SIZE = 20_000  # rows of figures, a few hundred bytes each


@dataclass(frozen=True)
class RosterFigures:
    last_7: cal.Compliance
    last_28: cal.Compliance
    last_run_on: date | None
    needs_attention: bool


_memo: Memo[RosterFigures] = Memo(MEMO_SIZE)


def _key(client: Client, today: date) -> tuple[int, int, date]:
    return client.id, client.data_stamp, today


def figures(clients: list[Client], today: date) -> dict[int, RosterFigures]:
    found = {client.id: known for client in clients if (known := _memo.get(_key(client, today))) is not None}
    missing = [client for client in clients if client.id not in found]
    computed = _computed(missing, today)
    for client in missing:
        _memo.put(_key(client, today), computed[client.id])
    return {**found, **computed}


def _computed(clients: list[Client], today: date) -> dict[int, RosterFigures]:
    if not clients:
        return {}
    ids = [client.id for client in clients]
    first = today - timedelta(days=WINDOW_DAYS - 1)
    sessions: dict[int, list[cal.SessionFact]] = defaultdict(list)
    for row in db.session.execute(select(
            PlannedSession.client_id, PlannedSession.id, PlannedSession.on, PlannedSession.kind,
            PlannedSession.distance_m, PlannedSession.duration_s, PlannedSession.skipped_at)
            .where(PlannedSession.client_id.in_(ids), PlannedSession.on.between(first, today))):
        sessions[row.client_id].append(cal.SessionFact(id=row.id, on=row.on, kind=row.kind, distance_m=row.distance_m,
                                                       duration_s=row.duration_s, skipped=row.skipped_at is not None))
    runs: dict[int, list[cal.RunFact]] = defaultdict(list)
    for row in db.session.execute(select(
            Activity.client_id, Activity.id, Activity.on, Activity.distance_m, Activity.duration_s)
            .where(Activity.client_id.in_(ids), Activity.on.between(first, today), Activity.sport == "run")):
        runs[row.client_id].append(cal.RunFact(id=row.id, on=row.on, distance_m=row.distance_m,
                                               duration_s=row.duration_s))
    return {client.id: _figures(client, sessions[client.id], runs[client.id], today) for client in clients}


def _figures(client: Client, sessions: list[cal.SessionFact], runs: list[cal.RunFact], today: date) -> RosterFigures:
    windows = cal.compliance_windows(sessions, runs, today, (7, 14, WINDOW_DAYS))
    return RosterFigures(last_7=windows[7], last_28=windows[WINDOW_DAYS], last_run_on=client.last_activity_on,
                         needs_attention=cal.needs_attention(client.last_activity_on, windows[14], today))
