"""Data portability: a runner's own data as JSON, a trainer's roster as JSON and CSV.

Exports reuse the authorization rules: a runner's export holds shared notes only; a trainer's
holds only clients they manage. CSV cells that a spreadsheet would run as a formula are
neutralised."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select

from coachsite import authz
from coachsite.domain.units import format_duration
from coachsite.extensions import db
from coachsite.models import (Activity, Client, Goal, GoalComment, Milestone, MotivationScore, PlannedSession, Race,
                              TechniqueNote, User)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_USER_FIELDS = ("id", "email", "name", "role", "units", "week_start", "time_zone", "paper", "created_at")
_SECRET_FIELDS = {"password_hash", "session_version", "secret_hash"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(obj: Any) -> dict[str, Any]:
    """Every column of a model row, minus secrets, as JSON-friendly values."""
    columns = inspect(obj).mapper.column_attrs
    return {c.key: _plain(getattr(obj, c.key)) for c in columns if c.key not in _SECRET_FIELDS}


def _rows(model: Any, *conditions: Any) -> list[dict[str, Any]]:
    return [_row(obj) for obj in db.session.scalars(select(model).where(*conditions).order_by(model.id))]


def client_data(client: Client, notes: Iterable[TechniqueNote]) -> dict[str, Any]:
    goals = _rows(Goal, Goal.client_id == client.id)
    goal_ids = [goal["id"] for goal in goals]
    return {
        "client": _row(client),
        "planned_sessions": _rows(PlannedSession, PlannedSession.client_id == client.id),
        "runs": _rows(Activity, Activity.client_id == client.id),
        "goals": goals,
        "milestones": _rows(Milestone, Milestone.goal_id.in_(goal_ids)),
        "goal_comments": _rows(GoalComment, GoalComment.goal_id.in_(goal_ids)),
        "races": _rows(Race, Race.client_id == client.id),
        "technique_notes": [_row(note) for note in notes],
        "motivation_scores": _rows(MotivationScore, MotivationScore.client_id == client.id),
    }


def user_data(user: User) -> dict[str, Any]:
    """Everything about the person: their account and, for a runner, their training record."""
    data: dict[str, Any] = {"exported_at": _plain(datetime.now()), "account": {f: _plain(getattr(user, f))
                                                                                 for f in _USER_FIELDS}}
    client = authz.own_client(user)
    if client is not None:
        data["training"] = client_data(client, db.session.scalars(authz.shared_notes(client)))
    return data


def roster_data(trainer: User) -> dict[str, Any]:
    clients = db.session.scalars(authz.managed_clients(trainer).order_by(Client.id)).all()
    return {"exported_at": _plain(datetime.now()), "trainer": {f: _plain(getattr(trainer, f)) for f in _USER_FIELDS},
            "clients": [client_data(c, db.session.scalars(authz.visible_notes(trainer, c))) for c in clients]}


ROSTER_COLUMNS = ("name", "email", "status", "units", "motivation", "best_5k", "best_10k", "best_half",
                  "best_marathon", "last_run", "notes")


def roster_rows(trainer: User) -> list[dict[str, Any]]:
    rows = []
    for client in db.session.scalars(authz.managed_clients(trainer).order_by(Client.name, Client.id)):
        rows.append({"name": client.name, "email": client.email or "",
                     "status": "archived" if client.is_archived else "active", "units": client.units,
                     "motivation": client.motivation, "best_5k": format_duration(client.best_5k_s),
                     "best_10k": format_duration(client.best_10k_s), "best_half": format_duration(client.best_half_s),
                     "best_marathon": format_duration(client.best_marathon_s),
                     "last_run": _plain(client.last_activity_on) or "", "notes": client.notes})
    return rows


def neutralise(value: Any) -> str:
    """A cell a spreadsheet would evaluate (=, +, -, @, tab, CR first) is prefixed with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row.get(column)) for column in columns])
    return buffer.getvalue()
