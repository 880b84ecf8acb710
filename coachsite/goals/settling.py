"""Glue between the database and the pure settling rule: load the open contracts and the runs
of their window, ask `domain.goals.settle`, write the states back (flush only).

Runs whenever a client's runs change (events.on_runs_changed) and on page views (goal pages,
the runner's home, the trainer's roster), so deadlines that passed settle without a new run.
A fixed handful of queries whatever the history: open goals (+ their milestones), the clients'
week starts (when a weekly goal is open), the runs of the goals' window, and race results when a race goal is open.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, or_, select, union
from sqlalchemy.orm import aliased, joinedload

from coachsite import events
from coachsite.domain import goals as rules
from coachsite.extensions import db
from coachsite.goals.kinds import milestone_kind
from coachsite.goals.services import contract_target
from coachsite.models import Activity, Client, Goal, Milestone, Race, User

OPEN = "accepted"  # the database word for a contract the runner accepted that is not settled yet


# Made once: a new alias per call made SQLAlchemy adapt every column again (1.5 ms a run logged).
_RUNNER, _TRAINER = aliased(User, name="runner"), aliased(User, name="trainer")


# The queries every run logged asks, built once with bind parameters (SQLAlchemy builds and looks up a
# statement made per call anew: about a third of what these queries cost in Python).
_WEEK_STARTS = (select(Client.id, func.coalesce(_RUNNER.week_start, _TRAINER.week_start))
                .join(_TRAINER, Client.trainer_id == _TRAINER.id).outerjoin(_RUNNER, Client.runner_id == _RUNNER.id)
                .where(Client.id.in_(bindparam("clients", expanding=True))))
_OPEN_GOALS = (select(Goal).where(Goal.client_id.in_(bindparam("clients", expanding=True)),
                                  Goal.accepted_at.is_not(None), Goal.state != "cancelled",
                                  or_(Goal.state == OPEN, Goal.milestones.any(Milestone.state == OPEN)))
               .options(joinedload(Goal.milestones)).order_by(Goal.id))
_RUNS = (select(Activity.client_id, Activity.id, Activity.on, Activity.distance_m, Activity.duration_s)
         .where(Activity.client_id.in_(bindparam("clients", expanding=True)), Activity.sport == "run",
                Activity.on.between(bindparam("first"), bindparam("last"))))
_RACE_RESULTS = (select(Race.id, Race.on, Race.result_time_s)
                 .where(Race.id.in_(bindparam("races", expanding=True)), Race.result_time_s.is_not(None)))


def week_starts(client_ids: Iterable[int]) -> dict[int, int]:
    """The week start that settles a client's weekly goals: the runner's own setting once they
    have an account, else their trainer's (so both see the same weeks)."""
    rows = db.session.execute(_WEEK_STARTS, {"clients": list(client_ids)}).all()
    return {client_id: week_start for client_id, week_start in rows}


def open_goals(client_ids: Sequence[int]) -> list[Goal]:
    """Accepted goals with something still to settle: the goal itself or one of its milestones."""
    if not client_ids:
        return []
    return list(db.session.scalars(_OPEN_GOALS, {"clients": list(client_ids)}).unique())


def run_facts(client_ids: Sequence[int], first: date, last: date) -> dict[int, list[rules.Run]]:
    """The runs (not cross-training) of these clients between two dates, as domain facts."""
    by_client: dict[int, list[rules.Run]] = defaultdict(list)
    rows = db.session.execute(_RUNS, {"clients": list(client_ids), "first": first, "last": last})
    for client_id, run_id, on, distance_m, duration_s in rows:
        by_client[client_id].append(rules.Run(id=run_id, on=on, distance_m=distance_m, seconds=duration_s))
    return by_client


def race_results(race_ids: Iterable[int | None]) -> list[rules.RaceResult]:
    """A race with a result settles a race goal; the race date is the result date."""
    wanted = {race_id for race_id in race_ids if race_id is not None}
    if not wanted:
        return []
    rows = db.session.execute(_RACE_RESULTS, {"races": sorted(wanted)})
    return [rules.RaceResult(race_id=race_id, on=on, time_s=seconds) for race_id, on, seconds in rows]


def contracts(goal: Goal, only_open: bool = True) -> list[tuple[Goal | Milestone, rules.Contract]]:
    """The goal and its milestones as domain contracts (milestones run from the goal's start)."""
    found: list[tuple[Goal | Milestone, rules.Contract]] = []
    if not only_open or goal.state == OPEN:
        found.append((goal, rules.Contract(f"g{goal.id}", goal.start_on, goal.due_on,
                                           contract_target(goal.kind, goal), state=_state(goal.state))))
    for milestone in goal.milestones:
        if (not only_open or milestone.state == OPEN) and goal.start_on <= milestone.due_on:
            found.append((milestone, rules.Contract(
                f"m{milestone.id}", goal.start_on, milestone.due_on,
                contract_target(milestone_kind(goal.kind), milestone), state=_state(milestone.state))))
    return found


def _state(db_state: str) -> rules.State:
    return {"achieved": rules.State.ACHIEVED, "missed": rules.State.MISSED,
            "excused": rules.State.EXCUSED}.get(db_state, rules.State.PENDING)


def settle_clients(client_ids: Sequence[int], today: date) -> int:
    """Settle every open contract of these clients as of `today`; return how many changed."""
    goals = open_goals(client_ids)
    if not goals:
        return 0
    pending = [(goal.client_id, row, contract) for goal in goals for row, contract in contracts(goal)]
    if not pending:
        return 0
    clients = sorted({client_id for client_id, _, _ in pending})
    first = min(contract.start for _, _, contract in pending)
    last = min(max(contract.due for _, _, contract in pending), today)
    runs = run_facts(clients, first, last) if first <= last else {}
    results = race_results(goal.race_id for goal in goals if goal.kind == "race" and goal.state == OPEN)
    # A client's week start is asked only when one of their contracts counts calendar weeks.
    weekly = sorted({client_id for client_id, _, contract in pending if contract.target.kind in rules.WEEKLY_KINDS})
    starts = week_starts(weekly) if weekly else {}
    by_client: dict[int, list[tuple[Goal | Milestone, rules.Contract]]] = defaultdict(list)
    for owner, row, contract in pending:  # one pass: a scan of `pending` per client was quadratic in the roster
        by_client[owner].append((row, contract))
    changed = 0
    for client_id in clients:
        mine = by_client[client_id]
        outcomes = rules.settle([contract for _, contract in mine], runs.get(client_id, []), today=today,
                                week_start=starts.get(client_id, 0), race_results=results)
        for (row, _), outcome in zip(mine, outcomes, strict=True):
            changed += _write(row, outcome)
    if changed:
        db.session.flush()
    return changed


def _write(row: Goal | Milestone, outcome: rules.Outcome) -> int:
    if outcome.state is rules.State.ACHIEVED:
        row.state, row.settled_on, row.settled_by_activity_id = "achieved", outcome.settled_on, outcome.run_id
        return 1
    if outcome.state is rules.State.MISSED:
        row.state, row.settled_on, row.settled_by_activity_id = "missed", outcome.settled_on, None
        return 1
    return 0


def overdue_clients(client_ids: Any, today: date) -> list[int]:
    """Clients with an accepted contract still open past its due date: the only thing that changes
    without a run being logged (runs settle as they arrive). `client_ids`: a list or a subquery.

    The overdue open rows of the whole site come first, from the (state, due date) indexes: they
    are few whatever the history, because any page view or run of their client settles them.
    Only when there are some are they matched to the clients asked about. (A single query with
    the roster in it let SQLite walk every goal of a 1,000-client roster instead: 5 ms a view.)"""
    goals = select(Goal.client_id).where(Goal.state == OPEN, Goal.due_on < today, Goal.accepted_at.is_not(None))
    milestones = select(Goal.client_id).join(Milestone, Milestone.goal_id == Goal.id).where(
        Milestone.state == OPEN, Milestone.due_on < today, Goal.accepted_at.is_not(None), Goal.state != "cancelled")
    overdue = set(db.session.scalars(union(goals, milestones)))
    if not overdue:
        return []
    if isinstance(client_ids, list):
        return sorted(overdue.intersection(client_ids))
    return sorted(db.session.scalars(select(Client.id).where(Client.id.in_(sorted(overdue)),
                                                              Client.id.in_(client_ids))))


def settle_overdue(client_ids: Any, today: date) -> int:
    """What a page view settles: deadlines that passed (see overdue_clients)."""
    overdue = overdue_clients(client_ids, today)
    return settle_clients(overdue, today) if overdue else 0


def settle_client(client: Client, today: date) -> int:
    return settle_clients([client.id], today)


@events.on_runs_changed
def _runs_changed(client: Client, today: date) -> None:
    settle_client(client, today)
