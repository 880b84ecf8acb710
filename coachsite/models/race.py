"""Race plans: the race as a hard deadline, its pacing and taper, and the result."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachsite.extensions import db
from coachsite.models._time import utcnow

PRIORITIES = ("A", "B", "C")
STRATEGIES = ("even", "negative", "conservative")


class Race(db.Model):
    __tablename__ = "races"
    __table_args__ = (
        CheckConstraint("priority IN ('A', 'B', 'C')", name="priority"),
        CheckConstraint("strategy IN ('even', 'negative', 'conservative')", name="strategy"),
        CheckConstraint("distance_m > 0", name="distance"),
        CheckConstraint("strategy_percent BETWEEN 0 AND 20", name="strategy_percent"),
        Index("ix_races_client_on", "client_id", "on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    name: Mapped[str] = mapped_column(String(120))
    on: Mapped[date]
    distance_m: Mapped[float]
    priority: Mapped[str] = mapped_column(String(1), default="B")
    goal_time_s: Mapped[int | None]
    location: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    strategy: Mapped[str] = mapped_column(String(12), default="even")
    strategy_percent: Mapped[float] = mapped_column(default=0.0)
    result_time_s: Mapped[int | None]
    taper_applied_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]
