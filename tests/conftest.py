"""Shared fixtures: one migrated database per run (SQLite, or PostgreSQL when
COACHSITE_DATABASE_URL points at one), emptied after every test, and factories."""
from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import make_url, text

from coachsite import create_app
from coachsite.extensions import db, immediate_outside_requests
from coachsite.models import Client, Membership, User

PASSWORD = "correct horse battery"
FAST_HASH = "pbkdf2:sha256:1000"  # production uses 1,000,000 iterations; tests stay quick


@contextmanager
def throwaway_database(tmp: Path) -> Iterator[str]:
    """A new, empty database of the kind the suite runs on (SQLite file, or PostgreSQL database)."""
    yield from _database_url(tmp)


def _database_url(tmp: Path) -> Iterator[str]:
    configured = os.environ.get("COACHSITE_DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql")):
        yield f"sqlite:///{tmp / f'test-{secrets.token_hex(4)}.sqlite'}"
        return
    # A throwaway database on the same server: the configured one is never touched.
    import psycopg

    server = make_url(configured.replace("postgres://", "postgresql://", 1)).set(drivername="postgresql")
    name = f"coachsite_test_{secrets.token_hex(4)}"
    admin = server.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="coachsite-test-") as tmp:
        yield from _database_url(Path(tmp))


class FreshClient(FlaskClient):
    """A test client whose every request starts with an empty `g`, as a real request does.

    Tests hold an app context (for factories), and Flask reuses it for requests made inside it;
    without this, Flask-Login's cached user in `g` would leak from one test client to another."""

    def run_wsgi_app(self, environ: Any, buffered: bool = False) -> Any:
        if has_app_context():
            g.__dict__.clear()
        return super().run_wsgi_app(environ, buffered)


_INSTANCES: list[str] = []  # the apps' instance folders, removed when the session ends


@pytest.fixture(scope="session", autouse=True)
def _remove_instances() -> Iterator[None]:
    yield
    for folder in _INSTANCES:
        shutil.rmtree(folder, ignore_errors=True)


def build_app(database_url: str, **overrides: Any) -> Flask:
    instance = tempfile.mkdtemp(prefix="coachsite-instance-")
    _INSTANCES.append(instance)
    config = {"TESTING": True, "SECRET_KEY": "test-" + secrets.token_hex(8), "DATABASE_URL": database_url,
              "PASSWORD_HASH_METHOD": FAST_HASH, "WTF_CSRF_ENABLED": False, "INSTANCE_PATH": instance,
              "ENV": "testing", "SERVER_NAME": None, "PDF_WORKERS": 1}  # PDFs render in process: quick tests
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = FreshClient
    return app


@contextmanager
def another_app(database_url: str, **overrides: Any) -> Iterator[Flask]:
    """A second app on the same database (another worker, other settings), its connections closed after."""
    other = build_app(database_url, **overrides)
    try:
        yield other
    finally:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    from flask_migrate import upgrade

    app = build_app(database_url)
    with app.app_context():
        upgrade()  # the real migrations build the test schema
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def csrf_app(database_url: str, app: Flask) -> Iterator[Flask]:
    csrf_app = build_app(database_url, WTF_CSRF_ENABLED=True)
    yield csrf_app
    with csrf_app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    app: Flask = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def ctx(app: Flask) -> Iterator[None]:
    """An app context for factories and direct database checks. Its reads begin DEFERRED, so a
    check between two requests never holds the SQLite write lock that the site under test needs."""
    token = immediate_outside_requests.set(False)
    with app.app_context():
        yield
        db.session.remove()
    immediate_outside_requests.reset(token)


@pytest.fixture
def client(app: Flask, ctx: None) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_trainer(ctx: None) -> Callable[..., User]:
    from coachsite.auth.passwords import hash_password

    def make(name: str = "Terry Trainer", email: str | None = None, password: str = PASSWORD, **fields: Any) -> User:
        user = User(name=name, email=email or f"trainer-{secrets.token_hex(3)}@example.com", role="trainer",
                    password_hash=hash_password(password, FAST_HASH), **fields)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_client(ctx: None) -> Callable[..., Client]:
    def make(trainer: User, name: str = "Casey Client", email: str | None = None, **fields: Any) -> Client:
        client = Client(trainer_id=trainer.id, name=name, email=email, **fields)
        db.session.add(client)
        db.session.commit()
        return client

    return make


@pytest.fixture
def make_runner(ctx: None) -> Callable[..., User]:
    """A runner account linked to a roster entry, as if the invite had been accepted."""
    from coachsite.auth.passwords import hash_password

    def make(client: Client, password: str = PASSWORD) -> User:
        email = client.email or f"runner-{secrets.token_hex(3)}@example.com"
        user = User(name=client.name, email=email, role="runner", password_hash=hash_password(password, FAST_HASH))
        db.session.add(user)
        db.session.flush()
        client.runner_id, client.email = user.id, email
        if client.club_id:
            db.session.add(Membership(club_id=client.club_id, user_id=user.id, role="runner"))
        db.session.commit()
        return user

    return make


@pytest.fixture
def login() -> Callable[[FlaskClient, User], None]:
    def do(browser: FlaskClient, user: User, password: str = PASSWORD) -> None:
        response = browser.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.text

    return do


def errors_in(html: str) -> list[str]:
    """The messages shown next to fields, as a person reads them."""
    return re.findall(r'<p class="error" id="[^"]+">([^<]+)</p>', html)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every URL WeasyPrint asks the PDF fetcher for, whatever the answer (PDFs render in process in tests)."""
    from coachsite import pdf

    pdf.clear_cache()
    urls: list[str] = []
    real = pdf.static_path

    def spy(url: str, folder: Any) -> Any:
        urls.append(url)
        return real(url, folder)

    monkeypatch.setattr(pdf, "static_path", spy)
    yield urls
    pdf.clear_cache()
