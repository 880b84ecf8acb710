"""Roster use-cases. Explicit arguments, flush() not commit(): the view commits once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Select, func, nulls_last, or_, select

from coachsite.auth import services as accounts
from coachsite.auth.services import AccountProblem
from coachsite.extensions import db
from coachsite.models import Client, Membership, User, utcnow

SORTS = ("name", "activity")
STATUSES = ("active", "archived")


@dataclass(frozen=True)
class RosterQuery:
    search: str = ""
    status: str = "active"
    sort: str = "name"
    page: int = 1


def roster(trainer: User, query: RosterQuery) -> Select[tuple[Client]]:
    statement = select(Client).where(Client.trainer_id == trainer.id)
    if query.status == "archived":
        statement = statement.where(Client.archived_at.is_not(None))
    else:
        statement = statement.where(Client.archived_at.is_(None))
    if query.search:
        pattern = "%" + query.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(or_(Client.name.ilike(pattern, escape="\\"),
                                        Client.email.ilike(pattern, escape="\\")))
    if query.sort == "activity":
        return statement.order_by(nulls_last(Client.last_activity_on.desc()), func.lower(Client.name), Client.id)
    return statement.order_by(func.lower(Client.name), Client.id)


def add_client(trainer: User, draft: dict[str, Any], *, invite_days: int) -> tuple[Client, str | None]:
    """A new roster entry, and an invite secret when it has an email."""
    _check_email_free(trainer, draft.get("email"), None)
    client = Client(trainer_id=trainer.id, club_id=_trainer_club_id(trainer), **_clean(draft))
    db.session.add(client)
    db.session.flush()
    secret = accounts.issue_invite(client, timedelta(days=invite_days)) if client.email else None
    return client, secret


def update_client(client: Client, draft: dict[str, Any]) -> None:
    cleaned = _clean(draft)
    if client.runner_id is not None and cleaned["email"] != client.email:
        raise AccountProblem("This runner has joined with this email; they change it in their own settings.", "email")
    _check_email_free(client.trainer, cleaned["email"], client.id)
    for name, value in cleaned.items():
        setattr(client, name, value)


def new_invite(client: Client, *, invite_days: int) -> str:
    if not client.email:
        raise AccountProblem("Add the runner's email first; the invite is tied to it.")
    if client.runner_id is not None:
        raise AccountProblem(f"{client.name} has already joined.")
    if client.is_archived:
        raise AccountProblem(f"Restore {client.name} first; an archived client cannot join.")
    return accounts.issue_invite(client, timedelta(days=invite_days))


def archive(client: Client) -> None:
    client.archived_at = client.archived_at or utcnow()


def restore(client: Client) -> None:
    client.archived_at = None


def _clean(draft: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(draft)
    cleaned["email"] = accounts.normalise_email(cleaned["email"]) if cleaned.get("email") else None
    cleaned["notes"] = cleaned.get("notes") or ""
    return cleaned


def _check_email_free(trainer: User, email: str | None, client_id: int | None) -> None:
    if not email:
        return
    clash = db.session.scalar(select(Client.id).where(
        Client.trainer_id == trainer.id, Client.email == accounts.normalise_email(email),
        Client.id != (client_id or 0)))
    if clash:
        raise AccountProblem("Another client on your roster has this email.", "email")


def _trainer_club_id(trainer: User) -> int | None:
    return db.session.scalar(select(Membership.club_id).where(Membership.user_id == trainer.id,
                                                              Membership.role.in_(("owner", "trainer")))
                             .order_by(Membership.id).limit(1))
