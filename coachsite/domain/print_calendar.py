"""The rules of a printed calendar, on plain values: which months, which goal heads a month,
which technique cue sits in its footer, and how many items fit in a day.

Pure Python (no Flask, no SQLAlchemy session), unit-tested alone."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from coachsite.domain.calendar import add_months, month_range, parse_month

MAX_MONTHS = 12
# Lines of text a day's box holds, by the number of week rows of the month (the print stylesheet
# sizes the rows to match), and the characters of a line in a day's column (landscape A4/Letter).
DAY_LINES = {4: 9, 5: 7, 6: 5}
CHARS_PER_LINE = 26
PAPERS = {"a4": "A4", "letter": "US Letter"}
MONTHS_HELP = f"Choose from 1 to {MAX_MONTHS} months."
START_HELP = "Use a month like 2027-01."
PAPER_HELP = "Choose A4 or US Letter."

@dataclass(frozen=True)
class PrintRange:
    """What to print: `months` months from the first of (year, month), on `paper`."""

    year: int
    month: int
    months: int
    paper: str

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        year, month = add_months(self.year, self.month, self.months - 1)
        return month_range(year, month)[1]

    def each_month(self) -> list[tuple[int, int]]:
        return [add_months(self.year, self.month, n) for n in range(self.months)]


def parse_months(text: str | int | None) -> int:
    """1-12 months, as typed or given in a URL."""
    try:
        months = int(str(text).strip()) if text is not None and str(text).strip() else None
    except ValueError:
        months = None
    if months is None or not 1 <= months <= MAX_MONTHS:
        raise ValueError(MONTHS_HELP)
    return months


def parse_start(text: str) -> tuple[int, int]:
    """A start month "YYYY-MM" between 2000 and 2100 (the calendar's range)."""
    try:
        year, month = parse_month(text)
    except ValueError:
        raise ValueError(START_HELP) from None
    if not 2000 <= year <= 2100:
        raise ValueError("Choose a month between 2000 and 2100.")
    return year, month


def parse_paper(text: str) -> str:
    paper = text.strip().lower()
    if paper not in PAPERS:
        raise ValueError(PAPER_HELP)
    return paper


def print_range(start: str, months: str | int | None, paper: str) -> PrintRange:
    """Validate a request; ValueError with a message a person can act on."""
    year, month = parse_start(start)
    return PrintRange(year, month, parse_months(months), parse_paper(paper))


class GoalLike(Protocol):
    state: str
    due_on: date


G = TypeVar("G", bound=GoalLike)


def heading_goal(goals: Sequence[G], month_first: date) -> G | None:
    """The goal a month's header names: the nearest accepted goal due on or after the first of the
    month, else the nearest proposed one; None when neither exists. Ties keep the given order."""
    for state in ("accepted", "proposed"):
        due = [goal for goal in goals if goal.state == state and goal.due_on >= month_first]
        if due:
            return min(due, key=lambda goal: goal.due_on)
    return None


class NoteLike(Protocol):
    on: date
    status: str
    shared: bool
    cue: str


N = TypeVar("N", bound=NoteLike)


def cue_of_month(notes: Sequence[N], month_last: date) -> N | None:
    """The technique cue a month's footer shows: the newest shared note still open or improving,
    with a cue, written on or before the month's last day (notes given newest first win ties)."""
    candidates = [note for note in notes if note.shared and note.status in ("open", "improving")
                  and note.cue.strip() and note.on <= month_last]
    return max(candidates, key=lambda note: note.on, default=None)


def lines_of(text: str, cap: int, chars_per_line: int = CHARS_PER_LINE) -> int:
    """About how many lines a day's item takes (it is cut off after `cap` lines when printed)."""
    return max(1, min(cap, -(-len(text) // chars_per_line)))


def fit(costs: Sequence[int], budget: int) -> int:
    """How many of a day's items (in order, each costing some lines) fit in `budget` lines. When not
    all fit, one line is kept for "+N more", so a day never overflows its box."""
    if budget < 1:
        raise ValueError("a day has at least one line")
    if sum(costs) <= budget:
        return len(costs)
    used = shown = 0
    for cost in costs:
        if used + cost + 1 > budget:
            break
        used, shown = used + cost, shown + 1
    return shown


def weekday_names(week_start: int) -> list[str]:
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    return names[week_start:] + names[:week_start]
