"""Where the runner stands on each goal and milestone, in words and as a small chart.

Presentation glue (like the Jinja filters): reads the viewer's units, asks the pure domain for
progress and the SVG, and phrases the result. One query for the runs of all the goals shown."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask import has_request_context
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from coachsite import filters
from coachsite.domain import goal_terms
from coachsite.domain import goals as rules
from coachsite.domain.progress_chart import progress_svg
from coachsite.extensions import db
from coachsite.goals import services, settling
from coachsite.goals.kinds import milestone_kind
from coachsite.models import Goal, Milestone, Race


def viewer_units() -> str:
    user = current_user if has_request_context() else None
    return getattr(user, "units", None) or "km"


def describe(row: Goal | Milestone, goal: Goal | None = None, race_name: str | None = None) -> str:
    """A target as people say it, in the viewer's units: "12 km non-stop"."""
    owner = goal or (row if isinstance(row, Goal) else row.goal)
    kind = owner.kind if isinstance(row, Goal) else milestone_kind(owner.kind)
    return goal_terms.describe(services.contract_target(kind, row), viewer_units(), race_name)


@dataclass(frozen=True)
class Standing:
    text: str
    fraction: float
    chart: Markup | None = None

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)


def _weeks(progress: rules.Progress, target: rules.Target) -> str:
    done, needed = int(progress.best or 0), int(progress.target or 0)
    text = f"Weeks done: {done} of {needed}"
    if progress.current_week is not None:
        if target.kind is rules.Kind.WEEKLY_VOLUME:
            text += f"; this week {filters.distance(progress.current_week)} of {filters.distance(target.distance_m)}"
        else:
            text += f"; this week {int(progress.current_week)} of {target.runs_per_week} runs"
    return text


def phrase(target: rules.Target, progress: rules.Progress, race_on: date | None = None) -> str:
    """Best so far against the target, or weeks done of weeks needed."""
    if target.kind is rules.Kind.DISTANCE:
        if progress.best is None:
            return f"No run counted yet; the target is {filters.distance(target.distance_m)}."
        return f"Longest run so far: {filters.distance(progress.best)} of {filters.distance(target.distance_m)}."
    if target.kind is rules.Kind.TIME:
        if progress.best is None:
            return f"No run of {filters.distance(target.distance_m)} or more counted yet."
        return (f"Best so far: {filters.duration(progress.best)} for {filters.distance(target.distance_m)} "
                f"(target {filters.duration(target.time_s)}).")
    if target.kind is rules.Kind.RACE:
        if progress.best is None:
            when = f" (race day {filters.day(race_on)})" if race_on else ""
            return f"No result yet{when}."
        return f"Finished in {filters.duration(progress.best)}."
    return _weeks(progress, target) + "."


def _chart(goal: Goal, contract: rules.Contract, runs: Sequence[rules.Run], week_start: int, today: date,
           summary: str) -> Markup | None:
    target = contract.target
    if target.kind is rules.Kind.RACE:
        return None
    points = rules.progress_series(contract, runs, week_start, today=today)
    weekly = target.kind in (rules.Kind.WEEKLY_VOLUME, rules.Kind.CONSISTENCY)
    if target.kind is rules.Kind.CONSISTENCY:
        line, label = float(target.runs_per_week or 1), (lambda v: f"{v:.0f} runs")
    elif target.kind is rules.Kind.TIME:
        line, label = float(target.time_s or 1), filters.duration
    else:
        line, label = float(target.distance_m or 1), filters.distance
    start = min([contract.start, *(day for day, _ in points)])
    svg = progress_svg(points, target=line, start=start, end=contract.due, bars=weekly,
                       lower_is_better=target.kind is rules.Kind.TIME, label=label, chart_id=f"goal-{goal.id}-chart",
                       title=f"Progress towards {describe(goal)}", summary=summary)
    return Markup(svg)  # built from escaped parts by the pure function


def standings(goals: Sequence[Goal], today: date, week_start: int, *, chart: bool = False) -> dict[str, Standing]:
    """Keyed "g<id>" and "m<id>" for each goal and milestone; one runs query for them all."""
    pairs = [(goal, row, contract) for goal in goals for row, contract in settling.contracts(goal, only_open=False)]
    if not pairs:
        return {}
    client_ids = sorted({goal.client_id for goal in goals})
    first = min(contract.start for _, _, contract in pairs)
    last = min(max(contract.due for _, _, contract in pairs), today)
    runs = settling.run_facts(client_ids, first, last) if first <= last else {}
    races = {goal.race_id: goal for goal in goals if goal.kind == "race"}
    results = settling.race_results(races)
    race_days = _race_days(list(races))
    found: dict[str, Standing] = {}
    for goal in goals:
        mine = [(row, contract) for owner, row, contract in pairs if owner is goal]
        client_runs = runs.get(goal.client_id, [])
        outcomes = rules.settle([c for _, c in mine], client_runs, today=today, week_start=week_start,
                                race_results=results)
        for (row, contract), outcome in zip(mine, outcomes, strict=True):
            text = phrase(contract.target, outcome.progress, race_days.get(goal.race_id))
            picture = _chart(goal, contract, client_runs, week_start, today, text) \
                if chart and isinstance(row, Goal) else None
            found[str(contract.key)] = Standing(text, outcome.progress.fraction, picture)
    return found


def _race_days(race_ids: list[int | None]) -> dict[int | None, date]:
    wanted = [race_id for race_id in race_ids if race_id is not None]
    if not wanted:
        return {}
    return dict(db.session.execute(select(Race.id, Race.on).where(Race.id.in_(wanted))).all())  # type: ignore[arg-type]
