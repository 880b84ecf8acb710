"""Today's date as the person looking at the page sees it (their time zone), in one place."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_login import current_user


def today_for(time_zone: str | None) -> date:
    try:
        zone = ZoneInfo(time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return datetime.now(zone).date()


def today() -> date:
    return today_for(getattr(current_user, "time_zone", None))
