"""Nobody reaches another trainer's client: every client route answers 404 and changes nothing."""
from __future__ import annotations

import pytest
from flask import Flask

from tests.web.pages import snapshot

# What a trainer would type into a client form: were a refused POST acted on, something would change.
FORM = {"name": "Changed By Someone Else", "email": "someone@example.com", "units": "mi",
        "motivation": "extrinsic", "notes": "changed", "best_5k_s": "20:00"}


def client_routes(app: Flask, client_id: int) -> list[tuple[str, str]]:
    """(method, path) for every route about one client, in every blueprint."""
    found = []
    for rule in app.url_map.iter_rules():
        if "client_id" not in rule.arguments:
            continue
        values = {name: client_id if name == "client_id" else 1 for name in rule.arguments}
        path = app.url_map.bind("localhost").build(rule.endpoint, values)
        found += [(method, path) for method in sorted(rule.methods & {"GET", "POST"})]
    return found


def roster_routes() -> list[tuple[str, str]]:
    return [("GET", "/clients/"), ("GET", "/clients/new"), ("POST", "/clients/new")]


@pytest.fixture
def other_trainers_client(make_trainer, make_client):  # type: ignore[no-untyped-def]
    owner = make_trainer(name="Anna Owner")
    return make_client(owner, name="Rita Runner", email="rita@example.com", best_5k_s=1500, notes="private")


def test_the_route_list_covers_the_client_pages(app):
    routes = client_routes(app, 7)
    for expected in [("GET", "/clients/7"), ("POST", "/clients/7/edit"), ("POST", "/clients/7/archive"),
                     ("POST", "/clients/7/restore"), ("POST", "/clients/7/invite")]:
        assert expected in routes


def test_another_trainer_gets_404_everywhere_and_changes_nothing(app, client, make_trainer, login,
                                                                 other_trainers_client):
    login(client, make_trainer(name="Bert Nosy"))
    before = snapshot()
    for method, path in client_routes(app, other_trainers_client.id):
        response = client.open(path, method=method, data=FORM if method == "POST" else None)
        assert response.status_code == 404, (method, path)
        assert "Rita" not in response.text and "private" not in response.text
    assert snapshot() == before


def test_a_runner_gets_404_on_the_roster_and_on_other_clients(app, client, make_trainer, make_client,
                                                             make_runner, login, other_trainers_client):
    trainer = make_trainer()
    runner = make_runner(make_client(trainer, name="Rory Runner"))
    classmate = make_client(trainer, name="Carla Classmate", notes="private")
    login(client, runner)
    before = snapshot()
    targets = roster_routes() + client_routes(app, classmate.id) + client_routes(app, other_trainers_client.id)
    for method, path in targets:
        response = client.open(path, method=method, data=FORM if method == "POST" else None)
        assert response.status_code == 404, (method, path)
    assert snapshot() == before


def test_a_missing_client_is_404_too(client, make_trainer, login):
    login(client, make_trainer())
    assert client.get("/clients/999999").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, other_trainers_client):
    for method, path in roster_routes() + [("GET", f"/clients/{other_trainers_client.id}")]:
        response = client.open(path, method=method, data=FORM if method == "POST" else None)
        assert response.status_code == 302
        assert response.location.startswith("/login?next=")
