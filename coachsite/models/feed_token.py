"""Private calendar subscription URLs (iCalendar feeds)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from coachsite.extensions import db
from coachsite.models._time import utcnow


class FeedToken(db.Model):
    """A private calendar subscription URL of one user for one client. Only the SHA-256 of the
    secret is kept; the URL is shown once, when it is made."""

    __tablename__ = "feed_tokens"
    __table_args__ = (Index("ix_feed_tokens_user_client", "user_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
