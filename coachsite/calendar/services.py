"""Planning use-cases on a client's calendar. flush() only: the view commits once."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from coachsite.domain import calendar as cal
from coachsite.extensions import db
from coachsite.models import Client, PlannedSession

SESSION_FIELDS = ("on", "kind", "title", "distance_m", "duration_s", "pace_s_per_km", "pace_zone", "effort",
                  "description")


def add_session(client: Client, draft: dict[str, Any]) -> PlannedSession:
    session = PlannedSession(client_id=client.id, **{name: draft[name] for name in SESSION_FIELDS if name in draft})
    db.session.add(session)
    db.session.flush()
    return session


def update_session(session: PlannedSession, draft: dict[str, Any]) -> None:
    """Edit, including a move to another date (the date is just another field)."""
    for name in SESSION_FIELDS:
        if name in draft:
            setattr(session, name, draft[name])


def remove_session(session: PlannedSession) -> None:
    db.session.delete(session)


def session_or_none(client: Client, session_id: int) -> PlannedSession | None:
    """A session of this client only: ids from another client's calendar find nothing."""
    return db.session.scalar(select(PlannedSession).where(PlannedSession.id == session_id,
                                                          PlannedSession.client_id == client.id))


def copy_week(client: Client, source_day: date, target_day: date, week_start: int) -> int:
    """Copy every session of the week holding source_day into the week holding target_day."""
    source = cal.week_of(source_day, week_start)
    target_start = cal.start_of_week(target_day, week_start)
    if target_start == source[0]:
        raise ValueError("Choose a different week to copy to.")
    mapping = cal.copy_week(source, source[0], target_start)
    sessions = db.session.scalars(select(PlannedSession).where(
        PlannedSession.client_id == client.id, PlannedSession.on.between(source[0], source[-1]))).all()
    for session in sessions:
        draft = {name: getattr(session, name) for name in SESSION_FIELDS}
        draft["on"] = mapping[session.on]
        add_session(client, draft)
    return len(sessions)


def shift_from(client: Client, from_day: date, days: int) -> int:
    """Move every session on or after from_day by `days` (illness, holidays)."""
    sessions = db.session.scalars(select(PlannedSession).where(
        PlannedSession.client_id == client.id, PlannedSession.on >= from_day)).all()
    for session in sessions:
        session.on = session.on + timedelta(days=days)
    return len(sessions)
