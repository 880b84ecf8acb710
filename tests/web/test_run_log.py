"""Logging a run by hand: who may, what is refused, and how the calendar then reads."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coachsite.extensions import db
from coachsite.models import Activity, Client, PlannedSession
from tests.conftest import errors_in
from tests.web.pages import field_errors, field_value, flashes, path_of, rows, snapshot

DAY = date(2025, 3, 4)  # a Tuesday, safely in the past
GOOD = {"on": DAY.isoformat(), "distance_m": "10", "duration_s": "50:00", "effort": "6", "comment": "Windy"}


def _today() -> date:
    return datetime.now(timezone.utc).date()  # the clock of a user in the default time zone (UTC)


def _plan(client_id: int, day: date, kind: str = "tempo", metres: float = 10000.0, **fields: object) -> PlannedSession:
    session = PlannedSession(client_id=client_id, on=day, kind=kind, distance_m=metres, **fields)
    db.session.add(session)
    db.session.commit()
    return session


def _month_cell(html: str, day: date) -> str:
    label = f'aria-label="{day:%A} {day.day} {day:%B}'
    start = html.index(label)
    return html[start:html.index("</td>", start)]


def _week_day(html: str, day: date) -> str:
    start = html.index(f"<h2>{day:%A} {day.day} {day:%B}")
    end = html.find('<li class="week-day', start)
    return html[start:end if end != -1 else len(html)]


@pytest.fixture
def trainer(make_trainer):  # type: ignore[no-untyped-def]
    return make_trainer()


@pytest.fixture
def casey(make_client, trainer) -> Client:  # type: ignore[no-untyped-def]
    return make_client(trainer, name="Casey Client")


def test_runner_logs_a_run_and_the_planned_day_reads_done(client, casey, make_runner, login):
    _plan(casey.id, DAY, "tempo")
    runner = make_runner(casey)
    login(client, runner)
    form = client.get(f"/clients/{casey.id}/runs/new")
    assert form.status_code == 200 and field_value(form.text, "on") == _today().isoformat()
    response = client.post(f"/clients/{casey.id}/runs/new", data=GOOD)
    assert response.status_code == 302
    assert path_of(response.location) == f"/clients/{casey.id}/calendar/week"
    assert f"day={DAY.isoformat()}" in response.location
    week = client.get(response.location).text
    assert flashes(week) == ["Run logged: 10.0 km in 50:00 on Tue 4 Mar 2025, matched to Tempo."]
    assert "Done" in _week_day(week, DAY)
    month = client.get(f"/clients/{casey.id}/calendar/?month=2025-03").text
    assert "Done" in _month_cell(month, DAY)
    [run] = rows(Activity)
    assert (run["on"], run["distance_m"], run["duration_s"], run["effort"], run["comment"]) == \
        (DAY, 10000.0, 3000, 6, "Windy")
    assert (run["source"], run["sport"], run["logged_by_id"], run["fingerprint"]) == ("manual", "run", runner.id, None)
    assert db.session.get(Client, casey.id).last_activity_on == DAY


def test_a_short_run_leaves_the_day_partly_done(client, casey, trainer, login):
    _plan(casey.id, DAY, "easy", 10000.0)
    login(client, trainer)
    response = client.post(f"/clients/{casey.id}/runs/new", data={**GOOD, "distance_m": "7.9"}, follow_redirects=True)
    assert "Partly done" in _week_day(response.text, DAY)
    month = client.get(f"/clients/{casey.id}/calendar/?month=2025-03").text
    assert "Partly done" in _month_cell(month, DAY)


def test_a_run_on_a_day_without_a_plan_is_not_matched(client, casey, trainer, login):
    login(client, trainer)
    page = client.post(f"/clients/{casey.id}/runs/new", data=GOOD, follow_redirects=True).text
    assert "Run logged: 10.0 km in 50:00 on Tue 4 Mar 2025." in flashes(page)
    assert "Extra run" in _week_day(page, DAY)


def test_the_trainer_logs_for_their_client(client, casey, trainer, login):
    login(client, trainer)
    page = client.get(f"/clients/{casey.id}/runs/new").text
    assert "<h1>Log a run for Casey Client</h1>" in page
    assert client.post(f"/clients/{casey.id}/runs/new", data=GOOD).status_code == 302
    [run] = rows(Activity)
    assert run["logged_by_id"] == trainer.id and run["client_id"] == casey.id


@pytest.mark.parametrize("who", ["another trainer", "another runner"])
def test_strangers_get_404_and_nothing_is_saved(client, casey, make_trainer, make_client, make_runner, login, who):
    if who == "another trainer":
        login(client, make_trainer(name="Nosy Trainer"))
    else:
        login(client, make_runner(make_client(casey.trainer, name="Classmate")))
    before = snapshot()
    for method, path in [("GET", ""), ("GET", "new"), ("POST", "new")]:
        response = client.open(f"/clients/{casey.id}/runs/{path}", method=method, data=GOOD if method == "POST" else None)
        assert response.status_code == 404, (method, path)
        assert "Casey" not in response.text
    assert snapshot() == before


def test_nobody_logs_for_an_archived_client(client, make_client, trainer, login):
    archived = make_client(trainer, name="Gone", archived_at=datetime(2025, 1, 1))
    login(client, trainer)
    assert client.get(f"/clients/{archived.id}/runs/new").status_code == 404
    assert client.post(f"/clients/{archived.id}/runs/new", data=GOOD).status_code == 404
    assert rows(Activity) == []
    index = client.get(f"/clients/{archived.id}/runs/").text  # the log stays readable
    assert "is archived, so no runs can be logged" in index and "Log a run" not in index


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("distance_m", "-5", "Enter a distance between 0 and 500 km"),
    ("distance_m", "500.5", "Enter a distance between 0 and 500 km"),
    ("distance_m", "ten", "Enter a distance between 0 and 500 km"),
    ("distance_m", "", "Enter the distance you ran, e.g. 10 or 10.5."),
    ("distance_m", "   ", "Enter the distance you ran, e.g. 10 or 10.5."),
    ("duration_s", "5o:00", "Use h:mm:ss or mm:ss, e.g. 24:30"),
    ("duration_s", "1:75:00", "Use h:mm:ss or mm:ss, e.g. 24:30"),
    ("duration_s", "", "Enter how long the run took, e.g. 50:00 or 1:05:30."),
    ("duration_s", "0:00", "Enter how long the run took, e.g. 50:00 (not 0:00)."),
    ("on", "1999-12-31", "Choose a date between 2000 and 2100."),
    ("on", "2101-01-01", "Choose a date between 2000 and 2100."),
    ("on", "4 March", "Enter the date of the run, like 2027-03-01."),
    ("on", (_today() + timedelta(days=2)).isoformat(),
     "That date is still to come: log a run on or after the day you ran it."),
    ("comment", "x" * 1001, "Keep the comment to 1000 characters or fewer."),
])
def test_bad_input_is_refused_next_to_the_field_and_kept(client, casey, trainer, login, field, typed, message):
    login(client, trainer)
    response = client.post(f"/clients/{casey.id}/runs/new", data={**GOOD, field: typed})
    assert response.status_code == 422
    assert field_errors(response.text, field) == [message]
    assert errors_in(response.text) == [message]
    if field != "comment":
        assert field_value(response.text, field) == typed  # what was typed stays in the box
    assert rows(Activity) == []


def test_tomorrow_is_accepted_for_time_zones_ahead(client, casey, trainer, login):
    login(client, trainer)
    tomorrow = _today() + timedelta(days=1)
    assert client.post(f"/clients/{casey.id}/runs/new", data={**GOOD, "on": tomorrow.isoformat()}).status_code == 302
    assert [r["on"] for r in rows(Activity)] == [tomorrow]


def test_distances_are_typed_in_the_users_units(client, make_trainer, make_client, login):
    american = make_trainer(units="mi")
    runner = make_client(american)
    login(client, american)
    assert client.post(f"/clients/{runner.id}/runs/new", data={**GOOD, "distance_m": "6.2"}).status_code == 302
    [run] = rows(Activity)
    assert run["distance_m"] == pytest.approx(9977.93, abs=0.01)


def test_last_activity_is_the_latest_run_even_when_an_older_one_is_logged(client, casey, trainer, login):
    login(client, trainer)
    client.post(f"/clients/{casey.id}/runs/new", data=GOOD)
    client.post(f"/clients/{casey.id}/runs/new", data={**GOOD, "on": "2025-02-01"})
    db.session.expire_all()
    assert db.session.get(Client, casey.id).last_activity_on == DAY


def test_the_log_lists_runs_newest_first_with_pace(client, casey, trainer, login):
    login(client, trainer)
    client.post(f"/clients/{casey.id}/runs/new", data={**GOOD, "on": "2025-03-01", "comment": "Older"})
    client.post(f"/clients/{casey.id}/runs/new", data={**GOOD, "distance_m": "12", "duration_s": "1:00:00"})
    whole = client.get(f"/clients/{casey.id}/runs/").text
    assert whole.count("<h1>") == 1 and "<title>Runs · Casey Client · CoachSite</title>" in whole
    page = whole[whole.index('<table class="run-log">'):]  # after the flashes of the two posts
    assert page.index("Tue 4 Mar 2025") < page.index("Sat 1 Mar 2025")
    assert "12.00 km" in page and "1:00:00" in page and "5:00 /km" in page and "RPE 6" in page
    assert "Older" in page and "By hand" in page


def test_the_log_is_paginated(client, casey, trainer, login):
    db.session.add_all([Activity(client_id=casey.id, on=DAY - timedelta(days=n), distance_m=5000, duration_s=1500)
                        for n in range(35)])
    db.session.commit()
    login(client, trainer)
    first = client.get(f"/clients/{casey.id}/runs/").text
    assert "Page 1 of 2" in first and "Tue 4 Mar 2025" in first and "Wed 29 Jan 2025" not in first
    second = client.get(f"/clients/{casey.id}/runs/?page=2").text
    assert "Wed 29 Jan 2025" in second and "Tue 4 Mar 2025" not in second


def test_an_empty_log_says_how_to_log_or_import(client, casey, make_runner, login):
    login(client, make_runner(casey))
    page = client.get(f"/clients/{casey.id}/runs/").text
    assert "No runs yet" in page
    assert f'href="/clients/{casey.id}/runs/new"' in page and f'href="/clients/{casey.id}/runs/import"' in page
