from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachsite.extensions import db
from coachsite.models._stamp import new_stamp
from coachsite.models._time import utcnow
from coachsite.models.club import Club
from coachsite.models.user import User

MOTIVATIONS = ("extrinsic", "intrinsic", "mixed")
# The bests a trainer records by hand: (column suffix, label, metres).
BEST_DISTANCES = (("5k", "5 km", 5000.0), ("10k", "10 km", 10000.0),
                  ("half", "Half marathon", 21097.5), ("marathon", "Marathon", 42195.0))


class Client(db.Model):
    """One runner on a trainer's roster; linked to a runner account once the invite is accepted."""

    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint("units IN ('km', 'mi')", name="units"),
        CheckConstraint("motivation IN ('extrinsic', 'intrinsic', 'mixed')", name="motivation"),
        # The roster's one index: it holds every column a roster page sorts or counts by, so even a
        # 10,000-client roster is sorted without reading the table (and the stamps its rows are kept by).
        Index("ix_clients_roster", "trainer_id", "archived_at", "name", "last_activity_on", "data_stamp"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # leads the roster index above
    club_id: Mapped[int | None] = mapped_column(ForeignKey("clubs.id"), index=True)
    runner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    units: Mapped[str] = mapped_column(String(2), default="km")
    motivation: Mapped[str] = mapped_column(String(10), default="mixed")
    best_5k_s: Mapped[int | None]
    best_10k_s: Mapped[int | None]
    best_half_s: Mapped[int | None]
    best_marathon_s: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    # Kept up to date when runs are logged, so the roster sorts without scanning history.
    last_activity_on: Mapped[date | None]
    # Changes with anything of the client's (coachsite.stamps): the key of memoized figures.
    data_stamp: Mapped[int] = mapped_column(default=new_stamp, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]

    trainer: Mapped[User] = relationship(foreign_keys=[trainer_id])
    runner: Mapped[User | None] = relationship(foreign_keys=[runner_id])
    club: Mapped[Club | None] = relationship()

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def bests(self) -> list[tuple[str, float, int | None]]:
        """(label, metres, seconds or None) for each recorded distance."""
        return [(label, metres, getattr(self, f"best_{key}_s")) for key, label, metres in BEST_DISTANCES]
