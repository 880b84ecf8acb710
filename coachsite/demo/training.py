"""A plan on the calendar and the runs logged against it, for the demo runners.

Deterministic (no random module): a weekly pattern that builds over a season, with a few
partial, missed and skipped days in the past so every calendar state shows."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from coachsite.extensions import db
from coachsite.models import Activity, Client, PlannedSession

# weekday -> (kind, title, km at the start of the season, description)
WEEK = {
    1: ("intervals", "Intervals", 8.0, "Warm up 2 km; 6 x 800 m at 5K pace, 90 s jog; cool down."),
    2: ("easy", "Easy run", 6.0, "Conversational pace the whole way."),
    3: ("tempo", "Tempo run", 8.0, "2 km easy, 4 km at threshold, 2 km easy."),
    5: ("easy", "Easy run", 5.0, "Relaxed; add 4 strides at the end."),
    6: ("long", "Long run", 14.0, "Steady and easy; practise drinking on the move."),
}
REST_DAY = 0
ZONES = {"intervals": "interval", "easy": "easy", "tempo": "threshold", "long": "easy"}


def _season_km(kind_km: float, week_index: int) -> float:
    """Build 5% a week in blocks of three, easing every fourth week."""
    block, within = divmod(week_index, 4)
    factor = 1 + 0.05 * (block * 2 + min(within, 2))
    if within == 3:
        factor *= 0.8
    return round(kind_km * factor, 1)


def _quirk(day: date) -> str:
    """A stable pseudo-random choice per day: most runs done, a few partial, missed or skipped."""
    n = (day.toordinal() * 7919) % 23
    return "partial" if n == 3 else "missed" if n == 7 else "skipped" if n == 11 else "done"


def load_plan(client: Client, first: date, last: date, today: date, pace_s_per_km: int) -> list[str]:
    if db.session.scalar(select(func.count()).select_from(PlannedSession).where(PlannedSession.client_id == client.id)):
        return []
    sessions, runs = 0, 0
    week_one = first - timedelta(days=first.weekday())
    day = first
    while day <= last:
        week_index = (day - week_one).days // 7
        if day.weekday() == REST_DAY:
            db.session.add(PlannedSession(client_id=client.id, on=day, kind="rest", title="Rest day"))
            sessions += 1
        elif day.weekday() in WEEK:
            kind, title, km, description = WEEK[day.weekday()]
            metres = _season_km(km, week_index) * 1000
            db.session.add(PlannedSession(
                client_id=client.id, on=day, kind=kind, title=title, distance_m=metres, pace_zone=ZONES[kind],
                description=description, skipped_at=_skipped(day, today),
                skipped_reason="Work trip" if _skipped(day, today) else None))
            sessions += 1
            runs += _log(client, day, today, metres, pace_s_per_km)
        day += timedelta(days=1)
    db.session.flush()
    return [f"{sessions} planned sessions and {runs} runs for {client.name}"]


def _skipped(day: date, today: date) -> datetime | None:
    return datetime.combine(day, datetime.min.time()) if day < today and _quirk(day) == "skipped" else None


def _log(client: Client, day: date, today: date, metres: float, pace_s_per_km: int) -> int:
    quirk = _quirk(day)
    if day >= today or quirk in ("missed", "skipped"):
        return 0
    if quirk == "partial":
        metres *= 0.6
    seconds = int(metres / 1000 * (pace_s_per_km + (day.toordinal() % 9) * 3))
    db.session.add(Activity(client_id=client.id, on=day, distance_m=metres, duration_s=seconds,
                            effort=4 + day.toordinal() % 4, source="manual",
                            comment="Felt strong" if day.weekday() == 6 else ""))
    if client.last_activity_on is None or day > client.last_activity_on:
        client.last_activity_on = day
    return 1
