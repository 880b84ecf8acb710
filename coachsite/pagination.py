"""One page of a listing: a LIMIT/OFFSET query plus one COUNT, whatever the size of the table.

Not a window count (`count(*) OVER ()` in the page query): it saves a statement but makes the
database build every row of the listing before the LIMIT, which made a 10,000-client roster 3x
slower (bench/run.py); the COUNT alone reads only an index."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from coachsite.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class PageNumbers:
    """Where a page stands in its listing: what the pager (templates/_partials/pager.html) reads."""
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


@dataclass(frozen=True)
class Page(PageNumbers, Generic[T]):
    items: list[T]


def paginate(statement: Select[Any], number: int, size: int) -> Page[Any]:
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    number = min(max(1, number), max(1, -(-total // size)))
    items = list(db.session.scalars(statement.limit(size).offset((number - 1) * size)))
    return Page(items=items, number=number, size=size, total=total)
