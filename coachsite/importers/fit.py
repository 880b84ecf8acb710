"""FIT import with fitdecode.

Each `session` message becomes one ParsedRun: a watch writes one session per activity, and
a multisport file (swim, bike, run) has one per leg, which a coach wants as separate
entries. Every sport is returned; callers tell runs from cross-training with is_running().
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import fitdecode

from coachsite.importers.model import ImportProblem, ParsedRun

Fields = dict[str, Any]

_WANTED = {"file_id", "session", "activity", "sport", "record"}
_MAX_OFFSET = timedelta(hours=14)  # the widest real UTC offset
_DAMAGED = "The FIT file is damaged {}; nothing was imported"
# fitdecode 0.11 does not always wrap its failures on corrupt bytes in FitError: fuzzing
# the samples (flipped, cut and inserted bytes) also raised these from inside the decoder.
_DECODER_CRASHES = (AssertionError, ValueError, TypeError, IndexError, KeyError, struct.error)


def parse_fit(data: bytes) -> list[ParsedRun]:
    """Read a FIT activity file into one ParsedRun per session."""
    messages = _read(data)
    _require_activity(messages)
    offset = _local_offset(messages)
    sessions = messages["session"]
    if sessions:
        return [_from_session(session, offset) for session in sessions]
    # A watch that crashed or ran flat may never write its session summary.
    return [_from_records(messages, offset)]


def _read(data: bytes) -> dict[str, list[Fields]]:
    """Decode the whole file first, so a damaged end rejects it before anything is used."""
    if not data:  # fitdecode reads zero bytes as a valid, empty file
        raise ImportProblem("The FIT file is empty: nothing to import")
    messages: dict[str, list[Fields]] = {name: [] for name in _WANTED}
    for frame in _frames(data):
        if frame.name in _WANTED:
            messages[frame.name].append(_fields(frame))
    return messages


def _frames(data: bytes) -> Iterator[fitdecode.FitDataMessage]:
    """fitdecode's data messages, with every decoding failure turned into an ImportProblem."""
    # RAISE on both: the defaults only warn about a bad checksum or field and go on,
    # which would import numbers from a corrupt file.
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    )
    frames = iter(reader)
    with reader:
        while True:
            # Only the decoding step sits in the try, so our own bugs are not disguised.
            try:
                frame = next(frames)
            except StopIteration:
                return
            except fitdecode.FitHeaderError as error:
                raise ImportProblem(_DAMAGED.format("or is not a FIT file")) from error
            except fitdecode.FitEOFError as error:
                raise ImportProblem(_DAMAGED.format("(it ends too early)")) from error
            except (fitdecode.FitError, *_DECODER_CRASHES) as error:  # FitCRCError, FitParseError
                raise ImportProblem(_DAMAGED.format("(its contents are corrupt)")) from error
            if isinstance(frame, fitdecode.FitDataMessage):
                yield frame


def _fields(frame: fitdecode.FitDataMessage) -> Fields:
    return {field.name: field.value for field in frame.fields if field.value is not None}


def _require_activity(messages: dict[str, list[Fields]]) -> None:
    kinds = {fields.get("type") for fields in messages["file_id"]} - {None, "activity"}
    if kinds:
        kind = sorted(map(str, kinds))[0]
        raise ImportProblem(
            f"This FIT file is a {kind}, not a recorded activity: nothing to import"
        )


def _local_offset(messages: dict[str, list[Fields]]) -> timedelta:
    """The watch's UTC offset, so the date is the athlete's local date, not UTC's."""
    for activity in messages["activity"]:
        local, utc = activity.get("local_timestamp"), activity.get("timestamp")
        if isinstance(local, datetime) and isinstance(utc, datetime):
            # fitdecode labels local_timestamp UTC; the difference is the offset.
            offset = local.replace(tzinfo=timezone.utc) - utc.astimezone(timezone.utc)
            if abs(offset) <= _MAX_OFFSET:
                return timedelta(minutes=round(offset.total_seconds() / 900) * 15)
    return timedelta(0)


def _from_session(session: Fields, offset: timedelta) -> ParsedRun:
    started = _utc(session.get("start_time")) or _utc(session.get("timestamp"))
    if started is None:
        raise ImportProblem("The FIT file has no start time: nothing to import")
    timer = _seconds(session.get("total_timer_time"))
    elapsed = _seconds(session.get("total_elapsed_time"))
    return ParsedRun(
        on=_local_date(started, offset),
        # No distance (strength session, treadmill without a foot pod) reads as 0 m.
        distance_m=float(session.get("total_distance", 0.0)),
        duration_s=timer if timer is not None else elapsed,  # timer time leaves out pauses
        elapsed_s=elapsed,
        sport=sport_name(session.get("sport")),
        source="fit",
        started_at=started,
    )


def _from_records(messages: dict[str, list[Fields]], offset: timedelta) -> ParsedRun:
    records = messages["record"]
    times = [t for t in (_utc(record.get("timestamp")) for record in records) if t]
    if not times:
        raise ImportProblem("The FIT file has no activity summary or records: nothing to import")
    distances = [float(record["distance"]) for record in records if "distance" in record]
    # Without the summary the pauses are unknown, so first-to-last record is the best guess.
    elapsed = round((max(times) - min(times)).total_seconds())
    sports = [fields.get("sport") for fields in messages["sport"]]
    return ParsedRun(
        on=_local_date(min(times), offset),
        distance_m=max(distances, default=0.0),  # record distance is cumulative
        duration_s=elapsed,
        elapsed_s=elapsed,
        sport=sport_name(sports[0] if sports else None),
        source="fit",
        started_at=min(times),
    )


def sport_name(value: object) -> str:
    """fitdecode gives known sports as names ("running", "cycling") and unknown ones as numbers."""
    if isinstance(value, str) and value not in ("", "generic", "all"):
        return value
    return "other"


def _utc(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _seconds(value: object) -> int | None:
    return round(value) if isinstance(value, (int, float)) else None


def _local_date(started: datetime, offset: timedelta) -> date:
    return (started + offset).date()
