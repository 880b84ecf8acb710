"""Club challenges: the leaderboard's numbers come from logged runs between the dates, a challenge
ending before it starts is refused, and the board costs the same queries for 10 or 100 runners."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from coachsite import clock
from coachsite.extensions import db
from coachsite.models import Activity, Challenge, Client, utcnow
from tests.web import club_world
from tests.web.pages import counted, field_errors, field_value, flashes, snapshot


@pytest.fixture
def world(make_trainer, make_client, make_runner) -> club_world.World:  # type: ignore[no-untyped-def]
    return club_world.build(make_trainer, make_client, make_runner, clock.today_for("UTC"))


def run(client: Client, on: date, km: float, sport: str = "run") -> Activity:
    return Activity(client_id=client.id, on=on, distance_m=km * 1000, duration_s=int(km * 330), sport=sport)


def board(html: str) -> list[tuple[str, str, str, str]]:
    """(rank, name, distance, runs) per leaderboard row."""
    rows = re.findall(r'<tr[^>]*><td>(\d+)</td><th scope="row">([^<]+?)(?: <span[^>]*>\(you\)</span>)?</th>\s*'
                      r'<td>([^<]+)</td><td>(\d+)</td></tr>', html)
    return [(rank, name.strip(), distance, runs) for rank, name, distance, runs in rows]


def test_the_leaderboard_sums_the_runs_logged_between_the_dates(client, login, world):
    start, end = date(2027, 3, 1), date(2027, 3, 31)
    db.session.execute(Activity.__table__.delete())  # only the runs below
    archived = Client(trainer_id=world.owner.id, club_id=world.club.id, name="Archie Archived",
                      archived_at=utcnow())
    db.session.add(archived)
    db.session.flush()
    db.session.add_all([
        run(world.x, start, 10), run(world.x, end, 12.5), run(world.x, start - timedelta(days=1), 30),
        run(world.x, end + timedelta(days=1), 30), run(world.x, date(2027, 3, 10), 20, sport="cross"),
        run(world.y, date(2027, 3, 5), 11.5), run(world.y, date(2027, 3, 6), 11),
        run(world.q, date(2027, 3, 5), 99),  # another club
        run(archived, date(2027, 3, 5), 99)])  # archived: not on the board
    march = Challenge(club_id=world.club.id, name="Most km in March", metric="distance", starts_on=start,
                      ends_on=end, created_by_id=world.owner.id)
    runs = Challenge(club_id=world.club.id, name="Most runs in March", metric="runs", starts_on=start,
                     ends_on=end, created_by_id=world.owner.id)
    db.session.add_all([march, runs])
    db.session.commit()

    login(client, world.runner)  # open to every club runner
    page = client.get(f"/clubs/{world.club.id}/challenges/{march.id}").text
    assert board(page) == [("1", "Xena Runner", "22.5 km", "2"), ("1", "Yuri Runner", "22.5 km", "2"),
                           ("3", "Zoe Runner", "0.0 km", "0")]
    assert "Zoe Runner <span class=\"muted\">(you)</span>" in page
    page = client.get(f"/clubs/{world.club.id}/challenges/{runs.id}").text
    assert [row[1] for row in board(page)] == ["Xena Runner", "Yuri Runner", "Zoe Runner"]


def test_a_trainer_creates_a_challenge_and_everyone_is_on_it(client, login, world):
    login(client, world.trainer)
    today = clock.today_for("UTC")
    response = client.post(f"/clubs/{world.club.id}/challenges/new", data={
        "name": "Most runs in a week", "metric": "runs", "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=6)).isoformat()}, follow_redirects=True)
    assert "Challenge “Most runs in a week” is on: every runner of Riverside takes part." in flashes(response.text)
    assert [row[1] for row in board(response.text)] == ["Xena Runner", "Yuri Runner", "Zoe Runner"]
    listing = client.get(f"/clubs/{world.club.id}/challenges").text
    assert "Most runs in a week" in listing and "Most km this month" in listing


def test_a_challenge_that_ends_before_it_starts_is_refused(client, login, world):
    login(client, world.owner)
    before = snapshot()
    response = client.post(f"/clubs/{world.club.id}/challenges/new", data={
        "name": "Backwards", "metric": "distance", "starts_on": "2027-03-31", "ends_on": "2027-03-01"})
    assert response.status_code == 422
    assert field_errors(response.text, "ends_on") == [
        "The challenge ends before it starts: choose an end date on or after the start."]
    assert field_value(response.text, "name") == "Backwards"
    assert field_value(response.text, "starts_on") == "2027-03-31"
    assert field_value(response.text, "ends_on") == "2027-03-01"
    assert snapshot() == before


def test_a_challenge_of_another_club_is_not_found(client, login, world):
    other = Challenge(club_id=world.other_club.id, name="Hilltop only", metric="runs", starts_on=date(2027, 1, 1),
                      ends_on=date(2027, 1, 31), created_by_id=world.outsider.id)
    db.session.add(other)
    db.session.commit()
    login(client, world.owner)
    assert client.get(f"/clubs/{world.club.id}/challenges/{other.id}").status_code == 404
    assert client.get(f"/clubs/{world.other_club.id}/challenges/{other.id}").status_code == 404


def add_runners(world: club_world.World, how_many: int, first: date) -> None:
    for index in range(how_many):
        runner = Client(trainer_id=world.own_trainer.id, club_id=world.club.id, name=f"Runner {index:03d}")
        db.session.add(runner)
        db.session.flush()
        db.session.add_all([run(runner, first + timedelta(days=day), 5 + index % 7) for day in range(3)])
    db.session.commit()


def test_the_leaderboard_costs_the_same_queries_for_10_or_100_runners(app, client, login, world):
    path = f"/clubs/{world.club.id}/challenges/{world.challenge.id}"
    login(client, world.owner)
    add_runners(world, 10, world.challenge.starts_on)
    client.get(path)  # warm up
    db.session.commit()  # both measured requests start from an empty session
    with counted() as few:
        small = client.get(path)
    add_runners(world, 90, world.challenge.starts_on)
    db.session.commit()
    with counted() as many:
        large = client.get(path)
    assert len(board(small.text)) == 3 + 10 and len(board(large.text)) == 3 + 100  # no cap on participants
    assert len(many) == len(few), (few, many)
    assert sum("GROUP BY" in statement for statement in many) == 1
    assert len(many) <= 8, many
