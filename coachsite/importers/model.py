"""Plain data shared by the importers: the parsed run, the user-facing error, the fingerprint."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

RUNNING = "running"


@dataclass(frozen=True, kw_only=True)
class ParsedRun:
    """One activity read from a file, not yet saved anywhere.

    distance_m is in metres, durations in whole seconds. duration_s is the time that
    counts for pace (GPX: moving time; FIT: timer time; CSV: as written) and is None
    when the file cannot tell it (the web layer then asks the user). elapsed_s is
    extra information where the file has it (GPX: time inside the recorded segments;
    FIT: total elapsed time); it is None for CSV.
    """

    on: date
    distance_m: float
    duration_s: int | None
    sport: str
    source: str
    effort: int | None = None
    comment: str = ""
    started_at: datetime | None = None  # timezone-aware UTC when the file says when
    row: int | None = None  # 1-based line number of the CSV record
    elapsed_s: int | None = None


class ImportProblem(Exception):
    """A file the user uploaded cannot be imported; str(problem) is safe to show them."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


def is_running(sport: str) -> bool:
    """True when an imported activity counts as a run (the rest is cross-training)."""
    return sport == RUNNING


def fingerprint(run: ParsedRun) -> str:
    """A stable key so importing the same file twice never creates duplicate runs.

    Built from the date, the distance rounded to 10 m and the duration: these are what
    every source provides, so the key does not depend on the file name, the upload time
    or the format. Rounding absorbs float noise (e.g. miles converted to metres) so the
    same input always gives the same key. Start time and comment are left out on purpose:
    CSV rows have no start time, and editing a comment must not make a run look new.
    Two genuinely different runs on the same day with the same distance (to 10 m) and the
    same duration (to the second) would collide; that is rare enough to accept. The "v1"
    prefix lets the recipe change later without mixing old and new keys.
    """
    metres = int(run.distance_m / 10 + 0.5) * 10  # half-up, unlike round()
    duration = "-" if run.duration_s is None else str(run.duration_s)
    key = f"v1|{run.on.isoformat()}|{metres}|{duration}"
    return hashlib.sha256(key.encode("ascii")).hexdigest()
