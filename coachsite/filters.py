"""Jinja filters: the only place where metres and seconds become what a user reads."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask, g, has_request_context
from flask_login import current_user

from coachsite.domain import units


def _user_units(explicit: str | None) -> str:
    """The reader's units. Looked up once per request: a calendar formats hundreds of values."""
    if explicit:
        return explicit
    if not has_request_context():
        return "km"
    if "_units" not in g:
        g._units = getattr(current_user, "units", "km") if current_user.is_authenticated else "km"
    return str(g._units)


def duration(seconds: int | float | None) -> str:
    return units.format_duration(seconds) if seconds is not None else "—"


def distance(metres: float | None, unit: str | None = None, digits: int = 1) -> str:
    return units.format_distance(metres, _user_units(unit), digits) if metres is not None else "—"


def pace(seconds_per_unit: float | None, unit: str | None = None) -> str:
    return units.format_pace(seconds_per_unit, _user_units(unit)) or "—"


def pace_per_km(seconds_per_km: float | None, unit: str | None = None) -> str:
    """A pace stored per km, shown in the reader's units: 300 -> "5:00 /km" or "8:03 /mi"."""
    if not seconds_per_km:
        return "—"
    chosen = _user_units(unit)
    return units.format_pace(seconds_per_km * units.from_metres(units.UNITS[chosen], "km"), chosen)


def pace_for(seconds: int | None, metres: float | None, unit: str | None = None) -> str:
    """The pace of a time over a distance, e.g. a best 5 km of 25:00 -> "5:00 /km"."""
    chosen = _user_units(unit)
    return units.format_pace(units.pace_s_per_unit(metres, seconds, chosen), chosen) or "—"


def done_of(figure: object) -> str:
    """A compliance figure as people say it: "3 of 4" (or "—" when nothing was due)."""
    planned = getattr(figure, "planned", 0)
    return f"{getattr(figure, 'done', 0)} of {planned}" if planned else "—"


def day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return f"{value:%a} {value.day} {value:%b %Y}"


def register(app: Flask) -> None:
    app.add_template_filter(duration)
    app.add_template_filter(distance)
    app.add_template_filter(pace)
    app.add_template_filter(pace_for)
    app.add_template_filter(pace_per_km)
    app.add_template_filter(day)
    app.add_template_filter(done_of)
