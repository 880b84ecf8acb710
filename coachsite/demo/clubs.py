"""Demo club life in Riverside Runners: a second trainer (Jordan Reyes) with two clients, one of
them joined (Casey Nguyen, who runs at Riley's pace on Riley's days), a challenge "Most km in
December 2026", Riley and Casey confirmed as running partners, and Casey's cheer on one of
Riley's milestones.

Idempotent: every piece is looked up by a natural key before it is created. Call after
loader.load (it needs coach@example.com, Riverside Runners and Riley's goals):

    created += clubs.load_clubs(today)
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coachsite.authz import SHARED_GOAL_STATES
from coachsite.demo import training
from coachsite.extensions import db
from coachsite.models import Challenge, Cheer, Client, Club, Goal, Membership, Milestone, Partnership, User

CLUB = "Riverside Runners"
OWNER = "coach@example.com"
TRAINER = ("jordan@example.com", "Jordan Reyes")
# (name, email, joined, motivation, notes)
CLIENTS = [("Casey Nguyen", "casey@example.com", True, "intrinsic",
            "Runs with Riley on Saturdays; building towards a first half marathon."),
           ("Avery Stone", None, False, "extrinsic", "New to the club; two runs a week to start.")]
CASEY_PLAN = (date(2026, 10, 5), date(2027, 3, 31), 352)  # Riley's days, a few seconds per km slower
CHALLENGE = ("Most km in December 2026", date(2026, 12, 1), date(2026, 12, 31))
CHEER = "Great work, Riley! Saturday's long run is on me: see you at the bridge."


def load_clubs(today: date) -> list[str]:
    """Create what is missing; return a line for each thing created."""
    club = db.session.scalar(select(Club).where(Club.name == CLUB))
    owner = db.session.scalar(select(User).where(User.email == OWNER))
    if club is None or owner is None:
        return []
    created: list[str] = []
    jordan = _account(TRAINER[0], TRAINER[1], "trainer", owner.password_hash, created)  # the demo password
    _member(club, jordan, "trainer", created)
    clients = [_client(club, jordan, spec, owner.password_hash, created) for spec in CLIENTS]
    casey = clients[0]
    first, last, pace = CASEY_PLAN
    created += training.load_plan(casey, first, last, today, pace)
    created += _casey_goal(casey, jordan)
    created += _challenge(club, owner)
    riley = db.session.scalar(select(Client).where(Client.club_id == club.id, Client.name == "Riley Runner"))
    if riley is not None:
        pair = _pair(club, owner, riley, casey, created)
        _cheer(pair, casey, riley, created)
    db.session.flush()
    return created


def _account(email: str, name: str, role: str, password_hash: str | None, created: list[str]) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, role=role, password_hash=password_hash)
        db.session.add(user)
        db.session.flush()
        created.append(f"{role} {email}")
    return user


def _member(club: Club, user: User, role: str, created: list[str]) -> None:
    if db.session.scalar(select(Membership.id).where(Membership.club_id == club.id,
                                                     Membership.user_id == user.id)) is None:
        db.session.add(Membership(club_id=club.id, user_id=user.id, role=role))
        created.append(f"{user.name} joins {club.name} as {role}")


def _client(club: Club, trainer: User, spec: tuple[str, str | None, bool, str, str], password_hash: str | None,
            created: list[str]) -> Client:
    name, email, joined, motivation, notes = spec
    client = db.session.scalar(select(Client).where(Client.trainer_id == trainer.id, Client.name == name))
    if client is None:
        client = Client(trainer_id=trainer.id, club_id=club.id, name=name, email=email, motivation=motivation,
                        notes=notes)
        db.session.add(client)
        db.session.flush()
        created.append(f"client {name}")
    if joined and email and client.runner_id is None:
        runner = _account(email, name, "runner", password_hash, created)
        client.runner_id = runner.id
        _member(club, runner, "runner", created)
    return client


def _casey_goal(casey: Client, jordan: User) -> list[str]:
    """An accepted goal with a milestone, so Riley has something of Casey's to cheer."""
    title = "First 15 km"
    if db.session.scalar(select(Goal.id).where(Goal.client_id == casey.id, Goal.title == title)) is not None:
        return []
    goal = Goal(client_id=casey.id, kind="distance", title=title, start_on=date(2026, 10, 5),
                due_on=date(2027, 1, 31), distance_m=15000.0, reward="new running gloves",
                consequence="lead the club warm-up", state="accepted", proposed_by_id=jordan.id)
    goal.milestones = [Milestone(due_on=date(2027, 1, 10), distance_m=13000.0, reward="a new playlist",
                                 consequence="", state="accepted")]
    db.session.add(goal)
    return [f"goal {title} for {casey.name}"]


def _challenge(club: Club, owner: User) -> list[str]:
    name, starts, ends = CHALLENGE
    if db.session.scalar(select(Challenge.id).where(Challenge.club_id == club.id, Challenge.name == name)) is None:
        db.session.add(Challenge(club_id=club.id, name=name, metric="distance", starts_on=starts, ends_on=ends,
                                 created_by_id=owner.id))
        return [f"challenge {name}"]
    return []


def _pair(club: Club, owner: User, riley: Client, casey: Client, created: list[str]) -> Partnership:
    low, high = sorted((riley.id, casey.id))
    pair = db.session.scalar(select(Partnership).where(Partnership.client_a_id == low, Partnership.client_b_id == high,
                                                       Partnership.ended_at.is_(None)))
    if pair is None:
        pair = Partnership(club_id=club.id, client_a_id=low, client_b_id=high, kind="partners",
                           confirmed_by_id=owner.id)
        db.session.add(pair)
        db.session.flush()
        created.append(f"running partners {riley.name} and {casey.name}")
    return pair


def _cheer(pair: Partnership, casey: Client, riley: Client, created: list[str]) -> None:
    if casey.runner_id is None or db.session.scalar(select(Cheer.id).where(Cheer.partnership_id == pair.id)):
        return
    milestone = db.session.scalar(
        select(Milestone).join(Goal, Goal.id == Milestone.goal_id)
        .where(Goal.client_id == riley.id, Goal.state.in_(SHARED_GOAL_STATES), Milestone.state.in_(SHARED_GOAL_STATES))
        .order_by(Milestone.due_on, Milestone.id).limit(1))
    if milestone is None:
        return
    db.session.add(Cheer(partnership_id=pair.id, author_id=casey.runner_id, goal_id=milestone.goal_id,
                         milestone_id=milestone.id, message=CHEER))
    created.append(f"a cheer from {casey.name} on {riley.name}'s milestone")
