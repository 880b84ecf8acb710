"""Skipping a planned session with a reason, and undoing it, from the week page."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from coachsite.extensions import db
from coachsite.models import Activity, Client, PlannedSession
from tests.web.pages import field_errors, field_value, flashes, path_of, rows, snapshot

DAY = date(2025, 3, 4)  # a Tuesday in the past: unrun sessions read "Missed"


def _plan(client_id: int, day: date = DAY, kind: str = "tempo", **fields: object) -> PlannedSession:
    session = PlannedSession(client_id=client_id, on=day, kind=kind, distance_m=10000.0, **fields)
    db.session.add(session)
    db.session.commit()
    return session


def _week(browser, client_id: int, day: date = DAY) -> str:  # type: ignore[no-untyped-def]
    return browser.get(f"/clients/{client_id}/calendar/week?day={day.isoformat()}").text


def _skip(browser, client_id: int, session_id: int, reason: str):  # type: ignore[no-untyped-def]
    return browser.post(f"/clients/{client_id}/runs/skip/{session_id}", data={f"skip-{session_id}-reason": reason})


@pytest.fixture
def trainer(make_trainer):  # type: ignore[no-untyped-def]
    return make_trainer()


@pytest.fixture
def casey(make_client, trainer) -> Client:  # type: ignore[no-untyped-def]
    return make_client(trainer, name="Casey Client")


def test_runner_skips_with_a_reason_and_the_week_says_skipped(client, casey, make_runner, login):
    session = _plan(casey.id)
    login(client, make_runner(casey))
    week = _week(client, casey.id)
    assert "Missed" in week and "Skip this session" in week
    assert f'<label for="skip-{session.id}-reason">Reason for skipping</label>' in week
    response = _skip(client, casey.id, session.id, "  Sore calf  ")
    assert response.status_code == 302 and path_of(response.location) == f"/clients/{casey.id}/calendar/week"
    week = client.get(response.location).text
    assert "Skipped the tempo on Tue 4 Mar 2025." in flashes(week)
    assert "– Skipped" in week and "Skipped: Sore calf" in week
    assert "Skip this session" not in week and "Undo skip" in week
    [row] = rows(PlannedSession)
    assert row["skipped_reason"] == "Sore calf" and isinstance(row["skipped_at"], datetime)


def test_the_trainer_may_skip_and_undo_for_their_client(client, casey, trainer, login):
    session = _plan(casey.id)
    login(client, trainer)
    assert _skip(client, casey.id, session.id, "Holiday").status_code == 302
    response = client.post(f"/clients/{casey.id}/runs/unskip/{session.id}")
    assert response.status_code == 302
    week = client.get(response.location).text
    assert "The tempo on Tue 4 Mar 2025 is back on the plan." in flashes(week)
    assert "Missed" in week and "Skipped:" not in week
    [row] = rows(PlannedSession)
    assert row["skipped_reason"] is None and row["skipped_at"] is None


@pytest.mark.parametrize(("reason", "message"), [
    ("", "Say why the session is skipped, e.g. “Sore calf”."),
    ("   ", "Say why the session is skipped, e.g. “Sore calf”."),
    ("x" * 301, "Keep the reason to 300 characters or fewer."),
])
def test_a_reason_is_required_and_short(client, casey, trainer, login, reason, message):
    session = _plan(casey.id)
    login(client, trainer)
    response = _skip(client, casey.id, session.id, reason)
    assert response.status_code == 422
    assert field_errors(response.text, f"skip-{session.id}-reason") == [message]
    assert field_value(response.text, f"skip-{session.id}-reason") == reason.strip()
    assert "<h1>Skip a session</h1>" in response.text
    assert rows(PlannedSession)[0]["skipped_at"] is None


def test_only_sessions_of_this_client(client, casey, make_client, trainer, login):
    other = make_client(trainer, name="Other Client")
    theirs = _plan(other.id)
    login(client, trainer)
    before = snapshot()
    assert _skip(client, casey.id, theirs.id, "Nope").status_code == 404
    assert client.post(f"/clients/{casey.id}/runs/unskip/{theirs.id}").status_code == 404
    assert _skip(client, casey.id, 999999, "Nope").status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("who", ["another trainer", "another runner"])
def test_strangers_get_404_and_nothing_changes(client, casey, make_trainer, make_client, make_runner, login, who):
    session = _plan(casey.id, skipped_at=datetime(2025, 3, 4), skipped_reason="Ill")
    if who == "another trainer":
        login(client, make_trainer(name="Nosy Trainer"))
    else:
        login(client, make_runner(make_client(casey.trainer, name="Classmate")))
    before = snapshot()
    assert _skip(client, casey.id, session.id, "Mine now").status_code == 404
    assert client.post(f"/clients/{casey.id}/runs/unskip/{session.id}").status_code == 404
    assert snapshot() == before


def test_no_skip_form_for_done_or_rest_sessions_or_archived_clients(client, casey, make_client, trainer, login):
    done = _plan(casey.id, DAY)
    db.session.add(Activity(client_id=casey.id, on=DAY, distance_m=10000.0, duration_s=3000))
    rest = _plan(casey.id, date(2025, 3, 5), kind="rest")
    planned = _plan(casey.id, date(2025, 3, 6))
    login(client, trainer)
    week = _week(client, casey.id)
    assert f"skip-{done.id}-reason" not in week and f"skip-{rest.id}-reason" not in week
    assert f"skip-{planned.id}-reason" in week
    archived = make_client(trainer, name="Gone", archived_at=datetime(2025, 1, 1))
    _plan(archived.id)
    assert "Skip this session" not in _week(client, archived.id)


def test_the_inline_form_works_with_csrf_protection(csrf_app, casey, make_runner):
    from tests.conftest import PASSWORD

    session_id, client_id, email = _plan(casey.id).id, casey.id, make_runner(casey).email
    db.session.rollback()  # no read left open while the other app's requests write
    browser = csrf_app.test_client()
    login_page = browser.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    assert browser.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token}).status_code == 302
    week = _week(browser, client_id)
    token = re.search(rf'name="skip-{session_id}-csrf_token" type="hidden" value="([^"]+)"', week).group(1)
    assert _skip(browser, client_id, session_id, "No token").status_code == 400
    response = browser.post(f"/clients/{client_id}/runs/skip/{session_id}",
                            data={f"skip-{session_id}-reason": "Sore calf", f"skip-{session_id}-csrf_token": token})
    assert response.status_code == 302
    assert rows(PlannedSession)[0]["skipped_reason"] == "Sore calf"
