"""CSV import: a training log kept in a spreadsheet.

The first row names the columns; date, distance and duration are required, effort and
comment optional, other columns are ignored. Dates must be ISO (YYYY-MM-DD): 03/04/2024 is
March 4th to some coaches and April 3rd to others, and guessing wrong silently misfiles a
run. Import is all-or-nothing: the first bad row stops it, naming the row and the column.
Every row is a run (sport "running"); the file has no way to say otherwise.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from coachsite.importers.model import RUNNING, ImportProblem, ParsedRun

MAX_DISTANCE_M = 500_000.0  # more than any single run: a bigger figure is a unit mistake
_METRES_PER_UNIT = {"km": 1000.0, "mi": 1609.344, "m": 1.0}
_UNIT_WORDS = {
    **dict.fromkeys(("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"), "km"),
    **dict.fromkeys(("mi", "mile", "miles"), "mi"),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), "m"),
}
_SYNONYMS = {
    "date": {"date", "day", "run date", "activity date"},
    "distance": {"distance", "dist"},
    "duration": {"duration", "time", "moving time", "elapsed time", "total time"},
    "effort": {"effort", "rpe", "perceived effort"},
    "comment": {"comment", "comments", "note", "notes", "description"},
}
_REQUIRED = ("date", "distance", "duration")
_BRACKETED = re.compile(r"(.*?)\s*[(\[]([^)\]]*)[)\]]\s*")  # "Distance (km)", "Time [h:mm:ss]"
# re.ASCII: without it \d also matches digits of other scripts, which int() may refuse.
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_WHOLE = re.compile(r"\d+", re.ASCII)
_HMS = re.compile(r"(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)", re.ASCII)
_MS = re.compile(r"(\d+):([0-5]\d(?:\.\d+)?)", re.ASCII)


@dataclass(frozen=True)
class _Layout:
    """Where each known column sits, as read from the header row."""

    index: dict[str, int]  # canonical name -> column position
    labels: dict[str, str]  # canonical name -> header text as the user wrote it
    unit: str  # distance unit: km, mi or m
    width: int


def parse_csv(data: bytes, *, units: str = "km") -> list[ParsedRun]:
    """Read a CSV training log; units is the distance unit when the header does not state one."""
    if units not in ("km", "mi"):
        raise ValueError(f"units must be 'km' or 'mi', not {units!r}")
    text = _decode(data)
    if not text.strip():
        raise ImportProblem("The CSV file is empty: nothing to import")
    delimiter = _delimiter(next(line for line in text.splitlines() if line.strip()))
    layout: _Layout | None = None
    runs: list[ParsedRun] = []
    for row_number, cells in _rows(text, delimiter):
        if layout is None:
            layout = _layout(cells, row_number, units)
        else:
            runs.append(_run(cells, row_number, layout, decimal_comma=delimiter != ","))
    if not runs:
        raise ImportProblem("The CSV file has a header row but no runs: nothing to import")
    return runs


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportProblem(
            f"Row {line}: the file is not UTF-8 text; in your spreadsheet choose "
            "'Save as CSV UTF-8' and try again",
            row=line,
        ) from error


def _delimiter(header_line: str) -> str:
    # Spreadsheets in countries with a decimal comma write ';' between columns.
    # The most frequent candidate in the header wins; ties (and none at all) go to ','.
    return max((",", ";", "\t"), key=header_line.count)


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Non-blank records with the file line each starts on (what an editor shows)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):  # skip blank lines and ",,,," rows
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        message = f"Row {start}: the line cannot be read as CSV ({error})"
        raise ImportProblem(message, row=start) from error
    return rows


def _layout(header: list[str], row: int, default_unit: str) -> _Layout:
    index: dict[str, int] = {}
    labels: dict[str, str] = {}
    unit = default_unit
    for position, label in enumerate(header):
        name, stated_unit = _column(label, row)
        if name is None:
            continue  # columns we do not use (heart rate, shoes...) are fine
        if name in index:
            raise ImportProblem(
                f"Row {row}: columns '{labels[name]}' and '{label.strip()}' both look like the "
                f"{name}; keep only one",
                row=row,
                column=label.strip(),
            )
        index[name], labels[name] = position, label.strip()
        if name == "distance" and stated_unit:
            unit = stated_unit
    for name in _REQUIRED:
        if name not in index:
            found = ", ".join(f"'{label.strip()}'" for label in header if label.strip()) or "none"
            raise ImportProblem(
                f"Row {row}: there is no {name} column; the first row must name the columns "
                f"date, distance and duration (found: {_shorten(found, 120)})",
                row=row,
                column=name,
            )
    return _Layout(index=index, labels=labels, unit=unit, width=len(header))


def _column(label: str, row: int) -> tuple[str | None, str | None]:
    """Map a header to (canonical name, distance unit): 'Distance (mi)' -> ('distance', 'mi')."""
    text = label.strip().lower()
    bracketed = _BRACKETED.fullmatch(text)
    hint = bracketed.group(2).strip() if bracketed else ""
    words = re.split(r"[\s_\-]+", bracketed.group(1) if bracketed else text)
    words = [word for word in words if word]
    if len(words) == 1 and words[0] in _UNIT_WORDS:  # a column headed just "km" or "miles"
        return "distance", _UNIT_WORDS[words[0]]
    suffix = ""
    if len(words) > 1 and words[-1] in _UNIT_WORDS:  # "distance_km", "distance mi"
        suffix = words.pop()
    name = next((key for key, names in _SYNONYMS.items() if " ".join(words) in names), None)
    if name != "distance":
        return name, None  # hints such as "(h:mm:ss)" or "(1-10)" only help the reader
    stated = suffix or hint
    if stated and stated not in _UNIT_WORDS:
        raise ImportProblem(
            f"Row {row}: distance unit '{_shorten(stated)}' is not understood; use km or mi",
            row=row,
            column=label.strip(),
        )
    return name, _UNIT_WORDS.get(stated)


def _run(cells: list[str], row: int, layout: _Layout, *, decimal_comma: bool) -> ParsedRun:
    extra = [cell for cell in cells[layout.width :] if cell.strip()]
    if extra:
        raise ImportProblem(
            f"Row {row}: this row has more values than the header has columns; "
            "put any text that contains the separator in quotes",
            row=row,
        )

    def cell(name: str) -> str:
        position = layout.index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    try:
        on = _date(cell("date"))
        distance_m = _distance(cell("distance"), layout.unit, decimal_comma)
        duration_s = _duration(cell("duration"))
        effort = _effort(cell("effort"))
    except _CellError as error:
        label = layout.labels.get(error.column, error.column)
        raise ImportProblem(f"Row {row}: {error}", row=row, column=label) from None
    return ParsedRun(
        on=on,
        distance_m=distance_m,
        duration_s=duration_s,
        effort=effort,
        comment=cell("comment"),
        sport=RUNNING,
        source="csv",
        row=row,
    )


class _CellError(ValueError):
    """A bad value; the caller adds the row and the user's column label."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _date(value: str) -> date:
    if not value:
        raise _CellError("date", "date is empty")
    match = _ISO_DATE.fullmatch(value)
    try:
        if match:
            return date.fromisoformat(match.group(1))  # a time after the date is ignored
    except ValueError:
        pass  # e.g. 2024-02-30
    raise _CellError(
        "date", f"date '{_shorten(value)}' is not a date; use YYYY-MM-DD, e.g. 2024-03-05"
    )


def _distance(value: str, unit: str, decimal_comma: bool) -> float:
    if not value:
        raise _CellError("distance", "distance is empty")
    number = value.replace(",", ".") if decimal_comma else value
    if not _NUMBER.fullmatch(number):  # also keeps out "nan" and "inf", which float() takes
        raise _CellError("distance", f"distance '{_shorten(value)}' is not a number")
    metres = float(number) * _METRES_PER_UNIT[unit]
    if metres <= 0:
        raise _CellError("distance", f"distance '{_shorten(value)}' must be more than 0")
    if metres > MAX_DISTANCE_M:
        raise _CellError(
            "distance", f"distance {_shorten(value)} {unit} is more than 500 km; check the units"
        )
    return metres


def _duration(value: str) -> int:
    if not value:
        raise _CellError("duration", "duration is empty")
    try:
        seconds = _parse_duration(value)
    except ValueError:
        raise _CellError(
            "duration", f"duration '{_shorten(value)}' is not a time; use h:mm:ss or mm:ss"
        ) from None
    if seconds <= 0:
        raise _CellError("duration", f"duration '{_shorten(value)}' must be more than 0")
    return seconds


def _parse_duration(text: str) -> int:
    """'1:45:00' -> 6300, '24:30' -> 1470; fractions of a second are rounded.

    A bare number is refused: '45' could be minutes or seconds. Minutes may exceed 59 in
    mm:ss ('75:30'), but not in h:mm:ss. Private: coachsite.domain.units may replace it.
    """
    text = text.strip()
    if match := _HMS.fullmatch(text):
        hours, minutes, seconds = int(match.group(1)), int(match.group(2)), float(match.group(3))
    elif match := _MS.fullmatch(text):
        hours, minutes, seconds = 0, int(match.group(1)), float(match.group(2))
    else:
        raise ValueError(f"not a duration: {text!r}")
    return int(hours * 3600 + minutes * 60 + seconds + 0.5)  # half-up rounding


def _effort(value: str) -> int | None:
    if not value:
        return None  # optional, even when the column exists
    if not _WHOLE.fullmatch(value) or not 1 <= int(value) <= 10:
        raise _CellError(
            "effort", f"effort '{_shorten(value)}' must be a whole number from 1 to 10"
        )
    return int(value)


def _shorten(value: str, limit: int = 40) -> str:
    # Messages echo what the user wrote, but never a whole pasted paragraph.
    return value if len(value) <= limit else value[: limit - 1] + "…"
