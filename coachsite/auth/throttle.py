"""Login attempts limited per account and per address, counted in the database so every worker
of a gunicorn pool sees the same numbers (no per-process memory)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select

from coachsite.extensions import db
from coachsite.models import LoginAttempt, utcnow


@dataclass(frozen=True)
class Limits:
    window: timedelta = timedelta(minutes=15)
    per_account: int = 5  # failures in the window since the account's last success
    per_address: int = 30  # failures in the window from one address, whatever the account


class Locked(Exception):
    """Too many failures; the message says what to do."""


def check(account: str, address: str, limits: Limits) -> None:
    since = utcnow() - limits.window
    last_success = db.session.scalar(select(func.max(LoginAttempt.at)).where(
        LoginAttempt.account == account, LoginAttempt.succeeded.is_(True)))
    account_since = max(since, last_success) if last_success else since
    account_failures = _failures(LoginAttempt.account == account, account_since)
    if account_failures >= limits.per_account:
        raise Locked(f"Too many failed attempts for this account. Wait {_minutes(limits)} minutes, "
                     "or reset your password.")
    if _failures(LoginAttempt.address == address, since) >= limits.per_address:
        raise Locked(f"Too many failed attempts from your network. Wait {_minutes(limits)} minutes and try again.")


def record(account: str, address: str, succeeded: bool) -> None:
    db.session.add(LoginAttempt(account=account[:254], address=address[:64], succeeded=succeeded))


def prune(older_than: timedelta = timedelta(days=30)) -> int:
    """Old attempts carry no information for the limits; keep the table small."""
    result = db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - older_than))
    return int(getattr(result, "rowcount", 0) or 0)


def _failures(condition: object, since: object) -> int:
    return db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
        condition, LoginAttempt.succeeded.is_(False), LoginAttempt.at > since)) or 0


def _minutes(limits: Limits) -> int:
    return int(limits.window.total_seconds() // 60)
