"""Club challenges and their live leaderboard.

The board is one grouped SQL query over every active client of the club (runs between the
challenge's dates, summed and counted per client), however many runners take part; the order
and ranks are the pure rules of coachsite.domain.challenges."""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select

from coachsite.clubs.services import ClubProblem
from coachsite.domain import challenges as rules
from coachsite.extensions import db
from coachsite.models import Activity, Challenge, Client, Club, User


def create(club: Club, by: User, name: str, metric: str, starts_on: date, ends_on: date) -> Challenge:
    if ends_on < starts_on:
        raise ClubProblem("The challenge ends before it starts: choose an end date on or after the start.", "ends_on")
    if metric not in rules.METRICS:
        raise ClubProblem("Choose distance or number of runs.", "metric")
    challenge = Challenge(club_id=club.id, name=name.strip(), metric=metric, starts_on=starts_on, ends_on=ends_on,
                          created_by_id=by.id)
    db.session.add(challenge)
    db.session.flush()
    return challenge


def of_club(club: Club) -> list[Challenge]:
    """The club's challenges, the latest to end first."""
    return list(db.session.scalars(select(Challenge).where(Challenge.club_id == club.id,
                                                           Challenge.archived_at.is_(None))
                                   .order_by(Challenge.ends_on.desc(), Challenge.id.desc())))


def challenge_or_none(club: Club, challenge_id: int) -> Challenge | None:
    challenge = db.session.get(Challenge, challenge_id)
    if challenge is None or challenge.club_id != club.id or challenge.archived_at is not None:
        return None
    return challenge


def tallies(challenge: Challenge) -> list[rules.Tally]:
    """Each active client's run distance and run count between the dates: ONE grouped query."""
    runs = and_(Activity.client_id == Client.id, Activity.sport == "run",
                Activity.on.between(challenge.starts_on, challenge.ends_on))
    statement = (select(Client.id, Client.name, func.coalesce(func.sum(Activity.distance_m), 0.0),
                        func.count(Activity.id))
                 .select_from(Client).outerjoin(Activity, runs)
                 .where(Client.club_id == challenge.club_id, Client.archived_at.is_(None))
                 .group_by(Client.id, Client.name))
    return [rules.Tally(client_id, name, float(metres or 0.0), int(count))
            for client_id, name, metres, count in db.session.execute(statement)]


def leaderboard(challenge: Challenge) -> list[rules.Standing]:
    return rules.leaderboard(tallies(challenge), challenge.metric)
