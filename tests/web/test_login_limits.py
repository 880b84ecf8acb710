"""Login attempts are limited per account and per address, shared by every worker through the database."""
import logging

from sqlalchemy import func, select

from coachsite.extensions import db
from coachsite.models import LoginAttempt
from tests.conftest import PASSWORD, build_app


def _try(browser, email, password, address="203.0.113.7"):
    return browser.post("/login", data={"email": email, "password": password},
                        environ_base={"REMOTE_ADDR": address})


def test_five_failures_lock_the_account_even_for_the_right_password(client, make_trainer):
    trainer = make_trainer()
    for _ in range(5):
        assert _try(client, trainer.email, "wrong password here").status_code == 401
    locked = _try(client, trainer.email, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed attempts for this account" in locked.text
    assert client.get("/clients/").status_code == 302  # still not logged in


def test_a_success_resets_the_account_count(client, make_trainer):
    trainer = make_trainer()
    for _ in range(4):
        _try(client, trainer.email, "wrong password here")
    assert _try(client, trainer.email, PASSWORD).status_code == 302
    client.post("/logout")
    for _ in range(4):
        assert _try(client, trainer.email, "wrong password here").status_code == 401


def test_the_count_is_shared_across_workers(database_url, client, make_trainer):
    email = make_trainer().email
    db.session.rollback()  # end this test's own transaction: the second worker writes to the same file
    other_worker = build_app(database_url)
    for _ in range(3):
        _try(client, email, "wrong password here")
    with other_worker.app_context():
        for _ in range(2):
            _try(other_worker.test_client(), email, "wrong password here")
        db.session.remove()
        db.engine.dispose()
    assert _try(client, email, PASSWORD).status_code == 429


def test_many_accounts_from_one_address_are_limited(app, client, make_trainer, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_MAX_FAILURES_PER_ADDRESS", 6)
    victim = make_trainer()
    for number in range(6):
        _try(client, f"guess{number}@example.com", "wrong password here", address="198.51.100.9")
    assert _try(client, victim.email, PASSWORD, address="198.51.100.9").status_code == 429
    assert _try(client, victim.email, PASSWORD, address="198.51.100.10").status_code == 302


def test_attempts_are_logged_without_passwords_and_without_forged_lines(client, make_trainer, caplog):
    trainer = make_trainer()
    caplog.set_level(logging.INFO)
    _try(client, "evil@example.com\nINFO Login: user 1", "s3cret-password-typed")
    _try(client, trainer.email, "another-secret-typed")
    text = caplog.text
    assert "s3cret-password-typed" not in text and "another-secret-typed" not in text
    assert "Failed login for" in text
    assert not any(line.startswith("INFO Login: user 1") for line in text.splitlines())
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 1  # the bad email never got past the form
