"""Technique notes and races for the demo runners. Idempotent: notes are looked up by
(client, date, area) and races by (client, name) before they are created.

Runs after the accounts and clients exist (coachsite.demo.loader.load); finds nothing to do otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coachsite.domain import pacing
from coachsite.extensions import db
from coachsite.models import Client, Race, TechniqueNote, User

COACH = "coach@example.com"


@dataclass(frozen=True)
class DemoNote:
    on: date
    area: str
    observation: str
    cue: str = ""
    drill: str = ""
    status: str = "open"
    shared: bool = True
    tone: str = "push"
    measure: tuple[float, str] | None = None


@dataclass(frozen=True)
class DemoRace:
    name: str
    on: date
    distance_m: float
    priority: str
    goal_time_s: int
    strategy: str = "even"
    percent: float = 0.0
    location: str = ""
    notes: str = ""


NOTES = {
    "runner@example.com": [
        DemoNote(date(2026, 10, 12), "cadence", "Overstriding on easy runs: heel lands well ahead of the hip.",
                 "Quick light feet", "4 x 20 s quick feet at the end of easy runs.", "improving",
                 measure=(162, "spm")),
        DemoNote(date(2026, 11, 2), "cadence", "Cadence up on the track session; landing much lighter.",
                 "Quick light feet", "Keep the quick-feet strides twice a week.", "improving", tone="praise",
                 measure=(168, "spm")),
        DemoNote(date(2026, 11, 23), "cadence", "Holding the higher cadence into the last km of the long run.",
                 "Quick light feet", "", "improving", tone="praise", measure=(171, "spm")),
        DemoNote(date(2026, 11, 16), "posture", "Sitting back in the last km of long runs.", "Run tall",
                 "Wall lean drill, 3 x 30 s before each run."),
        DemoNote(date(2026, 11, 20), "mindset", "Loses focus when the plan changes at short notice; give "
                 "deadlines early and keep the race date in view.", "", "", "open", shared=False),
    ],
}

RACES = {
    "runner@example.com": [
        DemoRace("Frostbite 10K", date(2027, 1, 24), 10000.0, "B", 52 * 60, location="Harbour Front",
                 notes="Tune-up race: run it as a hard tempo."),
        DemoRace("Riverside Half Marathon", date(2027, 4, 18), pacing.HALF_MARATHON_M, "A", 1 * 3600 + 55 * 60,
                 "negative", 2.0, "Riverside Park", "Start 9:00. Gel at 8 km and 15 km."),
    ],
    "sam@example.com": [
        DemoRace("City Marathon", date(2027, 2, 28), pacing.MARATHON_M, "A", 3 * 3600 + 24 * 60,
                 "conservative", 3.0, "City Centre", "Sub-3:25: hold back through halfway."),
    ],
}


def _client(coach: User, runner_email: str) -> Client | None:
    return db.session.scalar(select(Client).where(Client.trainer_id == coach.id, Client.email == runner_email))


def load_notes_and_races(today: date) -> list[str]:
    """Create the demo notes and races that are missing; return a line for each thing created.

    The demo dates are fixed (like the demo plans); `today` is taken for the loader's common signature.
    """
    coach = db.session.scalar(select(User).where(User.email == COACH))
    if coach is None:
        return []
    created: list[str] = []
    for email, specs in NOTES.items():
        client = _client(coach, email)
        if client is None:
            continue
        added = 0
        for spec in specs:
            exists = db.session.scalar(select(TechniqueNote.id).where(
                TechniqueNote.client_id == client.id, TechniqueNote.on == spec.on, TechniqueNote.area == spec.area))
            if exists is None:
                value, unit = spec.measure or (None, None)
                db.session.add(TechniqueNote(
                    client_id=client.id, author_id=coach.id, on=spec.on, area=spec.area,
                    observation=spec.observation, cue=spec.cue, drill=spec.drill, status=spec.status,
                    shared=spec.shared, tone=spec.tone, measure_value=value, measure_unit=unit))
                added += 1
        if added:
            created.append(f"{added} technique notes for {client.name}")
    for email, race_specs in RACES.items():
        client = _client(coach, email)
        if client is None:
            continue
        for race in race_specs:
            exists = db.session.scalar(select(Race.id).where(Race.client_id == client.id, Race.name == race.name))
            if exists is None:
                db.session.add(Race(client_id=client.id, name=race.name, on=race.on, distance_m=race.distance_m,
                                    priority=race.priority, goal_time_s=race.goal_time_s, strategy=race.strategy,
                                    strategy_percent=race.percent, location=race.location, notes=race.notes))
                created.append(f"race {race.name} for {client.name}")
    db.session.flush()
    return created
