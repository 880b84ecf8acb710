"""Batch printing jobs: a trainer's PDF of several clients, rendered in the background."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachsite.extensions import db
from coachsite.models._time import utcnow

JOB_STATES = ("queued", "running", "done", "failed")


class PrintJob(db.Model):
    """One batch PDF a trainer asked for (several clients, a month range). The row is the job's
    state, so progress survives a page reload and any worker process can answer it.

    `request_key` hashes what was asked (trainer, clients, months, paper): asking again finds this
    row. `content_key` hashes the pages' HTML when the file was made: if it still matches, the file
    is served again without rendering."""

    __tablename__ = "print_jobs"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="state"),
        CheckConstraint("months BETWEEN 1 AND 12", name="months"),
        CheckConstraint("paper IN ('a4', 'letter')", name="paper"),
        UniqueConstraint("trainer_id", "request_key"),  # asking again finds the same job
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # led by the unique constraint
    request_key: Mapped[str] = mapped_column(String(64))
    client_ids: Mapped[list[int]] = mapped_column(JSON)
    start_on: Mapped[date]  # the first day of the first month
    months: Mapped[int]
    paper: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10), default="queued")
    pages_done: Mapped[int] = mapped_column(default=0)
    pages_total: Mapped[int] = mapped_column(default=0)
    content_key: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)  # a running job older than this is dead
    finished_at: Mapped[datetime | None]
