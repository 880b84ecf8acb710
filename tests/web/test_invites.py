"""Invites: a trainer adds a client with an email; the runner opens the link and sets a password."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from coachsite.extensions import db
from coachsite.models import Client, Token, User, utcnow
from tests.conftest import PASSWORD
from tests.web.pages import add_client, flashes, invite_path

RUNNER_PASSWORD = "my own running secret"


@pytest.fixture
def trainer(client, make_trainer, login):  # type: ignore[no-untyped-def]
    trainer = make_trainer(name="Terry Trainer")
    login(client, trainer)
    return trainer


def invite(client, name: str = "Rita Runner", email: str = "rita@example.com") -> str:  # type: ignore[no-untyped-def]
    """Add a client with an email as the trainer does; return the invite link's path shown."""
    page = add_client(client, name, email, follow_redirects=True)
    path = invite_path(page.text)
    assert path is not None, "no invite link on the client page"
    return path


def join(browser, path: str, password: str = RUNNER_PASSWORD):  # type: ignore[no-untyped-def]
    return browser.post(path, data={"password": password, "confirm": password})


def runners() -> list[User]:
    return list(db.session.scalars(select(User).where(User.role == "runner")))


def test_the_link_is_shown_once_on_the_client_page(client, trainer):
    page = add_client(client, "Rita Runner", "rita@example.com", follow_redirects=True)
    assert "Invite link for Rita Runner" in page.text
    assert invite_path(page.text).startswith("/invite/")
    assert invite_path(client.get(page.request.path).text) is None


def test_a_runner_joins_and_lands_on_my_plan(app, client, trainer):
    path = invite(client)
    runner = app.test_client()
    form = runner.get(path)
    assert form.status_code == 200
    assert "Your account will use <strong>rita@example.com</strong>" in form.text
    assert '<label for="password">Choose a password</label>' in form.text

    joined = join(runner, path)
    assert joined.status_code == 302
    page = runner.get(joined.location, follow_redirects=True)
    assert (page.request.path, page.status_code) == ("/me", 200)
    assert "Welcome, Rita Runner. You are on Terry Trainer's roster." in flashes(page.text)
    assert "<h1>My plan</h1>" in page.text
    assert "Terry Trainer has not planned any sessions for you yet." in page.text

    [account] = runners()
    linked = db.session.scalar(select(Client))
    assert (account.email, account.name, linked.runner_id) == ("rita@example.com", "Rita Runner", account.id)


def test_a_used_link_no_longer_works(app, client, trainer):
    path = invite(client)
    assert join(app.test_client(), path).status_code == 302
    again = app.test_client().get(path)
    assert again.status_code == 404
    assert "This link has already been used. Ask for a new one." in again.text
    assert join(app.test_client(), path, "another good secret").status_code == 404
    assert len(runners()) == 1


def test_an_invite_lasts_fourteen_days(app, client, trainer):
    assert app.config["INVITE_DAYS"] == 14
    path = invite(client)
    token = db.session.scalar(select(Token))
    assert timedelta(days=14) - timedelta(minutes=1) < token.expires_at - utcnow() <= timedelta(days=14)
    db.session.execute(update(Token).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    response = app.test_client().get(path)
    assert response.status_code == 404
    assert "This link has expired. Ask for a new one." in response.text
    assert join(app.test_client(), path).status_code == 404
    assert runners() == []


def test_someone_else_logged_in_is_refused(app, client, trainer, make_trainer, login):
    path = invite(client)
    someone_else = app.test_client()
    login(someone_else, make_trainer(name="Other Trainer", email="other@example.com"))
    opened = someone_else.get(path)
    assert "This invite is for rita@example.com. Log out, then open the link again." in opened.text
    assert "Choose a password" not in opened.text
    assert opened.status_code == 403
    posted = join(someone_else, path)
    assert posted.status_code == 403
    assert "This invite is for rita@example.com. Log out, then open the link again." in posted.text
    assert db.session.scalar(select(Client.runner_id)) is None
    assert runners() == []
    assert join(app.test_client(), path).status_code == 302  # the link still works for Rita herself


def test_a_new_link_revokes_the_older_one(app, client, trainer):
    first = invite(client)
    client_id = db.session.scalar(select(Client.id))
    page = client.post(f"/clients/{client_id}/invite", follow_redirects=True)
    assert "A new invite link is ready; older links no longer work." in flashes(page.text)
    second = invite_path(page.text)
    assert second not in (None, first)
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).status_code == 200


def test_archiving_the_client_closes_the_invite(app, client, trainer):
    path = invite(client)
    client_id = db.session.scalar(select(Client.id))
    client.post(f"/clients/{client_id}/archive")
    response = app.test_client().get(path)
    assert response.status_code == 404
    assert "This invite is no longer open. Ask your trainer for a new one." in response.text


def test_an_archived_client_gets_no_new_invite(client, trainer):
    invite(client)
    client_id = db.session.scalar(select(Client.id))
    client.post(f"/clients/{client_id}/archive")
    page = client.post(f"/clients/{client_id}/invite", follow_redirects=True)
    assert "Restore Rita Runner first; an archived client cannot join." in flashes(page.text)
    assert invite_path(page.text) is None
    assert db.session.scalar(select(func.count()).select_from(Token)) == 1  # only the first, closed one


def test_a_link_is_only_shown_on_its_own_client_page(client, trainer, make_client):
    other = make_client(trainer, name="Otto Other")
    add_client(client, "Rita Runner", "rita@example.com")  # the redirect to Rita's page is not followed
    assert invite_path(client.get(f"/clients/{other.id}").text) is None
    rita = db.session.scalar(select(Client.id).where(Client.name == "Rita Runner"))
    assert invite_path(client.get(f"/clients/{rita}").text) is not None


def test_a_client_without_email_gets_no_link(client, trainer):
    page = add_client(client, "Nora Noemail", follow_redirects=True)
    assert invite_path(page.text) is None
    assert "Add an email to invite them" in page.text
    assert db.session.scalar(select(func.count()).select_from(Token)) == 0


def test_the_runner_logs_in_with_the_password_they_chose(app, client, trainer):
    path = invite(client)
    join(app.test_client(), path)
    runner = app.test_client()
    assert runner.post("/login", data={"email": "rita@example.com", "password": PASSWORD}).status_code == 401
    assert runner.post("/login", data={"email": "rita@example.com", "password": RUNNER_PASSWORD}).status_code == 302
