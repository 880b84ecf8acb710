"""The runner's home seen again after each kind of change: its plan and its panels are kept as
rendered HTML (coachsite.fragments), so each change must show on the very next view."""
from __future__ import annotations

from datetime import date, timedelta

from coachsite import clock
from coachsite.extensions import db
from coachsite.models import PlannedSession, Race, TechniqueNote, User

TODAY = date(2027, 3, 10)


def test_the_home_page_follows_every_change_to_what_it_shows(client, make_trainer, make_client, make_runner, login,
                                                             monkeypatch):
    today = TODAY
    monkeypatch.setattr(clock, "today", lambda: today)
    trainer = make_trainer()
    casey = make_client(trainer)
    runner = make_runner(casey)
    login(client, runner)
    first = client.get("/me").text
    assert "has not planned any sessions for you yet" in first
    assert ">Club</a>" not in first  # a runner of no club has no club link in the navigation

    db.session.add(PlannedSession(client_id=casey.id, on=TODAY, kind="easy", distance_m=8000.0))
    db.session.commit()
    home = client.get("/me").text
    assert "Today, Wednesday 10 March" in home and "8.0 km" in home and "Logged:" not in home

    assert client.post(f"/clients/{casey.id}/runs/new", data={
        "on": TODAY.isoformat(), "distance_m": "8.2", "duration_s": "44:00", "effort": "4"}).status_code == 302
    assert "Logged: 8.2 km" in client.get("/me").text

    db.session.add(Race(client_id=casey.id, name="Harbour 10K", on=TODAY + timedelta(days=12), distance_m=10000.0))
    db.session.commit()
    assert "Harbour 10K" in client.get("/me").text

    note = TechniqueNote(client_id=casey.id, author_id=trainer.id, on=TODAY, area="posture", cue="Run tall",
                         status="open", shared=True)
    db.session.add(note)
    db.session.commit()
    assert "Run tall" in client.get("/me").text
    note.shared = False  # the trainer takes it back: private notes never reach the runner
    db.session.commit()
    assert "Run tall" not in client.get("/me").text

    db.session.get(User, runner.id).units = "mi"
    db.session.commit()
    assert "5.1 mi" in client.get("/me").text  # the 8.2 km logged, in the runner's units now

    today = TODAY + timedelta(days=1)  # a new day: the same data, another "today"
    assert "Today, Thursday 11 March" in client.get("/me").text
