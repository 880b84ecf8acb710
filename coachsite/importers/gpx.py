"""GPX import with gpxpy.

One file gives one activity: all tracks and segments are added up. Watches and apps write
one run per file; several tracks in one file are pauses or GPS drop-outs of that same run
(cerknicko-jezero.gpx is one walk in 8 tracks), not separate runs.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone

import gpxpy
import gpxpy.gpx

from coachsite.importers.model import RUNNING, ImportProblem, ParsedRun

_DAMAGED = "The GPX file is damaged or is not a GPX file; nothing was imported"
_NO_POINTS = "The file has no track points: nothing to import"
_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_GPX_ROOT_RE = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?gpx[\s/>]")


def parse_gpx(data: bytes) -> list[ParsedRun]:
    """Read a GPX file into a single ParsedRun (see the module docstring)."""
    gpx = _load(data)
    points = list(_track_points(gpx))
    if not points:
        raise ImportProblem(_NO_POINTS)
    for point in points:
        # One clock for all comparisons: files may mix zone-less and offset-aware times.
        point.time = _as_utc(point.time) if point.time else None
    timed = all(point.time is not None for point in points)
    return [
        ParsedRun(
            on=_run_date(points, gpx),
            distance_m=float(gpx.length_2d()),
            # A partly timed track (cerknicko-without-times.gpx: 5 of 296 points) gives
            # a meaningless moving time, so only a fully timed track has a duration.
            duration_s=_moving_seconds(gpx) if timed else None,
            elapsed_s=round(gpx.get_duration()) if timed else None,
            sport=_sport(gpx),
            source="gpx",
            started_at=_first_time(points),
        )
    ]


def _load(data: bytes) -> gpxpy.gpx.GPX:
    text = _decode(data)
    if not _GPX_ROOT_RE.search(text[:65536]):  # cheap sanity check before parsing
        raise ImportProblem(_DAMAGED)
    try:
        return gpxpy.parse(text)
    except gpxpy.gpx.GPXException as error:  # also covers GPXXMLSyntaxException
        raise ImportProblem(_DAMAGED) from error


def _decode(data: bytes) -> str:
    # gpxpy decodes bytes as UTF-8 only; honour the XML declaration (older tools write
    # ISO-8859-1) and byte-order marks before handing it text.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        declared = _ENCODING_RE.match(data[:200])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as error:
        raise ImportProblem(_DAMAGED) from error


def _track_points(gpx: gpxpy.gpx.GPX) -> Iterator[gpxpy.gpx.GPXTrackPoint]:
    for track in gpx.tracks:
        for segment in track.segments:  # an empty segment simply yields nothing
            yield from segment.points


def _as_utc(moment: datetime) -> datetime:
    # GPX times are UTC by specification; a time written without a zone is taken as UTC.
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _first_time(points: list[gpxpy.gpx.GPXTrackPoint]) -> datetime | None:
    times = [point.time for point in points if point.time is not None]
    return min(times) if times else None


def _run_date(points: list[gpxpy.gpx.GPXTrackPoint], gpx: gpxpy.gpx.GPX) -> date:
    # The date is the UTC date of the earliest point: GPX carries no local offset, so a
    # run just after local midnight east of Greenwich can land on the previous day.
    first = _first_time(points)
    if first is not None:
        return first.date()
    if gpx.time is not None:  # metadata time: when the file was written, a fair proxy
        return _as_utc(gpx.time).date()
    raise ImportProblem("The GPX file has no date or times: add this run by hand instead")


def _moving_seconds(gpx: gpxpy.gpx.GPX) -> int:
    # gpxpy's moving time leaves out stretches slower than 1 km/h (standing at lights).
    moving = gpx.get_moving_data()
    return round(moving.moving_time) if moving else 0


def _sport(gpx: gpxpy.gpx.GPX) -> str:
    # <trk><type> is optional free text: "running", "Cycling", or Strava's "9" for a run.
    # A site for runners assumes a run when the file does not say.
    kinds = [(track.type or "").strip().lower() for track in gpx.tracks]
    kind = next((kind for kind in kinds if kind), "")
    if not kind:
        return RUNNING
    if "run" in kind or kind == "9":
        return RUNNING
    if any(word in kind for word in ("cycl", "bik", "ride")):
        return "cycling"
    if "walk" in kind or "hik" in kind:
        return "walking"
    return "other"
