"""Every form post needs the CSRF token: without it the site answers 400 and changes nothing."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask

from coachsite.auth import services as accounts
from coachsite.extensions import db
from tests.conftest import PASSWORD, csrf_token
from tests.web.pages import snapshot

EXPIRED = "This form expired or came from elsewhere. Reload the page and try again."


def post_routes(app: Flask, client_id: int, secrets: dict[str, str]) -> list[str]:
    """The path of every rule that accepts POST; ints filled with the client's id, secrets with live ones."""
    paths = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        values = {name: secrets.get(rule.endpoint, "x") if name == "secret" else client_id for name in rule.arguments}
        paths.append(app.url_map.bind("localhost").build(rule.endpoint, values))
    return paths


@pytest.fixture
def world(make_trainer, make_client) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A trainer with a client, a live reset link and a live invite, as plain values."""
    trainer = make_trainer(email="terry@example.com")
    rita = make_client(trainer, name="Rita Runner", email="rita@example.com")
    _, reset = accounts.start_reset(trainer.email, timedelta(hours=2))
    invite = accounts.issue_invite(rita, timedelta(days=14))
    db.session.commit()
    values = {"email": trainer.email, "client_id": rita.id,
              "secrets": {"auth.reset_password": reset, "auth.accept_invite": invite}}
    db.session.rollback()  # no read left open while the other app's requests write
    return values


@pytest.fixture
def browser(csrf_app, world):  # type: ignore[no-untyped-def]
    """The trainer, logged in through the real form with its token."""
    browser = csrf_app.test_client()
    token = csrf_token(browser.get("/login").text)
    response = browser.post("/login", data={"email": world["email"], "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return browser


def test_every_post_without_a_token_is_refused(csrf_app, world, browser):
    paths = post_routes(csrf_app, world["client_id"], world["secrets"])
    assert {"/login", "/logout", "/signup", f"/clients/{world['client_id']}/archive"} <= set(paths)
    form = {"name": "Someone", "email": world["email"], "password": "a brand new secret",
            "confirm": "a brand new secret", "current_password": PASSWORD, "units": "mi", "motivation": "intrinsic"}
    before = snapshot()
    for path in paths:
        response = browser.post(path, data=form)
        assert response.status_code == 400, path
        assert EXPIRED in response.text, path
    assert snapshot() == before
    assert browser.get("/clients/").status_code == 200  # still logged in: the logout was refused too


def test_a_token_from_another_session_is_refused(csrf_app, world, browser):
    stranger = csrf_app.test_client()
    foreign = csrf_token(stranger.get("/login").text)
    before = snapshot()
    response = browser.post(f"/clients/{world['client_id']}/archive", data={"csrf_token": foreign})
    assert response.status_code == 400
    assert snapshot() == before


def test_with_the_token_the_same_post_works(csrf_app, world, browser):
    page = browser.get(f"/clients/{world['client_id']}")
    archive = re.search(rf'<form method="post" action="/clients/{world["client_id"]}/archive"[^>]*>(.*?)</form>',
                        page.text, re.S)
    assert archive, "no archive button"
    response = browser.post(f"/clients/{world['client_id']}/archive", data={"csrf_token": csrf_token(archive.group(1))})
    assert response.status_code == 302
    assert "Rita Runner" in browser.get("/clients/?status=archived").text
