"""A pooled PostgreSQL connection that sat idle is pinged before use (coachsite/server_ping.py), so a
connection the server dropped meanwhile is replaced without anyone seeing an error."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from coachsite import server_ping
from coachsite.extensions import db
from tests.conftest import PASSWORD, build_app


def test_a_connection_dropped_while_idle_is_replaced_unseen(database_url, make_trainer, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("a server's connections; SQLite opens a file")
    email = make_trainer().email
    db.session.commit()
    app = build_app(database_url)
    browser = app.test_client()  # each request gets its own app context, as in production
    assert browser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    assert browser.get("/account/settings").status_code == 200
    with app.app_context():
        pooled = db.engine.pool.checkedin()
        with db.engine.connect() as connection:
            backend = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    assert pooled == 1
    db.session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})  # the server drops it
    db.session.commit()
    later = time.monotonic() + server_ping.PING_AFTER_IDLE_S + 1
    monkeypatch.setattr(server_ping.time, "monotonic", lambda: later)  # and it sat idle meanwhile
    response = browser.get("/account/settings")
    assert response.status_code == 200 and "Settings" in response.text
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
