"""Demo data for the printed calendar: Riley's 2027 season, so that printing January 2027 for
twelve months shows milestones with their rewards all year, not only the ones of late 2026.

A race goal for the Riverside Half Marathon (the A race of demo/notes_races.py) with long-run
milestones through the spring, an autumn 10K goal with its own race and milestones, and a winter
habit goal (runs a week) to the end of the plan.
Idempotent: goals are looked up by client and title, races by client and name.

Call after the demo plan, notes, races and goals exist (coachsite.demo.loader.load):
    created += printing.load_print_season()
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from coachsite.extensions import db
from coachsite.models import Client, Goal, Milestone, Race, User

COACH = "coach@example.com"
RUNNER = "runner@example.com"
SPRING_RACE = "Riverside Half Marathon"  # created by demo/notes_races.py
AUTUMN_RACE = "Harbour Front 10K"


def _milestone(on: date, km: float, reward: str, consequence: str, minutes: int | None = None) -> Milestone:
    return Milestone(due_on=on, distance_m=km * 1000, time_s=minutes * 60 if minutes else None, reward=reward,
                     consequence=consequence, state="accepted")


def load_print_season() -> list[str]:
    coach = db.session.scalar(select(User).where(User.email == COACH))
    riley = coach and db.session.scalar(select(Client).where(Client.trainer_id == coach.id, Client.email == RUNNER))
    if coach is None or riley is None:
        return []
    created: list[str] = []
    spring = db.session.scalar(select(Race).where(Race.client_id == riley.id, Race.name == SPRING_RACE))
    title = "Riverside Half under 1:55"
    if spring is not None and _goal(riley, title) is None:
        db.session.add(Goal(
            client_id=riley.id, kind="race", title=title, start_on=date(2027, 1, 4), due_on=spring.on,
            race_id=spring.id, time_s=spring.goal_time_s, reward="a weekend away by the sea",
            consequence="marshal at the next club race", state="accepted", proposed_by_id=coach.id,
            proposed_at=datetime(2026, 12, 28, 18), accepted_at=datetime(2026, 12, 29, 20),
            milestones=[
                _milestone(date(2027, 2, 14), 15.0, "new running gloves", "an extra hill session"),
                _milestone(date(2027, 3, 14), 18.0, "a sports massage", "an extra hill session"),
                _milestone(date(2027, 3, 28), 20.0, "race-day energy gels", "buy the group coffee"),
            ]))
        created.append(f"goal {title} (3 milestones) for {riley.name}")
    autumn = db.session.scalar(select(Race).where(Race.client_id == riley.id, Race.name == AUTUMN_RACE))
    if autumn is None:
        autumn = Race(client_id=riley.id, name=AUTUMN_RACE, on=date(2027, 9, 26), distance_m=10000.0, priority="B",
                      goal_time_s=49 * 60 + 30, location="Harbour Front", notes="Flat and fast: go for the PB.")
        db.session.add(autumn)
        db.session.flush()
        created.append(f"race {AUTUMN_RACE} for {riley.name}")
    title = "10K under 49:30"
    if _goal(riley, title) is None:
        db.session.add(Goal(
            client_id=riley.id, kind="race", title=title, start_on=date(2027, 5, 3), due_on=autumn.on,
            race_id=autumn.id, time_s=autumn.goal_time_s, reward="a GPS watch strap in club colours",
            consequence="lead the warm-up at the club run", state="accepted", proposed_by_id=coach.id,
            proposed_at=datetime(2027, 4, 26, 18), accepted_at=datetime(2027, 4, 27, 20),
            milestones=[
                _milestone(date(2027, 6, 20), 12.0, "a new singlet", "an extra tempo run"),
                _milestone(date(2027, 8, 1), 14.0, "cinema tickets", "an extra tempo run"),
                _milestone(date(2027, 9, 5), 16.0, "a recovery day at the spa", "buy the group coffee"),
            ]))
        created.append(f"goal {title} (3 milestones) for {riley.name}")
    title = "Winter habit: 4 runs a week"
    if _goal(riley, title) is None:
        db.session.add(Goal(
            client_id=riley.id, kind="consistency", title=title, start_on=date(2027, 10, 4), due_on=date(2027, 12, 26),
            weeks=12, runs_per_week=4, reward="a new winter running jacket", consequence="early-morning club run",
            state="accepted", proposed_by_id=coach.id, proposed_at=datetime(2027, 9, 27, 18),
            accepted_at=datetime(2027, 9, 28, 20),
            milestones=[Milestone(due_on=due, weeks=weeks, runs_per_week=4, reward=reward,
                                  consequence="an extra easy run", state="accepted")
                        for due, weeks, reward in ((date(2027, 10, 31), 4, "a hot chocolate after the club run"),
                                                   (date(2027, 11, 28), 8, "a reflective vest"))]))
        created.append(f"goal {title} (2 milestones) for {riley.name}")
    db.session.flush()
    return created


def _goal(client: Client, title: str) -> Goal | None:
    return db.session.scalar(select(Goal).where(Goal.client_id == client.id, Goal.title == title))
