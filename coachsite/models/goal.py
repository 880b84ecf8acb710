"""Carrot-and-stick goals: a target, milestones on dates, a reward for each hit and an agreed
consequence for each miss; settled from the runs logged, never by hand."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachsite.extensions import db
from coachsite.models._time import utcnow
from coachsite.models.user import User

GOAL_KINDS = ("distance", "time", "weekly_volume", "consistency", "race")
GOAL_STATES = ("proposed", "accepted", "achieved", "missed", "excused", "cancelled")
EXCUSE_REASONS = ("illness", "injury", "other")
_STATES_SQL = "state IN ('proposed', 'accepted', 'achieved', 'missed', 'excused', 'cancelled')"


def notice_indexes(table: str) -> tuple[Index, ...]:
    """What the home pages' notices look for, each led by the state: settled lately, a reward not
    given yet, a consequence not done yet. Such rows are few whatever the history or the roster."""
    return (Index(f"ix_{table}_state_settled", "state", "settled_on"),
            Index(f"ix_{table}_state_reward_given", "state", "reward_given_at"),
            Index(f"ix_{table}_state_consequence_done", "state", "consequence_done_at"))


class Goal(db.Model):
    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint("kind IN ('distance', 'time', 'weekly_volume', 'consistency', 'race')", name="kind"),
        CheckConstraint(_STATES_SQL, name="state"),
        CheckConstraint("due_on >= start_on", name="dates"),
        Index("ix_goals_client_state", "client_id", "state"),
        Index("ix_goals_state_due", "state", "due_on"),  # finds overdue open goals (settling on page view)
        *notice_indexes("goals"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    kind: Mapped[str] = mapped_column(String(14))
    title: Mapped[str] = mapped_column(String(160))
    start_on: Mapped[date]
    due_on: Mapped[date]
    distance_m: Mapped[float | None]
    time_s: Mapped[int | None]
    weeks: Mapped[int | None]
    runs_per_week: Mapped[int | None]
    race_id: Mapped[int | None] = mapped_column(ForeignKey("races.id"))
    reward: Mapped[str] = mapped_column(Text, default="")
    consequence: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="proposed")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    settled_on: Mapped[date | None]
    settled_by_activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id"))
    reward_given_at: Mapped[datetime | None]
    consequence_done_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]

    milestones: Mapped[list[Milestone]] = relationship(back_populates="goal", order_by="Milestone.due_on, Milestone.id",
                                                       cascade="all, delete-orphan")
    proposed_by: Mapped[User] = relationship()


class Milestone(db.Model):
    """A dated step towards the goal, of the goal's kind with its own target, reward and consequence."""

    __tablename__ = "milestones"
    __table_args__ = (CheckConstraint(_STATES_SQL, name="state"),
                      Index("ix_milestones_state_due", "state", "due_on"),
                      *notice_indexes("milestones"))

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    due_on: Mapped[date]
    distance_m: Mapped[float | None]
    time_s: Mapped[int | None]
    weeks: Mapped[int | None]
    runs_per_week: Mapped[int | None]
    reward: Mapped[str] = mapped_column(Text, default="")
    consequence: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="proposed")
    settled_on: Mapped[date | None]
    settled_by_activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id"))
    reward_given_at: Mapped[datetime | None]
    consequence_done_at: Mapped[datetime | None]

    goal: Mapped[Goal] = relationship(back_populates="milestones")


class Excuse(db.Model):
    """The runner asks to be excused from a goal or one milestone; the trainer decides, on record."""

    __tablename__ = "excuses"
    __table_args__ = (
        CheckConstraint("reason IN ('illness', 'injury', 'other')", name="reason"),
        CheckConstraint("decision IS NULL OR decision IN ('granted', 'refused')", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"))
    reason: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decision: Mapped[str | None] = mapped_column(String(8), index=True)  # the roster finds those waiting
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]


class GoalComment(db.Model):
    """A comment on a goal, tagged praise or push for the balance a good trainer keeps."""

    __tablename__ = "goal_comments"
    __table_args__ = (CheckConstraint("tone IS NULL OR tone IN ('praise', 'push')", name="tone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    tone: Mapped[str | None] = mapped_column(String(6))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()


class MotivationScore(db.Model):
    """One filled-in questionnaire: score from 0 (intrinsic) to 100 (extrinsic), kept with its date."""

    __tablename__ = "motivation_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    answered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    score: Mapped[int]
    answers: Mapped[list[int]] = mapped_column(JSON)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
