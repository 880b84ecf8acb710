"""A full disk (SQLite's max_page_count set low) answers a friendly page, saves nothing half-way,
and loses no row committed before it."""
import logging
import sqlite3

import psycopg.errors
import pytest
from flask_migrate import upgrade
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError

from coachsite.auth.passwords import hash_password
from coachsite.errors import _disk_full
from coachsite.extensions import db
from coachsite.models import Client, User
from coachsite.models.token import Token
from tests.conftest import FAST_HASH, PASSWORD, build_app, throwaway_database

NEW_CLIENT = {"name": "Overflow Runner", "email": "overflow@example.com", "units": "km", "motivation": "mixed",
              "notes": "A long note that needs pages of its own. " * 120}  # about 5,000 characters


def _counts() -> tuple[int, int]:
    return (db.session.scalar(select(func.count()).select_from(Client)),
            db.session.scalar(select(func.count()).select_from(Token)))


def test_full_database_answers_507_and_saves_nothing(database_url, tmp_path, caplog):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's max_page_count simulates the full disk; PostgreSQL's disk_full cannot be caused "
                    "from a test (test_disk_full_is_told_from_other_database_errors covers its recognition)")
    with throwaway_database(tmp_path) as url:
        app = build_app(url)
        path = url.removeprefix("sqlite:///")
        with app.app_context():
            upgrade()
            db.session.add(User(name="Full Trainer", email="full@example.com", role="trainer",
                                password_hash=hash_password(PASSWORD, FAST_HASH)))
            db.session.commit()
            browser = app.test_client()
            assert browser.post("/login", data={"email": "full@example.com", "password": PASSWORD}).status_code == 302
            assert browser.post("/clients/new", data={"name": "Saved Before", "units": "km",
                                                      "motivation": "mixed"}).status_code == 302
            db.session.remove()
            db.engine.dispose()
            with sqlite3.connect(path) as tidy:
                tidy.execute("VACUUM")  # no free pages left inside the file
                pages = tidy.execute("PRAGMA page_count").fetchone()[0]
            tidy.close()

            def no_room_to_grow(dbapi_connection, _record):
                dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

            event.listen(db.engine, "connect", no_room_to_grow)
            before = _counts()
            db.session.remove()
            app.logger.addHandler(caplog.handler)  # upgrade() ran logging's fileConfig: the root's handlers went
            try:
                with caplog.at_level(logging.ERROR, logger=app.logger.name):
                    response = browser.post("/clients/new", data=NEW_CLIENT)
            finally:
                app.logger.removeHandler(caplog.handler)
                db.session.remove()
                event.remove(db.engine, "connect", no_room_to_grow)
                db.engine.dispose()

            assert response.status_code == 507
            assert "nothing was saved" in response.text and "Storage full" in response.text
            assert "Traceback" not in response.text
            assert any("Database full" in record.getMessage() for record in caplog.records)
            assert _counts() == before  # neither the client nor its invite token: nothing half-saved
            assert db.session.scalar(select(Client.name).where(Client.name == "Saved Before")) == "Saved Before"
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert browser.post("/clients/new", data=NEW_CLIENT).status_code == 302  # room again: it saves
            assert _counts() == (before[0] + 1, before[1] + 1)
            db.session.remove()
            db.engine.dispose()


def test_disk_full_is_told_from_other_database_errors():
    def wrapped(original: Exception) -> OperationalError:
        return OperationalError("INSERT INTO clients ...", {}, original)

    assert _disk_full(wrapped(sqlite3.OperationalError("database or disk is full")))
    assert _disk_full(wrapped(psycopg.errors.DiskFull("could not extend file: No space left on device")))
    assert not _disk_full(wrapped(sqlite3.OperationalError("database is locked")))
    assert not _disk_full(wrapped(psycopg.errors.AdminShutdown("terminating connection")))
