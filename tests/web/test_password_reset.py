"""Forgotten passwords: a single-use, expiring link, mailed (or logged when no mail server is set)."""
from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import NamedTuple

import pytest
from sqlalchemy import func, select, update

from coachsite.extensions import db
from coachsite.models import Token, utcnow
from tests.conftest import PASSWORD
from tests.web.pages import flashes, path_of

SENT = "If that email has an account, a reset link is on its way. Check your inbox."
NEW = "a brand new secret"


class Asked(NamedTuple):
    shown: list[str]  # the flash messages on the page after asking
    path: str | None  # the reset link's path, read from the log
    logged: str  # what the "coachsite" logger wrote


@pytest.fixture
def ask_for_reset(client, caplog):  # type: ignore[no-untyped-def]
    def ask(email: str) -> Asked:
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="coachsite"):
            response = client.post("/password/forgot", data={"email": email}, follow_redirects=True)
        assert response.request.path == "/login"
        logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "coachsite")
        link = re.search(r"http://localhost(/password/reset/\S+)", logged)
        return Asked(flashes(response.text), link.group(1) if link else None, logged)

    return ask


def set_new_password(browser, path: str, password: str = NEW):  # type: ignore[no-untyped-def]
    return browser.post(path, data={"password": password, "confirm": password})


def test_without_a_mail_server_the_link_goes_to_the_log(app, ask_for_reset, make_trainer):
    assert not app.config["MAIL_SERVER"]
    trainer = make_trainer(email="terry@example.com")
    shown, path, logged = ask_for_reset("Terry@example.com")
    assert shown == [SENT]
    assert f"To: {trainer.email}" in logged and "Subject: Reset your CoachSite password" in logged
    assert path is not None
    assert '<label for="password">New password</label>' in app.test_client().get(path).text


def test_an_unknown_email_gets_the_same_answer_and_no_link(ask_for_reset, make_trainer):
    make_trainer(email="terry@example.com")
    shown, path, _ = ask_for_reset("nobody@example.com")
    assert shown == [SENT]
    assert path is None
    assert db.session.scalar(select(func.count()).select_from(Token)) == 0


def test_the_link_works_once(client, ask_for_reset, make_trainer):
    make_trainer(email="terry@example.com")
    path = ask_for_reset("terry@example.com").path
    response = set_new_password(client, path)
    assert response.status_code == 302
    assert client.get("/clients/").status_code == 200  # logged in with the new password

    again = client.get(path)
    assert again.status_code == 404
    assert "This link has already been used. Ask for a new one." in again.text
    assert set_new_password(client, path, "yet another secret").status_code == 404


def test_an_expired_link_is_refused(client, ask_for_reset, make_trainer):
    make_trainer(email="terry@example.com")
    path = ask_for_reset("terry@example.com").path
    db.session.execute(update(Token).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 404
    assert "This link has expired. Ask for a new one." in response.text


def test_a_newer_link_replaces_the_older(client, ask_for_reset, make_trainer):
    make_trainer(email="terry@example.com")
    first = ask_for_reset("terry@example.com").path
    second = ask_for_reset("terry@example.com").path
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_a_weak_new_password_keeps_the_link_usable(client, ask_for_reset, make_trainer):
    make_trainer(email="terry@example.com")
    path = ask_for_reset("terry@example.com").path
    assert set_new_password(client, path, "password123").status_code == 422
    assert set_new_password(client, path).status_code == 302


def test_after_a_reset_the_old_password_and_old_sessions_end(app, client, ask_for_reset, make_trainer, login):
    trainer = make_trainer(email="terry@example.com")
    old_session = app.test_client()
    login(old_session, trainer)
    path = ask_for_reset("terry@example.com").path
    assert path_of(set_new_password(client, path).location) == "/"

    assert old_session.get("/clients/").location.startswith("/login")
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": trainer.email, "password": PASSWORD}).status_code == 401
    assert fresh.post("/login", data={"email": trainer.email, "password": NEW}).status_code == 302
