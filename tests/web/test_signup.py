"""A trainer signs up with name, email and password, and lands on their (empty) roster."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coachsite.extensions import db
from coachsite.models import User
from tests.conftest import PASSWORD
from tests.web.pages import field_errors, field_value, flashes


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0


def test_sign_up_lands_on_the_empty_roster(client):
    response = client.post("/signup", data={"name": "Terry Trainer", "email": "Terry@Example.com",
                                            "password": PASSWORD}, follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == "/clients/"
    assert "Your roster is empty" in response.text
    assert "Welcome, Terry Trainer. Your account is ready: add your first client." in flashes(response.text)
    user = db.session.scalar(select(User))
    assert (user.name, user.email, user.role) == ("Terry Trainer", "terry@example.com", "trainer")


def test_a_taken_email_is_refused_whatever_its_case(client, make_trainer):
    make_trainer(email="terry@example.com")
    response = client.post("/signup", data={"name": "Other Terry", "email": "TERRY@example.COM", "password": PASSWORD})
    assert response.status_code == 422
    assert field_errors(response.text, "email") == [
        "An account with this email already exists. Log in or reset your password."]
    assert user_count() == 1


@pytest.mark.parametrize(("password", "message"), [
    ("seven77", "Use at least 8 characters."),
    ("x" * 257, "Use at most 256 characters."),
    ("password123", "This password is too common; choose one that is harder to guess."),
    ("ann@example.com", "Do not use your name or email as your password."),
], ids=["too-short", "too-long", "common", "same-as-email"])
def test_a_weak_password_is_refused_next_to_the_field(client, password, message):
    response = client.post("/signup", data={"name": "Ann Runner", "email": "ann@example.com", "password": password})
    assert response.status_code == 422
    assert field_errors(response.text, "password") == [message]
    assert field_value(response.text, "name") == "Ann Runner"
    assert field_value(response.text, "email") == "ann@example.com"
    assert field_value(response.text, "password") == ""  # a password is never sent back
    assert user_count() == 0


def test_only_the_first_field_takes_the_focus(client):
    page = client.get("/signup").text
    assert page.count("autofocus") == 1
    assert '="None"' not in page
