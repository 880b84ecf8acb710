"""The printed training calendar: one small print document per month, the same cells as the web
month view (grid.build, with the milestones and races other features register), worded for the
runner (their units, their week start) whoever prints it, and only ever their shared notes."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import current_app, g, has_request_context, render_template
from flask_login import AnonymousUserMixin
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from coachsite import authz, filters, pdf
from coachsite.calendar import grid
from coachsite.domain import calendar as cal
from coachsite.domain import print_calendar as rules
from coachsite.extensions import db
from coachsite.memo import Memo
from coachsite.models import Client, Goal, PlannedSession, TechniqueNote, User

TEMPLATE = "pdf/calendar.html"
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
EXTRA_ORDER = ("race", "milestone")  # a race first: it is the day's point
# The most lines one entry takes (the stylesheet cuts it there): a milestone's reward must show.
LINE_CAPS = {"session": 2, "rest": 1, "race": 3, "milestone": 4}


@dataclass(frozen=True)
class Item:
    """One entry of a printed day, already worded: a planned session (with a tick box), a rest
    day, or an extra another feature put on the calendar (a race, a milestone)."""

    kind: str  # "session", "rest", "race", "milestone", or another registered extra's kind
    strong: str
    text: str = ""

    @property
    def lines(self) -> int:
        return rules.lines_of(f"xx{self.strong} {self.text}", LINE_CAPS.get(self.kind, 2))  # xx: box or symbol


@dataclass
class Day:
    day: date
    in_month: bool
    items: list[Item] = field(default_factory=list)
    more: int = 0  # "+N more"
    race: bool = False


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]
    goal: Goal | None
    cue: TechniqueNote | None
    sessions: int


class _PrintReader(AnonymousUserMixin):
    """Whom a printed calendar is worded for: the runner's units, and no rights to anything.

    Other features' calendar extras (milestones, races) word distances for `current_user` and link
    with url_for. A print must read the same whoever makes it (the runner, the trainer, the command
    line, a batch thread), so while the pages' data is built `current_user` is this reader.
    It is authenticated for the unit filters only; it is no trainer and no runner (id -1), so
    every authz predicate answers no."""

    id = -1
    role = ""
    is_trainer = False
    is_runner = False
    week_start = 0
    time_zone = "UTC"
    paper = "a4"

    def __init__(self, units: str) -> None:
        self.units = units

    @property
    def is_authenticated(self) -> bool:  # type: ignore[override]
        return True


@contextmanager
def reading_as(client: Client) -> Iterator[None]:
    """Build and word the pages as _PrintReader in the client's units. `g` is emptied meanwhile and
    given back after: per-request caches (the filters' units, say) must neither leak the viewer's
    settings into the print nor one client's into the next page of a batch."""
    context = nullcontext() if has_request_context() else current_app.test_request_context("/")
    with context:
        namespace = vars(g._get_current_object())  # type: ignore[attr-defined]
        saved = dict(namespace)
        namespace.clear()
        namespace["_login_user"] = _PrintReader(client.units)
        try:
            yield
        finally:
            namespace.clear()
            namespace.update(saved)


def week_start_of(client: Client) -> int:
    """The runner's week start when they have an account, else their trainer's."""
    return (client.runner or client.trainer).week_start


def _goals(client: Client, first: date) -> list[Goal]:
    return list(db.session.scalars(select(Goal).where(
        Goal.client_id == client.id, Goal.state.in_(("accepted", "proposed")), Goal.due_on >= first)
        .order_by(Goal.due_on, Goal.id)))


def _cues(client: Client, last: date) -> list[TechniqueNote]:
    """Shared notes only (authz.shared_notes), whoever prints: private notes never reach paper."""
    return list(db.session.scalars(authz.shared_notes(client).where(
        TechniqueNote.status.in_(("open", "improving")), TechniqueNote.cue != "", TechniqueNote.on <= last)
        .order_by(TechniqueNote.on.desc(), TechniqueNote.id.desc())))


def _session(session: PlannedSession, units: str) -> Item:
    if session.is_rest:
        return Item("rest", session.kind_label)
    amount = filters.distance(session.distance_m, units) if session.distance_m else (
        filters.duration(session.duration_s) if session.duration_s else "")
    pace = f"@ {filters.pace_per_km(session.pace_s_per_km, units)}" if session.pace_s_per_km else (
        f"· {session.pace_zone}" if session.pace_zone else "")
    effort = f"· RPE {session.effort}" if session.effort else ""
    return Item("session", session.kind_label, " ".join(part for part in (amount, pace, effort) if part))


def _items(cell: grid.DayCell, units: str) -> list[Item]:
    kinds = sorted(cell.extras, key=lambda kind: (EXTRA_ORDER.index(kind) if kind in EXTRA_ORDER else 99, kind))
    items = [Item(kind, extra.label, extra.detail) for kind in kinds for extra in cell.extras[kind]]
    return items + [_session(s.session, units) for s in cell.sessions]


def months(client: Client, wanted: rules.PrintRange) -> list[Month]:
    """The months to print, from one load of the whole range (4 queries for sessions, runs and
    extras, whatever the number of months, plus one for goals and one for notes)."""
    week_start = week_start_of(client)
    grids = [cal.weeks_of_month(year, number, week_start) for year, number in wanted.each_month()]
    days = [day for weeks in grids for week in weeks for day in week]
    with reading_as(client):
        cells = grid.build(client, days, wanted.first, (wanted.first, wanted.last))
    goals, cues = _goals(client, wanted.first), _cues(client, wanted.last)
    printed, at = [], 0
    for (year, number), weeks in zip(wanted.each_month(), grids):
        first, last = cal.month_range(year, number)
        month_cells = cells[at:at + 7 * len(weeks)]
        at += 7 * len(weeks)
        lines = rules.DAY_LINES[len(weeks)]
        month_days = [_day(cell, first, last, client.units, lines) for cell in month_cells]
        printed.append(Month(first=first, weeks=[month_days[i:i + 7] for i in range(0, len(month_days), 7)],
                             goal=rules.heading_goal(goals, first), cue=rules.cue_of_month(cues, last),
                             sessions=sum(len(cell.sessions) for cell in month_cells if first <= cell.day <= last)))
    return printed


def _day(cell: grid.DayCell, first: date, last: date, units: str, lines: int) -> Day:
    if not first <= cell.day <= last:
        return Day(cell.day, in_month=False)  # the neighbours' days print blank: their own page has them
    items, race = _items(cell, units), bool(cell.extras.get("race"))
    shown = rules.fit([item.lines for item in items], lines - 1 if race else lines)  # the race box is thicker
    return Day(cell.day, in_month=True, items=items[:shown], more=len(items) - shown, race=race)


def page_contexts(client: Client, wanted: rules.PrintRange) -> list[dict[str, Any]]:
    """What the print template gets for each month: everything it shows, nothing of the viewer."""
    week_start = week_start_of(client)
    common = {"client": client, "runner_name": client.name, "trainer_name": client.trainer.name,
              "units": client.units, "page_size": PAGE_SIZES[wanted.paper],
              "weekdays": rules.weekday_names(week_start)}
    return [{**common, "month": month} for month in months(client, wanted)]


def htmls(client: Client, wanted: rules.PrintRange) -> list[str]:
    """Each month's print document (a batch joins many clients' months into one PDF)."""
    with reading_as(client):
        return [render_template(TEMPLATE, **context) for context in page_contexts(client, wanted)]


# What a calendar prints comes from the client's own rows (their data stamp), the runner's week
# start and the trainer's name; templates and static files do not change under a running
# process. So each worker remembers which cached document a (client, stamp, ...) printed as,
# and a warm print is one file read, without building and hashing its HTML again.
_documents: Memo[str] = Memo(2_000)


_RUNNER, _TRAINER = aliased(User, name="runner"), aliased(User, name="trainer")


# The trainer's name and the week start (the runner's, else the trainer's) in one query, built once.
_NAME_AND_WEEK = (select(_TRAINER.name, func.coalesce(_RUNNER.week_start, _TRAINER.week_start))
                  .select_from(Client).join(_TRAINER, Client.trainer_id == _TRAINER.id)
                  .outerjoin(_RUNNER, Client.runner_id == _RUNNER.id).where(Client.id == bindparam("client")))


def _content_key(client: Client, wanted: rules.PrintRange) -> tuple[object, ...]:
    trainer_name, week_start = db.session.execute(_NAME_AND_WEEK, {"client": client.id}).one()
    return (client.id, client.data_stamp, client.name, client.units, week_start, trainer_name,
            wanted.first, wanted.months, wanted.paper)


def render(client: Client, wanted: rules.PrintRange) -> bytes:
    """The calendar PDF: a page per month, each cached by its HTML, joined (see coachsite.pdf)."""
    key = _content_key(client, wanted)
    known = _documents.get(key)
    if known is not None and (data := pdf.cached_document(known)) is not None:
        return data
    pages = htmls(client, wanted)
    data = pdf.render_html_pages(pages)
    _documents.put(key, pdf.document_key(pages))
    return data
