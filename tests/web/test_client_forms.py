"""Adding and editing a client: bad input is explained next to its field and nothing is saved."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coachsite.extensions import db
from coachsite.models import Client
from tests.web.pages import add_client, field_errors, field_value, rows

BAD_TIME = "Use h:mm:ss or mm:ss, e.g. 24:30"


@pytest.fixture
def trainer(client, make_trainer, login):  # type: ignore[no-untyped-def]
    trainer = make_trainer()
    login(client, trainer)
    return trainer


def test_a_new_client_is_saved_with_times_in_seconds(client, trainer):
    response = add_client(client, "Rita Runner", "Rita@Example.com", best_5k_s="24:30", best_half_s="1:45:00")
    assert response.status_code == 302
    saved = db.session.scalar(select(Client))
    assert (saved.name, saved.email, saved.trainer_id) == ("Rita Runner", "rita@example.com", trainer.id)
    assert (saved.best_5k_s, saved.best_10k_s, saved.best_half_s) == (1470, None, 6300)


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"name": ""}, "name", "Enter the runner's name."),
    ({"email": "rita-at-example"}, "email", "Enter an email address like name@example.com."),
    ({"best_5k_s": "22:7x"}, "best_5k_s", BAD_TIME),
    ({"best_marathon_s": "3:75:00"}, "best_marathon_s", BAD_TIME),
], ids=["empty-name", "bad-email", "letters-in-time", "75-minutes-after-hours"])
def test_bad_input_on_add_is_explained_and_nothing_saved(client, trainer, fields, field, message):
    typed = {"name": "Rita Runner", "email": "rita@example.com", "best_10k_s": "51:00", **fields}
    response = add_client(client, **typed)
    assert response.status_code == 422
    assert field_errors(response.text, field) == [message]
    for name in ("name", "email", "best_5k_s", "best_10k_s", "best_marathon_s"):
        assert field_value(response.text, name) == typed.get(name, "")
    assert db.session.scalar(select(func.count()).select_from(Client)) == 0


def test_the_same_email_twice_on_one_roster_is_refused(client, trainer, make_client):
    make_client(trainer, name="Rita Runner", email="rita@example.com")
    response = add_client(client, "Rita Again", "RITA@example.com")
    assert response.status_code == 422
    assert field_errors(response.text, "email") == ["Another client on your roster has this email."]
    assert db.session.scalar(select(func.count()).select_from(Client)) == 1


def test_editing_saves_the_changes(client, trainer, make_client):
    rita = make_client(trainer, name="Rita Runner", best_5k_s=1500)
    response = client.post(f"/clients/{rita.id}/edit", data={
        "name": "Rita R.", "email": "", "units": "mi", "motivation": "extrinsic", "best_5k_s": "23:59"})
    assert response.location == f"/clients/{rita.id}"
    db.session.expire_all()
    assert (rita.name, rita.units, rita.motivation, rita.best_5k_s) == ("Rita R.", "mi", "extrinsic", 1439)


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"name": ""}, "name", "Enter the runner's name."),
    ({"email": "not an email"}, "email", "Enter an email address like name@example.com."),
    ({"best_5k_s": "22:7x"}, "best_5k_s", BAD_TIME),
], ids=["empty-name", "bad-email", "bad-time"])
def test_bad_input_on_edit_leaves_the_saved_values(client, trainer, make_client, fields, field, message):
    rita = make_client(trainer, name="Rita Runner", email="rita@example.com", best_5k_s=1500, notes="Keep")
    before = rows(Client)
    typed = {"name": "Rita Changed", "email": "new@example.com", "units": "mi", "motivation": "intrinsic",
             "best_5k_s": "21:00", "notes": "Changed", **fields}
    response = client.post(f"/clients/{rita.id}/edit", data=typed)
    assert response.status_code == 422
    assert field_errors(response.text, field) == [message]
    assert field_value(response.text, "name") == typed["name"]
    assert field_value(response.text, "best_5k_s") == typed["best_5k_s"]
    assert rows(Client) == before
