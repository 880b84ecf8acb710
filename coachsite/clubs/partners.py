"""Running partners inside a club: suggestions learned from logged runs, confirmed pairs, and
the cheers partners leave on each other's shared goals and milestones.

Suggestions cost three queries whatever the club's size: its active clients, the last twelve
weeks of their runs, and the pairs that already exist; the rest is coachsite.domain.partners.
Partners see each other's shared goals and milestones only (see authz.SHARED_GOAL_STATES):
never notes, runs, times, the calendar or rewards and consequences."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select

from coachsite import authz
from coachsite.clubs.services import ClubProblem, SharedGoal, shared_goals
from coachsite.domain import partners as rules
from coachsite.domain.journey import RunRecord
from coachsite.extensions import db
from coachsite.models import Activity, Cheer, Client, Club, Goal, Milestone, Partnership, User, utcnow

LOOKBACK_WEEKS = rules.DEFAULT_WEEKS
DEFAULT_TOLERANCE = 20
KIND_LABELS = {"partners": "Running partners", "mentor": "Mentor and mentee"}


def active_clients(club: Club) -> list[Client]:
    return list(db.session.scalars(select(Client).where(Client.club_id == club.id, Client.archived_at.is_(None))
                                   .order_by(Client.name, Client.id)))


def open_partnerships(club: Club) -> list[Partnership]:
    return list(db.session.scalars(select(Partnership).where(Partnership.club_id == club.id,
                                                             Partnership.ended_at.is_(None))
                                   .order_by(Partnership.created_at, Partnership.id)))


@dataclass(frozen=True)
class Suggested:
    first: Client
    second: Client
    suggestion: rules.Suggestion


def profiles(clients: list[Client], today: date) -> list[rules.RunnerProfile]:
    """Each client's easy pace and usual days from the last twelve weeks of runs: one query."""
    since = today - timedelta(days=7 * LOOKBACK_WEEKS - 1)
    runs: dict[int, list[RunRecord]] = defaultdict(list)
    if clients:
        for row in db.session.execute(
                select(Activity.id, Activity.client_id, Activity.on, Activity.distance_m, Activity.duration_s)
                .where(Activity.client_id.in_([c.id for c in clients]), Activity.sport == "run",
                       Activity.on.between(since, today))):
            runs[row.client_id].append(RunRecord(row.id, row.on, row.distance_m, row.duration_s))
    return [rules.RunnerProfile(client.id, client.name, rules.easy_pace(runs[client.id]),
                                rules.usual_days([r.on for r in runs[client.id]], until=today))
            for client in clients]


def suggestions(club: Club, viewer: User, role: str, today: date, tolerance_s_per_km: float) -> list[Suggested]:
    """Pairs worth suggesting, best first. The owner sees every pair; a trainer the pairs with one
    of their own runners (the pairs they may confirm). Three queries."""
    clients = active_clients(club)
    existing = [frozenset((p.client_a_id, p.client_b_id)) for p in open_partnerships(club)]
    found = rules.suggest_pairs(profiles(clients, today), tolerance_s_per_km, exclude=existing)
    by_id = {client.id: client for client in clients}
    return [Suggested(by_id[s.client_a], by_id[s.client_b], s) for s in found
            if authz.may_pair(viewer.id, role, by_id[s.client_a], by_id[s.client_b])]


def confirm(club: Club, by: User, first: Client, second: Client, kind: str, mentor: Client | None) -> Partnership:
    """Record a pair the trainer confirmed. Refuses a runner paired with themselves, a pair that
    already exists, a runner outside the club and a pair the trainer may not make."""
    if first.id == second.id:
        raise ClubProblem(f"Choose two different runners: {first.name} cannot be their own partner.", "second_id")
    for client, field in ((first, "first_id"), (second, "second_id")):
        if client.club_id != club.id or client.is_archived:
            raise ClubProblem(f"{client.name} is not an active runner of {club.name}.", field)
    if not authz.can_pair(by, club.id, first, second):
        raise ClubProblem("You can pair runners when you train one of them; the club's owner can pair anyone.",
                          "first_id")
    if authz.open_partnership(first.id, second.id) is not None:
        raise ClubProblem(f"{first.name} and {second.name} are already paired.", "second_id")
    if kind not in KIND_LABELS:
        raise ClubProblem("Choose running partners or mentor and mentee.", "kind")
    if kind == "mentor" and (mentor is None or mentor.id not in (first.id, second.id)):
        raise ClubProblem("Choose which of the two is the mentor.", "mentor")
    low, high = sorted((first.id, second.id))
    partnership = Partnership(club_id=club.id, client_a_id=low, client_b_id=high, kind=kind,
                              mentor_client_id=mentor.id if kind == "mentor" and mentor else None,
                              confirmed_by_id=by.id)
    db.session.add(partnership)
    db.session.flush()
    return partnership


def end(partnership: Partnership) -> None:
    partnership.ended_at = partnership.ended_at or utcnow()


def partnership_or_none(club: Club, partnership_id: int) -> Partnership | None:
    partnership = db.session.get(Partnership, partnership_id)
    if partnership is None or partnership.club_id != club.id or partnership.ended_at is not None:
        return None
    return partnership


# ------------------------------------------------------------------ the partners themselves


@dataclass(frozen=True)
class PartnerLink:
    partner: Client
    partnership: Partnership

    @property
    def role_words(self) -> str:
        """"your running partner", "your mentor" or "your mentee"."""
        if self.partnership.kind != "mentor":
            return "your running partner"
        return "your mentor" if self.partnership.mentor_client_id == self.partner.id else "your mentee"


def partners_of(client: Client) -> list[PartnerLink]:
    """The client's lasting partnerships with active clients of the same club: one query."""
    rows = db.session.execute(
        select(Partnership, Client).join(Client, or_(
            (Partnership.client_a_id == client.id) & (Client.id == Partnership.client_b_id),
            (Partnership.client_b_id == client.id) & (Client.id == Partnership.client_a_id)))
        .where(Partnership.ended_at.is_(None), Client.archived_at.is_(None), Client.club_id == client.club_id,
               Partnership.club_id == client.club_id)
        .order_by(Client.name, Client.id)).all()
    return [PartnerLink(partner, partnership) for partnership, partner in rows]


@dataclass(frozen=True)
class CheerRow:
    cheer: Cheer
    author_name: str


def cheers_on(goal_ids: list[int]) -> dict[tuple[int, int | None], list[CheerRow]]:
    """Cheers on these goals, keyed by (goal id, milestone id or None), oldest first: one query."""
    found: dict[tuple[int, int | None], list[CheerRow]] = defaultdict(list)
    if goal_ids:
        for cheer, name in db.session.execute(
                select(Cheer, User.name).join(User, User.id == Cheer.author_id)
                .where(Cheer.goal_id.in_(goal_ids)).order_by(Cheer.created_at, Cheer.id)):
            found[(cheer.goal_id, cheer.milestone_id)].append(CheerRow(cheer, name))
    return found


@dataclass(frozen=True)
class PartnerPage:
    partner: Client
    partnership: Partnership
    goals: list[SharedGoal]
    cheers: dict[tuple[int, int | None], list[CheerRow]]


def partner_page(partner: Client, partnership: Partnership) -> PartnerPage:
    goals = shared_goals(partner)
    return PartnerPage(partner, partnership, goals, cheers_on([item.goal.id for item in goals]))


def cheer(partnership: Partnership, author: User, partner: Client, goal_id: int, milestone_id: int | None,
          message: str) -> Cheer | None:
    """A cheer on one of the partner's shared goals (or a shared milestone of it); None when the
    goal or milestone is not one the partner shares (the view answers 404)."""
    goal = db.session.get(Goal, goal_id)
    if goal is None or goal.client_id != partner.id or goal.state not in authz.SHARED_GOAL_STATES:
        return None
    if milestone_id is not None:
        milestone = db.session.get(Milestone, milestone_id)
        if milestone is None or milestone.goal_id != goal.id or milestone.state not in authz.SHARED_GOAL_STATES:
            return None
    row = Cheer(partnership_id=partnership.id, author_id=author.id, goal_id=goal.id, milestone_id=milestone_id,
                message=message.strip())
    db.session.add(row)
    db.session.flush()
    return row


@dataclass(frozen=True)
class ReceivedCheer:
    cheer: Cheer
    author_name: str
    goal: Goal


def cheers_for(client: Client, limit: int = 10) -> list[ReceivedCheer]:
    """The latest cheers left on the client's goals and milestones: one query."""
    rows = db.session.execute(
        select(Cheer, User.name, Goal).join(User, User.id == Cheer.author_id).join(Goal, Goal.id == Cheer.goal_id)
        .where(Goal.client_id == client.id).order_by(Cheer.created_at.desc(), Cheer.id.desc()).limit(limit)).all()
    return [ReceivedCheer(row[0], row[1], row[2]) for row in rows]
