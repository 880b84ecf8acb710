"""Timestamps are stored as naive UTC so SQLite and PostgreSQL read back the same value."""
from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
