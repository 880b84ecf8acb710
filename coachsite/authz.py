"""Who may see what, written once.

Views never decide access themselves: they load objects through these helpers, which answer
404 (never 403) so that nobody learns that another person's object exists.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, bindparam, false, inspect, or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.util import identity_key

from coachsite.extensions import db
from coachsite.models import (Client, Club, Goal, Membership, Milestone, Partnership, PrintJob, Race, TechniqueNote,
                              User)

F = TypeVar("F", bound=Callable[..., Any])


def public(view: F) -> F:
    """Mark a view as reachable without logging in (everything else requires a login)."""
    setattr(view, "is_public", True)
    return view


def is_public(view: Callable[..., Any] | None) -> bool:
    return bool(getattr(view, "is_public", False))


# ---------------------------------------------------------------- clubs
# Roles: the owner sees and manages every client of the club; a trainer manages their own clients
# and reads the rest of the roster only through the club pages' own summaries (never through
# visible_client_or_404); a runner (the linked account of a club client) sees the club's names,
# race calendar, challenges and their own partners.

CLUB_STAFF = ("owner", "trainer")


def club_role(user: User, club_id: int | None) -> str | None:
    """The user's role in the club ('owner', 'trainer', 'runner'), or None."""
    if club_id is None or not user.is_authenticated:
        return None
    return db.session.scalar(select(Membership.role).where(Membership.club_id == club_id,
                                                           Membership.user_id == user.id))


def owns_club(user: User, club_id: int | None) -> bool:
    return user.is_trainer and club_role(user, club_id) == "owner"


def _owned_club_ids(user: User) -> Select[tuple[int]]:
    return select(Membership.club_id).where(Membership.user_id == user.id, Membership.role == "owner")


def managed_clients(user: User) -> Select[tuple[Client]]:
    """The clients a user may change: a trainer's own roster, and every client of a club they own."""
    if not user.is_trainer:
        return select(Client).where(False)
    return select(Client).where(or_(Client.trainer_id == user.id, Client.club_id.in_(_owned_club_ids(user))))


def visible_clients(user: User) -> Select[tuple[Client]]:
    """The clients a user may see: their roster (with the clubs they own), or (for a runner) their own record."""
    if not user.is_trainer:
        return select(Client).where(Client.runner_id == user.id)
    return select(Client).where(or_(Client.trainer_id == user.id, Client.runner_id == user.id,
                                    Client.club_id.in_(_owned_club_ids(user))))


def can_manage_client(user: User, client: Client) -> bool:
    """The client's own trainer, or the owner of the client's club."""
    return user.is_trainer and (client.trainer_id == user.id or owns_club(user, client.club_id))


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


def _client(client_id: int) -> Client | None:
    """What session.get(Client, id) gives, through a statement built once: a client already in the
    session answers without a query, else one SELECT (session.get builds its query anew each time, at
    about twice the cost, and every page about a client starts here)."""
    known = db.session.identity_map.get(identity_key(Client, client_id))
    if known is not None:
        state = inspect(known)
        if not (state.expired or state.deleted or state.was_deleted):
            return known
    return db.session.scalar(_CLIENT, {"client_id": client_id})


_CLIENT = select(Client).where(Client.id == bindparam("client_id"))


def visible_client_or_404(client_id: int) -> Client:
    client = _client(client_id)
    if client is None or not can_view_client(current_user, client):
        abort(404)
    return client


def managed_client_or_404(client_id: int) -> Client:
    client = _client(client_id)
    if client is None or not can_manage_client(current_user, client):
        abort(404)
    return client


def club_or_404(club_id: int, *roles: str) -> tuple[Club, str]:
    """A club the current user belongs to (in one of `roles`, default any), with their role; 404 otherwise."""
    club = db.session.get(Club, club_id)
    role = club_role(current_user, club_id) if club is not None and club.archived_at is None else None
    if role is None or (roles and role not in roles) or (role in CLUB_STAFF and not current_user.is_trainer):
        abort(404)
    return club, role


def club_client_or_404(club: Club, client_id: int) -> Client:
    """An active client of this club, for the club pages' read-only summaries (staff only: the
    caller loaded the club with club_or_404(club_id, *CLUB_STAFF)). Not a licence to open the
    client's own pages: those still go through visible_client_or_404."""
    client = db.session.get(Client, client_id)
    if client is None or client.club_id != club.id or client.is_archived:
        abort(404)
    return client


def can_move_client(user: User, client: Client) -> bool:
    """The owner of the client's club, or the client's current trainer, moves them to another trainer."""
    return client.club_id is not None and not client.is_archived and can_manage_client(user, client)


def can_pair(user: User, club_id: int, first: Client, second: Client) -> bool:
    """Confirming or ending a running partnership: the club's owner, or a trainer of the club who
    trains either runner."""
    return user.is_trainer and may_pair(user.id, club_role(user, club_id), first, second)


def may_pair(user_id: int, role: str | None, first: Client, second: Client) -> bool:
    """can_pair's rule once the (trainer) user's role in the club is known: for lists of pairs."""
    return role == "owner" or (role == "trainer" and user_id in (first.trainer_id, second.trainer_id))


def open_partnership(first_id: int, second_id: int) -> Partnership | None:
    low, high = sorted((first_id, second_id))
    return db.session.scalar(select(Partnership).where(Partnership.client_a_id == low, Partnership.client_b_id == high,
                                                       Partnership.ended_at.is_(None)))


def partner_client_or_404(client_id: int) -> tuple[Client, Partnership]:
    """The client of the current runner's running partner, with the partnership between them.

    Only a runner whose own client is in a lasting partnership with this client, in the same club,
    both active, gets through; everyone else (their trainers included: they have the client's own
    pages) gets 404. The partner view shows shared goals and cheers only, never anything private."""
    mine = own_client(current_user)
    partner = db.session.get(Client, client_id)
    if mine is None or partner is None or mine.id == partner.id or mine.is_archived or partner.is_archived \
            or mine.club_id is None or mine.club_id != partner.club_id:
        abort(404)
    partnership = open_partnership(mine.id, partner.id)
    if partnership is None or partnership.club_id != mine.club_id:
        abort(404)
    return partner, partnership


def own_client(user: User) -> Client | None:
    """The roster entry of a runner account (None for trainers and unlinked accounts)."""
    if not user.is_runner:
        return None
    return db.session.scalar(_OWN_CLIENT, {"runner_id": user.id})


# With the trainer: every page that shows a runner their own entry names their trainer. Built once:
# the runner's pages ask it on every request.
_OWN_CLIENT = select(Client).where(Client.runner_id == bindparam("runner_id")).options(joinedload(Client.trainer))


def shared_notes(client: Client) -> Select[tuple[TechniqueNote]]:
    """The technique notes the runner may read: shared ones only. Also the rule for anything the
    runner can see or print (a pace band PDF), whoever renders it: private notes never appear."""
    return select(TechniqueNote).where(TechniqueNote.client_id == client.id, TechniqueNote.shared.is_(True),
                                       TechniqueNote.archived_at.is_(None))


# A goal (or milestone) is "shared" once the runner accepted it: accepted, then achieved or missed.
# Proposed ones are still the trainer's draft, cancelled ones were withdrawn, and excused ones carry
# the runner's private reason; none of those leave the runner and their trainers.
SHARED_GOAL_STATES = ("accepted", "achieved", "missed")


def shared_goals(client: Client) -> Select[tuple[Goal]]:
    """The goals of a client that their running partners and the club's trainers may see."""
    return select(Goal).where(Goal.client_id == client.id, Goal.state.in_(SHARED_GOAL_STATES))


def shared_milestones(goal_ids: Select[tuple[int]] | list[int]) -> Select[tuple[Milestone]]:
    """The milestones of those (shared) goals that are shared themselves, in date order."""
    return select(Milestone).where(Milestone.goal_id.in_(goal_ids), Milestone.state.in_(SHARED_GOAL_STATES)) \
        .order_by(Milestone.due_on, Milestone.id)


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
