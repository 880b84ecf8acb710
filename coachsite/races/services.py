"""Race plans: add and edit, pacing plan, taper apply/undo, result and bests. flush() only.

The maths lives in domain.pacing and domain.races; this module reads and writes rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from coachsite import events
from coachsite.domain import pacing, units
from coachsite.domain import races as rules
from coachsite.extensions import db
from coachsite.models import Client, PlannedSession, Race

RACE_FIELDS = ("name", "on", "distance_m", "priority", "goal_time_s", "location", "notes", "strategy",
               "strategy_percent")
MAX_TAPER_WEEKS = 3


class RaceProblem(ValueError):
    """A request that cannot be done as asked; the message says why, for the person."""


# --------------------------------------------------------------------------
# Races
# --------------------------------------------------------------------------

def add_race(client: Client, draft: dict[str, Any]) -> Race:
    race = Race(client_id=client.id, **{name: draft[name] for name in RACE_FIELDS if name in draft})
    db.session.add(race)
    db.session.flush()
    return race


def update_race(race: Race, draft: dict[str, Any]) -> None:
    if race.taper_applied_at is not None and draft.get("on", race.on) != race.on:
        raise RaceProblem("Undo the taper before moving the race: it changed the sessions of the weeks before it.")
    for name in RACE_FIELDS:
        if name in draft:
            setattr(race, name, draft[name])
    db.session.flush()


def races_of(client: Client) -> list[Race]:
    return list(db.session.scalars(select(Race).where(Race.client_id == client.id, Race.archived_at.is_(None))
                                   .order_by(Race.on, Race.id)))


def next_race(client: Client, today: date) -> Race | None:
    """The next race still to run: today or later, no result yet."""
    return db.session.scalar(select(Race).where(
        Race.client_id == client.id, Race.archived_at.is_(None), Race.on >= today, Race.result_time_s.is_(None))
        .order_by(Race.on, Race.id).limit(1))


def races_between(client: Client, first: date, last: date) -> list[Race]:
    return list(db.session.scalars(select(Race).where(
        Race.client_id == client.id, Race.archived_at.is_(None), Race.on.between(first, last))
        .order_by(Race.on, Race.id)))


def distance_label(distance_m: float) -> str | None:
    """'Half marathon' for a standard race, None for another distance (shown in the reader's units)."""
    return rules.standard_label(distance_m)


# --------------------------------------------------------------------------
# Pacing plan
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanRow:
    mark: str  # distance at the end of the split, in the band's unit: "1", "13.1"
    split_s: int
    pace_s_per_unit: float
    cumulative_s: int


@dataclass(frozen=True)
class PacingPlan:
    unit: str  # "km" or "mi"
    rows: list[PlanRow]


def _mark(metres: float, unit: str) -> str:
    value = round(units.from_metres(metres, unit), 2)
    return f"{value:g}"


def pacing_plans(race: Race, first_unit: str = "km") -> list[PacingPlan]:
    """Splits per km and per mile for the goal time by the race's strategy; the reader's unit first.

    Empty without a goal time. Cumulative times end exactly on the goal (pacing.splits).
    """
    if not race.goal_time_s:
        return []
    plans = []
    for unit in sorted(units.UNITS, key=lambda u: u != first_unit):
        split_m = units.UNITS[unit]
        rows = [PlanRow(mark=_mark(s.distance_m, unit), split_s=s.split_s,
                        pace_s_per_unit=s.split_s / (s.split_distance_m / split_m), cumulative_s=s.cumulative_s)
                for s in pacing.splits(race.distance_m, race.goal_time_s, split_m, race.strategy,
                                       race.strategy_percent)]
        plans.append(PacingPlan(unit=unit, rows=rows))
    return plans


# --------------------------------------------------------------------------
# Taper
# --------------------------------------------------------------------------

def _window(race: Race, weeks: int) -> tuple[date, date]:
    return race.on - timedelta(days=7 * weeks - 1), race.on


def _sessions(race: Race, weeks: int) -> list[PlannedSession]:
    first, last = _window(race, weeks)
    return list(db.session.scalars(select(PlannedSession).where(
        PlannedSession.client_id == race.client_id, PlannedSession.on.between(first, last))
        .order_by(PlannedSession.on, PlannedSession.id)))


def _facts(sessions: list[PlannedSession]) -> list[rules.PlannedDistance]:
    return [rules.PlannedDistance(id=s.id, on=s.on, kind=s.kind, distance_m=s.distance_m,
                                  original_m=s.distance_before_taper_m) for s in sessions]


def taper_table(race: Race) -> list[rules.TaperWeek]:
    """Planned weekly volume against the suggested taper (A races only; empty otherwise)."""
    if race.priority != "A":
        return []
    return rules.taper_table(race.on, race.distance_m, _facts(_sessions(race, rules.LOOKBACK_WEEKS)))


def apply_taper(race: Race, today: date, now: datetime) -> int:
    """Shorten the sessions still to come in the taper weeks; each keeps its distance to undo it."""
    if race.priority != "A":
        raise RaceProblem("Only A races get a taper.")
    if race.taper_applied_at is not None:
        raise RaceProblem("The taper is already applied.")
    if race.on < today:
        raise RaceProblem("The race is over: there is nothing left to taper.")
    sessions = _sessions(race, rules.LOOKBACK_WEEKS)
    facts = _facts(sessions)
    table = rules.taper_table(race.on, race.distance_m, facts)
    if not table:
        raise RaceProblem("Nothing is planned in the weeks before the race, so there is nothing to taper.")
    changes = rules.taper_changes(table, facts, today)
    if not changes:
        raise RaceProblem("The weeks before the race are already at or under the suggested volume: "
                          "nothing to change.")
    for session in sessions:
        if session.id in changes:
            session.distance_before_taper_m = session.distance_m
            session.distance_m = changes[session.id]
    race.taper_applied_at = now
    db.session.flush()
    return len(changes)


def undo_taper(race: Race) -> int:
    """Give every tapered session before the race its planned distance back."""
    if race.taper_applied_at is None:
        raise RaceProblem("No taper is applied, so there is nothing to undo.")
    restored = 0
    for session in _sessions(race, MAX_TAPER_WEEKS):
        if session.distance_before_taper_m is not None:
            session.distance_m, session.distance_before_taper_m = session.distance_before_taper_m, None
            restored += 1
    race.taper_applied_at = None
    db.session.flush()
    return restored


# --------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------

def record_result(client: Client, race: Race, result_s: int, today: date) -> str | None:
    """Save the finish time; a faster time over a standard distance becomes the client's best.

    Returns the label of the best that improved (e.g. "Half marathon"), else None. Goals of the
    "race" kind settle from the result: the goals feature listens to events.runs_changed.
    """
    if race.on > today:
        raise RaceProblem(f"Enter the result after the race: it is on {race.on:%-d %B %Y}.")
    race.result_time_s = result_s
    improved = None
    key = rules.standard_key(race.distance_m)
    if key is not None:
        column = f"best_{key}_s"
        if rules.is_new_best(getattr(client, column), result_s):
            setattr(client, column, result_s)
            improved = rules.standard_label(race.distance_m)
    db.session.flush()
    events.runs_changed(client, today)
    return improved
