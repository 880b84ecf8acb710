"""The plan (planned sessions, plan templates) and what was actually run (activities)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachsite.extensions import db
from coachsite.models._time import utcnow

SESSION_KINDS = ("easy", "long", "tempo", "intervals", "hills", "race", "rest", "cross")
KIND_LABELS = {"easy": "Easy", "long": "Long run", "tempo": "Tempo", "intervals": "Intervals", "hills": "Hills",
               "race": "Race", "rest": "Rest", "cross": "Cross-training"}
PACE_ZONES = ("easy", "marathon", "threshold", "interval", "repetition")
ACTIVITY_SOURCES = ("manual", "gpx", "fit", "csv")
_KINDS_SQL = ", ".join(f"'{kind}'" for kind in SESSION_KINDS)


class PlannedSession(db.Model):
    __tablename__ = "planned_sessions"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_KINDS_SQL})", name="kind"),
        CheckConstraint("effort IS NULL OR effort BETWEEN 1 AND 10", name="effort"),
        CheckConstraint("distance_m IS NULL OR distance_m > 0", name="distance"),
        CheckConstraint("duration_s IS NULL OR duration_s > 0", name="duration"),
        Index("ix_planned_sessions_client_on", "client_id", "on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(120), default="")
    distance_m: Mapped[float | None]
    # The distance before a race taper scaled it (None when no taper is applied), so the taper can be undone.
    distance_before_taper_m: Mapped[float | None]
    duration_s: Mapped[int | None]
    pace_s_per_km: Mapped[int | None]  # the target pace, stored per km like every distance
    pace_zone: Mapped[str | None] = mapped_column(String(12))
    effort: Mapped[int | None]  # target RPE 1-10
    description: Mapped[str] = mapped_column(Text, default="")
    skipped_reason: Mapped[str | None] = mapped_column(String(300))
    skipped_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_rest(self) -> bool:
        return self.kind == "rest"


class Activity(db.Model):
    """A run (or cross-training) the runner did; matched to the plan by date."""

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("source IN ('manual', 'gpx', 'fit', 'csv')", name="source"),
        CheckConstraint("sport IN ('run', 'cross')", name="sport"),
        CheckConstraint("effort IS NULL OR effort BETWEEN 1 AND 10", name="effort"),
        CheckConstraint("distance_m IS NULL OR distance_m >= 0", name="distance"),
        CheckConstraint("duration_s IS NULL OR duration_s >= 0", name="duration"),
        UniqueConstraint("client_id", "fingerprint", name="client_fingerprint"),
        Index("ix_activities_client_on", "client_id", "on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    on: Mapped[date]
    sport: Mapped[str] = mapped_column(String(5), default="run")
    distance_m: Mapped[float | None]
    duration_s: Mapped[int | None]
    effort: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(6), default="manual")
    # Imports carry a fingerprint of the file's run, so importing the same file twice adds nothing.
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlanTemplate(db.Model):
    """A run of weeks saved by a trainer to reuse for many runners."""

    __tablename__ = "plan_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    weeks: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]

    sessions: Mapped[list[TemplateSession]] = relationship(back_populates="template", order_by="TemplateSession.day",
                                                           cascade="all, delete-orphan")


class TemplateSession(db.Model):
    __tablename__ = "template_sessions"
    __table_args__ = (CheckConstraint(f"kind IN ({_KINDS_SQL})", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("plan_templates.id"), index=True)
    day: Mapped[int]  # days from the template's first day
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(120), default="")
    distance_m: Mapped[float | None]
    duration_s: Mapped[int | None]
    pace_s_per_km: Mapped[int | None]
    pace_zone: Mapped[str | None] = mapped_column(String(12))
    effort: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")

    template: Mapped[PlanTemplate] = relationship(back_populates="sessions")
