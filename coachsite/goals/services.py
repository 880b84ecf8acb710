"""Goal use-cases: propose, change, accept, cancel, milestones, excuses, rewards and comments.

flush() only: the view commits once. A step the goal's state does not allow raises GoalError
with a message for the person (and, for form steps, the field it belongs next to)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, case, select
from sqlalchemy.orm import aliased, selectinload

from coachsite.domain import goal_terms
from coachsite.domain import goals as rules
from coachsite.extensions import db
from coachsite.goals.kinds import TARGET_FIELDS, milestone_kind
from coachsite.models import Client, Excuse, Goal, GoalComment, Milestone, Race, User, utcnow

GOAL_FIELDS = ("title", "start_on", "due_on", "reward", "consequence", *TARGET_FIELDS)
MILESTONE_FIELDS = ("due_on", "reward", "consequence", "distance_m", "time_s", "weeks", "runs_per_week")
OPEN = ("proposed", "accepted")  # not settled, not cancelled
SETTLED = ("achieved", "missed", "excused")


class GoalError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


# ------------------------------------------------------------------ reading


def goals_query(client: Client) -> Select[tuple[Goal]]:
    """The client's goals: open ones first, then the most recent deadline first."""
    open_first = case((Goal.state.in_(OPEN), 0), else_=1)
    return (select(Goal).where(Goal.client_id == client.id).options(selectinload(Goal.milestones))
            .order_by(open_first, Goal.due_on.desc(), Goal.id.desc()))


def goal_or_none(client: Client, goal_id: int) -> Goal | None:
    """A goal of this client only: ids from another client's goals find nothing."""
    return db.session.scalar(select(Goal).where(Goal.id == goal_id, Goal.client_id == client.id))


def milestone_or_none(goal: Goal, milestone_id: int) -> Milestone | None:
    return next((m for m in goal.milestones if m.id == milestone_id), None)


def races_for(client: Client, keep: int | None = None) -> list[Race]:
    """The client's races to choose from (read only: race plans are another feature's)."""
    query = select(Race).where(Race.client_id == client.id)
    if keep is not None:
        query = query.where((Race.archived_at.is_(None)) | (Race.id == keep))
    else:
        query = query.where(Race.archived_at.is_(None))
    return list(db.session.scalars(query.order_by(Race.on, Race.id)))


def race_name(goal: Goal) -> str | None:
    if goal.race_id is None:
        return None
    race = db.session.get(Race, goal.race_id)
    return race.name if race else None


@dataclass(frozen=True)
class ExcuseRow:
    excuse: Excuse
    requested_by: str
    decided_by: str | None
    milestone: Milestone | None


_ASKER, _DECIDER = aliased(User, name="asker"), aliased(User, name="decider")  # made once: see settling


def excuses(goal: Goal) -> list[ExcuseRow]:
    """The goal's excuse requests with who asked and who decided, newest first (one query)."""
    asker, decider = _ASKER, _DECIDER
    rows = db.session.execute(
        select(Excuse, asker.name, decider.name).join(asker, Excuse.requested_by_id == asker.id)
        .outerjoin(decider, Excuse.decided_by_id == decider.id)
        .where(Excuse.goal_id == goal.id).order_by(Excuse.requested_at.desc(), Excuse.id.desc())).all()
    by_id = {m.id: m for m in goal.milestones}
    return [ExcuseRow(e, asked, decided, by_id.get(e.milestone_id) if e.milestone_id else None)
            for e, asked, decided in rows]


def comments(goal: Goal) -> list[GoalComment]:
    return list(db.session.scalars(select(GoalComment).where(GoalComment.goal_id == goal.id)
                                   .options(selectinload(GoalComment.author))
                                   .order_by(GoalComment.created_at, GoalComment.id)))


def contract_target(kind: str, row: Goal | Milestone) -> rules.Target:
    values: dict[str, Any] = {name: getattr(row, name) for name in ("distance_m", "time_s", "weeks", "runs_per_week")}
    values["race_id"] = getattr(row, "race_id", None) if kind == "race" else None
    return rules.Target(kind=rules.Kind(kind), **values)


def excusable(goal: Goal) -> list[tuple[str, Goal | Milestone]]:
    """What the runner may ask to be excused from: open or missed (consequence not yet done)."""
    def open_to_excuse(row: Goal | Milestone) -> bool:
        return row.state == "accepted" or (row.state == "missed" and row.consequence_done_at is None)

    found: list[tuple[str, Goal | Milestone]] = []
    if goal.state not in ("proposed", "cancelled"):
        if open_to_excuse(goal):
            found.append(("goal", goal))
        found += [(f"m{m.id}", m) for m in goal.milestones if open_to_excuse(m)]
    return found


# ------------------------------------------------------------------ the trainer's steps


def propose_goal(client: Client, draft: Mapping[str, Any], proposed_by: User) -> Goal:
    goal = Goal(client_id=client.id, kind=draft["kind"], state="proposed", proposed_by_id=proposed_by.id,
                **{name: draft[name] for name in GOAL_FIELDS if name in draft})
    db.session.add(goal)
    db.session.flush()
    return goal


def _frozen_message(what: str, due: date, today: date) -> str:
    days = (due - today).days
    when = "has passed" if days < 0 else "is today" if days == 0 else f"is {days} day{'s' if days != 1 else ''} away"
    return (f"The runner has accepted this {what} and its due date ({due:%-d %B %Y}) {when}: within "
            f"{rules.EASING_FREEZE_DAYS} days of it a target cannot be made easier. If illness or injury is the "
            "reason, the runner can ask to be excused instead.")


def _terms(kind: str, row: Goal | Milestone, start: date, due: date) -> goal_terms.Terms:
    return goal_terms.Terms(contract_target(kind, row), start, due)


def _draft_terms(kind: str, draft: Mapping[str, Any], start: date, due: date) -> goal_terms.Terms:
    values = {name: draft.get(name) for name in ("distance_m", "time_s", "weeks", "runs_per_week")}
    values["race_id"] = draft.get("race_id") if kind == "race" else None
    return goal_terms.Terms(rules.Target(kind=rules.Kind(kind), **values), start, due)


def _first_target_field(kind: str) -> str:
    return {"distance": "distance_m", "time": "time_s", "weekly_volume": "distance_m",
            "consistency": "runs_per_week", "race": "race_id"}[kind]


def update_goal(goal: Goal, draft: Mapping[str, Any], today: date) -> None:
    """Change a goal's terms. After acceptance, easing is refused within the freeze before its deadline."""
    if goal.state not in OPEN:
        raise GoalError(f"This goal is {goal.state}: its terms can no longer change.")
    old = _terms(goal.kind, goal, goal.start_on, goal.due_on)
    new = _draft_terms(goal.kind, draft, draft["start_on"], draft["due_on"])
    accepted = goal.state == "accepted"
    if goal_terms.eases(old, new) and not rules.can_make_easier(accepted, goal.due_on, today):
        field = "due_on" if new.due > old.due else "start_on" if new.start < old.start else \
            _first_target_field(goal.kind)
        raise GoalError(_frozen_message("goal", goal.due_on, today), field)
    outside = [m for m in goal.milestones if not draft["start_on"] <= m.due_on <= draft["due_on"]]
    if outside:
        field = "start_on" if outside[0].due_on < draft["start_on"] else "due_on"
        raise GoalError(f"A milestone is due on {outside[0].due_on:%-d %B %Y}, outside these dates: move or remove "
                        "the milestone first.", field)
    for name in GOAL_FIELDS:
        if name in draft:
            setattr(goal, name, draft[name])


def add_milestone(goal: Goal, draft: Mapping[str, Any]) -> Milestone:
    if goal.state != "proposed":
        raise GoalError("The runner has already accepted this goal, so its milestones are fixed. Cancel it and "
                        "propose a new goal to add milestones.")
    milestone = Milestone(goal_id=goal.id, state="proposed", **{n: draft[n] for n in MILESTONE_FIELDS if n in draft})
    goal.milestones.append(milestone)
    db.session.flush()
    return milestone


def update_milestone(goal: Goal, milestone: Milestone, draft: Mapping[str, Any], today: date) -> None:
    if milestone.state not in OPEN or goal.state == "cancelled":
        raise GoalError(f"This milestone is {milestone.state}: it can no longer change.")
    kind = milestone_kind(goal.kind)
    old = _terms(kind, milestone, goal.start_on, milestone.due_on)
    new = _draft_terms(kind, draft, goal.start_on, draft["due_on"])
    accepted = milestone.state == "accepted"
    if goal_terms.eases(old, new) and not rules.can_make_easier(accepted, milestone.due_on, today):
        field = "due_on" if new.due > old.due else _first_target_field(kind)
        raise GoalError(_frozen_message("milestone", milestone.due_on, today), field)
    for name in MILESTONE_FIELDS:
        if name in draft:
            setattr(milestone, name, draft[name])


def remove_milestone(goal: Goal, milestone: Milestone) -> None:
    if goal.state != "proposed":
        raise GoalError("The runner has already accepted this goal, so its milestones are fixed.")
    goal.milestones.remove(milestone)
    db.session.flush()


def cancel_goal(goal: Goal) -> None:
    if goal.state not in OPEN:
        raise GoalError(f"This goal is already {goal.state}.")
    goal.state, goal.cancelled_at = "cancelled", utcnow()
    for milestone in goal.milestones:
        if milestone.state in OPEN:
            milestone.state = "cancelled"


def decide_excuse(goal: Goal, excuse: Excuse, grant: bool, decided_by: User) -> Goal | Milestone:
    """Grant (the goal or milestone becomes excused: neither reward nor consequence) or refuse."""
    if excuse.decision is not None:
        raise GoalError(f"This request was already {excuse.decision}.")
    subject: Goal | Milestone = goal
    if excuse.milestone_id is not None:
        subject = milestone_or_none(goal, excuse.milestone_id) or goal
    if grant:
        if subject.state == "achieved":
            raise GoalError("Nothing to excuse: it was achieved meanwhile. Refuse the request instead.")
        if subject.state == "cancelled":
            raise GoalError("Nothing to excuse: the goal was cancelled. Refuse the request instead.")
        subject.state = "excused"
        if subject is goal:  # the whole goal is off: so are its open milestones
            for milestone in goal.milestones:
                if milestone.state == "accepted":
                    milestone.state = "excused"
    excuse.decision, excuse.decided_by_id, excuse.decided_at = ("granted" if grant else "refused"), decided_by.id, \
        utcnow()
    return subject


def mark_reward_given(subject: Goal | Milestone) -> None:
    if subject.state != "achieved" or not subject.reward:
        raise GoalError("There is no unlocked reward to mark as given.")
    if subject.reward_given_at is None:
        subject.reward_given_at = utcnow()


def mark_consequence_done(subject: Goal | Milestone) -> None:
    if subject.state != "missed" or not subject.consequence:
        raise GoalError("There is no consequence due to mark as done.")
    if subject.consequence_done_at is None:
        subject.consequence_done_at = utcnow()


# ------------------------------------------------------------------ the runner's steps


def accept_goal(goal: Goal) -> None:
    if goal.state != "proposed":
        raise GoalError(f"This goal is {goal.state}: there is nothing to accept.")
    goal.state, goal.accepted_at = "accepted", utcnow()
    for milestone in goal.milestones:
        if milestone.state == "proposed":
            milestone.state = "accepted"


def ask_excuse(goal: Goal, subject_key: str, reason: str, note: str, asked_by: User) -> Excuse:
    subjects = dict(excusable(goal))
    subject = subjects.get(subject_key)
    if subject is None:
        raise GoalError("Choose the goal or one of its open milestones.", "subject")
    milestone_id = subject.id if isinstance(subject, Milestone) else None
    waiting = db.session.scalar(select(Excuse.id).where(
        Excuse.goal_id == goal.id, Excuse.decision.is_(None),
        Excuse.milestone_id.is_(None) if milestone_id is None else Excuse.milestone_id == milestone_id))
    if waiting:
        raise GoalError("You have already asked about this one; your trainer has not decided yet.", "subject")
    excuse = Excuse(goal_id=goal.id, milestone_id=milestone_id, reason=reason, note=note.strip(),
                    requested_by_id=asked_by.id)
    db.session.add(excuse)
    db.session.flush()
    return excuse


def excuse_or_none(goal: Goal, excuse_id: int) -> Excuse | None:
    return db.session.scalar(select(Excuse).where(Excuse.id == excuse_id, Excuse.goal_id == goal.id))


# ------------------------------------------------------------------ either of them


def add_comment(goal: Goal, draft: Mapping[str, Any], author: User) -> GoalComment:
    comment = GoalComment(goal_id=goal.id, author_id=author.id, body=draft["body"], tone=draft.get("tone"))
    db.session.add(comment)
    db.session.flush()
    return comment


def no_carrot_or_stick(row: Goal | Milestone) -> bool:
    return not row.reward and not row.consequence


def subject_label(subjects: Sequence[tuple[str, Goal | Milestone]], describe: Any) -> list[tuple[str, str]]:
    """(value, label) choices for the excuse form."""
    return [(key, "The whole goal" if isinstance(row, Goal) else f"Milestone due {row.due_on:%-d %b}: {describe(row)}")
            for key, row in subjects]
