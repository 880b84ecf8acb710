"""PostgreSQL page views read without a transaction of their own, until they write.

psycopg opens each transaction with a BEGIN that is a round trip of its own, and the pool ends it
with a ROLLBACK: two of a page view's four or five round trips. Under READ COMMITTED (PostgreSQL's
default, and the site's) each statement sees what was committed when it began, in a transaction or
not, so a page view that only reads loses nothing by running each statement on its own
(autocommit). The first statement that is not a plain SELECT (a page view settling a deadline
that passed, a flush, a savepoint) gets a transaction begun before it runs, so a page view's
writes still commit or roll back together. Form posts, commands and jobs begin as before."""
from __future__ import annotations

import re
from typing import Any

_LOCKING = re.compile(r"\bFOR (?:UPDATE|SHARE|NO KEY UPDATE|KEY SHARE)\b")


def begin(connection: Any, reading: bool) -> None:
    """At the start of each SQLAlchemy transaction (its "begin" event): page views read in autocommit."""
    if _autocommit_asked(connection):
        return
    dbapi_connection = connection.connection.dbapi_connection
    if dbapi_connection.autocommit != reading:
        dbapi_connection.autocommit = reading  # allowed: no transaction is open between two


def before_statement(connection: Any, statement: str) -> None:
    """Before each statement: one that may write, or lock, starts a transaction first."""
    dbapi_connection = connection.connection.dbapi_connection
    if dbapi_connection.autocommit and not _only_reads(statement) and not _autocommit_asked(connection):
        dbapi_connection.autocommit = False  # psycopg sends BEGIN with this statement


def _autocommit_asked(connection: Any) -> bool:
    """Code that asked SQLAlchemy for autocommit outright (VACUUM, maintenance) keeps it."""
    return bool(connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT")


def _only_reads(statement: str) -> bool:
    return statement.lstrip()[:6].upper() == "SELECT" and _LOCKING.search(statement) is None
