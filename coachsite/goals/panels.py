"""What the goals feature shows on other pages: the runner's home, the trainer's roster, the
client's profile (panels), and milestones on both calendar views (grid extras).

The home pages settle first, so a deadline that passed shows as "Consequence due" without
anyone logging a run. The home views do not commit (they only read), so the loader commits
when settling changed something: otherwise the decision would be made again on every visit."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import render_template, url_for
from sqlalchemy import select, union

from coachsite import fragments, panels
from coachsite.calendar import grid
from coachsite.domain import goal_terms
from coachsite.extensions import db
from coachsite.goals import forms, motivation, settling
from coachsite.goals.kinds import milestone_kind
from coachsite.goals.progress import viewer_units
from coachsite.goals.services import contract_target
from coachsite.models import Client, Excuse, Goal, Milestone, User

RECENT_DAYS = 14


@dataclass(frozen=True)
class Notice:
    """A settled goal or milestone worth a line: a reward to give, a consequence due."""

    client: Client
    goal: Goal
    milestone: Milestone | None
    headline: str  # "Reward unlocked: new socks"
    what: str  # "12 km non-stop, First half marathon"
    on: date | None
    action: str | None  # "reward" / "consequence": the trainer can still mark it
    label: str  # the reward or consequence itself

    @property
    def subject(self) -> Goal | Milestone:
        return self.milestone or self.goal


def _what(goal: Goal, milestone: Milestone | None) -> str:
    kind = goal.kind if milestone is None else milestone_kind(goal.kind)
    row = goal if milestone is None else milestone
    target = goal_terms.describe(contract_target(kind, row), viewer_units())
    return f"{target}, {goal.title}" if milestone else goal.title


def _notice(client: Client, goal: Goal, milestone: Milestone | None) -> Notice:
    row: Any = milestone or goal
    what = _what(goal, milestone)
    if row.state == "achieved":
        if row.reward:
            given = row.reward_given_at is not None
            return Notice(client, goal, milestone, f"Reward {'given' if given else 'unlocked'}: {row.reward}", what,
                          row.settled_on, None if given else "reward", row.reward)
        return Notice(client, goal, milestone, "Achieved", what, row.settled_on, None, "")
    if row.consequence:
        done = row.consequence_done_at is not None
        return Notice(client, goal, milestone, f"Consequence {'done' if done else 'due'}: {row.consequence}", what,
                      row.settled_on, None if done else "consequence", row.consequence)
    return Notice(client, goal, milestone, "Missed", what, row.settled_on, None, "")


NOTICE_LIMIT = 20


def _clients(ids: set[int]) -> dict[int, Client]:
    """The clients of these ids, in one query (none when there are none)."""
    if not ids:
        return {}
    return {client.id: client for client in db.session.scalars(select(Client).where(Client.id.in_(ids)))}


def _candidates(table: Any, since: date, client_id: int | None) -> list[tuple[int, int, date | None]]:
    """(id, client id, settled on) of the goals or milestones worth a notice: settled since `since`,
    or with a reward not given or a consequence not done yet. Three arms, each led by an index on
    (state, ...), so the rows read are the few that qualify, whatever the history. With `client_id`,
    that client's only (a runner's home)."""
    is_milestone = table is Milestone
    columns = select(table.id, Goal.client_id, table.settled_on)
    if is_milestone:
        columns = columns.join(Goal, Milestone.goal_id == Goal.id).where(Goal.state != "cancelled")
    if client_id is not None:
        columns = columns.where(Goal.client_id == client_id)
    arms = (columns.where(table.state.in_(("achieved", "missed")), table.settled_on >= since),
            columns.where(table.state == "achieved", table.reward_given_at.is_(None), table.reward != ""),
            columns.where(table.state == "missed", table.consequence_done_at.is_(None), table.consequence != ""))
    return [(row[0], row[1], row[2]) for row in db.session.execute(union(*arms))]


def _newest(rows: list[tuple[int, int, date | None]], clients: set[int], limit: int) -> list[int]:
    mine = sorted((row for row in rows if row[1] in clients), key=lambda row: (row[2] or date.min, row[0]),
                  reverse=True)
    return [row[0] for row in mine[:limit]]


def _notice_ids(today: date, limit: int, *, client_id: int | None = None,
                trainer_id: int | None = None) -> tuple[list[int], list[int]]:
    """Which goals and milestones to show, newest first, at most `limit` of each kind so a large
    roster's page stays short: of one client (a runner's home) or of a trainer's active roster.

    The candidates come first (see _candidates), then only their clients are matched to the roster:
    walking every goal of a 10,000-client roster instead cost 15 ms a view."""
    since = today - timedelta(days=RECENT_DAYS)
    goals, milestones = _candidates(Goal, since, client_id), _candidates(Milestone, since, client_id)
    owners = {row[1] for row in goals} | {row[1] for row in milestones}
    if trainer_id is not None and owners:
        owners = set(db.session.scalars(select(Client.id).where(
            Client.id.in_(sorted(owners)), Client.trainer_id == trainer_id, Client.archived_at.is_(None))))
    return _newest(goals, owners, limit), _newest(milestones, owners, limit)


def _load_notices(goal_ids: list[int], milestone_ids: list[int], limit: int) -> list[Notice]:
    """The notices of these goals and milestones, by primary key (none: no query)."""
    goals = list(db.session.scalars(select(Goal).where(Goal.id.in_(goal_ids)))) if goal_ids else []
    rows = db.session.execute(select(Milestone, Goal).join(Goal, Milestone.goal_id == Goal.id)
                              .where(Milestone.id.in_(milestone_ids))).all() if milestone_ids else []
    owners = _clients({goal.client_id for goal in goals} | {goal.client_id for _, goal in rows})
    found = [_notice(owners[goal.client_id], goal, None) for goal in goals]
    found += [_notice(owners[goal.client_id], goal, milestone) for milestone, goal in rows]
    found.sort(key=lambda n: (n.on or date.min, n.goal.id, n.milestone.id if n.milestone else 0), reverse=True)
    return found[:limit]


def _settled_notice_ids(client_ids: Any, today: date, **whose: int) -> tuple[list[int], list[int]]:
    """Settle deadlines that passed (the only change that comes without a run), then choose the notices
    (`whose`: client_id= or trainer_id=, see _notice_ids). The home pages keep what they show as
    rendered HTML keyed by the data stamps and the day, so this runs again only when one changed."""
    if settling.settle_overdue(client_ids, today):
        db.session.commit()
    return _notice_ids(today, NOTICE_LIMIT, **whose)


# ------------------------------------------------------------------ the runner's home


def runner_home(client: Client, viewer: User, today: date) -> dict[str, Any] | None:
    chosen = _settled_notice_ids([client.id], today, client_id=client.id)
    waiting = list(db.session.scalars(select(Goal).where(Goal.client_id == client.id, Goal.state == "proposed")
                                      .order_by(Goal.proposed_at)))
    coming = db.session.execute(
        select(Milestone, Goal).join(Goal, Milestone.goal_id == Goal.id)
        .where(Goal.client_id == client.id, Milestone.state == "accepted", Milestone.due_on >= today)
        .order_by(Milestone.due_on, Milestone.id).limit(1)).first()
    shown = _load_notices(*chosen, NOTICE_LIMIT)
    if not (waiting or coming or shown):
        return None
    return {"client": client, "waiting": waiting, "notices": shown,
            "coming": (coming[0], coming[1], _what(coming[1], coming[0])) if coming else None}


# ------------------------------------------------------------------ the trainer's roster


def trainer_home(trainer: User, today: date) -> dict[str, Any] | None:
    """The roster's goals panel, kept as rendered HTML by what it shows: the trainer's roster (its
    stamp), the day and the trainer's units. Its buttons share one form, whose CSRF token the page
    writes, so nothing of the session is kept. Seen again: no query at all."""
    key = ("roster-goals", trainer.id, trainer.roster_stamp, today, trainer.units)
    html = fragments.cached(key, lambda: _trainer_panel(trainer, today))
    return {"html": html, "action": forms.ActionForm()} if html else None


def _trainer_panel(trainer: User, today: date) -> str:
    # Only deadlines that passed can change without a run: settling the whole roster on each view
    # cost a query per 500 goals and all their runs (seconds at 1,000 clients). Archived clients'
    # deadlines settle too: nobody else's page would, and they would stay among the overdue the
    # site looks through on every home page.
    every = select(Client.id).where(Client.trainer_id == trainer.id).scalar_subquery()
    shown = _load_notices(*_settled_notice_ids(every, today, trainer_id=trainer.id), NOTICE_LIMIT)
    # Joined to the roster rather than `IN (its ids)`: the waiting excuses are few, the roster may not be.
    asked = db.session.execute(
        select(Excuse, Goal).join(Goal, Excuse.goal_id == Goal.id).join(Client, Goal.client_id == Client.id)
        .where(Excuse.decision.is_(None), Client.trainer_id == trainer.id, Client.archived_at.is_(None))
        .order_by(Excuse.requested_at)).all()
    if not (shown or asked):
        return ""
    owners = _clients({goal.client_id for _, goal in asked})
    return render_template("goals/_panel_trainer_list.html", notices=shown,
                           excuses=[(excuse, goal, owners[goal.client_id]) for excuse, goal in asked])


# ------------------------------------------------------------------ the client's profile


def client_profile(client: Client, viewer: User, today: date) -> dict[str, Any] | None:
    return {"client": client, "latest": motivation.latest_score(client),
            "balance": motivation.tone_balance(client, today), "days": motivation.BALANCE_DAYS,
            "open_goals": db.session.scalar(select(Goal.id).where(Goal.client_id == client.id,
                                                                  Goal.state.in_(("proposed", "accepted"))).limit(1))}


# ------------------------------------------------------------------ the calendar


def milestone_marks(client: Client, first: date, last: date) -> dict[date, list[grid.Extra]]:
    """Milestones of the client's (not cancelled) goals in the range, with the reward named; one query."""
    rows = db.session.execute(
        select(Milestone, Goal.kind, Goal.title).join(Goal, Milestone.goal_id == Goal.id)
        .where(Goal.client_id == client.id, Goal.state != "cancelled", Milestone.state != "cancelled",
               Milestone.due_on.between(first, last)).order_by(Milestone.due_on, Milestone.id))
    marks: dict[date, list[grid.Extra]] = defaultdict(list)
    for milestone, kind, title in rows:
        target = goal_terms.describe(contract_target(milestone_kind(kind), milestone), viewer_units())
        details = [f"Reward: {milestone.reward}" if milestone.reward else "No reward"]
        if milestone.state not in ("accepted",):
            details.append(milestone.state)
        marks[milestone.due_on].append(grid.Extra(
            label=f"Milestone: {target}", detail=f"({title}) " + ", ".join(details),
            url=url_for("goals.show", client_id=client.id, goal_id=milestone.goal_id)))
    return marks


def register() -> None:
    panels.register("runner_home", "goals/_panel_runner.html", runner_home, order=20, own_data=True)
    panels.register("trainer_home", "goals/_panel_trainer.html", trainer_home, order=20)
    panels.register("client_profile", "goals/_panel_profile.html", client_profile, order=30)
    grid.register_extras("milestone", milestone_marks)
