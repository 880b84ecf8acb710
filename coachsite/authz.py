"""Who may see what, written once.

Views never decide access themselves: they load objects through these helpers, which answer
404 (never 403) so that nobody learns that another person's object exists.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, or_, select

from coachsite.extensions import db
from coachsite.models import Client, User

F = TypeVar("F", bound=Callable[..., Any])


def public(view: F) -> F:
    """Mark a view as reachable without logging in (everything else requires a login)."""
    setattr(view, "is_public", True)
    return view


def is_public(view: Callable[..., Any] | None) -> bool:
    return bool(getattr(view, "is_public", False))


def managed_clients(user: User) -> Select[tuple[Client]]:
    """The clients a user may change: a trainer's own roster."""
    if not user.is_trainer:
        return select(Client).where(False)
    return select(Client).where(Client.trainer_id == user.id)


def visible_clients(user: User) -> Select[tuple[Client]]:
    """The clients a user may see: their roster, or (for a runner) their own record."""
    return select(Client).where(or_(Client.trainer_id == user.id, Client.runner_id == user.id))


def can_manage_client(user: User, client: Client) -> bool:
    return user.is_trainer and client.trainer_id == user.id


def can_view_client(user: User, client: Client) -> bool:
    return can_manage_client(user, client) or client.runner_id == user.id


def visible_client_or_404(client_id: int) -> Client:
    client = db.session.get(Client, client_id)
    if client is None or not can_view_client(current_user, client):
        abort(404)
    return client


def managed_client_or_404(client_id: int) -> Client:
    client = db.session.get(Client, client_id)
    if client is None or not can_manage_client(current_user, client):
        abort(404)
    return client


def own_client(user: User) -> Client | None:
    """The roster entry of a runner account (None for trainers and unlinked accounts)."""
    if not user.is_runner:
        return None
    return db.session.scalar(select(Client).where(Client.runner_id == user.id))


def require_trainer() -> None:
    if not current_user.is_trainer:
        abort(404)


def template_predicates() -> dict[str, Any]:
    """The same rules, offered to templates through a context processor."""
    return {
        "can_manage_client": lambda client: current_user.is_authenticated and can_manage_client(current_user, client),
        "can_view_client": lambda client: current_user.is_authenticated and can_view_client(current_user, client),
    }
