"""Races: the trainer adds and edits them, the runner reads them, anyone else gets 404; bad input is
explained next to the field; the result updates bests; the taper for A races applies and undoes."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from coachsite import clock, events, panels
from coachsite.extensions import db
from coachsite.models import PlannedSession, Race
from tests.web.pages import field_errors, field_value, flashes, snapshot


def race_form(day, **fields):
    data = {"name": "Riverside Half Marathon", "on": day.isoformat(), "distance": "half", "custom_distance_m": "",
            "priority": "A", "goal_time_s": "1:55:00", "strategy": "negative", "strategy_percent": "2",
            "location": "Riverside Park", "notes": "Gel at 8 km."}
    data.update(fields)
    return data


def add_race(client_id, on, **fields):
    race = Race(client_id=client_id, on=on, **{"name": "Riverside Half Marathon", "distance_m": 21097.5,
                                                 "priority": "A", "goal_time_s": 6900, "strategy": "negative",
                                                 "strategy_percent": 2.0, **fields})
    db.session.add(race)
    db.session.commit()
    return race


def races():
    db.session.expire_all()
    return db.session.scalars(select(Race).order_by(Race.id)).all()


@pytest.fixture
def coached(make_trainer, make_client, make_runner):
    trainer = make_trainer(name="Alex Morgan")
    riley = make_client(trainer, name="Riley Runner")
    runner = make_runner(riley)
    return trainer, riley, runner


@pytest.fixture
def today(coached):
    return clock.today_for(coached[0].time_zone)


def test_trainer_adds_an_a_race_shown_with_splits_and_on_both_calendars(client, login, coached, today):
    trainer, riley, _ = coached
    login(client, trainer)
    on = today + timedelta(days=40)
    response = client.post(f"/clients/{riley.id}/races/new", data=race_form(on))
    assert response.status_code == 302
    [race] = races()
    assert (race.distance_m, race.goal_time_s, race.strategy, race.strategy_percent, race.priority) == \
        (21097.5, 6900, "negative", 2.0, "A")
    page = client.get(response.location).text
    assert "Riverside Half Marathon is on Riley Runner" in " ".join(flashes(page)).replace("&#39;", "'")
    assert "in 40 days" in page and "Per km" in page and "Per mile" in page
    assert "<th scope=\"row\">21.1</th>" in page and "<th scope=\"row\">13.11</th>" in page
    assert page.count("1:55:00</td></tr>") == 2  # both tables end exactly on the goal
    month = client.get(f"/clients/{riley.id}/calendar/?month={on:%Y-%m}").text
    week = client.get(f"/clients/{riley.id}/calendar/week?day={on.isoformat()}").text
    for calendar in (month, week):
        assert "Race: Riverside Half Marathon" in calendar and "goal 1:55:00" in calendar
        assert f"/clients/{riley.id}/races/{race.id}" in calendar


def test_custom_distance_is_in_the_trainers_units(client, login, make_trainer, make_client, today):
    trainer = make_trainer(units="mi")
    riley = make_client(trainer)
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/races/new", data=race_form(
        today + timedelta(days=10), distance="custom", custom_distance_m="10", goal_time_s="1:25:00",
        strategy="even", strategy_percent="5"))
    assert response.status_code == 302
    [race] = races()
    assert round(race.distance_m) == 16093 and race.strategy_percent == 0.0  # even pace uses no percentage
    edit = client.get(f"/clients/{riley.id}/races/{race.id}/edit").text
    assert field_value(edit, "custom_distance_m") == "10"


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"goal_time_s": "1:5x:00"}, "goal_time_s", "Use h:mm:ss or mm:ss, e.g. 24:30"),
    ({"goal_time_s": "10:00", "distance": "marathon"}, "goal_time_s",
     "10:00 is not possible as a goal over 42.2 km: it is faster than the world record or slower than walking. "
     "Use h:mm:ss, e.g. 1:55:00."),
    ({"goal_time_s": "40:00:00", "distance": "5k"}, "goal_time_s", None),
    ({"strategy_percent": "25"}, "strategy_percent", "Use a percentage from 0 to 20, e.g. 2."),
    ({"strategy_percent": "-1"}, "strategy_percent", "Use a percentage from 0 to 20, e.g. 2."),
    ({"strategy_percent": "nan"}, "strategy_percent", "Use a percentage from 0 to 20, e.g. 2."),
    ({"strategy_percent": "two"}, "strategy_percent", "Use a percentage from 0 to 20, e.g. 2."),
    ({"distance": "custom", "custom_distance_m": ""}, "custom_distance_m", "Enter the distance in your units, e.g. 15."),
    ({"name": "  "}, "name", "Enter the race's name, e.g. Berlin Marathon."),
    ({"on": "2027-02-30"}, "on", None),
    ({"priority": "D"}, "priority", "Not a valid choice."),
])
def test_bad_race_input_is_refused_next_to_the_field_and_nothing_saved(client, login, coached, today, fields, field,
                                                                       message):
    trainer, riley, _ = coached
    login(client, trainer)
    data = race_form(today + timedelta(days=30), **fields)
    response = client.post(f"/clients/{riley.id}/races/new", data=data)
    assert response.status_code == 422
    errors = field_errors(response.text, field)
    assert errors and (message is None or errors == [message])
    if field in ("goal_time_s", "strategy_percent", "custom_distance_m"):
        assert field_value(response.text, field) == data[field]  # what was typed is kept
    assert field_value(response.text, "location") == "Riverside Park"
    assert races() == []


def test_a_race_date_in_the_past_is_saved_with_a_warning(client, login, coached, today):
    trainer, riley, _ = coached
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/races/new", data=race_form(today - timedelta(days=3)),
                           follow_redirects=True)
    assert response.status_code == 200
    messages = flashes(response.text)
    assert any("is in the past. The race was saved" in m for m in messages)
    assert 'class="flash flash-warning"' in response.text
    assert len(races()) == 1


def test_the_runner_reads_races_but_changes_nothing(client, login, coached, today):
    _, riley, runner = coached
    race = add_race(riley.id, today + timedelta(days=23))
    login(client, runner)
    assert "Riverside Half Marathon" in client.get(f"/clients/{riley.id}/races/").text
    page = client.get(f"/clients/{riley.id}/races/{race.id}").text
    assert "Per km" in page and "Edit race" not in page and "Apply the taper" not in page
    before = snapshot()
    for method, path in [("GET", "/new"), ("POST", "/new"), ("GET", f"/{race.id}/edit"), ("POST", f"/{race.id}/edit"),
                         ("POST", f"/{race.id}/result"), ("POST", f"/{race.id}/taper"),
                         ("POST", f"/{race.id}/taper/undo")]:
        response = client.open(f"/clients/{riley.id}/races{path}", method=method,
                               data=race_form(today, name="Hijacked", result_time_s="1:30:00"))
        assert response.status_code == 404, (method, path)
    assert snapshot() == before


def test_another_trainer_gets_404_everywhere_and_changes_nothing(client, login, make_trainer, coached, today):
    _, riley, _ = coached
    race = add_race(riley.id, today + timedelta(days=23))
    login(client, make_trainer(name="Bert Nosy"))
    before = snapshot()
    for method, path in [("GET", "/"), ("GET", "/new"), ("POST", "/new"), ("GET", f"/{race.id}"),
                         ("GET", f"/{race.id}/edit"), ("POST", f"/{race.id}/edit"), ("GET", f"/{race.id}/pace-band.pdf"),
                         ("POST", f"/{race.id}/result"), ("POST", f"/{race.id}/taper"),
                         ("POST", f"/{race.id}/taper/undo")]:
        response = client.open(f"/clients/{riley.id}/races{path}", method=method,
                               data=race_form(today, name="Hijacked", result_time_s="1:30:00"))
        assert response.status_code == 404, (method, path)
        assert "Riverside" not in response.text
    assert snapshot() == before


def test_a_race_of_another_client_is_404(client, login, make_client, coached, today):
    trainer, riley, _ = coached
    other = make_client(trainer, name="Sam Patel")
    race = add_race(other.id, today + timedelta(days=5))
    login(client, trainer)
    assert client.get(f"/clients/{riley.id}/races/{race.id}").status_code == 404
    assert client.get(f"/clients/{riley.id}/races/{race.id}/pace-band.pdf").status_code == 404


def test_edit_a_race(client, login, coached, today):
    trainer, riley, _ = coached
    race = add_race(riley.id, today + timedelta(days=23))
    login(client, trainer)
    form = client.get(f"/clients/{riley.id}/races/{race.id}/edit").text
    assert field_value(form, "goal_time_s") == "1:55:00" and field_value(form, "strategy_percent") == "2"
    assert '<option selected value="half">' in form
    response = client.post(f"/clients/{riley.id}/races/{race.id}/edit", data=race_form(
        race.on, goal_time_s="1:50:00", strategy="conservative", strategy_percent="3.5", priority="B"))
    assert response.status_code == 302
    [saved] = races()
    assert (saved.goal_time_s, saved.strategy, saved.strategy_percent, saved.priority) == (6600, "conservative", 3.5, "B")


def test_the_result_updates_bests_when_faster_and_settles_goals(client, login, coached, today, monkeypatch):
    trainer, riley, _ = coached
    riley.best_half_s = 6920
    db.session.commit()
    heard = []
    monkeypatch.setattr(events, "_runs_handlers", [lambda client, day: heard.append((client.id, day))])
    race = add_race(riley.id, today - timedelta(days=1))
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/races/{race.id}/result", data={"result_time_s": "1:52:41"},
                           follow_redirects=True)
    assert "Saved the result of Riverside Half Marathon. New half marathon best for Riley Runner!" in \
        flashes(response.text)
    db.session.expire_all()
    assert (race.result_time_s, riley.best_half_s) == (6761, 6761)
    assert heard == [(riley.id, today)]
    client.post(f"/clients/{riley.id}/races/{race.id}/result", data={"result_time_s": "2:05:00"})
    db.session.expire_all()
    assert (race.result_time_s, riley.best_half_s) == (7500, 6761)  # a slower result is kept, the best stays


def test_a_custom_distance_result_changes_no_best(client, login, coached, today):
    trainer, riley, _ = coached
    race = add_race(riley.id, today, distance_m=15000.0, goal_time_s=None)
    login(client, trainer)
    assert client.post(f"/clients/{riley.id}/races/{race.id}/result", data={"result_time_s": "1:20:00"}).status_code \
        == 302
    db.session.expire_all()
    assert race.result_time_s == 4800
    assert (riley.best_5k_s, riley.best_10k_s, riley.best_half_s, riley.best_marathon_s) == (None,) * 4


@pytest.mark.parametrize(("days", "typed", "message"), [
    (-1, "", "Enter the finish time, e.g. 1:52:41."),
    (-1, "abc", "Use h:mm:ss or mm:ss, e.g. 24:30"),
    (-1, "0:40:00", None),
    (3, "1:52:41", None),
])
def test_bad_results_are_refused(client, login, coached, today, days, typed, message):
    trainer, riley, _ = coached
    race = add_race(riley.id, today + timedelta(days=days))
    login(client, trainer)
    before = snapshot()
    response = client.post(f"/clients/{riley.id}/races/{race.id}/result", data={"result_time_s": typed})
    assert response.status_code == 422
    errors = field_errors(response.text, "result_time_s")
    assert errors and (message is None or errors == [message])
    assert snapshot() == before


def _weekly_plan(client_id, race_on, weeks=6):
    """Tue 8 km, Thu 10 km, Sat 16 km in each of the race-aligned weeks, plus the race itself."""
    for back in range(weeks):
        week_end = race_on - timedelta(days=7 * back)
        for before, km in ((5, 8), (3, 10), (1, 16)):
            db.session.add(PlannedSession(client_id=client_id, on=week_end - timedelta(days=before), kind="easy",
                                          distance_m=km * 1000.0))
    db.session.add(PlannedSession(client_id=client_id, on=race_on, kind="race", distance_m=21097.5))
    db.session.commit()


def _distances(client_id):
    db.session.expire_all()
    return {s.id: (s.distance_m, s.distance_before_taper_m) for s in db.session.scalars(
        select(PlannedSession).where(PlannedSession.client_id == client_id))}


def test_taper_apply_and_undo_restore_every_distance(client, login, coached, today):
    trainer, riley, _ = coached
    race_on = today + timedelta(days=30)
    race = add_race(riley.id, race_on)
    _weekly_plan(riley.id, race_on)
    original = _distances(riley.id)
    login(client, trainer)
    page = client.get(f"/clients/{riley.id}/races/{race.id}").text
    assert "Apply the taper to the calendar" in page and "23.8 km" in page and "17.0 km" in page  # 70% / 50% of 34
    response = client.post(f"/clients/{riley.id}/races/{race.id}/taper", follow_redirects=True)
    assert "Taper applied: 6 sessions shortened." in flashes(response.text)
    tapered = _distances(riley.id)
    changed = {i for i in tapered if tapered[i] != original[i]}
    assert len(changed) == 6
    assert all(tapered[i][1] == original[i][0] and tapered[i][0] < original[i][0] for i in changed)
    race_week = [s for s in db.session.scalars(select(PlannedSession).where(
        PlannedSession.client_id == riley.id, PlannedSession.on.between(race_on - timedelta(days=6), race_on - timedelta(days=1))))]
    assert sum(s.distance_m for s in race_week) == pytest.approx(17000, abs=300)
    db.session.expire_all()
    assert race.taper_applied_at is not None
    assert "Undo the taper" in response.text
    again = client.post(f"/clients/{riley.id}/races/{race.id}/taper", follow_redirects=True)
    assert "The taper is already applied." in flashes(again.text)
    assert _distances(riley.id) == tapered
    moved = client.post(f"/clients/{riley.id}/races/{race.id}/edit", data=race_form(race_on + timedelta(days=7)))
    assert moved.status_code == 422
    assert field_errors(moved.text, "on") == [
        "Undo the taper before moving the race: it changed the sessions of the weeks before it."]
    response = client.post(f"/clients/{riley.id}/races/{race.id}/taper/undo", follow_redirects=True)
    assert "Taper undone: 6 sessions back to the planned distance." in flashes(response.text)
    assert _distances(riley.id) == {i: (d, None) for i, (d, _) in original.items()}
    db.session.expire_all()
    assert race.taper_applied_at is None
    nothing = client.post(f"/clients/{riley.id}/races/{race.id}/taper/undo", follow_redirects=True)
    assert "No taper is applied, so there is nothing to undo." in flashes(nothing.text)


def test_only_a_races_get_a_taper(client, login, coached, today):
    trainer, riley, _ = coached
    race_on = today + timedelta(days=30)
    race = add_race(riley.id, race_on, priority="B")
    _weekly_plan(riley.id, race_on)
    original = _distances(riley.id)
    login(client, trainer)
    assert "Taper" not in client.get(f"/clients/{riley.id}/races/{race.id}").text
    response = client.post(f"/clients/{riley.id}/races/{race.id}/taper", follow_redirects=True)
    assert "Only A races get a taper." in flashes(response.text)
    assert _distances(riley.id) == original


def test_runner_home_counts_down_to_the_next_race(client, login, coached, today):
    _, riley, runner = coached
    add_race(riley.id, today - timedelta(days=10), name="Old 10K", distance_m=10000.0, goal_time_s=3000)
    add_race(riley.id, today + timedelta(days=23), name="Berlin Marathon", distance_m=42195.0, goal_time_s=14400)
    add_race(riley.id, today + timedelta(days=60), name="Autumn Half")
    login(client, runner)
    home = client.get("/me").text
    assert "Berlin Marathon</a> in 23 days" in home and "Old 10K" not in home and "Autumn Half" not in home


def test_equivalents_and_training_paces_from_the_best_result(client, login, make_trainer, make_client, make_runner):
    trainer = make_trainer(units="mi")
    riley = make_client(trainer, name="Riley Runner", best_5k_s=1500, best_10k_s=3300)
    runner = make_runner(riley)
    [(template, data)] = [p for p in panels.client_profile(riley, trainer, date(2027, 1, 1))
                          if p[0] == "races/_equivalents_panel.html"]
    assert data["effort"].label == "5 km"
    login(client, trainer)
    page = client.get(f"/clients/{riley.id}/races/").text
    assert "From the best 5 km of 25:00" in page and "/mi" in page  # the viewer's units
    for label in ("5 km", "10 km", "Half marathon", "Marathon", "Easy", "Threshold", "Interval", "Repetition"):
        assert label in page
    login(client, runner)  # the runner's account reads kilometres
    assert "/km" in client.get(f"/clients/{riley.id}/races/").text
