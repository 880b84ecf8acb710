"""Clubs: creating one, inviting trainers (existing accounts, links, members refused), moving a
client to another trainer, what the owner and a club trainer may reach, the race calendar and
the runner's membership made when an invite is accepted."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from coachsite import clock
from coachsite.auth import services as accounts
from coachsite.extensions import db
from coachsite.models import Activity, Client, Club, Goal, Membership, Race, TechniqueNote, User
from tests.conftest import PASSWORD
from tests.web import club_world
from tests.web.pages import counted, field_errors, field_value, flashes, path_of, roster_names, snapshot


@pytest.fixture
def world(make_trainer, make_client, make_runner) -> club_world.World:  # type: ignore[no-untyped-def]
    return club_world.build(make_trainer, make_client, make_runner, clock.today_for("UTC"))


def memberships(club_id: int) -> dict[str, str]:
    db.session.expire_all()
    rows = db.session.execute(select(User.email, Membership.role).join(Membership, Membership.user_id == User.id)
                              .where(Membership.club_id == club_id))
    return dict(rows.all())


# ------------------------------------------------------------------ creating a club


def test_a_trainer_creates_a_club_owns_it_and_their_clients_join(client, login, make_trainer, make_client,
                                                                 make_runner):
    trainer = make_trainer(name="Sol Solo", email="sol@example.com")
    loner = make_client(trainer, name="Lee Loner")
    linked = make_client(trainer, name="Rae Runner")
    make_runner(linked)
    login(client, trainer)
    response = client.post("/clubs/new", data={"name": "  Dawn Patrol  "}, follow_redirects=True)
    assert response.status_code == 200
    assert "Dawn Patrol is ready and you own it. Your 2 clients without a club joined it." in flashes(response.text)
    club = db.session.scalar(select(Club).where(Club.name == "Dawn Patrol"))
    assert club is not None
    assert memberships(club.id) == {"sol@example.com": "owner", linked.email: "runner"}
    assert {c.club_id for c in db.session.scalars(select(Client).where(Client.id.in_([loner.id, linked.id])))} \
        == {club.id}
    assert '>Club</a>' in client.get("/clubs/").text  # the navigation shows the club link


def test_a_club_needs_a_name(client, login, make_trainer):
    login(client, make_trainer())
    before = snapshot()
    response = client.post("/clubs/new", data={"name": "   "})
    assert response.status_code == 422
    assert field_errors(response.text, "name") == ["Enter the club's name."]
    assert snapshot() == before


# ------------------------------------------------------------------ invites


def test_inviting_an_existing_trainer_waits_on_their_clubs_page_until_they_accept(app, client, login, world,
                                                                                  make_trainer):
    newcomer = make_trainer(name="Nina New", email="nina@example.com")
    login(client, world.owner)
    response = client.post(f"/clubs/{world.club.id}/invite", data={"email": "NINA@example.com", "role": "trainer"},
                           follow_redirects=True)
    assert "Invited nina@example.com to Riverside as trainer." in flashes(response.text)
    assert field_value(response.text, "club-invite-link") is None  # an account: no link to pass on

    nina = app.test_client()
    login(nina, newcomer)
    page = nina.get("/clubs/").text
    assert "Olive Owner invites you as trainer." in page
    [invite_id] = re.findall(r'action="/clubs/invites/(\d+)/accept"', page)
    response = nina.post(f"/clubs/invites/{invite_id}/accept", follow_redirects=True)
    assert "You joined Riverside as trainer." in flashes(response.text)
    assert memberships(world.club.id)["nina@example.com"] == "trainer"
    assert "Roster" in response.text and "Xena Runner" in response.text


def test_inviting_an_address_without_an_account_gives_a_link_that_makes_a_trainer_account(app, client, login,
                                                                                          world):
    login(client, world.owner)
    response = client.post(f"/clubs/{world.club.id}/invite", data={"email": "fresh@example.com", "role": "owner"},
                           follow_redirects=True)
    link = field_value(response.text, "club-invite-link")
    assert link and "/clubs/join/" in link
    assert field_value(client.get(f"/clubs/{world.club.id}").text, "club-invite-link") is None  # shown once

    stranger = app.test_client()
    page = stranger.get(path_of(link))
    assert page.status_code == 200 and "Your trainer account will use <strong>fresh@example.com</strong>" in page.text
    response = stranger.post(path_of(link), data={"name": "Fay Fresh", "password": PASSWORD}, follow_redirects=True)
    assert "Welcome to Riverside." in flashes(response.text)
    account = accounts.find_by_email("fresh@example.com")
    assert account is not None and account.is_trainer
    assert memberships(world.club.id)["fresh@example.com"] == "owner"
    assert stranger.get(path_of(link)).status_code == 404  # used once


def test_a_bad_or_foreign_invite_link_is_refused(app, client, login, world):
    assert client.get("/clubs/join/not-a-real-secret").status_code == 404
    login(client, world.owner)
    response = client.post(f"/clubs/{world.club.id}/invite", data={"email": "fresh@example.com", "role": "trainer"},
                           follow_redirects=True)
    link = path_of(field_value(response.text, "club-invite-link") or "")
    before = snapshot()
    assert client.post(link).status_code == 403  # signed in as someone else
    assert snapshot() == before


@pytest.mark.parametrize("email", ["tess@example.com", "TOM@example.com", "olive@example.com"])
def test_inviting_an_address_that_is_already_a_member_is_refused(client, login, world, email):
    login(client, world.owner)
    before = snapshot()
    response = client.post(f"/clubs/{world.club.id}/invite", data={"email": email, "role": "trainer"})
    assert response.status_code == 422
    [message] = field_errors(response.text, "email")
    assert message.startswith(f"{email.lower()} is already a member of Riverside")
    assert field_value(response.text, "email") == email  # what was typed is kept
    assert snapshot() == before


def test_inviting_a_runner_account_is_refused(client, login, world):
    login(client, world.owner)
    response = client.post(f"/clubs/{world.club.id}/invite", data={"email": "quinn@example.com", "role": "trainer"})
    assert response.status_code == 422
    assert "belongs to a runner account" in field_errors(response.text, "email")[0]


def test_declining_an_invite_closes_it(client, login, world):
    login(client, world.outsider)
    response = client.post(f"/clubs/invites/{world.invite.id}/decline", follow_redirects=True)
    assert "You declined the invite to Riverside." in flashes(response.text)
    assert "otto@example.com" not in memberships(world.club.id)
    assert client.post(f"/clubs/invites/{world.invite.id}/accept").status_code == 404


def test_accepting_a_runner_invite_makes_the_runner_a_member_of_the_trainers_club(app, client, world):
    client_row = Client(trainer_id=world.own_trainer.id, club_id=world.club.id, name="Ivy Invite",
                        email="ivy@example.com")
    db.session.add(client_row)
    db.session.flush()
    secret = accounts.issue_invite(client_row, timedelta(days=1))
    db.session.commit()
    response = client.post(f"/invite/{secret}", data={"password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    assert memberships(world.club.id)["ivy@example.com"] == "runner"
    assert '>Club</a>' in client.get("/me").text


# ------------------------------------------------------------------ roles


def test_the_owner_manages_every_client_of_the_club(client, login, world):
    login(client, world.owner)
    x = world.x.id
    for path in (f"/clients/{x}", f"/clients/{x}/edit", f"/clients/{x}/notes/", f"/clients/{x}/runs/",
                 f"/clients/{x}/goals/", f"/clients/{x}/races/", f"/clients/{x}/journey"):
        assert client.get(path).status_code == 200, path
    assert client.get(f"/clients/{x}/notes/").text.count("PRIVATE overstriding") == 1
    today = clock.today_for("UTC")
    response = client.post(f"/clients/{x}/races/new", data={
        "name": "Owner's pick 5K", "on": (today + timedelta(days=40)).isoformat(), "distance": "5k",
        "priority": "B", "strategy": "even", "strategy_percent": "0", "location": "", "notes": ""})
    assert response.status_code == 302, response.text[:400]
    assert db.session.scalar(select(Race.id).where(Race.client_id == x, Race.name == "Owner's pick 5K"))
    # ...but the owner's own roster page lists only the clients they train themselves.
    assert roster_names(client.get("/clients/").text) == ["Zoe Runner"]


def test_a_club_trainer_reads_the_roster_but_not_another_trainers_client(client, login, world):
    login(client, world.trainer)
    page = client.get(f"/clubs/{world.club.id}").text
    for name, trainer in (("Xena Runner", "Tom Trainer"), ("Yuri Runner", "Tess Trainer"),
                          ("Zoe Runner", "Olive Owner")):
        assert re.search(rf">{name}</a></th>\s*<td>{trainer}", page), name
    summary = client.get(f"/clubs/{world.club.id}/members/{world.x.id}")
    assert summary.status_code == 200
    assert "Riverside 10K" in summary.text and "First half marathon" in summary.text
    assert "PRIVATE" not in summary.text and "new shoes" not in summary.text  # no notes, no carrot or stick
    x = world.x.id
    for path in (f"/clients/{x}", f"/clients/{x}/notes/", f"/clients/{x}/notes/{world.note.id}",
                 f"/clients/{x}/runs/", f"/clients/{x}/goals/", f"/clients/{x}/races/", f"/clients/{x}/journey",
                 f"/clients/{x}/runs/new"):
        assert client.get(path).status_code == 404, path
    before = snapshot()
    assert client.post(f"/clients/{x}/runs/new", data={"on": "2026-01-01", "distance_m": "5",
                                                        "duration_s": "30:00"}).status_code == 404
    assert snapshot() == before


def test_a_club_trainer_gets_404_on_another_trainers_calendar(app, client, login, world):
    calendar_paths = [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("calendar.")
                      and "GET" in rule.methods and set(rule.arguments) <= {"client_id"}]
    assert calendar_paths
    login(client, world.trainer)
    for rule in calendar_paths:
        assert client.get(rule.replace("<int:client_id>", str(world.x.id))).status_code == 404, rule
    login(client, world.owner)
    for rule in calendar_paths:
        assert client.get(rule.replace("<int:client_id>", str(world.x.id))).status_code == 200, rule


def test_a_club_runner_sees_names_only(client, login, world):
    login(client, world.runner)
    page = client.get(f"/clubs/{world.club.id}").text
    assert "Xena Runner" in page and "Yuri Runner" in page
    assert f"/clubs/{world.club.id}/members/" not in page and "Shared goals" not in page
    assert client.get(f"/clubs/{world.club.id}/members/{world.x.id}").status_code == 404


# ------------------------------------------------------------------ moving a client


def test_the_clients_trainer_moves_them_and_their_history_goes_with_them(app, client, login, world):
    def history() -> dict[str, int]:
        db.session.expire_all()
        return {model.__name__: len(db.session.scalars(select(model).where(model.client_id == world.x.id)).all())
                for model in (Activity, Goal, TechniqueNote, Race)}

    kept = history()
    login(client, world.own_trainer)
    form = client.get(f"/clubs/{world.club.id}/members/{world.x.id}/move").text
    assert "Tess Trainer (trainer)" in form and "Tom Trainer (trainer)" not in form
    response = client.post(f"/clubs/{world.club.id}/members/{world.x.id}/move",
                           data={"trainer_id": world.trainer.id}, follow_redirects=True)
    assert "Tess Trainer now trains Xena Runner; their history moved with them." in flashes(response.text)
    db.session.expire_all()
    assert db.session.get(Client, world.x.id).trainer_id == world.trainer.id
    assert history() == kept
    assert client.get(f"/clients/{world.x.id}/notes/").status_code == 404  # Tom lost access

    tess = app.test_client()
    login(tess, world.trainer)
    notes = tess.get(f"/clients/{world.x.id}/notes/")
    assert notes.status_code == 200 and "PRIVATE overstriding" in notes.text


def test_moving_a_client_to_their_current_trainer_is_refused(client, login, world):
    login(client, world.owner)
    before = snapshot()
    response = client.post(f"/clubs/{world.club.id}/members/{world.x.id}/move",
                           data={"trainer_id": world.own_trainer.id})
    assert response.status_code == 422
    assert snapshot() == before


def test_moving_a_client_to_someone_outside_the_club_is_refused(client, login, world):
    login(client, world.owner)
    before = snapshot()
    response = client.post(f"/clubs/{world.club.id}/members/{world.x.id}/move",
                           data={"trainer_id": world.outsider.id})
    assert response.status_code == 422
    assert field_errors(response.text, "trainer_id") == ["Not a valid choice."]
    assert snapshot() == before


# ------------------------------------------------------------------ the race calendar


def test_the_race_calendar_lists_who_runs_which_race_upcoming_first(client, login, world):
    today = clock.today_for("UTC")
    db.session.add_all([
        Race(client_id=world.y.id, name="Riverside 10K", on=today + timedelta(days=30), distance_m=10000.0),
        Race(client_id=world.z.id, name="Spring Half", on=today + timedelta(days=5), distance_m=21097.5,
             location="Harbour"),
        Race(client_id=world.z.id, name="Autumn 5K", on=today - timedelta(days=10), distance_m=5000.0,
             result_time_s=1500),
        Race(client_id=world.q.id, name="Hilltop Fell Race", on=today + timedelta(days=8), distance_m=12000.0)])
    db.session.commit()
    login(client, world.runner)
    page = client.get(f"/clubs/{world.club.id}/races").text
    upcoming, past = page.split("Past year")
    assert upcoming.index("Spring Half") < upcoming.index("Riverside 10K")
    assert re.search(r"Riverside 10K</strong> \([^)]*\): Xena Runner", upcoming)
    assert re.search(r"Riverside 10K</strong> \([^)]*\): Yuri Runner", upcoming)
    assert "Harbour" in upcoming and "Autumn 5K" in past
    assert "Hilltop Fell Race" not in page  # another club's
    assert "25:00" not in page and "48:20" not in page  # results and goal times are not the club's business


def test_the_navigation_shows_the_club_to_club_runners_only_without_a_query_of_its_own(
        client, world, make_trainer, make_client, make_runner):
    loner = make_runner(make_client(make_trainer(name="Solo Coach"), name="Lone Runner", email="lone@example.com"))
    for email, shown in ((loner.email, False), (world.runner.email, True)):
        client.post("/logout")
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        db.session.expunge_all()  # as in a real request: the user is loaded by the login, with in_a_club
        with counted() as statements:
            page = client.get("/me").text
        assert ('>Club</a>' in page) is shown, email
        assert not [sql for sql in statements if sql.lstrip().startswith("SELECT memberships.id")]
