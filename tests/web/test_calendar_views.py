"""Month and week views: planned against done, week starts, who may see and change what."""
from datetime import date

from sqlalchemy import event, select

from coachsite.extensions import db
from coachsite.models import Activity, PlannedSession


def _plan(client_id, day, kind="easy", metres=10000.0, **fields):
    db.session.add(PlannedSession(client_id=client_id, on=day, kind=kind, distance_m=metres, **fields))


def _run(client_id, day, metres, seconds=3000):
    db.session.add(Activity(client_id=client_id, on=day, distance_m=metres, duration_s=seconds))


def _cell(html, day):
    """The month cell of one day, as the reader's assistive label announces it."""
    label = f'aria-label="{day:%A} {day.day} {day:%B}'
    start = html.index(label)
    return html[start:html.index("</td>", start)]


def test_month_shows_done_partial_missed_skipped_and_planned(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    _plan(runner.id, date(2026, 3, 2))
    _run(runner.id, date(2026, 3, 2), 10000)
    _plan(runner.id, date(2026, 3, 3))
    _run(runner.id, date(2026, 3, 3), 7000)  # 70% of planned: partly done
    _plan(runner.id, date(2026, 3, 4))  # passed, nothing logged: missed
    _plan(runner.id, date(2026, 3, 5), skipped_reason="Flu", skipped_at=date(2026, 3, 5))
    _plan(runner.id, date(2099, 3, 2))
    db.session.commit()
    login(client, trainer)
    html = client.get(f"/clients/{runner.id}/calendar/?month=2026-03").text
    assert "Done" in _cell(html, date(2026, 3, 2))
    assert "Partly done" in _cell(html, date(2026, 3, 3))
    assert "Missed" in _cell(html, date(2026, 3, 4))
    assert "Skipped" in _cell(html, date(2026, 3, 5))
    future = client.get(f"/clients/{runner.id}/calendar/?month=2099-03").text
    assert "Planned" in _cell(future, date(2099, 3, 2))


def test_month_of_six_weeks_and_week_start_setting(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    login(client, trainer)
    monday_start = client.get(f"/clients/{runner.id}/calendar/?month=2027-08").text  # 1 Aug 2027 is a Sunday
    assert monday_start.count('<td class="day') == 42
    assert monday_start.index('abbr="Monday"') < monday_start.index('abbr="Sunday"')
    client.post("/account/settings", data={"name": trainer.name, "units": "km", "week_start": "6", "paper": "a4"})
    sunday_start = client.get(f"/clients/{runner.id}/calendar/?month=2027-08").text
    assert sunday_start.count('<td class="day') == 35
    assert sunday_start.index('abbr="Sunday"') < sunday_start.index('abbr="Monday"')


def test_runner_sees_own_calendar_read_only(client, make_trainer, make_client, make_runner, login):
    trainer = make_trainer()
    runner_client = make_client(trainer, email="riley@example.com")
    runner = make_runner(runner_client)
    _plan(runner_client.id, date(2027, 5, 4), title="Hill repeats", kind="hills")
    db.session.commit()
    login(client, runner)
    html = client.get(f"/clients/{runner_client.id}/calendar/?month=2027-05").text
    assert "Hill repeats" in html and "Plan a session" not in html
    session_id = db.session.scalar(select(PlannedSession.id))
    assert client.get(f"/clients/{runner_client.id}/calendar/sessions/new").status_code == 404
    assert client.post(f"/clients/{runner_client.id}/calendar/sessions/{session_id}/delete").status_code == 404
    db.session.expire_all()
    assert db.session.get(PlannedSession, session_id) is not None


def test_other_trainer_and_other_runner_get_404_and_change_nothing(client, make_trainer, make_client, make_runner,
                                                                    login):
    owner = make_trainer()
    mine = make_client(owner)
    _plan(mine.id, date(2027, 5, 4))
    db.session.commit()
    session_id = db.session.scalar(select(PlannedSession.id))
    stranger = make_trainer(name="Other Trainer")
    other_runner = make_runner(make_client(stranger, email="other@example.com"))
    for intruder in (stranger, other_runner):
        visitor = client.application.test_client()
        login(visitor, intruder)
        base = f"/clients/{mine.id}/calendar"
        assert visitor.get(f"{base}/").status_code == 404
        assert visitor.get(f"{base}/week").status_code == 404
        assert visitor.post(f"{base}/sessions/{session_id}/edit", data={"on": "2027-06-01", "kind": "rest"}).status_code == 404
        assert visitor.post(f"{base}/sessions/{session_id}/delete").status_code == 404
        assert visitor.post(f"{base}/shift", data={"start": "2027-01-01", "days": "5"}).status_code == 404
        db.session.expire_all()
        session = db.session.get(PlannedSession, session_id)
        assert (session.on, session.kind) == (date(2027, 5, 4), "easy")


def test_session_of_another_client_under_my_client_url_is_404(client, make_trainer, make_client, login):
    owner = make_trainer()
    first, second = make_client(owner), make_client(owner, name="Second")
    _plan(second.id, date(2027, 5, 4))
    db.session.commit()
    session_id = db.session.scalar(select(PlannedSession.id))
    login(client, owner)
    assert client.get(f"/clients/{first.id}/calendar/sessions/{session_id}/edit").status_code == 404


def _count_queries(app, fetch):
    statements = []

    def count(*_args):
        statements.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert fetch().status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_month_view_query_count_does_not_grow_with_history(app, client, make_trainer, make_client, login):
    trainer = make_trainer()
    small, big = make_client(trainer, name="Small"), make_client(trainer, name="Big")
    _plan(small.id, date(2027, 3, 3))
    for offset in range(500):
        day = date(2026, 1, 1).fromordinal(date(2026, 1, 1).toordinal() + offset)
        _plan(big.id, day)
        _run(big.id, day, 9000)
    db.session.commit()
    login(client, trainer)
    one = _count_queries(app, lambda: client.get(f"/clients/{small.id}/calendar/?month=2027-03"))
    many = _count_queries(app, lambda: client.get(f"/clients/{big.id}/calendar/?month=2027-03"))
    assert one == many


def test_a_month_seen_again_shows_what_changed_and_each_reader_s_units(client, make_trainer, make_client,
                                                                        make_runner, login):
    """The month's table is kept as rendered HTML: a run logged, a session moved or another reader's
    units must each show at once."""
    trainer = make_trainer()
    casey = make_client(trainer)
    runner = make_runner(casey)
    db.session.get(type(runner), runner.id).units = "mi"
    _plan(casey.id, date(2026, 3, 4), metres=16093.44)
    db.session.commit()
    login(client, trainer)
    month = f"/clients/{casey.id}/calendar/?month=2026-03"
    before = client.get(month).text
    assert "Missed" in _cell(before, date(2026, 3, 4)) and "16.1 km" in _cell(before, date(2026, 3, 4))
    table = before[before.index('<table class="calendar month">'):before.index("</table>")]
    assert table in client.get(month).text  # seen again, nothing changed
    logged = client.post(f"/clients/{casey.id}/runs/new", data={"on": "2026-03-04", "distance_m": "16.1",
                                                                "duration_s": "1:30:00", "effort": "5"})
    assert logged.status_code == 302
    assert "Done" in _cell(client.get(month).text, date(2026, 3, 4))
    session = db.session.scalar(select(PlannedSession).where(PlannedSession.client_id == casey.id))
    session.on = date(2026, 3, 6)
    db.session.commit()
    moved = client.get(month).text
    assert "Planned" not in _cell(moved, date(2026, 3, 4)) and "16.1 km" in _cell(moved, date(2026, 3, 6))
    client.post("/logout")
    login(client, runner)
    assert "10.0 mi" in _cell(client.get(month).text, date(2026, 3, 6))  # the runner's units, same data
