"""What races put on other pages: a countdown on the runner's home, equivalents and training
paces on the client's profile, and the races themselves on both calendar views."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from flask import url_for

from coachsite import filters, panels
from coachsite.calendar import grid
from coachsite.domain import pacing
from coachsite.domain import races as rules
from coachsite.models import Client, User
from coachsite.races import services


def countdown(client: Client, viewer: User, today: date) -> dict[str, Any] | None:
    race = services.next_race(client, today)
    if race is None:
        return None
    return {"client": client, "race": race, "phrase": rules.countdown_phrase(rules.days_until(race.on, today))}


def equivalents(client: Client, viewer: User, today: date) -> dict[str, Any]:
    """Race-time equivalents (VDOT and Riegel) and training paces from the client's best result."""
    effort = rules.best_effort(client.bests())
    if effort is None:
        return {"client": client, "effort": None, "rows": [], "paces": None}
    return {"client": client, "effort": effort, "rows": rules.equivalents(effort),
            "paces": pacing.training_paces(effort.vdot)}


def calendar_races(client: Client, first: date, last: date) -> dict[date, list[grid.Extra]]:
    """Races on the calendar, with the goal time: one query for the range shown."""
    by_day: dict[date, list[grid.Extra]] = defaultdict(list)
    for race in services.races_between(client, first, last):
        distance = services.distance_label(race.distance_m) or filters.distance(race.distance_m)
        goal = f" · goal {filters.duration(race.goal_time_s)}" if race.goal_time_s else ""
        result = f" · ran {filters.duration(race.result_time_s)}" if race.result_time_s else ""
        by_day[race.on].append(grid.Extra(
            label=f"Race: {race.name}", detail=f"{race.priority} race, {distance}{goal}{result}",
            url=url_for("races.show", client_id=client.id, race_id=race.id)))
    return dict(by_day)


def register() -> None:
    panels.register("runner_home", "races/_countdown_panel.html", countdown, order=10, own_data=True)
    panels.register("client_profile", "races/_equivalents_panel.html", equivalents, order=30)
    grid.register_extras("race", calendar_races)
