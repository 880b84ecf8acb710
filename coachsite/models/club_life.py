"""What a club does together: invites to join it, challenges with a leaderboard, running
partnerships between two of its clients, and the cheers partners leave on each other's goals."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachsite.extensions import db
from coachsite.models._time import utcnow
from coachsite.models.client import Client
from coachsite.models.club import Club
from coachsite.models.user import User

INVITE_ROLES = ("owner", "trainer")
CHALLENGE_METRICS = ("distance", "runs")
PARTNERSHIP_KINDS = ("partners", "mentor")
CHEER_MAX = 280


class ClubInvite(db.Model):
    """An invitation for a trainer to join a club. For an email that already has a trainer account
    it waits on that account's clubs page (no secret); otherwise it travels as a link whose secret
    only the SHA-256 of is kept. Membership exists only once the invite is accepted."""

    __tablename__ = "club_invites"
    __table_args__ = (CheckConstraint("role IN ('owner', 'trainer')", name="role"),
                      Index("ix_club_invites_email", "email"))

    id: Mapped[int] = mapped_column(primary_key=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(10), default="trainer")
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # declined, or replaced by a newer invite

    club: Mapped[Club] = relationship()
    invited_by: Mapped[User] = relationship()


class Challenge(db.Model):
    """"Most km in March", "most runs in a week": every active client of the club takes part."""

    __tablename__ = "challenges"
    __table_args__ = (CheckConstraint("metric IN ('distance', 'runs')", name="metric"),
                      CheckConstraint("ends_on >= starts_on", name="dates"))

    id: Mapped[int] = mapped_column(primary_key=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    metric: Mapped[str] = mapped_column(String(8), default="distance")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]

    created_by: Mapped[User] = relationship()


class Partnership(db.Model):
    """Two clients of one club who run together: partners, or mentor and mentee.

    The pair is stored lower client id first, so one pair has one row shape; while it lasts
    (ended_at is NULL) the pair is unique."""

    __tablename__ = "partnerships"
    __table_args__ = (
        CheckConstraint("client_a_id < client_b_id", name="pair_order"),
        CheckConstraint("kind IN ('partners', 'mentor')", name="kind"),
        CheckConstraint("(kind = 'partners' AND mentor_client_id IS NULL) OR "
                        "(kind = 'mentor' AND mentor_client_id IN (client_a_id, client_b_id))", name="mentor"),
        Index("uq_partnerships_open_pair", "client_a_id", "client_b_id", unique=True,
              sqlite_where=text("ended_at IS NULL"), postgresql_where=text("ended_at IS NULL")),
        Index("ix_partnerships_client_b_id", "client_b_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    client_a_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    client_b_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    kind: Mapped[str] = mapped_column(String(8), default="partners")
    mentor_client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"))
    confirmed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    client_a: Mapped[Client] = relationship(foreign_keys=[client_a_id])
    client_b: Mapped[Client] = relationship(foreign_keys=[client_b_id])

    def other(self, client_id: int) -> int:
        return self.client_b_id if client_id == self.client_a_id else self.client_a_id


class Cheer(db.Model):
    """A short message a partner's runner account leaves on a shared goal or one of its milestones."""

    __tablename__ = "cheers"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"))
    message: Mapped[str] = mapped_column(String(CHEER_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()
