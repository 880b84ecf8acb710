"""Demo goals: Riley's first half marathon with milestones (some already earned by the demo
runs, one coming up with its reward named), a weekly-volume goal in progress, a goal waiting
for Sam to accept, motivation scores and a few praise/push comments.

Idempotent: goals are looked up by client and title, scores and comments by client and goal.
Call after the demo runs exist (loader.load), since the runs settle the milestones."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from coachsite.domain import motivation
from coachsite.extensions import db
from coachsite.goals import settling
from coachsite.models import Client, Goal, GoalComment, Milestone, MotivationScore, User

COACH = "coach@example.com"
SEASON_START = date(2026, 10, 5)  # the demo plan's first day (demo/loader.py PLANS)


def _at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour))


def _client(coach: User, name: str) -> Client | None:
    return db.session.scalar(select(Client).where(Client.trainer_id == coach.id, Client.name == name))


def _goal(client: Client, title: str) -> Goal | None:
    return db.session.scalar(select(Goal).where(Goal.client_id == client.id, Goal.title == title))


def load_goals(today: date) -> list[str]:
    coach = db.session.scalar(select(User).where(User.email == COACH))
    if coach is None:
        return []
    created: list[str] = []
    riley, sam = _client(coach, "Riley Runner"), _client(coach, "Sam Patel")
    if riley is not None:
        created += _riley(coach, riley, today)
    if sam is not None:
        created += _sam(coach, sam, today)
    db.session.flush()
    return created


def _riley(coach: User, riley: Client, today: date) -> list[str]:
    created: list[str] = []
    half = _goal(riley, "First half marathon")
    if half is None:
        deadline = max(today + timedelta(days=42), date(2026, 12, 31))
        half = Goal(client_id=riley.id, kind="distance", title="First half marathon", start_on=SEASON_START,
                    due_on=deadline, distance_m=21100.0, reward="new running shoes",
                    consequence="buy the group coffee after the club run", state="accepted",
                    proposed_by_id=coach.id, proposed_at=_at(SEASON_START - timedelta(days=2)),
                    accepted_at=_at(SEASON_START - timedelta(days=1), 20))
        upcoming = min(max(today + timedelta(days=14), date(2026, 11, 30)), deadline)
        half.milestones = [
            Milestone(due_on=date(2026, 10, 25), distance_m=12000.0, reward="new socks",
                      consequence="an extra hill session", state="accepted"),
            Milestone(due_on=date(2026, 11, 22), distance_m=16000.0, reward="a running cap",
                      consequence="an extra hill session", state="accepted"),
            Milestone(due_on=upcoming, distance_m=19000.0, reward="energy gels for race day",
                      consequence="buy the group coffee", state="accepted"),
        ]
        db.session.add(half)
        db.session.flush()
        created.append("goal First half marathon (3 milestones) for Riley Runner")

    if _goal(riley, "Steady 35 km weeks") is None:
        monday = today - timedelta(days=today.weekday())
        start = max(monday - timedelta(days=14), SEASON_START)  # two weeks done, this one and the next to go
        db.session.add(Goal(client_id=riley.id, kind="weekly_volume", title="Steady 35 km weeks", start_on=start,
                            due_on=start + timedelta(days=4 * 7 - 1), distance_m=35000.0, weeks=4,
                            reward="a sports massage", consequence="plan next month's long runs yourself",
                            state="accepted", proposed_by_id=coach.id, proposed_at=_at(start - timedelta(days=2)),
                            accepted_at=_at(start - timedelta(days=1))))
        db.session.flush()
        created.append("goal Steady 35 km weeks for Riley Runner")

    settled = settling.settle_clients([riley.id], today)
    if settled:
        created.append(f"{settled} goals and milestones settled from Riley's runs")
    socks = next((m for m in half.milestones if m.reward == "new socks"), None)
    if socks is not None and socks.state == "achieved" and socks.reward_given_at is None and socks.settled_on:
        socks.reward_given_at = _at(socks.settled_on + timedelta(days=2), 9)  # the socks were handed over

    if not db.session.scalar(select(func.count()).select_from(GoalComment).where(GoalComment.goal_id == half.id)):
        runner_id = riley.runner_id or coach.id
        for days_ago, author, tone, body in [
            (12, coach.id, "praise", "Sixteen kilometres non-stop: the cap is yours. Proud of that one."),
            (8, coach.id, "push", "Two easy runs missed this week. The long run needs them; no skipping."),
            (6, runner_id, None, "Work was mad. Back on track from Monday."),
            (3, coach.id, "push", "Thursday hills are not optional. See you at the bottom of Castle Hill."),
        ]:
            db.session.add(GoalComment(goal_id=half.id, author_id=author, tone=tone, body=body,
                                       created_at=_at(today - timedelta(days=days_ago))))
        created.append("4 goal comments for Riley Runner")

    if not db.session.scalar(select(MotivationScore.id).where(MotivationScore.client_id == riley.id).limit(1)):
        # Agrees with rewards, deadlines and being watched; lukewarm on running for its own sake.
        created.append(_score(riley, riley.runner_id or coach.id, [5, 2, 5, 3, 4, 2, 4, 3, 4, 2],
                              _at(today - timedelta(days=20), 21)))
    return created


def _sam(coach: User, sam: Client, today: date) -> list[str]:
    created: list[str] = []
    if _goal(sam, "10 km under 42:00") is None:
        goal = Goal(client_id=sam.id, kind="time", title="10 km under 42:00", start_on=today,
                    due_on=today + timedelta(days=70), distance_m=10000.0, time_s=42 * 60,
                    reward="a look back over the season together, over coffee", consequence="", state="proposed",
                    proposed_by_id=coach.id, proposed_at=_at(today, 8))
        goal.milestones = [Milestone(due_on=today + timedelta(days=28), distance_m=5000.0, time_s=20 * 60,
                                     reward="", consequence="", state="proposed")]
        db.session.add(goal)
        created.append("goal 10 km under 42:00 (proposed, waiting) for Sam Patel")
    if not db.session.scalar(select(MotivationScore.id).where(MotivationScore.client_id == sam.id).limit(1)):
        # Runs for the joy of it and sets own targets (hence a look back, not a prize, on the proposal).
        created.append(_score(sam, coach.id, [2, 5, 3, 5, 2, 4, 3, 5, 1, 4], _at(today - timedelta(days=9))))
    return created


def _score(client: Client, answered_by_id: int, answers: list[int], when: datetime) -> str:
    value = motivation.score(answers)
    db.session.add(MotivationScore(client_id=client.id, answered_by_id=answered_by_id, score=value, answers=answers,
                                   answered_at=when))
    client.motivation = motivation.profile(value)
    return f"motivation score {value} ({client.motivation}) for {client.name}"
