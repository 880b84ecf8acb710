"""Changing a password needs the current one and ends every other session."""
from __future__ import annotations

from tests.conftest import PASSWORD
from tests.web.pages import field_errors, flashes

NEW = "a brand new secret"


def change(browser, current: str, new: str = NEW):  # type: ignore[no-untyped-def]
    return browser.post("/account/password", data={"current_password": current, "password": new, "confirm": new})


def logs_in(app, email: str, password: str) -> bool:  # type: ignore[no-untyped-def]
    return app.test_client().post("/login", data={"email": email, "password": password}).status_code == 302


def test_a_wrong_current_password_changes_nothing(app, client, make_trainer, login):
    trainer = make_trainer()
    login(client, trainer)
    response = change(client, "not my password")
    assert response.status_code == 422
    assert field_errors(response.text, "current_password") == ["Your current password is not right."]
    assert logs_in(app, trainer.email, PASSWORD)
    assert not logs_in(app, trainer.email, NEW)


def test_a_weak_new_password_is_refused(client, make_trainer, login):
    login(client, make_trainer())
    response = change(client, PASSWORD, "password123")
    assert response.status_code == 422
    assert field_errors(response.text, "password") == [
        "This password is too common; choose one that is harder to guess."]


def test_changing_ends_other_sessions_but_keeps_this_one(app, client, make_trainer, login):
    trainer = make_trainer()
    other_device = app.test_client()
    login(client, trainer)
    login(other_device, trainer)

    response = change(client, PASSWORD)
    assert response.status_code == 302
    page = client.get("/clients/", follow_redirects=True)
    assert page.status_code == 200
    assert "Password changed. You were logged out everywhere else." in flashes(page.text)

    assert other_device.get("/clients/").location.startswith("/login")
    assert logs_in(app, trainer.email, NEW)
    assert not logs_in(app, trainer.email, PASSWORD)
