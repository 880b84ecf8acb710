"""One page of a listing: one LIMIT/OFFSET query that counts the whole listing as it goes (a window
count), whatever the size of the table; a separate COUNT only for a page past the end."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from coachsite.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def paginate(statement: Select[Any], number: int, size: int) -> Page[Any]:
    """`statement` selects one entity, ordered. A page past the end shows the last page instead."""
    number = max(1, number)
    rows = _rows(statement, number, size)
    if rows:
        return Page(items=[row[0] for row in rows], number=number, size=size, total=rows[0][1])
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    last = max(1, -(-total // size))
    if number <= last:  # nothing at all to list
        return Page(items=[], number=number, size=size, total=total)
    rows = _rows(statement, last, size)
    return Page(items=[row[0] for row in rows], number=last, size=size, total=rows[0][1] if rows else 0)


def _rows(statement: Select[Any], number: int, size: int) -> list[Any]:
    return list(db.session.execute(statement.add_columns(func.count().over()).limit(size)
                                   .offset((number - 1) * size)))
