"""Reading pages and doing common steps as a person would: messages next to fields, flashes,
what a field still holds, links shown on a page."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from sqlalchemy import event, select

from coachsite.extensions import db


def field_errors(html: str, field_id: str) -> list[str]:
    """The messages shown right under the field with this id."""
    return [unescape(m) for m in re.findall(rf'<p class="error" id="{field_id}-error">([^<]+)</p>', html)]


def flashes(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r'<p class="flash flash-\w+" role="\w+">([^<]+)</p>', html)]


def field_value(html: str, field_id: str) -> str | None:
    """What the input with this id holds (None when the page has no such input)."""
    tag = re.search(rf'<input [^>]*\bid="{field_id}"[^>]*>', html)
    if tag is None:
        return None
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return unescape(value.group(1)) if value else ""


def roster_names(html: str) -> list[str]:
    """Client names in the order the roster table lists them."""
    return [unescape(m) for m in re.findall(r'<th scope="row"><a href="/clients/\d+">([^<]+)</a>', html)]


def invite_path(html: str) -> str | None:
    """The path of the invite link shown on a client page, if one is shown."""
    link = field_value(html, "invite-link")
    return urlsplit(link).path if link else None


def path_of(location: str) -> str:
    return urlsplit(location).path


def add_client(browser: FlaskClient, name: str, email: str = "", *, follow_redirects: bool = False,
               **fields: str):  # type: ignore[no-untyped-def]
    """Fill in the add-client form as a trainer does (extra fields by name, e.g. best_5k_s="24:30")."""
    data = {"name": name, "email": email, "units": "km", "motivation": "mixed", **fields}
    return browser.post("/clients/new", data=data, follow_redirects=follow_redirects)


def rows(model: type) -> list[dict[str, object]]:
    """Every row of a model's table as plain values, read fresh from the database."""
    db.session.expire_all()
    table = model.__table__  # type: ignore[attr-defined]
    return [dict(row._mapping) for row in db.session.execute(select(table).order_by(*table.primary_key))]


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of every table, to show that a refused request changed nothing."""
    db.session.expire_all()
    found = {table.name: [dict(row._mapping) for row in db.session.execute(select(table).order_by(*table.primary_key))]
             for table in db.metadata.sorted_tables}
    db.session.rollback()  # end the read, so requests to another app's engine are not kept waiting
    return found


@contextmanager
def counted() -> Iterator[list[str]]:
    """The SQL statements sent inside the block (a page's query count)."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
