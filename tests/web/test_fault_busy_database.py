"""A write lock held past the busy timeout gives a friendly 503, and nothing is half-saved."""
import sqlite3
import threading

import pytest
from sqlalchemy import func, select, text

from coachsite.extensions import db, immediate_outside_requests
from coachsite.models import Client
from tests.conftest import PASSWORD, build_app


def test_write_lock_past_busy_timeout_answers_503(database_url, make_trainer):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's file lock; PostgreSQL writers wait on row locks instead")
    trainer = make_trainer()
    email = trainer.email
    db.session.rollback()  # the test's own transaction would hold the lock too
    app = build_app(database_url, SQLITE_BUSY_TIMEOUT_MS=200)
    browser = app.test_client()  # each request gets its own app context, as in production
    assert browser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        response = browser.post("/clients/new", data={"name": "Blocked Runner", "units": "km",
                                                      "motivation": "mixed"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    with app.app_context():
        assert "nothing was saved" in response.text and response.headers["Retry-After"] == "5"
        assert db.session.scalar(select(func.count()).select_from(Client)) == 0
        assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert browser.post("/clients/new", data={"name": "Later Runner", "units": "km",
                                                  "motivation": "mixed"}).status_code == 302
        db.session.remove()
        db.engine.dispose()


def test_a_writer_waits_for_a_lock_released_within_the_busy_timeout(database_url, make_trainer):
    """The wait for the write lock (coachsite/sqlite_writes.py) retries until the holder lets go,
    then saves; and the connection keeps its busy timeout for the statements after BEGIN."""
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's file lock; PostgreSQL writers wait on row locks instead")
    trainer = make_trainer()
    email = trainer.email
    db.session.rollback()
    app = build_app(database_url, SQLITE_BUSY_TIMEOUT_MS=5000)
    browser = app.test_client()
    assert browser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        response = browser.post("/clients/new", data={"name": "Patient Runner", "units": "km", "motivation": "mixed"})
    finally:
        release.join()
        holder.close()
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Client.name).where(Client.name == "Patient Runner")) == "Patient Runner"
        token = immediate_outside_requests.set(True)  # a write transaction, as a request's POST begins one
        try:
            with db.engine.connect() as connection:
                with connection.begin():
                    assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        finally:
            immediate_outside_requests.reset(token)
        db.session.remove()
        db.engine.dispose()
