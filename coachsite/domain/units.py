"""Unit parsing and formatting for distances, durations and paces.

Storage conventions: distances in metres (float), durations in whole
seconds (int). Users type and read kilometres ("km") or miles ("mi").
Parsers raise ValueError whose message can be shown to the user as is.
"""

from __future__ import annotations

import re

KM = 1000.0
MILE = 1609.344
UNITS: dict[str, float] = {"km": KM, "mi": MILE}

MAX_HOURS = 99
MAX_DISTANCE_M = 500 * KM

DURATION_HELP = "Use h:mm:ss or mm:ss, e.g. 24:30"
PACE_HELP = "Use m:ss per {units}, e.g. 4:45"

# Digits only: signs, decimals and letters are rejected by the pattern itself.
_DURATION_RE = re.compile(r"^(?:(\d+):)?(\d+):(\d+)$")
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$|^\.\d+$|^\d+\.$")


def _unit_size(units: str) -> float:
    """Metres in one display unit; unknown units are a programming error."""
    try:
        return UNITS[units]
    except KeyError:
        raise ValueError(f"Unknown units {units!r}; expected 'km' or 'mi'") from None


def parse_duration(text: str) -> int:
    """Parse "h:mm:ss" / "mm:ss" / "m:ss" into whole seconds.

    Kept strict (no bare minutes) so "45" is never silently read as
    seconds or as minutes.
    """
    match = _DURATION_RE.match(text.replace(" ", "").strip())
    if match is None:
        raise ValueError(DURATION_HELP)
    hours_s, minutes_s, seconds_s = match.groups()
    hours = int(hours_s) if hours_s is not None else 0
    minutes, seconds = int(minutes_s), int(seconds_s)
    if seconds >= 60:
        raise ValueError(DURATION_HELP)
    # Without hours, "75:00" is a reasonable way to write 1:15:00.
    if hours_s is not None and minutes >= 60:
        raise ValueError(DURATION_HELP)
    total = hours * 3600 + minutes * 60 + seconds
    if total > MAX_HOURS * 3600:
        raise ValueError(f"Enter a duration of at most {MAX_HOURS} hours")
    return total


def format_duration(seconds: int | float | None) -> str:
    """1470 -> "24:30", 6300 -> "1:45:00", None -> ""."""
    if seconds is None:
        return ""
    total = int(round(seconds))
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def to_metres(value: float, units: str) -> float:
    return value * _unit_size(units)


def from_metres(metres: float, units: str) -> float:
    return metres / _unit_size(units)


def format_distance(metres: float | None, units: str, digits: int = 1) -> str:
    """12000 m in "km" -> "12.0 km"; None -> "" (nothing recorded)."""
    if metres is None:
        return ""
    return f"{from_metres(metres, units):.{digits}f} {units}"


def parse_distance(text: str, units: str) -> float:
    """Parse a user-typed distance in `units` into metres (> 0, <= 500 km)."""
    size = _unit_size(units)
    # Accept a comma decimal separator ("10,5") as many locales use it.
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    # Whole display units so the message states exactly what is accepted
    # (500 km, 310 mi).
    limit = int(MAX_DISTANCE_M / size)
    message = f"Enter a distance between 0 and {limit} {units}"
    if not _NUMBER_RE.match(cleaned):
        raise ValueError(message)
    value = float(cleaned)
    if not 0 < value <= limit:
        raise ValueError(message)
    return value * size


def pace_s_per_unit(
    distance_m: float | None, seconds: int | None, units: str
) -> float | None:
    """Seconds per km/mi, or None when either value is missing or zero."""
    size = _unit_size(units)
    if not distance_m or not seconds or distance_m <= 0 or seconds <= 0:
        return None
    return seconds / (distance_m / size)


def format_pace(s_per_unit: float | None, units: str) -> str:
    """300 -> "5:00 /km"; None -> ""."""
    _unit_size(units)
    if s_per_unit is None:
        return ""
    return f"{format_duration(s_per_unit)} /{units}"


def parse_pace(text: str, units: str) -> int:
    """Parse "m:ss" (optionally "/km" suffix) into seconds per unit."""
    _unit_size(units)
    message = PACE_HELP.format(units=units)
    cleaned = text.replace(" ", "").strip()
    suffix = f"/{units}"
    if cleaned.endswith(suffix):
        cleaned = cleaned[: -len(suffix)]
    match = re.match(r"^(\d+):(\d{2})$", cleaned)
    if match is None:
        raise ValueError(message)
    minutes, seconds = int(match.group(1)), int(match.group(2))
    total = minutes * 60 + seconds
    # A pace of 0 or slower than an hour per unit is certainly a typo.
    if seconds >= 60 or total == 0 or minutes >= 60:
        raise ValueError(message)
    return total
