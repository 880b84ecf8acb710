"""Motivation use-cases: store a filled-in questionnaire, and count praise against push.

flush() only. The scoring and the nudge rule are pure, in coachsite/domain/motivation.py."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from coachsite.domain import motivation as rules
from coachsite.extensions import db
from coachsite.models import Client, Goal, GoalComment, MotivationScore, TechniqueNote, User

BALANCE_DAYS = 30


def record_answers(client: Client, answers: Sequence[int], answered_by: User) -> MotivationScore:
    """Store the score with its answers and date, and update the client's motivation profile."""
    value = rules.score(answers)
    row = MotivationScore(client_id=client.id, answered_by_id=answered_by.id, score=value, answers=list(answers))
    db.session.add(row)
    client.motivation = rules.profile(value)
    db.session.flush()
    return row


def latest_score(client: Client) -> tuple[MotivationScore, str] | None:
    """The most recent score and the name of who filled it in."""
    row = db.session.execute(
        select(MotivationScore, User.name).join(User, MotivationScore.answered_by_id == User.id)
        .where(MotivationScore.client_id == client.id)
        .order_by(MotivationScore.answered_at.desc(), MotivationScore.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


def tone_balance(client: Client, today: date, days: int = BALANCE_DAYS) -> rules.Balance:
    """Praise and push over the last `days` days: goal comments and technique notes, in time order."""
    since = today - timedelta(days=days)
    comments = db.session.execute(
        select(GoalComment.tone, GoalComment.created_at).join(Goal, GoalComment.goal_id == Goal.id)
        .where(Goal.client_id == client.id, GoalComment.tone.is_not(None),
               GoalComment.created_at >= datetime.combine(since, time.min))).all()
    notes = db.session.execute(
        select(TechniqueNote.tone, TechniqueNote.on, TechniqueNote.created_at)
        .where(TechniqueNote.client_id == client.id, TechniqueNote.archived_at.is_(None),
               TechniqueNote.on >= since)).all()
    timeline = [(created.date(), created, tone) for tone, created in comments]
    timeline += [(on, created, tone) for tone, on, created in notes]
    timeline.sort(key=lambda item: (item[0], item[1]))
    return rules.balance([tone for _, _, tone in timeline])


def suggestions(client: Client) -> tuple[str, tuple[str, ...]]:
    """The goal form's hint for this client's profile (a suggestion, never a rule)."""
    profile = client.motivation if client.motivation in rules.SUGGESTIONS else "mixed"
    return profile, rules.SUGGESTIONS[profile]
