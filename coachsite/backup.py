"""Consistent backups of a running site, and restores into an empty instance.

SQLite: `VACUUM INTO` writes a transactionally consistent copy while others keep writing (readers
and writers are not blocked for long under WAL); restore uses SQLite's online backup API.
PostgreSQL: pg_dump (a consistent snapshot) in its custom format; restore with pg_restore."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect, make_url, text
from sqlalchemy.engine import Engine


class BackupProblem(Exception):
    """Said to the operator as is."""


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupProblem("An in-memory database cannot be backed up.")
    return Path(database)


def _libpq_url(engine: Engine) -> str:
    return make_url(engine.url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(engine: Engine, target: Path) -> None:
    if target.exists():
        raise BackupProblem(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(_sqlite_path(engine)) as connection:
            connection.execute("VACUUM INTO ?", (str(target),))
        connection.close()
        return
    if engine.dialect.name == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", f"--dbname={_libpq_url(engine)}"])
        return
    raise BackupProblem(f"Backups of {engine.dialect.name} are not supported.")


def restore(engine: Engine, source: Path) -> None:
    if not source.is_file():
        raise BackupProblem(f"{source} is not a file.")
    _require_empty(engine)
    if engine.dialect.name == "sqlite":
        engine.dispose()
        with sqlite3.connect(source) as original, sqlite3.connect(_sqlite_path(engine)) as copy:
            original.backup(copy)
        original.close()
        copy.close()
        return
    if engine.dialect.name == "postgresql":
        _run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={_libpq_url(engine)}", str(source)])
        return
    raise BackupProblem(f"Restores into {engine.dialect.name} are not supported.")


def _require_empty(engine: Engine) -> None:
    """Restoring over live data would mix two histories: only an empty instance takes a restore."""
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
        for table in tables:
            if connection.execute(text(f'SELECT 1 FROM "{table}" LIMIT 1')).first():
                raise BackupProblem("The database is not empty. Restore into a new, empty instance.")
        if tables:
            # An empty schema made by `db upgrade`: drop it so the backup's schema comes back whole.
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for table in [*tables, "alembic_version"]:
                connection.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE' if engine.dialect.name
                                        == "postgresql" else f'DROP TABLE IF EXISTS "{table}"'))
            connection.commit()


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupProblem(f"{command[0]} is not installed (it comes with the PostgreSQL client tools).")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupProblem(f"{command[0]} failed: {result.stderr.strip()[:500]}")
