"""The Flask extensions, created once and bound in create_app."""
from __future__ import annotations

import sqlite3
from contextvars import ContextVar

from flask import has_request_context, request
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from coachsite import postgres_reads, server_ping, sqlite_writes  # noqa: F401  server_ping: pool events

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Outside requests (commands, background jobs) transactions are assumed to write, so they begin
# IMMEDIATE too; a test's own checks between requests set this to False so that reading a row
# does not hold the write lock the site under test needs.
immediate_outside_requests: ContextVar[bool] = ContextVar("immediate_outside_requests", default=True)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event below issue BEGIN itself, so writers can ask for IMMEDIATE.
    # (The busy timeout comes from the driver's `timeout`, set from SQLITE_BUSY_TIMEOUT_MS in config.)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _reading() -> bool:
    if has_request_context():
        return request.method in _READ_METHODS
    return not immediate_outside_requests.get()


@event.listens_for(Engine, "begin")
def _begin(connection: object) -> None:
    name = getattr(connection, "dialect").name
    if name == "postgresql":
        postgres_reads.begin(connection, _reading())
        return
    if name != "sqlite":
        return
    # A write begun DEFERRED can fail at once with "database is locked" when it upgrades;
    # IMMEDIATE takes the write lock up front and waits up to the busy timeout instead (in short
    # steps: coachsite/sqlite_writes.py).
    # Page views (GET) stay DEFERRED so readers never queue behind writers.
    if _reading():
        getattr(connection, "exec_driver_sql")("BEGIN")
    else:
        sqlite_writes.begin_immediate(connection)


@event.listens_for(Engine, "before_cursor_execute")
def _before_statement(connection: object, _cursor: object, statement: str, *_args: object) -> None:
    if getattr(connection, "dialect").name == "postgresql":
        postgres_reads.before_statement(connection, statement)
