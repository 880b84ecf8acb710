"""Trainers plan on a client's calendar: add, edit, move, remove, copy a week, shift."""
from datetime import date, timedelta

from sqlalchemy import select

from coachsite.extensions import db
from coachsite.models import PlannedSession
from tests.conftest import errors_in


def _sessions(client_id):
    db.session.expire_all()
    return db.session.scalars(select(PlannedSession).where(PlannedSession.client_id == client_id)
                              .order_by(PlannedSession.on)).all()


def test_trainer_plans_a_session_in_their_units(client, make_trainer, make_client, login):
    trainer = make_trainer(units="mi")
    runner = make_client(trainer)
    login(client, trainer)
    response = client.post(f"/clients/{runner.id}/calendar/sessions/new", data={
        "on": "2027-03-02", "kind": "tempo", "title": "Threshold", "distance_m": "5", "duration_s": "",
        "pace_s_per_km": "8:00", "effort": "7", "description": "6 x 800 m at 5K pace, 90 s jog"})
    assert response.status_code == 302
    [session] = _sessions(runner.id)
    assert session.on == date(2027, 3, 2) and session.kind == "tempo"
    assert round(session.distance_m) == 8047  # 5 miles stored in metres
    assert session.pace_s_per_km == round(480 / 1.609344)  # 8:00 /mi stored per km
    week = client.get(response.location).text
    assert "Threshold" in week and "5.0 mi" in week and "8:00 /mi" in week and "6 x 800 m at 5K pace" in week


def test_bad_session_input_is_explained_and_nothing_saved(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    login(client, trainer)
    response = client.post(f"/clients/{runner.id}/calendar/sessions/new", data={
        "on": "1999-12-31", "kind": "easy", "distance_m": "600", "duration_s": "1:7x:00", "effort": "0"})
    assert response.status_code == 422
    messages = errors_in(response.text)
    assert "Choose a date between 2000 and 2100." in messages
    assert "Enter a distance between 0 and 500 km" in messages
    assert "Use h:mm:ss or mm:ss, e.g. 24:30" in messages
    assert "Use a whole number from 1 to 10." in messages
    assert 'value="1:7x:00"' in response.text  # what was typed is kept
    assert _sessions(runner.id) == []


def test_edit_moves_a_session_and_bad_edit_keeps_saved_values(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    db.session.add(PlannedSession(client_id=runner.id, on=date(2027, 1, 5), kind="easy", distance_m=8000))
    db.session.commit()
    [session] = _sessions(runner.id)
    login(client, trainer)
    url = f"/clients/{runner.id}/calendar/sessions/{session.id}/edit"
    assert client.post(url, data={"on": "2027-01-07", "kind": "long", "distance_m": "abc"}).status_code == 422
    assert _sessions(runner.id)[0].on == date(2027, 1, 5)
    assert client.post(url, data={"on": "2027-01-07", "kind": "long", "distance_m": "16"}).status_code == 302
    [moved] = _sessions(runner.id)
    assert (moved.on, moved.kind, moved.distance_m) == (date(2027, 1, 7), "long", 16000)


def test_remove_session(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    db.session.add(PlannedSession(client_id=runner.id, on=date(2027, 1, 5), kind="easy"))
    db.session.commit()
    login(client, trainer)
    session_id = _sessions(runner.id)[0].id
    response = client.post(f"/clients/{runner.id}/calendar/sessions/{session_id}/delete", follow_redirects=True)
    assert "Removed the easy on Tuesday 5 January." in response.text
    assert _sessions(runner.id) == []


def test_copy_week_to_next_week(client, make_trainer, make_client, login):
    trainer = make_trainer()  # weeks start on Monday by default
    runner = make_client(trainer)
    for day, kind in ((date(2027, 1, 4), "intervals"), (date(2027, 1, 7), "tempo"), (date(2027, 1, 10), "long")):
        db.session.add(PlannedSession(client_id=runner.id, on=day, kind=kind))
    db.session.add(PlannedSession(client_id=runner.id, on=date(2027, 1, 11), kind="easy"))  # next week already
    db.session.commit()
    login(client, trainer)
    response = client.post(f"/clients/{runner.id}/calendar/copy-week",
                           data={"source": "2027-01-06", "target": "2027-01-13"}, follow_redirects=True)
    assert "Copied 3 sessions to the week of 13 January." in response.text
    copied = [(s.on, s.kind) for s in _sessions(runner.id) if s.on >= date(2027, 1, 11)]
    assert copied == [(date(2027, 1, 11), "easy"), (date(2027, 1, 11), "intervals"),
                      (date(2027, 1, 14), "tempo"), (date(2027, 1, 17), "long")]


def test_copy_week_follows_a_sunday_week_start(client, make_trainer, make_client, login):
    trainer = make_trainer(week_start=6)
    runner = make_client(trainer)
    db.session.add(PlannedSession(client_id=runner.id, on=date(2027, 1, 10), kind="long"))  # a Sunday
    db.session.commit()
    login(client, trainer)
    client.post(f"/clients/{runner.id}/calendar/copy-week", data={"source": "2027-01-12", "target": "2027-01-20"})
    assert [s.on for s in _sessions(runner.id)] == [date(2027, 1, 10), date(2027, 1, 17)]


def test_copy_week_onto_itself_is_refused(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    db.session.add(PlannedSession(client_id=runner.id, on=date(2027, 1, 4), kind="easy"))
    db.session.commit()
    login(client, trainer)
    response = client.post(f"/clients/{runner.id}/calendar/copy-week", data={"source": "2027-01-04", "target": "2027-01-06"})
    assert response.status_code == 422 and "Choose a different week to copy to." in errors_in(response.text)
    assert len(_sessions(runner.id)) == 1


def test_shift_moves_sessions_from_a_date(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    for offset in range(4):
        db.session.add(PlannedSession(client_id=runner.id, on=date(2027, 2, 1) + timedelta(days=offset), kind="easy"))
    db.session.commit()
    login(client, trainer)
    response = client.post(f"/clients/{runner.id}/calendar/shift", data={"start": "2027-02-03", "days": "3"},
                           follow_redirects=True)
    assert "Moved 2 sessions by 3 days." in response.text
    assert [s.on.day for s in _sessions(runner.id)] == [1, 2, 6, 7]
    bad = client.post(f"/clients/{runner.id}/calendar/shift", data={"start": "2027-02-03", "days": "365"})
    assert bad.status_code == 422 and "Use a number of days between -90 and 90." in errors_in(bad.text)
    assert [s.on.day for s in _sessions(runner.id)] == [1, 2, 6, 7]


def test_bad_month_and_day_parameters_answer_400(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    login(client, trainer)
    assert client.get(f"/clients/{runner.id}/calendar/?month=2027-13").status_code == 400
    assert client.get(f"/clients/{runner.id}/calendar/week?day=tomorrow").status_code == 400


def test_a_bad_month_says_how_to_write_one(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    login(client, trainer)
    assert "Use a month like 2027-03." in client.get(f"/clients/{runner.id}/calendar/?month=March").text
