"""Calendar feeds: private subscription URLs (only the SHA-256 of the secret is stored) and the
iCalendar document of a client's plan, milestones and races. flush() only: views commit.

UIDs are stable ("session-12@coachsite"), so a calendar app that re-reads the feed or subscribes
again updates its events instead of adding them twice."""
from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event
from sqlalchemy import select, update

from coachsite import authz, filters
from coachsite.domain import goal_terms
from coachsite.extensions import db
from coachsite.goals.kinds import milestone_kind
from coachsite.goals.services import contract_target
from coachsite.models import Client, FeedToken, Goal, Milestone, PlannedSession, Race, User, utcnow
from coachsite.races.services import distance_label

UID_DOMAIN = "coachsite"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def active_token(user: User, client: Client) -> FeedToken | None:
    return db.session.scalar(select(FeedToken).where(FeedToken.user_id == user.id, FeedToken.client_id == client.id,
                                                     FeedToken.revoked_at.is_(None)).order_by(FeedToken.id.desc()))


def revoke(user: User, client: Client) -> int:
    """Stop every subscription URL this user has for this client; how many were active."""
    result = db.session.execute(update(FeedToken).where(
        FeedToken.user_id == user.id, FeedToken.client_id == client.id, FeedToken.revoked_at.is_(None))
        .values(revoked_at=utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def issue(user: User, client: Client) -> str:
    """A new subscription URL secret for this user and client; older ones stop working."""
    revoke(user, client)
    secret = secrets.token_urlsafe(32)
    db.session.add(FeedToken(user_id=user.id, client_id=client.id, secret_hash=_digest(secret)))
    db.session.flush()
    return secret


def client_for(secret: str) -> Client | None:
    """The client a live secret shows, or None: unknown or revoked, or its owner may no longer see
    that client (deactivated, unlinked, client moved to another trainer)."""
    if not 20 <= len(secret) <= 100:
        return None
    token = db.session.scalar(select(FeedToken).where(FeedToken.secret_hash == _digest(secret),
                                                      FeedToken.revoked_at.is_(None)))
    if token is None:
        return None
    user, client = db.session.get(User, token.user_id), db.session.get(Client, token.client_id)
    if user is None or client is None or not user.is_active or not authz.can_view_client(user, client):
        return None
    return client


def _stamp(moment: datetime | None) -> datetime:
    return (moment or datetime(2000, 1, 1)).replace(tzinfo=timezone.utc)


def _all_day(uid: str, on: date, summary: str, description: str, stamp: datetime | None) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(stamp))
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def _session_event(session: PlannedSession, units: str) -> Event:
    amount = filters.distance(session.distance_m, units) if session.distance_m else (
        filters.duration(session.duration_s) if session.duration_s else "")
    summary = " ".join(part for part in (session.kind_label, amount) if part)
    lines = [session.title] if session.title and session.title != session.kind_label else []
    if session.distance_m and session.duration_s:
        lines.append(f"Duration {filters.duration(session.duration_s)}")
    if session.pace_s_per_km:
        lines.append(f"Target pace {filters.pace_per_km(session.pace_s_per_km, units)}")
    elif session.pace_zone:
        lines.append(f"{session.pace_zone.capitalize()} effort")
    if session.effort:
        lines.append(f"RPE {session.effort}")
    if session.description:
        lines.append(session.description)
    event = _all_day(f"session-{session.id}", session.on, summary, "\n".join(lines), session.created_at)
    if session.skipped_at is not None:
        event.add("status", "CANCELLED")
    return event


def _milestone_event(milestone: Milestone, goal: Goal, units: str) -> Event:
    target = goal_terms.describe(contract_target(milestone_kind(goal.kind), milestone), units)
    reward = f" · reward: {milestone.reward}" if milestone.reward else ""
    lines = [f"Goal: {goal.title}", f"Reward: {milestone.reward}" if milestone.reward else "No reward set"]
    if milestone.consequence:
        lines.append(f"If missed: {milestone.consequence}")
    return _all_day(f"milestone-{milestone.id}", milestone.due_on, f"Milestone: {target}{reward}", "\n".join(lines),
                    goal.proposed_at)


def _race_event(race: Race, units: str) -> Event:
    goal = f" · goal {filters.duration(race.goal_time_s)}" if race.goal_time_s else ""
    distance = distance_label(race.distance_m) or filters.distance(race.distance_m, units)
    lines = [f"{race.priority} race, {distance}"] + [text for text in (race.location, race.notes) if text]
    event = _all_day(f"race-{race.id}", race.on, f"Race: {race.name}{goal}", "\n".join(lines), race.created_at)
    if race.location:
        event.add("location", race.location)
    return event


def calendar(client: Client) -> bytes:
    """The client's whole plan as iCalendar: all-day events for sessions, milestones and races,
    worded in the runner's units. Three queries, whatever the history."""
    units = client.units
    feed = Calendar()
    feed.add("prodid", "-//CoachSite//Training calendar//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", f"{client.name} · training plan")
    for session in db.session.scalars(select(PlannedSession).where(PlannedSession.client_id == client.id)
                                      .order_by(PlannedSession.on, PlannedSession.id)):
        feed.add_component(_session_event(session, units))
    for milestone, goal in db.session.execute(
            select(Milestone, Goal).join(Goal, Milestone.goal_id == Goal.id)
            .where(Goal.client_id == client.id, Goal.state != "cancelled", Milestone.state != "cancelled")
            .order_by(Milestone.due_on, Milestone.id)):
        feed.add_component(_milestone_event(milestone, goal, units))
    for race in db.session.scalars(select(Race).where(Race.client_id == client.id, Race.archived_at.is_(None))
                                   .order_by(Race.on, Race.id)):
        feed.add_component(_race_event(race, units))
    return feed.to_ical()
