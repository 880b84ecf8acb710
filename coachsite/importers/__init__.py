"""Run-file importers: turn uploaded GPX, FIT or CSV bytes into ParsedRun values.

Pure parsing: no web, no database. Capping the upload size is the web layer's job.
Every user-facing failure is an ImportProblem whose message can be shown as is.
"""

from __future__ import annotations

from coachsite.importers.csv_import import parse_csv
from coachsite.importers.fit import parse_fit, sport_name
from coachsite.importers.gpx import parse_gpx
from coachsite.importers.model import RUNNING, ImportProblem, ParsedRun, fingerprint, is_running

__all__ = [
    "RUNNING",
    "ImportProblem",
    "ParsedRun",
    "fingerprint",
    "is_running",
    "parse_csv",
    "parse_file",
    "parse_fit",
    "parse_gpx",
    "sport_name",
]

_FIT_MAGIC = b".FIT"  # bytes 8-11 of every FIT header


def parse_file(filename: str, data: bytes, *, csv_units: str = "km") -> list[ParsedRun]:
    """Parse an uploaded file, choosing the format by extension, else by content.

    GPX gives one run, FIT one per session, CSV one per row. csv_units ("km" or "mi")
    is the distance unit of a CSV whose header does not state one.
    """
    name = _base_name(filename)
    label = f"'{name}'" if name else "The file"
    if not data:
        raise ImportProblem(f"{label} is empty: nothing to import")
    kind = _kind(name, data)
    if kind == "gpx":
        return parse_gpx(data)
    if kind == "fit":
        return parse_fit(data)
    if kind == "csv":
        return parse_csv(data, units=csv_units)
    raise ImportProblem(f"{label} is not a GPX, FIT or CSV file")


def _base_name(filename: str) -> str:
    # Some browsers send the full client path ("C:\\Users\\me\\run.fit").
    return filename.replace("\\", "/").rsplit("/", 1)[-1].strip()


def _kind(name: str, data: bytes) -> str | None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("gpx", "fit", "csv"):
        return extension
    # No or unknown extension (e.g. a phone renamed it): trust only unmistakable content.
    # CSV is never guessed, since almost any text would pass for it.
    if data[8:12] == _FIT_MAGIC:
        return "fit"
    if b"<gpx" in data[:2048].lower():
        return "gpx"
    return None
