from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column, query_expression

from coachsite.extensions import db
from coachsite.models._stamp import new_stamp
from coachsite.models._time import utcnow

ROLES = ("trainer", "runner")
UNITS = ("km", "mi")
PAPERS = ("a4", "letter")


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('trainer', 'runner')", name="role"),
        CheckConstraint("units IN ('km', 'mi')", name="units"),
        CheckConstraint("week_start BETWEEN 0 AND 6", name="week_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default="trainer")
    units: Mapped[str] = mapped_column(String(2), default="km")
    week_start: Mapped[int] = mapped_column(default=0)  # 0 = Monday ... 6 = Sunday
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    paper: Mapped[str] = mapped_column(String(10), default="a4")
    # Bumped on logout, password change and deactivation: every older session cookie stops working.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deactivated_at: Mapped[datetime | None]
    # A trainer's: changes, in the same transaction, with anything of any client on their roster
    # (coachsite/stamps.py). The roster's kept page and goals panel are keyed by it, and it comes
    # with the user's own row, so a roster seen again asks nothing more, however long it is.
    roster_stamp: Mapped[int] = mapped_column(default=new_stamp, server_default="0")
    # Whether they belong to a club, which the navigation asks on every page: loaded with the user at
    # the start of a request (auth/sessions.py), None when the user was loaded any other way.
    in_a_club: Mapped[bool | None] = query_expression()

    @property
    def is_trainer(self) -> bool:
        return self.role == "trainer"

    @property
    def is_runner(self) -> bool:
        return self.role == "runner"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.deactivated_at is None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
