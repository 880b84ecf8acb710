"""One page of the roster as the trainer sees it: how many clients match, which page this is, and
its rows as rendered HTML.

Kept whole, keyed by the trainer's roster stamp (coachsite/stamps.py), the search, sort, page and
day: everything a row shows (name, last run, compliance, waiting excuses, account) belongs to a
client, and any change to one, or a client joining or leaving, gives the roster a new stamp. A
roster seen again then asks nothing beyond the trainer's own row, instead of a COUNT and a page of
clients, whatever the roster's length. On a miss the rows are kept by
the page's own clients and stamps too, so a change on another page re-renders nothing here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import render_template
from markupsafe import Markup

from coachsite import fragments
from coachsite.clients import compliance, services
from coachsite.memo import Memo
from coachsite.models import User
from coachsite.pagination import PageNumbers, paginate


@dataclass(frozen=True)
class RosterPage(PageNumbers):
    rows: Markup


# A page of 50 rows is some 20 KB: 200 stay under 5 MB per worker.
_pages: Memo[RosterPage] = Memo(200)


def roster_page(trainer: User, query: services.RosterQuery, today: date, size: int) -> RosterPage:
    key = (trainer.id, trainer.roster_stamp, query, today, size)
    found = _pages.get(key)
    if found is None:
        found = _build(trainer, query, today, size)
        _pages.put(key, found)
    return found


def _build(trainer: User, query: services.RosterQuery, today: date, size: int) -> RosterPage:
    page = paginate(services.roster(trainer, query), query.page, size)

    def rows() -> str:
        return render_template("clients/_roster_rows.html", page=page, figures=compliance.figures(page.items, today))

    key = ("roster", tuple((client.id, client.data_stamp) for client in page.items), today)
    return RosterPage(number=page.number, size=size, total=page.total, rows=fragments.cached(key, rows))
