"""Club use-cases: creating a club, inviting trainers, moving a client to another trainer, and
the club pages' read-only summaries. Explicit arguments, flush() not commit(): the view commits.

Summaries for the club pages are deliberately narrow (name, trainer, races by name and date,
shared goals): a club trainer reads the rest of the roster only through them, never through a
client's own pages."""
from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from coachsite import authz
from coachsite.auth.services import find_by_email, normalise_email
from coachsite.extensions import db
from coachsite.models import Client, Club, ClubInvite, Goal, Membership, Milestone, Race, User, utcnow


class ClubProblem(Exception):
    """A use-case refused; `field` names the form field the message belongs next to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InviteProblem(Exception):
    """An invite link that cannot be used; the message says why in the reader's words."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def add_runner_membership(club_id: int, runner_id: int) -> None:
    """The runner account of a club client belongs to the club as a runner (once)."""
    if db.session.scalar(select(Membership.id).where(Membership.club_id == club_id,
                                                     Membership.user_id == runner_id)) is None:
        db.session.add(Membership(club_id=club_id, user_id=runner_id, role="runner"))


# ------------------------------------------------------------------ clubs


def create_club(owner: User, name: str) -> tuple[Club, int]:
    """A new club owned by `owner`; their clients not yet in any club join it. Returns (club, clients moved)."""
    club = Club(name=name.strip())
    db.session.add(club)
    db.session.flush()
    db.session.add(Membership(club_id=club.id, user_id=owner.id, role="owner"))
    joined = 0
    for client in db.session.scalars(select(Client).where(Client.trainer_id == owner.id, Client.club_id.is_(None))):
        client.club_id = club.id
        joined += 1
        if client.runner_id is not None:
            add_runner_membership(club.id, client.runner_id)
    db.session.flush()
    return club, joined


def my_clubs(user: User) -> list[tuple[Club, str]]:
    """The clubs the user belongs to, with their role, by name."""
    rows = db.session.execute(select(Club, Membership.role).join(Membership, Membership.club_id == Club.id)
                              .where(Membership.user_id == user.id, Club.archived_at.is_(None))
                              .order_by(func.lower(Club.name), Club.id))
    return [(club, role) for club, role in rows]


def staff(club: Club) -> list[tuple[User, str]]:
    """The club's owners and trainers, by name."""
    rows = db.session.execute(select(User, Membership.role).join(Membership, Membership.user_id == User.id)
                              .where(Membership.club_id == club.id, Membership.role.in_(authz.CLUB_STAFF),
                                     User.deactivated_at.is_(None))
                              .order_by(func.lower(User.name), User.id))
    return [(user, role) for user, role in rows]


# ------------------------------------------------------------------ invites


def _open_invites() -> list[object]:
    return [ClubInvite.accepted_at.is_(None), ClubInvite.closed_at.is_(None), ClubInvite.expires_at > utcnow()]


def invite(club: Club, inviter: User, email: str, role: str, lifetime: timedelta) -> tuple[ClubInvite, str | None]:
    """Invite a trainer by email. An address with a trainer account gets a pending invite on its
    clubs page (no link: returns secret None); any other address gets a link (the secret)."""
    if role not in ("owner", "trainer"):
        raise ClubProblem("Choose owner or trainer.", "role")
    address = normalise_email(email)
    account = find_by_email(address)
    if account is not None:
        member = db.session.scalar(select(Membership.role).where(Membership.club_id == club.id,
                                                                 Membership.user_id == account.id))
        if member is not None:
            raise ClubProblem(f"{address} is already a member of {club.name} (as {member}). "
                              "Invite someone who is not in the club yet.", "email")
        if not account.is_trainer:
            raise ClubProblem(f"{address} belongs to a runner account. Club staff need a trainer account; "
                              "runners join a club through their trainer's roster.", "email")
    for older in db.session.scalars(select(ClubInvite).where(ClubInvite.club_id == club.id,
                                                             ClubInvite.email == address, *_open_invites())):
        older.closed_at = utcnow()  # the newest invite replaces older ones
    secret = None if account is not None else secrets.token_urlsafe(32)
    row = ClubInvite(club_id=club.id, email=address, role=role, invited_by_id=inviter.id,
                     secret_hash=_digest(secret) if secret else None, expires_at=utcnow() + lifetime)
    db.session.add(row)
    db.session.flush()
    return row, secret


def pending_invites(user: User) -> list[ClubInvite]:
    """Open invites to clubs for the user's email (trainers only), oldest first."""
    if not user.is_trainer:
        return []
    return list(db.session.scalars(select(ClubInvite).where(ClubInvite.email == user.email, *_open_invites())
                                   .order_by(ClubInvite.created_at, ClubInvite.id)))


def pending_invite_or_none(user: User, invite_id: int) -> ClubInvite | None:
    return next((row for row in pending_invites(user) if row.id == invite_id), None)


def invite_by_secret(secret: str) -> ClubInvite:
    row = db.session.scalar(select(ClubInvite).where(ClubInvite.secret_hash == _digest(secret)))
    if row is None:
        raise InviteProblem("This link is not valid. Check that you copied all of it.")
    if row.accepted_at is not None or row.closed_at is not None:
        raise InviteProblem("This invite has already been used or replaced. Ask the club's owner for a new one.")
    if row.expires_at <= utcnow() or row.club.archived_at is not None:
        raise InviteProblem("This invite has expired. Ask the club's owner for a new one.")
    return row


def accept(row: ClubInvite, user: User) -> Membership:
    """The invited trainer joins the club in the invite's role."""
    if normalise_email(user.email) != row.email or not user.is_trainer:
        raise ClubProblem(f"This invite is for {row.email}. Log in with that trainer account to accept it.")
    if db.session.scalar(select(Membership.id).where(Membership.club_id == row.club_id,
                                                     Membership.user_id == user.id)) is not None:
        row.closed_at = utcnow()
        raise ClubProblem(f"You are already a member of {row.club.name}.")
    membership = Membership(club_id=row.club_id, user_id=user.id, role=row.role)
    db.session.add(membership)
    row.accepted_at = utcnow()
    db.session.flush()
    return membership


def decline(row: ClubInvite) -> None:
    row.closed_at = utcnow()


# ------------------------------------------------------------------ moving a client


def move_client(client: Client, trainer_id: int) -> User:
    """Give the client to another trainer of the same club. Their history (sessions, runs, goals,
    notes, races) hangs off the client, so it moves with them; the old trainer loses access unless
    they own the club."""
    if client.club_id is None:
        raise ClubProblem(f"{client.name} is not in a club.")
    if trainer_id == client.trainer_id:
        raise ClubProblem(f"{client.trainer.name} already trains {client.name}: choose another trainer.", "trainer_id")
    club = db.session.get(Club, client.club_id)
    assert club is not None
    trainer = next((user for user, _ in staff(club) if user.id == trainer_id and user.is_trainer), None)
    if trainer is None:
        raise ClubProblem(f"Choose a trainer of {club.name}.", "trainer_id")
    if client.email and db.session.scalar(select(Client.id).where(Client.trainer_id == trainer.id,
                                                                  Client.email == client.email)):
        raise ClubProblem(f"{trainer.name} already has a client with the email {client.email}.", "trainer_id")
    client.trainer_id = trainer.id
    db.session.flush()
    db.session.expire(client, ["trainer"])
    return trainer


# ------------------------------------------------------------------ read-only summaries


@dataclass(frozen=True)
class RosterRow:
    client: Client
    trainer_name: str
    next_race: tuple[str, date] | None
    shared_goals: int


def roster(club: Club, today: date) -> list[RosterRow]:
    """The club's active clients with their trainer, next race and shared goal count: three queries."""
    rows = db.session.execute(select(Client, User.name).join(User, User.id == Client.trainer_id)
                              .where(Client.club_id == club.id, Client.archived_at.is_(None))
                              .order_by(func.lower(Client.name), Client.id)).all()
    in_club = select(Client.id).where(Client.club_id == club.id, Client.archived_at.is_(None))
    next_race: dict[int, tuple[str, date]] = {}
    for client_id, name, on in db.session.execute(
            select(Race.client_id, Race.name, Race.on).where(Race.client_id.in_(in_club), Race.archived_at.is_(None),
                                                              Race.on >= today).order_by(Race.on, Race.id)):
        next_race.setdefault(client_id, (name, on))
    goals = dict(db.session.execute(
        select(Goal.client_id, func.count(Goal.id)).where(Goal.client_id.in_(in_club),
                                                          Goal.state.in_(authz.SHARED_GOAL_STATES))
        .group_by(Goal.client_id)).all())
    return [RosterRow(client, trainer, next_race.get(client.id), goals.get(client.id, 0)) for client, trainer in rows]


def roster_names(club: Club) -> list[str]:
    """What a club runner sees of the roster: the names."""
    return list(db.session.scalars(select(Client.name).where(Client.club_id == club.id, Client.archived_at.is_(None))
                                   .order_by(func.lower(Client.name), Client.id)))


@dataclass(frozen=True)
class SharedGoal:
    goal: Goal
    milestones: list[Milestone]


def shared_goals(client: Client) -> list[SharedGoal]:
    """The client's shared goals (accepted, achieved, missed) with their shared milestones: two queries."""
    goals = list(db.session.scalars(authz.shared_goals(client).order_by(Goal.due_on, Goal.id)))
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    if goals:
        for milestone in db.session.scalars(authz.shared_milestones([goal.id for goal in goals])):
            milestones[milestone.goal_id].append(milestone)
    return [SharedGoal(goal, milestones[goal.id]) for goal in goals]


def races_of(client: Client) -> list[Race]:
    """The client's races (name, date, distance are what the club pages show), by date."""
    return list(db.session.scalars(select(Race).where(Race.client_id == client.id, Race.archived_at.is_(None))
                                   .order_by(Race.on, Race.id)))


@dataclass(frozen=True)
class RaceEntry:
    on: date
    race_name: str
    distance_m: float
    location: str
    runner: str


def race_calendar(club: Club, today: date, past_days: int = 365) -> tuple[list[RaceEntry], list[RaceEntry]]:
    """Who runs which race: (upcoming, soonest first), (past year, latest first). One query."""
    rows = db.session.execute(
        select(Race.on, Race.name, Race.distance_m, Race.location, Client.name)
        .join(Client, Client.id == Race.client_id)
        .where(Client.club_id == club.id, Client.archived_at.is_(None), Race.archived_at.is_(None),
               Race.on >= today - timedelta(days=past_days))
        .order_by(Race.on, func.lower(Race.name), func.lower(Client.name))).all()
    entries = [RaceEntry(*row) for row in rows]
    return [e for e in entries if e.on >= today], [e for e in reversed(entries) if e.on < today]
