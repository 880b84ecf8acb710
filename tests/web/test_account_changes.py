"""Email changes and deactivation: a recent password, and every other session ends."""
import time

from coachsite.extensions import db
from coachsite.models import User
from tests.conftest import PASSWORD, errors_in


def _second_session(app, login, user):
    other = app.test_client()
    login(other, user)
    return other


def test_changing_email_needs_the_password_and_ends_other_sessions(app, client, make_trainer, login):
    trainer = make_trainer(email="old@example.com")
    login(client, trainer)
    other = _second_session(app, login, trainer)
    wrong = client.post("/account/email", data={"email": "new@example.com", "password": "not my password"})
    assert wrong.status_code == 422 and "That is not your current password." in errors_in(wrong.text)
    response = client.post("/account/email", data={"email": "New@Example.com", "password": PASSWORD},
                           follow_redirects=True)
    assert "Your email is now new@example.com." in response.text
    assert other.get("/clients/").status_code == 302  # the other session ended
    assert client.get("/clients/").status_code == 200  # this one goes on
    client.post("/logout")
    assert client.post("/login", data={"email": "new@example.com", "password": PASSWORD}).status_code == 302


def test_email_already_used_is_refused(client, make_trainer, login):
    make_trainer(email="taken@example.com")
    trainer = make_trainer()
    login(client, trainer)
    response = client.post("/account/email", data={"email": "TAKEN@example.com", "password": PASSWORD})
    assert response.status_code == 422 and "Another account uses this email." in errors_in(response.text)


def test_a_stale_login_must_confirm_the_password_first(client, make_trainer, login, monkeypatch):
    trainer = make_trainer()
    login(client, trainer)
    later = time.time() + 11 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/account/password")
    assert response.status_code == 302 and "/account/confirm?next=/account/password" in response.location
    assert client.post("/account/email", data={"email": "x@example.com", "password": PASSWORD}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, trainer.id).email != "x@example.com"
    confirmed = client.post("/account/confirm?next=/account/password", data={"password": PASSWORD})
    assert confirmed.status_code == 302 and confirmed.location.endswith("/account/password")
    assert client.get("/account/password").status_code == 200


def test_deactivation_ends_every_session_and_blocks_login(app, client, make_trainer, login):
    trainer = make_trainer()
    login(client, trainer)
    other = _second_session(app, login, trainer)
    unticked = client.post("/account/deactivate", data={"password": PASSWORD})
    assert unticked.status_code == 422 and "Tick the box to confirm." in errors_in(unticked.text)
    response = client.post("/account/deactivate", data={"password": PASSWORD, "understood": "y"})
    assert response.status_code == 302
    assert other.get("/clients/").status_code == 302
    again = client.post("/login", data={"email": trainer.email, "password": PASSWORD})
    assert again.status_code == 401
    db.session.expire_all()
    assert db.session.get(User, trainer.id) is not None  # nothing deleted


def test_a_deactivated_account_can_be_reactivated_from_the_command_line(app, client, make_trainer, login):
    trainer = make_trainer()
    login(client, trainer)
    client.post("/account/deactivate", data={"password": PASSWORD, "understood": "y"})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["reactivate", "nobody@example.com"]).exit_code != 0
    result = runner.invoke(args=["reactivate", trainer.email])
    assert result.exit_code == 0 and "can log in again" in result.output
    assert client.post("/login", data={"email": trainer.email, "password": PASSWORD}).status_code == 302


def test_a_login_ends_after_its_maximum_age(app, client, make_trainer, login, monkeypatch):
    login(client, make_trainer())
    assert client.get("/clients/").status_code == 200
    later = time.time() + (app.config["SESSION_MAX_DAYS"] + 1) * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/clients/")
    assert response.status_code == 302 and "/login" in response.location
    assert "Your login has expired" in client.get(response.location).text
