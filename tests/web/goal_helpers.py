"""Shared steps for the goal web tests: a pinned "today", a trainer with a linked runner,
proposing and accepting goals through the pages, and logging runs."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from coachsite import clock, events
from coachsite.extensions import db
from coachsite.models import Activity, Client, Goal, User

TODAY = date(2027, 3, 10)  # a Wednesday


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def iso(offset: int) -> str:
    return day(offset).isoformat()


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Pin the date every view reads (clock.today), so deadlines pass when a test says so."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@dataclass
class Pair:
    trainer: User
    runner: User
    client: Client

    @property
    def goals(self) -> str:
        return f"/clients/{self.client.id}/goals"


@pytest.fixture
def pair(make_trainer: Callable[..., User], make_client: Callable[..., Client],
         make_runner: Callable[..., User], today: date) -> Pair:
    trainer = make_trainer(name="Alex Morgan")
    client = make_client(trainer, name="Riley Runner", email="riley@example.com", motivation="extrinsic")
    runner = make_runner(client)
    return Pair(trainer, runner, client)


GOAL = {"title": "First half marathon", "kind": "distance", "start_on": iso(-20), "due_on": iso(40),
        "distance_m": "21.1", "reward": "new shoes", "consequence": "buy the group coffee"}


def propose(browser: FlaskClient, pair: Pair, **fields: Any) -> Goal:
    response = browser.post(f"{pair.goals}/new", data={**GOAL, **fields})
    assert response.status_code == 302, response.text
    return latest_goal(pair.client)


def add_milestone(browser: FlaskClient, pair: Pair, goal: Goal, **fields: Any) -> Any:
    data = {"due_on": iso(10), "distance_m": "12", "reward": "new socks", "consequence": "extra hill session",
            **fields}
    return browser.post(f"{pair.goals}/{goal.id}/milestones", data=data)


def latest_goal(client: Client) -> Goal:
    db.session.expire_all()
    goal = db.session.scalar(select(Goal).where(Goal.client_id == client.id).order_by(Goal.id.desc()).limit(1))
    assert goal is not None
    return goal


def fresh(goal: Goal) -> Goal:
    db.session.expire_all()
    return db.session.get(Goal, goal.id)  # type: ignore[return-value]


def add_run(client: Client, on: date, km: float, minutes: float | None = None) -> Activity:
    """A run row only: nothing settles until settling is asked for (see log_run for the real flow)."""
    run = Activity(client_id=client.id, on=on, sport="run", distance_m=km * 1000,
                   duration_s=int(minutes * 60) if minutes else int(km * 330), source="manual")
    db.session.add(run)
    db.session.commit()
    return run


def log_run(client: Client, on: date, km: float, minutes: float | None = None) -> Activity:
    """A run as the run log records it: saved, then the runs-changed event settles the goals."""
    run = add_run(client, on, km, minutes)
    events.runs_changed(client, max(on, clock.today()))
    db.session.commit()
    return run


@pytest.fixture
def coach(client: FlaskClient, pair: Pair, login: Callable[..., None]) -> FlaskClient:
    """The test client, logged in as the trainer."""
    login(client, pair.trainer)
    return client


@pytest.fixture
def riley(app: Flask, pair: Pair, login: Callable[..., None]) -> FlaskClient:
    """A second browser, logged in as the runner."""
    browser = app.test_client()
    login(browser, pair.runner)
    return browser
