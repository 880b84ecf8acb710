import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachsite.domain.units import (
    KM,
    MILE,
    format_distance,
    format_duration,
    format_pace,
    from_metres,
    pace_s_per_unit,
    parse_distance,
    parse_duration,
    parse_pace,
    to_metres,
)


# --- durations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1:45:00", 6300),
        ("24:30", 1470),
        ("4:05", 245),
        ("0:00:59", 59),
        (" 1 : 02 : 03 ", 3723),
        ("75:00", 4500),  # minutes may exceed 59 when no hours are given
        ("99:00:00", 99 * 3600),
        ("0:00", 0),
    ],
)
def test_parse_duration_accepts(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["", "   ", "45", "abc", "1:2x", "24:60", "1:60:00", "-1:00", "1:-5",
     "1.5:00", "1:00:00:00", "99:00:01", "100:00:00", ":30", "10:"],
)
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError) as info:
        parse_duration(text)
    assert "hours" in str(info.value) or "e.g. 24:30" in str(info.value)


def test_parse_duration_message_is_user_facing():
    with pytest.raises(ValueError, match=r"^Use h:mm:ss or mm:ss, e\.g\. 24:30$"):
        parse_duration("ten minutes")


def test_parse_duration_over_limit_message():
    with pytest.raises(ValueError, match="at most 99 hours"):
        parse_duration("100:00:00")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1470, "24:30"), (6300, "1:45:00"), (0, "0:00"), (59, "0:59"),
     (3600, "1:00:00"), (3599, "59:59"), (None, ""), (1469.6, "24:30"),
     (1470.4, "24:30")],
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


@given(st.integers(min_value=0, max_value=99 * 3600))
def test_duration_round_trip(seconds):
    assert parse_duration(format_duration(seconds)) == seconds


# --- distances ---------------------------------------------------------------


def test_unit_constants():
    assert KM == 1000.0
    assert MILE == 1609.344


@pytest.mark.parametrize("units", ["km", "mi"])
def test_metres_round_trip(units):
    assert from_metres(to_metres(12.5, units), units) == pytest.approx(12.5)


def test_to_and_from_metres_values():
    assert to_metres(10, "km") == 10000
    assert to_metres(1, "mi") == pytest.approx(1609.344)
    assert from_metres(1609.344, "mi") == pytest.approx(1.0)


@pytest.mark.parametrize("units", ["m", "KM", "miles", ""])
def test_unknown_units_rejected(units):
    with pytest.raises(ValueError):
        to_metres(1, units)
    with pytest.raises(ValueError):
        from_metres(1, units)


def test_format_distance():
    assert format_distance(10000, "km") == "10.0 km"
    assert format_distance(10000, "mi") == "6.2 mi"
    assert format_distance(10000, "mi", digits=2) == "6.21 mi"
    assert format_distance(None, "km") == ""


@pytest.mark.parametrize(
    ("text", "units", "metres"),
    [("10", "km", 10000), ("10.5", "km", 10500), ("10,5", "km", 10500),
     (" 3 ", "mi", 3 * MILE), ("500", "km", 500000), ("0.4", "km", 400),
     (".5", "km", 500)],
)
def test_parse_distance_accepts(text, units, metres):
    assert parse_distance(text, units) == pytest.approx(metres)


@pytest.mark.parametrize(
    ("text", "units", "message"),
    [
        ("", "km", "Enter a distance between 0 and 500 km"),
        ("0", "km", "Enter a distance between 0 and 500 km"),
        ("-5", "km", "Enter a distance between 0 and 500 km"),
        ("ten", "km", "Enter a distance between 0 and 500 km"),
        ("1e3", "km", "Enter a distance between 0 and 500 km"),
        ("500.1", "km", "Enter a distance between 0 and 500 km"),
        ("1.2.3", "km", "Enter a distance between 0 and 500 km"),
        ("nan", "km", "Enter a distance between 0 and 500 km"),
        ("311", "mi", "Enter a distance between 0 and 310 mi"),
    ],
)
def test_parse_distance_rejects(text, units, message):
    with pytest.raises(ValueError) as info:
        parse_distance(text, units)
    assert str(info.value) == message


# --- pace --------------------------------------------------------------------


def test_pace_per_km_and_mile():
    assert pace_s_per_unit(10000, 3000, "km") == pytest.approx(300)
    assert format_pace(pace_s_per_unit(10000, 3000, "km"), "km") == "5:00 /km"
    assert format_pace(pace_s_per_unit(10000, 3000, "mi"), "mi") == "8:03 /mi"


@pytest.mark.parametrize(
    ("distance", "seconds"), [(0, 3000), (None, 3000), (10000, 0), (10000, None)]
)
def test_pace_missing_or_zero_is_none(distance, seconds):
    assert pace_s_per_unit(distance, seconds, "km") is None


def test_format_pace_none():
    assert format_pace(None, "km") == ""


@pytest.mark.parametrize(
    ("text", "units", "seconds"),
    [("4:45", "km", 285), ("8:03", "mi", 483), (" 4:45 /km", "km", 285),
     ("12:00", "km", 720)],
)
def test_parse_pace_accepts(text, units, seconds):
    assert parse_pace(text, units) == seconds


@pytest.mark.parametrize("text", ["", "4", "4:5", "4:60", "0:00", "abc", "-4:45",
                                  "4:45 /mi", "60:00"])
def test_parse_pace_rejects(text):
    with pytest.raises(ValueError, match=r"^Use m:ss per km, e\.g\. 4:45$"):
        parse_pace(text, "km")


@given(st.integers(min_value=1, max_value=59 * 60 + 59))
def test_pace_round_trip(seconds):
    formatted = format_pace(seconds, "km")
    assert parse_pace(formatted, "km") == seconds
