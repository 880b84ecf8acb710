"""Demo plan template: a 4-week base block with zone paces, so applying it fills each runner's own paces."""
from __future__ import annotations

from sqlalchemy import select

from coachsite.extensions import db
from coachsite.models import PlanTemplate, TemplateSession, User

BASE_BUILDING = "Base building"
_KM = 1000.0

# (day in the week, kind, title, km, pace zone, description); day 0 is the first day of the week.
_WEEK = (
    (0, "rest", "", None, None, "Rest or an easy walk."),
    (1, "easy", "", 6.0, "easy", "Conversational pace throughout."),
    (2, "intervals", "", 8.0, "interval", "2 km warm-up, 5 x 800 m at interval pace with 400 m jog, 2 km cool-down."),
    (3, "easy", "", 6.0, "easy", "Easy, with 4 x 20 s strides at the end."),
    (4, "rest", "", None, None, ""),
    (5, "tempo", "Threshold run", 9.0, "threshold", "2 km easy, 5 km at threshold pace, 2 km easy."),
    (6, "long", "", 14.0, "easy", "Long run at easy pace; walk the drink stops."),
)
# Weekly growth of the longer runs, then a lighter fourth week to absorb the work.
_WEEK_FACTORS = (1.0, 1.1, 1.2, 0.8)
_GROWS = ("easy", "long")


def _distance_m(kind: str, km: float | None, factor: float) -> float | None:
    """Easy and long runs grow with the week's factor (to the half km); quality sessions stay the same."""
    if km is None:
        return None
    return (round(km * factor * 2) / 2 if kind in _GROWS else km) * _KM


def load_templates(coach: User) -> list[str]:
    """Create the demo template for this trainer unless one of that name exists; a line per thing created."""
    if db.session.scalar(select(PlanTemplate).where(PlanTemplate.trainer_id == coach.id,
                                                    PlanTemplate.name == BASE_BUILDING)) is not None:
        return []
    template = PlanTemplate(trainer_id=coach.id, name=BASE_BUILDING, weeks=len(_WEEK_FACTORS))
    for week, factor in enumerate(_WEEK_FACTORS):
        for day, kind, title, km, zone, description in _WEEK:
            template.sessions.append(TemplateSession(day=week * 7 + day, kind=kind, title=title,
                                                     distance_m=_distance_m(kind, km, factor),
                                                     pace_zone=zone, description=description))
    db.session.add(template)
    db.session.flush()
    return [f"plan template {BASE_BUILDING} for {coach.email}"]
