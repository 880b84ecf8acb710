"""The runner's home: today's session, this week against the plan, and the weeks ahead."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from coachsite.calendar import grid
from coachsite.extensions import db
from coachsite.models import Client, PlannedSession

COMING_WEEKS = 3


@dataclass(frozen=True)
class ComingWeek:
    first: date
    sessions: list[PlannedSession]


@dataclass(frozen=True)
class Overview:
    today: grid.DayCell
    week: list[grid.DayCell]
    coming: list[ComingWeek]

    @property
    def has_plan(self) -> bool:
        return any(cell.sessions for cell in self.week) or any(w.sessions for w in self.coming)


def overview(client: Client, today: date, week_start: int) -> Overview:
    week = grid.week(client, today, week_start, today)
    after = week[-1].day + timedelta(days=1)
    upcoming = db.session.scalars(select(PlannedSession).where(
        PlannedSession.client_id == client.id,
        PlannedSession.on.between(after, after + timedelta(days=7 * COMING_WEEKS - 1)))
        .order_by(PlannedSession.on, PlannedSession.id)).all()
    coming = []
    for index in range(COMING_WEEKS):
        first = after + timedelta(days=7 * index)
        coming.append(ComingWeek(first, [s for s in upcoming if first <= s.on < first + timedelta(days=7)]))
    [today_cell] = [cell for cell in week if cell.day == today]
    return Overview(today=today_cell, week=week, coming=coming)
