"""Technique notes: what the trainer saw, the cue to fix it, the drill, and how it is going."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachsite.extensions import db
from coachsite.models._time import utcnow
from coachsite.models.user import User

AREAS = ("cadence", "foot_strike", "posture", "arm_swing", "breathing", "mindset", "other")
NOTE_STATUSES = ("open", "improving", "resolved")
TONES = ("praise", "push")


class TechniqueNote(db.Model):
    __tablename__ = "technique_notes"
    __table_args__ = (
        CheckConstraint("area IN ('cadence', 'foot_strike', 'posture', 'arm_swing', 'breathing', 'mindset', 'other')",
                        name="area"),
        CheckConstraint("status IN ('open', 'improving', 'resolved')", name="status"),
        CheckConstraint("tone IN ('praise', 'push')", name="tone"),
        Index("ix_technique_notes_client_on", "client_id", "on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    on: Mapped[date]
    area: Mapped[str] = mapped_column(String(12))
    observation: Mapped[str] = mapped_column(Text, default="")
    cue: Mapped[str] = mapped_column(String(200), default="")
    drill: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    shared: Mapped[bool] = mapped_column(default=False)  # False: the trainer's eyes only
    tone: Mapped[str] = mapped_column(String(6), default="push")
    measure_value: Mapped[float | None]
    measure_unit: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]

    author: Mapped[User] = relationship()
