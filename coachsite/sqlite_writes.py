"""Begin a SQLite write transaction, waiting for the write lock in short steps.

SQLite's own busy handler (the driver's `timeout`) sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 and
then 100 ms between tries. A writer that finds the lock taken for a few milliseconds so wakes up
well after it was released, and under a steady stream of writes some wait through the 100 ms sleeps:
logging runs from two workers had a median of 7 ms and a 95th percentile of 300 ms (bench/run.py).
Here the wait for the lock tries again every 0.1 to 0.5 ms, up to the same busy timeout, and then
fails the same way ("database is locked": the busy page). A wait past 50 ms (a backup, a long
import) tries every 5 ms instead, so waiting writers do not spin. Once the lock is held, statements
keep SQLite's handler (a checkpoint can still make them wait)."""
from __future__ import annotations

import time
from typing import Any

from sqlalchemy.exc import OperationalError

_FIRST_PAUSE_S = 0.0001
_SHORT_WAIT_PAUSE_S = 0.0005
_LONG_WAIT_S = 0.05
_LONG_WAIT_PAUSE_S = 0.005


def begin_immediate(connection: Any) -> None:
    """BEGIN IMMEDIATE on this SQLAlchemy connection (called from its "begin" event)."""
    timeout_ms = connection.info.get("busy_timeout_ms")
    if timeout_ms is None:  # the driver's `timeout`, as SQLite holds it: asked once per connection
        timeout_ms = connection.info["busy_timeout_ms"] = int(connection.exec_driver_sql("PRAGMA busy_timeout").scalar())
    began = time.monotonic()
    deadline = began + timeout_ms / 1000
    pause = _FIRST_PAUSE_S
    connection.exec_driver_sql("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as error:
                if "locked" not in str(error.orig) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            longest = _SHORT_WAIT_PAUSE_S if time.monotonic() - began < _LONG_WAIT_S else _LONG_WAIT_PAUSE_S
            pause = min(pause * 2, longest)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {timeout_ms}")
