"""Every club, partner and journey route, for every club role: allowed exactly where stated, 404
elsewhere (never 403), and a refused request changes nothing (every table's rows compared).

Roles (tests/web/club_world.py): the club's owner (Olive), a club trainer who does not train the
client the routes are about (Tess, who trains Xena's partner Yuri), that client's own trainer
(Tom), a club runner who is nobody's partner (Zoe), the partner (Yuri's runner account), the
client herself (Xena's runner account), and an outsider (Otto, owner of another club)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from coachsite import clock
from tests.web import club_world
from tests.web.pages import snapshot

ROLES = ("owner", "trainer", "own_trainer", "runner", "partner", "self", "outsider")
MEMBERS = {"owner", "trainer", "own_trainer", "runner", "partner", "self"}
STAFF = {"owner", "trainer", "own_trainer"}
TRAINERS = STAFF | {"outsider"}


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    allowed: frozenset[str]
    data: Any = None  # form data for a POST: a dict, or a function of the world returning one
    query: str = ""
    refused: dict[str, int] = field(default_factory=dict)  # a status other than 404 for a role refused in-page

    @property
    def ok(self) -> int:
        return 200 if self.method == "GET" else 302


def _new_challenge(_w: club_world.World) -> dict[str, str]:
    today = clock.today_for("UTC")
    return {"name": "Most runs in a week", "metric": "runs", "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=6)).isoformat()}


ROUTES = [
    Route("clubs.index", "GET", frozenset(ROLES)),
    Route("clubs.new", "GET", frozenset(TRAINERS)),
    Route("clubs.new", "POST", frozenset(TRAINERS), {"name": "Evening Runners"}),
    Route("clubs.show", "GET", frozenset(MEMBERS)),
    Route("clubs.races", "GET", frozenset(MEMBERS)),
    Route("clubs.challenge_list", "GET", frozenset(MEMBERS)),
    Route("clubs.challenge", "GET", frozenset(MEMBERS)),
    Route("clubs.new_challenge", "GET", frozenset(STAFF)),
    Route("clubs.new_challenge", "POST", frozenset(STAFF), _new_challenge),
    Route("clubs.invite", "GET", frozenset({"owner"})),
    Route("clubs.invite", "POST", frozenset({"owner"}), {"email": "newcoach@example.com", "role": "trainer"}),
    Route("clubs.accept_invite", "POST", frozenset({"outsider"})),
    Route("clubs.decline_invite", "POST", frozenset({"outsider"})),
    Route("clubs.member", "GET", frozenset(STAFF)),
    Route("clubs.move_client", "GET", frozenset({"owner", "own_trainer"})),
    Route("clubs.move_client", "POST", frozenset({"owner", "own_trainer"}), lambda w: {"trainer_id": w.trainer.id}),
    Route("clubs.partner_list", "GET", frozenset(STAFF)),
    Route("clubs.new_pair", "GET", frozenset(STAFF)),
    # Tess trains neither Xena nor Zoe: the form refuses (422, with a message), nothing saved.
    Route("clubs.new_pair", "POST", frozenset({"owner", "own_trainer"}),
          lambda w: {"first_id": w.x.id, "second_id": w.z.id, "kind": "partners"}, refused={"trainer": 422}),
    Route("clubs.end_pair", "POST", frozenset(STAFF)),
    Route("clubs.partner", "GET", frozenset({"partner"})),
    Route("clubs.cheer", "POST", frozenset({"partner"}),
          lambda w: {"target": f"goal-{w.goal.id}-milestone-{w.milestone.id}", "message": "Go Xena!"}),
    Route("journey.show", "GET", frozenset({"owner", "own_trainer", "self"})),
    Route("journey.season_report", "GET", frozenset({"owner", "own_trainer"}),
          query="?start=2000-01-01&end=2100-12-31"),
]


def _path(app: Any, route: Route, world: club_world.World) -> str:
    [rule] = [r for r in app.url_map.iter_rules(route.endpoint) if route.method in r.methods]
    values = club_world.ids(world)
    return app.url_map.bind("localhost").build(route.endpoint, {name: values[name] for name in rule.arguments}) \
        + route.query


@pytest.fixture
def world(make_trainer, make_client, make_runner) -> club_world.World:  # type: ignore[no-untyped-def]
    return club_world.build(make_trainer, make_client, make_runner, clock.today_for("UTC"))


def test_the_table_covers_every_club_partner_and_journey_route(app):
    covered = {route.endpoint for route in ROUTES}
    ours = {endpoint for endpoint in app.view_functions if endpoint.split(".")[0] in ("clubs", "journey")}
    assert ours - covered == {"clubs.join"}  # public: the invite link, tested in test_clubs.py


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.endpoint}")
def test_each_role_is_allowed_exactly_where_stated(app, client, login, world, route, role):
    login(client, world.user(role))
    path = _path(app, route, world)
    data = route.data(world) if callable(route.data) else route.data
    before = snapshot()
    response = client.open(path, method=route.method, data=data or {})
    if role in route.allowed:
        assert response.status_code == route.ok, (role, path, response.text[:500])
        if route.method == "POST":
            assert snapshot() != before, "an allowed POST changes something"
    else:
        assert response.status_code == route.refused.get(role, 404), (role, path, response.text[:500])
        assert snapshot() == before, "a refused request changes nothing"
