"""Logging in and out: one message for any failure, safe `next`, fresh sessions, POST-only logout."""
from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.web.pages import flashes

FAILED = "That email and password do not match an account. Check both and try again."


def test_the_login_form_has_labelled_fields_and_a_log_in_button(client):
    page = client.get("/login").text
    assert '<label for="email">Email</label>' in page
    assert '<label for="password">Password</label>' in page
    assert 'type="submit" value="Log in"' in page


def test_a_wrong_email_and_a_wrong_password_get_the_same_answer(client, make_trainer):
    trainer = make_trainer(email="terry@example.com")
    wrong_email = client.post("/login", data={"email": "nobody@example.com", "password": PASSWORD})
    wrong_password = client.post("/login", data={"email": trainer.email, "password": PASSWORD + "!"})
    assert wrong_email.status_code == wrong_password.status_code == 401
    assert flashes(wrong_email.text) == flashes(wrong_password.text) == [FAILED]
    assert client.get("/clients/").status_code == 302  # still not logged in


def test_the_email_is_matched_whatever_its_case(client, make_trainer):
    make_trainer(email="terry@example.com")
    response = client.post("/login", data={"email": "Terry@Example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/clients/").status_code == 200


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example", "/\\evil.example",
                                    "http:/evil.example", "/\t/evil.example", "javascript:alert(1)"])
def test_next_never_leaves_the_site(client, make_trainer, target):
    trainer = make_trainer()
    response = client.post("/login", query_string={"next": target},
                           data={"email": trainer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == "/"


def test_next_within_the_site_is_followed(client, make_trainer):
    trainer = make_trainer()
    response = client.post("/login", query_string={"next": "/clients/?status=archived"},
                           data={"email": trainer.email, "password": PASSWORD})
    assert response.location == "/clients/?status=archived"


def test_a_protected_page_sends_you_to_log_in_and_back(client, make_trainer):
    trainer = make_trainer()
    response = client.get("/clients/?sort=activity")
    assert response.status_code == 302
    assert response.location == "/login?next=/clients/?sort%3Dactivity"
    back = client.post(response.location, data={"email": trainer.email, "password": PASSWORD})
    assert back.location == "/clients/?sort=activity"


def test_logging_in_starts_a_fresh_session(client, make_trainer, login):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    login(client, make_trainer())
    with client.session_transaction() as session:
        assert "planted" not in session


def test_logout_needs_a_post(client, make_trainer, login):
    login(client, make_trainer())
    assert client.get("/logout").status_code == 405
    assert client.get("/clients/").status_code == 200
    response = client.post("/logout", follow_redirects=True)
    assert response.request.path == "/login"
    assert "You are logged out." in flashes(response.text)
    assert client.get("/clients/").status_code == 302


def test_a_copied_cookie_stops_working_after_logout(app, client, make_trainer, login):
    login(client, make_trainer())
    cookie = client.get_cookie("session")
    assert cookie is not None
    client.post("/logout")

    replay = app.test_client()
    replay.set_cookie("session", cookie.value)
    response = replay.get("/clients/")
    assert response.status_code == 302
    assert response.location.startswith("/login")
