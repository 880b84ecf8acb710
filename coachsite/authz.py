"""Who may see what, written once.

Views never decide access themselves: they load objects through these helpers, which answer
404 (never 403) so that nobody learns that another person's object exists.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, false, or_, select

from coachsite.extensions import db
from coachsite.models import Client, PrintJob, Race, TechniqueNote, User

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


def can_log_runs(user: User, client: Client) -> bool:
    """The runner logs their own runs; their trainer may log or import on their behalf."""
    return can_view_client(user, client) and not client.is_archived


def can_propose_goal(user: User, client: Client) -> bool:
    """Goals are the trainer's steps: propose, change targets, cancel, decide excuses, mark rewards."""
    return can_manage_client(user, client) and not client.is_archived


def can_manage_goals(user: User, client: Client) -> bool:
    return can_manage_client(user, client)


def can_accept_goal(user: User, client: Client) -> bool:
    """Only the runner the goal is for accepts it or asks to be excused."""
    return user.is_runner and client.runner_id == user.id


def can_discuss_goals(user: User, client: Client) -> bool:
    """Comments and the motivation questionnaire: the runner or their trainer."""
    return can_view_client(user, client) and not client.is_archived


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


def shared_notes(client: Client) -> Select[tuple[TechniqueNote]]:
    """The technique notes the runner may read: shared ones only. Also the rule for anything the
    runner can see or print (a pace band PDF), whoever renders it: private notes never appear."""
    return select(TechniqueNote).where(TechniqueNote.client_id == client.id, TechniqueNote.shared.is_(True),
                                       TechniqueNote.archived_at.is_(None))


def visible_notes(user: User, client: Client) -> Select[tuple[TechniqueNote]]:
    """A client's technique notes this user may read: all of them for the client's trainer, the
    shared ones for the runner, none for anyone else."""
    if can_manage_client(user, client):
        return select(TechniqueNote).where(TechniqueNote.client_id == client.id, TechniqueNote.archived_at.is_(None))
    if can_view_client(user, client):
        return shared_notes(client)
    return select(TechniqueNote).where(false())


def can_see_note(user: User, note: TechniqueNote) -> bool:
    client = db.session.get(Client, note.client_id)
    if client is None or note.archived_at is not None:
        return False
    return can_manage_client(user, client) or (note.shared and can_view_client(user, client))


def visible_note_or_404(client: Client, note_id: int) -> TechniqueNote:
    """A note of this client that the current user may read (404 otherwise, private or not)."""
    note = db.session.get(TechniqueNote, note_id)
    if note is None or note.client_id != client.id or not can_see_note(current_user, note):
        abort(404)
    return note


def managed_note_or_404(client: Client, note_id: int) -> TechniqueNote:
    note = visible_note_or_404(client, note_id)
    if not can_manage_client(current_user, client):
        abort(404)
    return note


def visible_race_or_404(client: Client, race_id: int) -> Race:
    """A race of this client: its trainer and its runner see it; anyone else gets 404."""
    race = db.session.get(Race, race_id)
    if race is None or race.client_id != client.id or race.archived_at is not None \
            or not can_view_client(current_user, client):
        abort(404)
    return race


def managed_race_or_404(client: Client, race_id: int) -> Race:
    """A race the current user may change: only the client's trainer."""
    race = visible_race_or_404(client, race_id)
    if not can_manage_client(current_user, client):
        abort(404)
    return race


def own_print_job_or_404(job_id: int) -> PrintJob:
    """A batch print job and its file belong to the trainer who asked for it; anyone else gets 404."""
    job = db.session.get(PrintJob, job_id)
    if job is None or not current_user.is_trainer or job.trainer_id != current_user.id:
        abort(404)
    return job


def require_trainer() -> None:
    if not current_user.is_trainer:
        abort(404)


def template_predicates() -> dict[str, Any]:
    """The same rules, offered to templates through a context processor."""
    return {
        "can_manage_client": lambda client: current_user.is_authenticated and can_manage_client(current_user, client),
        "can_view_client": lambda client: current_user.is_authenticated and can_view_client(current_user, client),
        "can_see_note": lambda note: current_user.is_authenticated and can_see_note(current_user, note),
        "can_log_runs": lambda client: current_user.is_authenticated and can_log_runs(current_user, client),
        "can_propose_goal": lambda client: current_user.is_authenticated and can_propose_goal(current_user, client),
        "can_manage_goals": lambda client: current_user.is_authenticated and can_manage_goals(current_user, client),
        "can_accept_goal": lambda client: current_user.is_authenticated and can_accept_goal(current_user, client),
        "can_discuss_goals": lambda client: current_user.is_authenticated and can_discuss_goals(current_user, client),
    }
