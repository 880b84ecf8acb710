"""The world of the access tests (issue 8), the access model written independently of authz.py,
and quick whole-database snapshots.

Two clubs, A and B, each with an owner, two trainers and two runners (runner accounts linked to
one client of each trainer); an independent trainer (no club) with a client and that client's
runner account; and the anonymous visitor. Every client has one of every object, so each URL
parameter can be filled with a real id of each owner:

    a1: trains trainer_a1, runner_a1     a2: trains trainer_a2, runner_a2     (club A; a1 and a2 are partners)
    b1: trains trainer_b1, runner_b1     b2: trains trainer_b2, runner_b2     (club B; b1 and b2 are partners)
    i:  trains trainer_i,  runner_i      (no club)

Only ids are kept (plain ints), so a World outlives any database session. build() runs inside
an app context; `open_world()` makes a private migrated database (SQLite file, or a PostgreSQL
database on the server COACHSITE_DATABASE_URL names) holding one world, for module-scoped use:
tests on it never ask for the suite's `app` fixture, so the suite's per-test emptying leaves it
alone, and each module restores the rows itself (`restore`)."""
from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, insert, select

from coachsite import clock
from coachsite.auth.passwords import hash_password
from coachsite.extensions import db
from coachsite.models import (Activity, Challenge, Cheer, Client, ClubInvite, Excuse, FeedToken, Goal, GoalComment,
                              Membership, Milestone, Partnership, PlannedSession, PlanTemplate, PrintJob, Race,
                              TechniqueNote, TemplateSession, User, utcnow)
from coachsite.models.club import Club
from tests.conftest import FAST_HASH, PASSWORD, build_app, throwaway_database

CLIENTS = ("a1", "a2", "b1", "b2", "i")
CLUBS = ("A", "B")
TRAINERS = ("owner_a", "trainer_a1", "trainer_a2", "owner_b", "trainer_b1", "trainer_b2", "trainer_i")
RUNNERS = ("runner_a1", "runner_a2", "runner_b1", "runner_b2", "runner_i")
ACTORS = ("anon", *TRAINERS, *RUNNERS)


@dataclass(frozen=True)
class Person:
    key: str
    id: int
    email: str
    role: str  # "trainer" or "runner"


@dataclass(frozen=True)
class Things:
    """One client and one of everything that hangs off it (None where the client has no club)."""

    key: str
    name: str
    client: int
    session: int
    run: int
    goal: int
    milestone: int
    excuse: int
    comment: int
    shared_note: int
    private_note: int
    race: int
    template: int  # of the client's trainer
    print_job: int  # of the client's trainer
    feed_token: int  # the runner's subscription to their own calendar
    feed_secret: str
    secret_words: str  # written only into the private note: never on a page someone else may not see
    club: int | None = None
    partnership: int | None = None
    cheer: int | None = None  # left by the partner on this client's goal
    challenge: int | None = None
    invite: int | None = None  # a pending invite of the client's club (see build)


@dataclass(frozen=True)
class World:
    people: dict[str, Person]
    things: dict[str, Things]  # by client key
    clubs: dict[str, int]  # "A", "B" -> club id

    def person(self, key: str) -> Person:
        return self.people[key]

    def club_things(self, club: str) -> Things:
        """The club's first client's objects (they hold the club's challenge, pair and invite)."""
        return self.things[club.lower() + "1"]


# ------------------------------------------------------------------ building it


def build(today: date | None = None) -> World:
    """Create the world in the current app context's database (which must be empty)."""
    today = today or clock.today_for("UTC")
    password = hash_password(PASSWORD, FAST_HASH)
    people: dict[str, User] = {}

    def person(key: str, role: str) -> User:
        name = key.replace("_", " ").title()  # "Trainer A1": never a client's name
        user = User(name=name, email=f"{key.replace('_', '.')}@example.com", role=role, password_hash=password)
        db.session.add(user)
        people[key] = user
        return user

    for key in TRAINERS:
        person(key, "trainer")
    for key in RUNNERS:
        person(key, "runner")
    db.session.flush()

    clubs: dict[str, Club] = {}
    for letter in CLUBS:
        club = Club(name=f"Club {letter}")
        db.session.add(club)
        db.session.flush()
        clubs[letter] = club
        low = letter.lower()
        db.session.add_all([Membership(club_id=club.id, user_id=people[f"owner_{low}"].id, role="owner"),
                            Membership(club_id=club.id, user_id=people[f"trainer_{low}1"].id, role="trainer"),
                            Membership(club_id=club.id, user_id=people[f"trainer_{low}2"].id, role="trainer"),
                            Membership(club_id=club.id, user_id=people[f"runner_{low}1"].id, role="runner"),
                            Membership(club_id=club.id, user_id=people[f"runner_{low}2"].id, role="runner")])

    clients: dict[str, Client] = {}
    for key in CLIENTS:
        club = clubs.get(key[0].upper())
        runner = people[f"runner_{key}"]
        clients[key] = Client(trainer_id=people[f"trainer_{key}"].id, club_id=club.id if club else None,
                              runner_id=runner.id, name=f"Client {key.upper()} Quillfeather", email=runner.email,
                              best_5k_s=1500, best_10k_s=3100, notes=f"trainer notes about {key}")
    db.session.add_all(clients.values())
    db.session.flush()

    found: dict[str, dict[str, Any]] = {}
    for key, client in clients.items():
        trainer, runner = people[f"trainer_{key}"], people[f"runner_{key}"]
        rows = _objects(client, trainer, runner, today)
        found[key] = {name: getattr(row, "id") for name, row in rows.items()}
        found[key]["feed_secret"] = _feed(runner, client)[1]
        found[key]["feed_token"] = _feed_id(found[key]["feed_secret"])
        found[key]["secret_words"] = f"PRIVATE-OBSERVATION-{key.upper()}"

    for letter, club in clubs.items():
        low = letter.lower()
        first, second = clients[f"{low}1"], clients[f"{low}2"]
        pair = Partnership(club_id=club.id, client_a_id=min(first.id, second.id), client_b_id=max(first.id, second.id),
                           kind="partners", confirmed_by_id=people[f"owner_{low}"].id)
        db.session.add(pair)
        db.session.flush()
        for cheered, author in ((first, f"runner_{low}2"), (second, f"runner_{low}1")):
            cheer = Cheer(partnership_id=pair.id, author_id=people[author].id,
                          goal_id=found[_key(clients, cheered)]["goal"], message=f"Go {cheered.name}!")
            db.session.add(cheer)
            db.session.flush()
            found[_key(clients, cheered)].update(club=club.id, partnership=pair.id, cheer=cheer.id)
        challenge = Challenge(club_id=club.id, name=f"Most km in club {letter}", metric="distance",
                              starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=10),
                              created_by_id=people[f"owner_{low}"].id)
        # Club A invites the independent trainer; club B invites a trainer of club A (to a second club).
        invitee = people["trainer_i" if letter == "A" else "trainer_a1"]
        invite = ClubInvite(club_id=club.id, email=invitee.email, role="trainer",
                            invited_by_id=people[f"owner_{low}"].id, expires_at=utcnow() + timedelta(days=14))
        db.session.add_all([challenge, invite])
        db.session.flush()
        for key in (f"{low}1", f"{low}2"):
            found[key].update(challenge=challenge.id, invite=invite.id)
    db.session.commit()

    return World(people={key: Person(key, user.id, user.email, user.role) for key, user in people.items()},
                 things={key: Things(key=key, name=clients[key].name, client=clients[key].id, **found[key])
                         for key in CLIENTS},
                 clubs={letter: club.id for letter, club in clubs.items()})


def _key(clients: dict[str, Client], client: Client) -> str:
    return next(key for key, found in clients.items() if found is client)


def _objects(client: Client, trainer: User, runner: User, today: date) -> dict[str, Any]:
    key = client.name.split()[1].lower()
    session = PlannedSession(client_id=client.id, on=today + timedelta(days=3), kind="easy", title="Easy run",
                             distance_m=8000.0, description="Keep it chatty.")
    run = Activity(client_id=client.id, on=today - timedelta(days=2), distance_m=5000.0, duration_s=1500,
                   logged_by_id=runner.id)
    race = Race(client_id=client.id, name=f"City 10K of {key}", on=today + timedelta(days=40), distance_m=10000.0,
                priority="A", goal_time_s=2900)
    goal = Goal(client_id=client.id, kind="distance", title=f"Run 21 km ({key})", start_on=today - timedelta(days=30),
                due_on=today + timedelta(days=60), distance_m=21100.0, reward="new shoes", consequence="hill repeats",
                state="accepted", proposed_by_id=trainer.id, accepted_at=utcnow())
    milestone = Milestone(due_on=today + timedelta(days=20), distance_m=15000.0, reward="socks",
                          consequence="coffee", state="accepted")
    goal.milestones = [milestone]
    shared = TechniqueNote(client_id=client.id, author_id=trainer.id, on=today - timedelta(days=5), area="cadence",
                           observation="Cadence is up to 172.", cue="quick feet", shared=True, tone="praise")
    private = TechniqueNote(client_id=client.id, author_id=trainer.id, on=today - timedelta(days=4), area="mindset",
                            observation=f"PRIVATE-OBSERVATION-{key.upper()}", cue="", shared=False)
    template = PlanTemplate(trainer_id=trainer.id, name=f"Base block of {key}", weeks=1,
                            sessions=[TemplateSession(day=0, kind="easy", title="Easy", distance_m=6000.0)])
    first = today.replace(day=1)
    job = PrintJob(trainer_id=trainer.id, request_key=hashlib.sha256(key.encode()).hexdigest(), client_ids=[client.id],
                   start_on=first, months=1, paper="a4", state="failed", pages_total=1, error="Stopped (test world).",
                   finished_at=utcnow())
    db.session.add_all([session, run, race, goal, shared, private, template, job])
    db.session.flush()
    excuse = Excuse(goal_id=goal.id, milestone_id=milestone.id, reason="illness", note="a cold",
                    requested_by_id=runner.id)
    comment = GoalComment(goal_id=goal.id, author_id=trainer.id, body="Strong week.", tone="praise")
    db.session.add_all([excuse, comment])
    db.session.flush()
    return {"session": session, "run": run, "race": race, "goal": goal, "milestone": milestone, "shared_note": shared,
            "private_note": private, "template": template, "print_job": job, "excuse": excuse, "comment": comment}


def _feed(user: User, client: Client) -> tuple[FeedToken, str]:
    from coachsite.printing import feeds

    secret = feeds.issue(user, client)
    token = db.session.scalar(select(FeedToken).where(FeedToken.secret_hash == hashlib.sha256(secret.encode())
                                                      .hexdigest()))
    assert token is not None
    return token, secret


def _feed_id(secret: str) -> int:
    return db.session.scalar(select(FeedToken.id).where(FeedToken.secret_hash == hashlib.sha256(secret.encode())
                                                        .hexdigest()))  # type: ignore[return-value]


# ------------------------------------------------------------------ a private database with one world


@dataclass
class Site:
    """An app on its own database holding one world, logged-in test clients per actor, and the rows
    as built (to put back after a step that changed them)."""

    app: Flask
    world: World
    baseline: Snapshot
    browsers: dict[str, FlaskClient] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def browser(self, actor: str) -> FlaskClient:
        return self.browsers[actor]

    def open(self, actor: str, path: str, method: str = "GET", **kwargs: Any) -> Any:
        """One request as this actor, its reads fresh and its transaction ended afterwards (the tests
        hold the app context the request runs in, so its session would otherwise stay open)."""
        db.session.remove()
        response = self.browsers[actor].open(path, method=method, **kwargs)
        db.session.remove()
        return response

    def post(self, actor: str, path: str, data: Any = None, **kwargs: Any) -> Any:
        return self.open(actor, path, "POST", data=data or {}, **kwargs)

    def reset_all(self) -> bool:
        """The rows as built, and every actor logged in again with its first cookie."""
        changed = self.reset()
        for actor in self.cookies:
            self.browsers[actor].set_cookie("session", self.cookies[actor], domain="localhost")
        return changed

    def reset(self, actor: str | None = None) -> bool:
        """Put the rows back as built, when they differ; give the actor its login cookie back.
        True when something had changed."""
        changed = take_snapshot() != self.baseline
        if changed:
            restore(self.baseline)
        if actor == "anon":
            self.browsers[actor].delete_cookie("session", domain="localhost")
        elif actor is not None:
            self.browsers[actor].set_cookie("session", self.cookies[actor], domain="localhost")
        return changed


@contextmanager
def open_site(**config: Any) -> Iterator[Site]:
    """A migrated private database with the world in it and every actor logged in (one real login each)."""
    from flask_migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="coachsite-world-") as tmp, throwaway_database(Path(tmp)) as url:
        app = build_app(url, **config)
        with app.app_context():
            upgrade()
            world = build()
            browsers: dict[str, FlaskClient] = {"anon": app.test_client()}
            cookies: dict[str, str] = {}
            for key, who in world.people.items():
                browser = app.test_client()
                response = browser.post("/login", data={"email": who.email, "password": PASSWORD})
                assert response.status_code == 302, response.text
                cookie = browser.get_cookie("session", domain="localhost")
                assert cookie is not None
                browsers[key], cookies[key] = browser, cookie.value
            site = Site(app=app, world=world, baseline=take_snapshot(), browsers=browsers, cookies=cookies)
            try:
                yield site
            finally:
                db.session.remove()
                db.engine.dispose()


# ------------------------------------------------------------------ snapshots


Snapshot = dict[str, list[tuple[Any, ...]]]


def take_snapshot() -> Snapshot:
    """Every row of every table (plain tuples, primary key order), read fresh in a short transaction."""
    db.session.remove()
    with db.engine.connect() as connection:
        found = {table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
                 for table in db.metadata.sorted_tables}
    return found


def changed_tables(before: Snapshot, after: Snapshot) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


def restore(snapshot: Snapshot) -> None:
    """Make every table hold exactly the snapshot's rows again."""
    db.session.remove()
    tables = db.metadata.sorted_tables
    with db.engine.begin() as connection:
        for table in reversed(tables):
            connection.execute(delete(table))
        for table in tables:
            rows = snapshot[table.name]
            if rows:
                names = [column.name for column in table.columns]
                connection.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])


# ------------------------------------------------------------------ the access model
#
# Written from the design (docs/DESIGN.md, issue 8), not by calling coachsite.authz: what each kind
# of person may reach, as facts read from the database and small predicates over them.


@dataclass(frozen=True)
class ClientFacts:
    trainer: int
    club: int | None
    runner: int | None
    archived: bool


@dataclass(frozen=True)
class Facts:
    roles: dict[int, str]  # user id -> "trainer" / "runner"
    emails: dict[int, str]
    clients: dict[int, ClientFacts]
    members: dict[tuple[int, int], str]  # (club id, user id) -> owner / trainer / runner
    pairs: frozenset[tuple[int, int, int]]  # open partnerships: (low client id, high client id, club id)
    partnerships: dict[int, tuple[int, int, int]]  # open partnership id -> (club id, client a, client b)
    templates: dict[int, int]  # template id -> trainer id
    jobs: dict[int, int]  # print job id -> trainer id
    invites: dict[int, str]  # open club invite id -> email
    challenges: dict[int, int]  # challenge id -> club id
    goals: dict[int, int]  # goal id -> client id
    notes: dict[int, tuple[int, bool]]  # live note id -> (client id, shared)
    races: dict[int, int]  # live race id -> client id
    sessions: dict[int, int]  # planned session id -> client id
    milestones: dict[int, int]  # milestone id -> goal id
    excuses: dict[int, int]  # excuse id -> goal id

    @classmethod
    def load(cls) -> Facts:
        s = db.session
        now = utcnow()
        facts = cls(
            roles={u.id: u.role for u in s.scalars(select(User)) if u.deactivated_at is None},
            emails={u.id: u.email for u in s.scalars(select(User))},
            clients={c.id: ClientFacts(c.trainer_id, c.club_id, c.runner_id, c.archived_at is not None)
                     for c in s.scalars(select(Client))},
            members={(m.club_id, m.user_id): m.role for m in s.scalars(select(Membership))},
            pairs=frozenset((p.client_a_id, p.client_b_id, p.club_id)
                            for p in s.scalars(select(Partnership).where(Partnership.ended_at.is_(None)))),
            partnerships={p.id: (p.club_id, p.client_a_id, p.client_b_id)
                          for p in s.scalars(select(Partnership).where(Partnership.ended_at.is_(None)))},
            templates={t.id: t.trainer_id for t in s.scalars(select(PlanTemplate))},
            jobs={j.id: j.trainer_id for j in s.scalars(select(PrintJob))},
            invites={i.id: i.email for i in s.scalars(select(ClubInvite)) if i.accepted_at is None
                     and i.closed_at is None and i.expires_at > now},
            challenges={c.id: c.club_id for c in s.scalars(select(Challenge)) if c.archived_at is None},
            goals={g.id: g.client_id for g in s.scalars(select(Goal))},
            notes={n.id: (n.client_id, n.shared) for n in s.scalars(select(TechniqueNote)) if n.archived_at is None},
            races={r.id: r.client_id for r in s.scalars(select(Race)) if r.archived_at is None},
            sessions={p.id: p.client_id for p in s.scalars(select(PlannedSession))},
            milestones={m.id: m.goal_id for m in s.scalars(select(Milestone))},
            excuses={e.id: e.goal_id for e in s.scalars(select(Excuse))},
        )
        s.rollback()
        return facts

    # -- people
    def any_user(self, user: int | None) -> bool:
        return user is not None and user in self.roles

    def trainer(self, user: int | None) -> bool:
        return user is not None and self.roles.get(user) == "trainer"

    def runner(self, user: int | None) -> bool:
        return user is not None and self.roles.get(user) == "runner"

    # -- clubs
    def club_role(self, user: int | None, club: int | None) -> str | None:
        if user is None or club is None:
            return None
        role = self.members.get((club, user))
        if role in ("owner", "trainer") and not self.trainer(user):
            return None  # staff roles need a trainer account
        return role

    def club_member(self, user: int | None, club: int | None) -> bool:
        return self.club_role(user, club) is not None

    def club_staff(self, user: int | None, club: int | None) -> bool:
        return self.club_role(user, club) in ("owner", "trainer")

    def owner_of_club(self, user: int | None, club: int | None) -> bool:
        return self.club_role(user, club) == "owner"

    # -- clients
    def trainer_of_client(self, user: int | None, client: int) -> bool:
        return self.trainer(user) and self.clients[client].trainer == user

    def manager_of_client(self, user: int | None, client: int) -> bool:
        """The client's own trainer, or the owner of the client's club."""
        return self.trainer_of_client(user, client) or self.owner_of_club(user, self.clients[client].club)

    def runner_of_client(self, user: int | None, client: int) -> bool:
        return self.runner(user) and self.clients[client].runner == user

    def viewer_of_client(self, user: int | None, client: int) -> bool:
        return self.manager_of_client(user, client) or (self.any_user(user) and self.clients[client].runner == user)

    def active_viewer(self, user: int | None, client: int) -> bool:
        return self.viewer_of_client(user, client) and not self.clients[client].archived

    def active_manager(self, user: int | None, client: int) -> bool:
        return self.manager_of_client(user, client) and not self.clients[client].archived

    def own_client(self, user: int | None) -> int | None:
        if not self.runner(user):
            return None
        return next((cid for cid, c in self.clients.items() if c.runner == user), None)

    def partner(self, user: int | None, client: int) -> bool:
        """The runner account of an active client in an open partnership with this active client, same club."""
        mine = self.own_client(user)
        if mine is None or mine == client:
            return False
        a, b = self.clients[mine], self.clients[client]
        if a.archived or b.archived or a.club is None or a.club != b.club:
            return False
        low, high = sorted((mine, client))
        return (low, high, a.club) in self.pairs

    def club_client(self, club: int | None, client: int) -> bool:
        found = self.clients[client]
        return club is not None and found.club == club and not found.archived

    def may_move(self, user: int | None, club: int, client: int) -> bool:
        return self.club_staff(user, club) and self.club_client(club, client) \
            and self.manager_of_client(user, client)

    def may_end_pair(self, user: int | None, club: int, partnership: int) -> bool:
        if partnership not in self.partnerships or not self.club_staff(user, club):
            return False
        pair_club, a, b = self.partnerships[partnership]
        if pair_club != club:
            return False
        return self.owner_of_club(user, club) or user in (self.clients[a].trainer, self.clients[b].trainer)

    # -- things of one trainer or one email
    def template_owner(self, user: int | None, template: int) -> bool:
        return self.trainer(user) and self.templates.get(template) == user

    def job_owner(self, user: int | None, job: int) -> bool:
        return self.trainer(user) and self.jobs.get(job) == user

    def invitee(self, user: int | None, invite: int) -> bool:
        return self.trainer(user) and invite in self.invites and self.invites[invite] == self.emails.get(user or 0)
