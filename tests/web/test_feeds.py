"""Calendar feeds: a private subscription URL shown once, revocable and regenerable; the feed
parses with icalendar, has an event per session, milestone and race, and keeps its UIDs."""
import re
from datetime import date

import pytest
from icalendar import Calendar

from coachsite.extensions import db
from coachsite.models import FeedToken, Goal, Milestone, PlannedSession, Race


@pytest.fixture
def coached(make_trainer, make_client, make_runner):
    trainer = make_trainer(name="Alex Morgan")
    riley = make_client(trainer, name="Riley Runner", units="mi")
    runner = make_runner(riley)
    db.session.add_all([
        PlannedSession(client_id=riley.id, on=date(2027, 1, 5), kind="tempo", distance_m=16093.44, pace_s_per_km=300,
                       description="2 easy, 6 at threshold, 2 easy"),
        PlannedSession(client_id=riley.id, on=date(2027, 1, 6), kind="easy", duration_s=45 * 60),
        PlannedSession(client_id=riley.id, on=date(2027, 1, 7), kind="rest"),
        Race(client_id=riley.id, name="Riverside Half Marathon", on=date(2027, 4, 18), distance_m=21097.5,
             priority="A", goal_time_s=6900)])
    goal = Goal(client_id=riley.id, kind="distance", title="First half", start_on=date(2027, 1, 1),
                due_on=date(2027, 4, 1), distance_m=21100.0, reward="new shoes", state="accepted",
                proposed_by_id=trainer.id)
    goal.milestones = [Milestone(due_on=date(2027, 2, 14), distance_m=16093.44, reward="new gloves",
                                 state="accepted")]
    db.session.add(goal)
    db.session.commit()
    return trainer, riley, runner


def feed_path(html):
    match = re.search(r'value="http://localhost(/feeds/[A-Za-z0-9_-]{40,}\.ics)"', html)
    assert match, "the new URL is shown"
    return match.group(1)


def make_url(browser, client_id, back="settings"):
    response = browser.post(f"/clients/{client_id}/feed", data={"back": back})
    assert response.status_code == 302
    page = browser.get(response.location).text
    return feed_path(page), page


def events(data):
    return [component for component in Calendar.from_ical(data).walk("VEVENT")]


def test_the_runner_makes_a_url_in_settings_shown_once(app, client, login, coached):
    _, riley, runner = coached
    login(client, runner)
    settings = client.get("/account/settings").text
    assert "Calendar subscription" in settings and "Make my calendar URL" in settings
    path, page = make_url(client, riley.id)
    assert "shown only this once" in page
    assert "/feeds/" not in client.get("/account/settings").text  # once
    assert "Make a new URL" in client.get("/account/settings").text
    [token] = db.session.query(FeedToken).all()
    assert path.removeprefix("/feeds/").removesuffix(".ics") not in token.secret_hash  # only the hash is kept
    assert len(token.secret_hash) == 64

    anonymous = app.test_client()
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar" and response.headers["Cache-Control"] == "no-store"
    found = events(response.data)
    assert len(found) == 5  # 3 sessions, 1 milestone, 1 race
    by_uid = {str(event["UID"]): event for event in found}
    sessions = db.session.query(PlannedSession).order_by(PlannedSession.id).all()
    assert [f"session-{s.id}@coachsite" in by_uid for s in sessions] == [True, True, True]
    tempo = by_uid[f"session-{sessions[0].id}@coachsite"]
    assert str(tempo["SUMMARY"]) == "Tempo 10.0 mi" and tempo.decoded("DTSTART") == date(2027, 1, 5)
    assert "Target pace 8:03 /mi" in str(tempo["DESCRIPTION"]) and "6 at threshold" in str(tempo["DESCRIPTION"])
    assert str(by_uid[f"session-{sessions[1].id}@coachsite"]["SUMMARY"]) == "Easy 45:00"
    milestone = next(e for uid, e in by_uid.items() if uid.startswith("milestone-"))
    assert str(milestone["SUMMARY"]) == "Milestone: 10 mi non-stop · reward: new gloves"
    race = next(e for uid, e in by_uid.items() if uid.startswith("race-"))
    assert str(race["SUMMARY"]) == "Race: Riverside Half Marathon · goal 1:55:00"
    assert [str(e["UID"]) for e in events(anonymous.get(path).data)] == [str(e["UID"]) for e in found]  # stable


def test_revoke_and_regenerate(app, client, login, coached):
    _, riley, runner = coached
    login(client, runner)
    old, _ = make_url(client, riley.id)
    anonymous = app.test_client()
    assert anonymous.get(old).status_code == 200
    new, _ = make_url(client, riley.id)
    assert new != old
    assert anonymous.get(old).status_code == 404 and anonymous.get(new).status_code == 200
    response = client.post(f"/clients/{riley.id}/feed/revoke", data={"back": "settings"})
    assert response.status_code == 302 and response.location == "/account/settings"
    assert anonymous.get(new).status_code == 404
    assert "Make my calendar URL" in client.get("/account/settings").text
    assert anonymous.get("/feeds/" + "x" * 43 + ".ics").status_code == 404
    assert anonymous.get("/feeds/short.ics").status_code == 404


def test_the_trainer_subscribes_from_the_print_page_separately(app, client, login, coached):
    trainer, riley, runner = coached
    login(client, runner)
    runners, _ = make_url(client, riley.id)
    login(client, trainer)
    assert "Make my calendar URL" in client.get(f"/clients/{riley.id}/print").text
    trainers, page = make_url(client, riley.id, back="print")
    assert "Print Riley Runner’s calendar" in page
    anonymous = app.test_client()
    assert anonymous.get(trainers).status_code == 200 and anonymous.get(runners).status_code == 200
    client.post(f"/clients/{riley.id}/feed/revoke", data={"back": "print"})
    assert anonymous.get(trainers).status_code == 404 and anonymous.get(runners).status_code == 200


def test_a_url_stops_when_its_owner_may_no_longer_see_the_client(app, client, login, coached, make_trainer):
    trainer, riley, runner = coached
    login(client, trainer)
    path, _ = make_url(client, riley.id, back="print")
    riley.trainer_id = make_trainer(name="New Coach").id  # moved to another trainer
    db.session.commit()
    assert app.test_client().get(path).status_code == 404


def test_strangers_cannot_make_urls_or_download(client, login, coached, make_trainer):
    _, riley, _ = coached
    login(client, make_trainer(name="Blake Hughes"))
    assert client.post(f"/clients/{riley.id}/feed", data={"back": "print"}).status_code == 404
    assert client.get(f"/clients/{riley.id}/calendar.ics").status_code == 404
    assert db.session.query(FeedToken).count() == 0


def test_a_bad_return_page_is_refused(client, login, coached):
    _, riley, runner = coached
    login(client, runner)
    assert client.post(f"/clients/{riley.id}/feed", data={"back": "https://evil.example"}).status_code == 400


def test_one_off_download(client, login, coached):
    _, riley, runner = coached
    login(client, runner)
    response = client.get(f"/clients/{riley.id}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"] == "attachment; filename=training-plan-riley-runner.ics"
    assert len(events(response.data)) == 5


def test_the_feed_buttons_carry_the_page_to_come_back_to(client, login, coached):
    """The one-button form sends its hidden `back` field: settings from settings, print from print."""
    _, riley, runner = coached
    login(client, runner)
    for page, back in (("/account/settings", "settings"), (f"/clients/{riley.id}/print", "print")):
        form = re.search(rf'<form method="post" action="/clients/{riley.id}/feed"[^>]*>(.*?)</form>',
                         client.get(page).text, re.S)
        assert form, f"no feed button on {page}"
        assert re.search(rf'name="back"[^>]*value="{back}"', form.group(1)), form.group(1)
