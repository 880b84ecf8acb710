"""Idempotent: each piece is looked up by a natural key before it is created."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coachsite.auth import passwords
from coachsite.demo import clubs, goals, notes_races, plans, printing, training
from coachsite.extensions import db
from coachsite.models import Client, Club, Membership, User

PASSWORD = "coachsite-demo"


@dataclass(frozen=True)
class DemoClient:
    name: str
    email: str | None
    units: str
    motivation: str
    bests: tuple[int | None, int | None, int | None, int | None]  # 5 km, 10 km, half, marathon
    joined: bool  # has a runner account linked
    notes: str = ""


COACHES = {
    "coach@example.com": ("Alex Morgan", "Riverside Runners", [
        DemoClient("Riley Runner", "runner@example.com", "km", "extrinsic", (1498, 3105, 6920, None), True,
                   "Training for a first marathon. Responds well to clear deadlines."),
        DemoClient("Sam Patel", "sam@example.com", "km", "intrinsic", (1260, 2610, 5820, 12400), True,
                   "Experienced; wants a sub-3:25 marathon."),
        DemoClient("Jo Lindqvist", "jo@example.com", "mi", "mixed", (1740, None, None, None), False,
                   "Returning after a knee injury; keep volume low."),
        DemoClient("Chris Okafor", None, "km", "extrinsic", (2100, None, None, None), False,
                   "Couch to 5K graduate."),
    ]),
    "coach2@example.com": ("Blake Hughes", "Hilltop Harriers", [
        DemoClient("Morgan Lee", "morgan@example.com", "km", "intrinsic", (1180, 2440, 5400, 11500), True,
                   "Club champion; fell running in summer."),
        DemoClient("Dana Cruz", "dana@example.com", "mi", "extrinsic", (1620, 3400, None, None), True),
        DemoClient("Taylor Brooks", "taylor@example.com", "km", "mixed", (1380, 2900, 6500, None), False),
        DemoClient("Jamie Fox", None, "km", "intrinsic", (None, None, None, None), False,
                   "New to running; no races yet."),
    ]),
}

ACCOUNTS = [(email, "trainer", name) for email, (name, _, _) in COACHES.items()] + [
    (c.email, "runner", c.name) for _, (_, _, clients) in COACHES.items() for c in clients if c.joined and c.email
] + [("jordan@example.com", "trainer", "Jordan Reyes (Riverside Runners)"),
     ("casey@example.com", "runner", "Casey Nguyen (Riley's running partner)")]


# Whose calendars get a plan, from which date, at what easy pace (s/km).
PLANS = {"runner@example.com": (date(2026, 10, 5), date(2027, 12, 31), 345),
         "sam@example.com": (date(2026, 10, 26), date(2027, 2, 28), 300),
         "morgan@example.com": (date(2026, 11, 2), date(2027, 1, 31), 285),
         "dana@example.com": (date(2026, 11, 9), date(2027, 1, 31), 380)}


def load(hash_method: str, today: date | None = None) -> list[str]:
    """Create what is missing; return a line for each thing created."""
    today = today or date.today()
    created: list[str] = []
    password_hash = passwords.hash_password(PASSWORD, hash_method)  # one slow hash for every demo account
    for email, (coach_name, club_name, clients) in COACHES.items():
        coach = _user(email, coach_name, "trainer", password_hash, created)
        club = _club(club_name, coach, created)
        if email == "coach@example.com":
            created += plans.load_templates(coach)
        for spec in clients:
            client = _client(coach, club, spec, password_hash, created)
            if spec.email in PLANS:
                first, last, pace = PLANS[spec.email]
                created += training.load_plan(client, first, last, today, pace)
    db.session.flush()
    created += notes_races.load_notes_and_races(today)
    created += goals.load_goals(today)
    created += printing.load_print_season()
    created += clubs.load_clubs(today)
    return created


def _user(email: str, name: str, role: str, password_hash: str, created: list[str], units: str = "km") -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, role=role, units=units, password_hash=password_hash)
        db.session.add(user)
        db.session.flush()
        created.append(f"{role} {email}")
    return user


def _club(name: str, owner: User, created: list[str]) -> Club:
    club = db.session.scalar(select(Club).where(Club.name == name))
    if club is None:
        club = Club(name=name)
        db.session.add(club)
        db.session.flush()
        db.session.add(Membership(club_id=club.id, user_id=owner.id, role="owner"))
        created.append(f"club {name}")
    return club


def _client(coach: User, club: Club, spec: DemoClient, password_hash: str, created: list[str]) -> Client:
    client = db.session.scalar(select(Client).where(Client.trainer_id == coach.id, Client.name == spec.name))
    if client is None:
        five, ten, half, full = spec.bests
        client = Client(trainer_id=coach.id, club_id=club.id, name=spec.name, email=spec.email, units=spec.units,
                        motivation=spec.motivation, best_5k_s=five, best_10k_s=ten, best_half_s=half,
                        best_marathon_s=full, notes=spec.notes)
        db.session.add(client)
        db.session.flush()
        created.append(f"client {spec.name}")
    if spec.joined and spec.email and client.runner_id is None:
        runner = _user(spec.email, spec.name, "runner", password_hash, created, units=spec.units)
        client.runner_id = runner.id
        db.session.add(Membership(club_id=club.id, user_id=runner.id, role="runner"))
    return client
