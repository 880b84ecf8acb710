"""A club with every role in it, for the club, partner and journey tests.

Riverside (owner Olive) has two more trainers, Tom (trains Xena) and Tess (trains Yuri), and
Olive trains Zoe herself. Xena and Yuri are running partners; Zoe is a plain club runner. Otto
owns another club (Hilltop) with his own client Quinn: the outsider. Xena has an accepted goal
with a milestone, a private technique note, runs and a race; there is a challenge and a pending
invite to the club for Otto's email.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coachsite.extensions import db
from coachsite.models import (Activity, Challenge, Client, Club, ClubInvite, Goal, Membership, Milestone,
                              Partnership, Race, TechniqueNote, User, utcnow)


@dataclass
class World:
    club: Club
    other_club: Club
    owner: User  # Olive: owner of Riverside, trains Zoe
    own_trainer: User  # Tom: trains Xena
    trainer: User  # Tess: club trainer who trains Yuri, not Xena
    outsider: User  # Otto: owner of Hilltop
    x: Client  # Xena: the client the routes are about
    y: Client  # Yuri: Xena's running partner
    z: Client  # Zoe: a club runner, nobody's partner
    q: Client  # Quinn: Otto's client in Hilltop
    runner_x: User
    partner: User  # Yuri's runner account
    runner: User  # Zoe's runner account
    partnership: Partnership
    goal: Goal
    milestone: Milestone
    note: TechniqueNote
    challenge: Challenge
    invite: ClubInvite

    def user(self, role: str) -> User:
        return {"owner": self.owner, "trainer": self.trainer, "own_trainer": self.own_trainer,
                "runner": self.runner, "partner": self.partner, "self": self.runner_x,
                "outsider": self.outsider}[role]


def _club(name: str, owner: User) -> Club:
    club = Club(name=name)
    db.session.add(club)
    db.session.flush()
    db.session.add(Membership(club_id=club.id, user_id=owner.id, role="owner"))
    db.session.commit()
    return club


def _join(club: Club, user: User, role: str = "trainer") -> None:
    db.session.add(Membership(club_id=club.id, user_id=user.id, role=role))
    db.session.commit()


def build(make_trainer: Callable[..., User], make_client: Callable[..., Client], make_runner: Callable[..., User],
          today: date) -> World:
    owner = make_trainer(name="Olive Owner", email="olive@example.com")
    own_trainer = make_trainer(name="Tom Trainer", email="tom@example.com")
    trainer = make_trainer(name="Tess Trainer", email="tess@example.com")
    outsider = make_trainer(name="Otto Outsider", email="otto@example.com")
    club = _club("Riverside", owner)
    other = _club("Hilltop", outsider)
    _join(club, own_trainer)
    _join(club, trainer)
    x = make_client(own_trainer, name="Xena Runner", email="xena@example.com", club_id=club.id)
    y = make_client(trainer, name="Yuri Runner", email="yuri@example.com", club_id=club.id)
    z = make_client(owner, name="Zoe Runner", email="zoe@example.com", club_id=club.id)
    q = make_client(outsider, name="Quinn Runner", email="quinn@example.com", club_id=other.id)
    runner_x, partner, runner = make_runner(x), make_runner(y), make_runner(z)
    make_runner(q)
    partnership = Partnership(club_id=club.id, client_a_id=min(x.id, y.id), client_b_id=max(x.id, y.id),
                              kind="partners", confirmed_by_id=owner.id)
    goal = Goal(client_id=x.id, kind="distance", title="First half marathon", start_on=today - timedelta(days=30),
                due_on=today + timedelta(days=60), distance_m=21100.0, reward="new shoes", consequence="coffee",
                state="accepted", proposed_by_id=own_trainer.id)
    milestone = Milestone(due_on=today + timedelta(days=20), distance_m=15000.0, reward="socks", state="accepted")
    goal.milestones = [milestone]
    note = TechniqueNote(client_id=x.id, author_id=own_trainer.id, on=today, area="cadence",
                         observation="PRIVATE overstriding on hills", cue="quick feet", shared=False)
    db.session.add_all([partnership, goal, note])
    for days, km, seconds in ((3, 10.0, 3000), (10, 5.0, 1500), (17, 21.1, 7600)):
        db.session.add(Activity(client_id=x.id, on=today - timedelta(days=days), distance_m=km * 1000,
                                duration_s=seconds))
    db.session.add(Race(client_id=x.id, name="Riverside 10K", on=today + timedelta(days=30), distance_m=10000.0,
                        goal_time_s=2900))
    challenge = Challenge(club_id=club.id, name="Most km this month", metric="distance",
                          starts_on=today - timedelta(days=20), ends_on=today + timedelta(days=10),
                          created_by_id=owner.id)
    invite = ClubInvite(club_id=club.id, email=outsider.email, role="trainer", invited_by_id=owner.id,
                        expires_at=utcnow() + timedelta(days=14))
    db.session.add_all([challenge, invite])
    db.session.commit()
    return World(club=club, other_club=other, owner=owner, own_trainer=own_trainer, trainer=trainer,
                 outsider=outsider, x=x, y=y, z=z, q=q, runner_x=runner_x, partner=partner, runner=runner,
                 partnership=partnership, goal=goal, milestone=milestone, note=note, challenge=challenge,
                 invite=invite)


def ids(world: World) -> dict[str, Any]:
    """The values a route's arguments take in this world."""
    return {"club_id": world.club.id, "client_id": world.x.id, "challenge_id": world.challenge.id,
            "partnership_id": world.partnership.id, "invite_id": world.invite.id}
