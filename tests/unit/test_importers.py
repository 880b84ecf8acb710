"""Unit tests for coachsite.importers: real device samples, inline CSV, synthetic FIT files."""

from __future__ import annotations

import dataclasses
import os
import random
import re
import struct
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fitdecode.utils import compute_crc

from coachsite.importers import (
    ImportProblem,
    ParsedRun,
    fingerprint,
    is_running,
    parse_csv,
    parse_file,
    parse_fit,
    parse_gpx,
)
from coachsite.importers.csv_import import _parse_duration

# --- sample files -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def samples() -> Path:
    """The shared folder of real device files beside the repository (or COACHSITE_SAMPLES)."""
    default = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
    folder = Path(os.environ.get("COACHSITE_SAMPLES", default))
    if not (folder / "README.md").is_file():
        pytest.fail(f"sample files not found in {folder}; set COACHSITE_SAMPLES")
    return folder


def read(samples: Path, name: str) -> bytes:
    return (samples / name).read_bytes()


def only(runs: list[ParsedRun]) -> ParsedRun:
    assert len(runs) == 1, runs
    return runs[0]


# --- FIT samples --------------------------------------------------------------------------


def test_fit_fenix2_run(samples: Path) -> None:
    run = only(parse_fit(read(samples, "activity-small-fenix2-run.fit")))
    assert run.distance_m == pytest.approx(9008, abs=1)
    assert run.duration_s == 2832
    assert run.on == date(2015, 8, 15)
    assert run.sport == "running" and is_running(run.sport)
    assert run.source == "fit"
    assert run.started_at == datetime(2015, 8, 15, 14, 45, 8, tzinfo=timezone.utc)
    assert run.row is None and run.effort is None and run.comment == ""


def test_fit_fenix5_very_short_run(samples: Path) -> None:
    run = only(parse_fit(read(samples, "garmin-fenix-5-run.fit")))
    assert run.distance_m == pytest.approx(158, abs=1)
    assert run.duration_s == 57
    assert run.on == date(2017, 6, 11)
    assert is_running(run.sport)


def test_fit_bike_ride_is_returned_as_cycling_not_a_run(samples: Path) -> None:
    ride = only(parse_fit(read(samples, "garmin-fenix-5-bike.fit")))
    assert ride.sport == "cycling"
    assert not is_running(ride.sport)
    assert ride.distance_m == pytest.approx(460, abs=1)
    assert ride.duration_s == 60
    assert ride.on == date(2017, 6, 12)


def test_fit_truncated_sample_is_refused_as_damaged(samples: Path) -> None:
    with pytest.raises(ImportProblem, match="damaged.*nothing was imported"):
        parse_fit(read(samples, "activity-unexpected-eof.fit"))


@pytest.mark.parametrize("keep", [0.01, 0.1, 0.5, 0.99])
def test_fit_cut_short_anywhere_is_damaged(samples: Path, keep: float) -> None:
    data = read(samples, "garmin-fenix-5-run.fit")
    with pytest.raises(ImportProblem, match="damaged"):
        parse_fit(data[: int(len(data) * keep)])


def test_fit_with_a_wrong_checksum_is_damaged(samples: Path) -> None:
    data = read(samples, "garmin-fenix-5-run.fit")
    with pytest.raises(ImportProblem, match="damaged"):
        parse_fit(data[:-1] + bytes([data[-1] ^ 0xFF]))


@pytest.mark.parametrize("seed", range(5))
def test_fit_random_bytes_are_damaged(seed: int) -> None:
    with pytest.raises(ImportProblem, match="damaged"):
        parse_fit(random.Random(seed).randbytes(3000))


@pytest.mark.parametrize("seed", range(40))
def test_fit_corrupted_sample_never_escapes_as_another_error(samples: Path, seed: int) -> None:
    # fitdecode raises AssertionError, struct.error... on some corrupt bytes; all must be mapped.
    rng = random.Random(seed)
    data = bytearray(read(samples, "garmin-fenix-5-bike.fit"))
    for _ in range(3):
        data[rng.randrange(14, len(data))] = rng.randrange(256)
    with pytest.raises(ImportProblem, match="damaged"):
        parse_fit(bytes(data))


def test_fit_empty_bytes_are_refused() -> None:
    with pytest.raises(ImportProblem, match="empty"):
        parse_fit(b"")


# --- synthetic FIT files ------------------------------------------------------------------
# A minimal FIT writer, so cases without a real sample (multisport, no session, a course)
# can be tested. Layout from the FIT protocol: 14-byte header, definition + data records,
# a CRC over everything.

_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=timezone.utc)
_FORMAT = {0x00: "B", 0x84: "H", 0x86: "I"}  # enum, uint16, uint32
ENUM, UINT32 = 0x00, 0x86
FILE_ID, SPORT, SESSION, RECORD, ACTIVITY = 0, 12, 18, 20, 34
RUNNING_, CYCLING_, ACTIVITY_FILE, COURSE_FILE = 1, 2, 4, 6


def fit_time(moment: datetime) -> int:
    return int((moment - _FIT_EPOCH).total_seconds())


def fit_file(*messages: tuple[int, dict[int, tuple[int, int]]]) -> bytes:
    """messages: (global message number, {field number: (base type, raw value)})."""
    body = b""
    for number, fields in messages:
        body += struct.pack("<BBBHB", 0x40, 0, 0, number, len(fields))  # definition, local 0
        for field, (base, _) in fields.items():
            body += struct.pack("<BBB", field, struct.calcsize(_FORMAT[base]), base)
        values = (struct.pack("<" + _FORMAT[base], raw) for base, raw in fields.values())
        body += b"\x00" + b"".join(values)  # data record, local 0
    header = struct.pack("<BBHI4s", 14, 0x20, 2093, len(body), b".FIT")
    header += struct.pack("<H", compute_crc(header))
    return header + body + struct.pack("<H", compute_crc(header + body))


def session(start: datetime, metres: float, seconds: float, sport: int) -> tuple[int, dict]:
    return SESSION, {
        253: (UINT32, fit_time(start + timedelta(seconds=seconds))),
        2: (UINT32, fit_time(start)),
        7: (UINT32, round(seconds * 1000)),  # total_elapsed_time
        8: (UINT32, round(seconds * 1000)),  # total_timer_time
        9: (UINT32, round(metres * 100)),  # total_distance
        5: (ENUM, sport),
    }


def record(moment: datetime, metres: float) -> tuple[int, dict]:
    return RECORD, {253: (UINT32, fit_time(moment)), 5: (UINT32, round(metres * 100))}


FILE_ID_ACTIVITY = (FILE_ID, {0: (ENUM, ACTIVITY_FILE)})
MORNING = datetime(2024, 3, 5, 6, 0, tzinfo=timezone.utc)


def test_synthetic_fit_writer_round_trips() -> None:
    run = only(parse_fit(fit_file(FILE_ID_ACTIVITY, session(MORNING, 10_000.5, 2700.4, RUNNING_))))
    assert (run.on, run.distance_m, run.duration_s) == (date(2024, 3, 5), 10_000.5, 2700)
    assert run.sport == "running"


def test_fit_multisport_gives_one_entry_per_session() -> None:
    data = fit_file(
        FILE_ID_ACTIVITY,
        session(MORNING, 20_000, 2400, CYCLING_),
        session(MORNING + timedelta(hours=1), 5_000, 1500, RUNNING_),
    )
    ride, run = parse_fit(data)
    assert (ride.sport, ride.distance_m) == ("cycling", 20_000)
    assert (run.sport, run.distance_m, run.duration_s) == ("running", 5_000, 1500)


def test_fit_date_is_the_watch_local_date() -> None:
    # 03:00 UTC is still the evening before in UTC-7, which the activity message records.
    start = datetime(2024, 3, 5, 3, 0, tzinfo=timezone.utc)
    end = start + timedelta(seconds=1800)
    local_end = end - timedelta(hours=7)
    activity = (ACTIVITY, {253: (UINT32, fit_time(end)), 5: (UINT32, fit_time(local_end))})
    data = fit_file(FILE_ID_ACTIVITY, session(start, 5000, 1800, RUNNING_), activity)
    run = only(parse_fit(data))
    assert run.on == date(2024, 3, 4)
    assert run.started_at == start


def test_fit_unknown_sport_number_is_other() -> None:
    run = only(parse_fit(fit_file(FILE_ID_ACTIVITY, session(MORNING, 1000, 600, 200))))
    assert run.sport == "other"
    assert not is_running(run.sport)


def test_fit_without_session_falls_back_to_records() -> None:
    data = fit_file(
        FILE_ID_ACTIVITY,
        (SPORT, {0: (ENUM, RUNNING_)}),
        record(MORNING, 0),
        record(MORNING + timedelta(seconds=300), 1000),
        record(MORNING + timedelta(seconds=610), 2050.25),
    )
    run = only(parse_fit(data))
    assert (run.on, run.distance_m, run.duration_s) == (date(2024, 3, 5), 2050.25, 610)
    assert run.sport == "running"


def test_fit_without_session_or_records_is_refused() -> None:
    with pytest.raises(ImportProblem, match="nothing to import"):
        parse_fit(fit_file(FILE_ID_ACTIVITY))


def test_fit_course_is_not_an_activity() -> None:
    data = fit_file((FILE_ID, {0: (ENUM, COURSE_FILE)}), record(MORNING, 0), record(MORNING, 10))
    with pytest.raises(ImportProblem, match="course, not a recorded activity"):
        parse_fit(data)


# --- GPX samples --------------------------------------------------------------------------


def test_gpx_track_with_times(samples: Path) -> None:
    run = only(parse_gpx(read(samples, "cerknicko-jezero.gpx")))
    assert run.distance_m == pytest.approx(4580, rel=0.005)
    assert run.duration_s == pytest.approx(2425, abs=2)  # moving time, not the 4,239 s elapsed
    assert run.elapsed_s == 4239
    assert run.on == date(2010, 8, 5)
    assert run.started_at == datetime(2010, 8, 5, 14, 23, 59, tzinfo=timezone.utc)
    assert (run.sport, run.source) == ("running", "gpx")


def test_gpx_track_without_times_has_no_duration(samples: Path) -> None:
    # 5 of its 296 points still carry a time: too few to trust, so no duration at all.
    run = only(parse_gpx(read(samples, "cerknicko-without-times.gpx")))
    assert run.distance_m == pytest.approx(4580, abs=1)
    assert run.duration_s is None and run.elapsed_s is None
    assert run.on == date(2010, 8, 5)


def test_gpx_empty_segment_does_not_crash(samples: Path) -> None:
    run = only(parse_gpx(read(samples, "track-with-empty-segment.gpx")))
    assert run.distance_m == pytest.approx(86, abs=1)
    # The 76 s reference is first-to-last point; 44 s of it is slower than gpxpy's 1 km/h
    # stop threshold, so the moving time (our duration) is 32 s.
    assert run.elapsed_s == 76
    assert run.duration_s == 32
    assert run.on == date(2013, 7, 6)


def test_gpx_without_track_points_is_refused(samples: Path) -> None:
    with pytest.raises(ImportProblem, match="^The file has no track points: nothing to import$"):
        parse_gpx(read(samples, "unicode.gpx"))


@pytest.mark.parametrize("keep", [0.02, 0.5, 0.98])
def test_gpx_cut_short_is_damaged(samples: Path, keep: float) -> None:
    data = read(samples, "cerknicko-jezero.gpx")
    with pytest.raises(ImportProblem, match="damaged"):
        parse_gpx(data[: int(len(data) * keep)])


@pytest.mark.parametrize(
    "data",
    [random.Random(1).randbytes(2000), b"", b"<html><body>hello</body></html>", b"<gpx><trk>"],
    ids=["random", "empty", "html", "unclosed"],
)
def test_gpx_damaged_or_foreign_content(data: bytes) -> None:
    with pytest.raises(ImportProblem, match="damaged"):
        parse_gpx(data)


UTF8_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>'


def gpx(points: str, *, prolog: str = UTF8_PROLOG, extra: str = "") -> str:
    return (
        f'{prolog}<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"{extra}<trk><name>Run é</name>{points}</trk></gpx>"
    )


TWO_POINTS = (
    '<trkseg><trkpt lat="46.0" lon="14.0"><time>2021-05-01T23:30:00+02:00</time></trkpt>'
    '<trkpt lat="46.01" lon="14.0"><time>2021-05-01T23:40:00+02:00</time></trkpt></trkseg>'
)


def test_gpx_times_with_an_offset_are_normalised_to_utc() -> None:
    run = only(parse_gpx(gpx(TWO_POINTS).encode()))
    assert run.started_at == datetime(2021, 5, 1, 21, 30, tzinfo=timezone.utc)
    assert run.duration_s == 600
    assert run.distance_m == pytest.approx(1112, abs=2)  # 0.01 degree of latitude


def test_gpx_declared_latin1_encoding_is_honoured() -> None:
    text = gpx(TWO_POINTS, prolog='<?xml version="1.0" encoding="ISO-8859-1"?>')
    assert only(parse_gpx(text.encode("latin-1"))).duration_s == 600


def test_gpx_utf8_bom_is_accepted() -> None:
    assert only(parse_gpx(b"\xef\xbb\xbf" + gpx(TWO_POINTS).encode())).duration_s == 600


@pytest.mark.parametrize(
    ("kind", "sport"),
    [
        ("running", "running"),
        ("9", "running"),
        ("Cycling", "cycling"),
        ("Hiking", "walking"),
        ("Kayak", "other"),
    ],
)
def test_gpx_track_type_sets_the_sport(kind: str, sport: str) -> None:
    run = only(parse_gpx(gpx(f"<type>{kind}</type>{TWO_POINTS}").encode()))
    assert run.sport == sport


def test_gpx_without_point_times_uses_the_metadata_date() -> None:
    points = '<trkseg><trkpt lat="46.0" lon="14.0"/><trkpt lat="46.01" lon="14.0"/></trkseg>'
    metadata = "<metadata><time>2021-05-02T08:00:00Z</time></metadata>"
    run = only(parse_gpx(gpx(points, extra=metadata).encode()))
    assert (run.on, run.duration_s, run.started_at) == (date(2021, 5, 2), None, None)


def test_gpx_without_any_date_is_refused() -> None:
    points = '<trkseg><trkpt lat="46.0" lon="14.0"/><trkpt lat="46.01" lon="14.0"/></trkseg>'
    with pytest.raises(ImportProblem, match="no date"):
        parse_gpx(gpx(points).encode())


def test_gpx_only_empty_segments_is_refused() -> None:
    with pytest.raises(ImportProblem, match="no track points"):
        parse_gpx(gpx("<trkseg></trkseg><trkseg/>").encode())


# --- CSV ----------------------------------------------------------------------------------

GOOD_CSV = (
    "date,distance,duration,effort,comment\n"
    "2024-03-05,10.5,0:52:30,6,easy\n"
    '2024-03-07,5,24:30,,"hills, windy"\n'
)


def test_csv_good_file() -> None:
    first, second = parse_csv(GOOD_CSV.encode())
    assert first == ParsedRun(
        on=date(2024, 3, 5),
        distance_m=10_500,
        duration_s=3150,
        effort=6,
        comment="easy",
        sport="running",
        source="csv",
        row=2,
    )
    assert (second.on, second.distance_m, second.duration_s) == (date(2024, 3, 7), 5000, 1470)
    assert (second.effort, second.comment, second.row) == (None, "hills, windy", 3)
    assert second.started_at is None


def test_csv_miles_from_the_units_argument() -> None:
    run = parse_csv(GOOD_CSV.encode(), units="mi")[1]
    assert run.distance_m == pytest.approx(8046.72)


@pytest.mark.parametrize(
    ("distance_header", "units", "metres"),
    [
        ("distance_mi", "km", 1609.344),
        ("Distance (mi)", "km", 1609.344),
        ("Distance [miles]", "km", 1609.344),
        ("miles", "km", 1609.344),
        ("distance_km", "mi", 1000),
        ("Distance (km)", "mi", 1000),
        ("KM", "mi", 1000),
        ("distance (m)", "km", 1),
    ],
)
def test_csv_header_unit_wins_over_the_argument(
    distance_header: str, units: str, metres: float
) -> None:
    data = f"date,{distance_header},time\n2024-03-05,2,10:00\n".encode()
    assert only(parse_csv(data, units=units)).distance_m == pytest.approx(2 * metres)


@pytest.mark.parametrize(
    "header",
    [
        "Date,Distance,Duration,Effort,Comment",
        "DATE,DISTANCE (KM),TIME,RPE,NOTES",
        "day,distance_km,moving_time,rpe (1-10),note",
        " Date , Dist , Duration (h:mm:ss) , Perceived Effort , Description ",
        "Run date,km,Elapsed time,effort,comments",
    ],
)
def test_csv_header_synonyms(header: str) -> None:
    run = only(parse_csv(f"{header}\n2024-03-05,8,40:00,7,tempo\n".encode()))
    assert (run.distance_m, run.duration_s, run.effort, run.comment) == (8000, 2400, 7, "tempo")


def test_csv_columns_in_any_order_and_unknown_ones_ignored() -> None:
    data = (
        b"shoes,comment,duration,heart rate,distance,date\n"
        b"Pegasus,long,1:45:00,150,21.1,2024-03-10\n"
    )
    run = only(parse_csv(data))
    assert (run.on, run.distance_m, run.duration_s) == (date(2024, 3, 10), 21_100, 6300)
    assert run.comment == "long"


def test_csv_utf8_bom_and_crlf() -> None:
    data = "\ufeffDate,Distance,Duration,Comment\r\n2024-03-05,5,25:00,café\r\n".encode()
    run = only(parse_csv(data))
    assert (run.on, run.comment) == (date(2024, 3, 5), "café")


def test_csv_semicolons_and_decimal_commas() -> None:
    run = only(parse_csv(b"Date;Distance;Duration\n2024-03-05;10,5;52:30\n"))
    assert run.distance_m == pytest.approx(10_500)


def test_csv_blank_lines_are_skipped_and_rows_keep_file_line_numbers() -> None:
    data = (
        b"date,distance,duration,comment\n"
        b"\n"
        b'2024-03-05,5,25:00,"two\nlines"\n'
        b",,,\n"
        b"2024-03-06,6,30:00,\n"
        b"\n"
    )
    first, second = parse_csv(data)
    assert (first.row, first.comment, second.row) == (3, "two\nlines", 6)


def test_csv_date_with_a_time_part_keeps_the_date() -> None:
    data = b"date,distance,duration\n2024-03-05 07:30:00,5,25:00\n"
    assert only(parse_csv(data)).on == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("line", "message", "column"),
    [
        (
            "2024-03-05,5,1:7x:00,",
            "Row 3: duration '1:7x:00' is not a time; use h:mm:ss or mm:ss",
            "duration",
        ),
        ("2024-03-05,5,45,", "Row 3: duration '45' is not a time; use h:mm:ss", "duration"),
        ("2024-03-05,5,24:75,", "Row 3: duration '24:75' is not a time", "duration"),
        ("2024-03-05,5,0:00,", "Row 3: duration '0:00' must be more than 0", "duration"),
        ("2024-03-05,5,,", "Row 3: duration is empty", "duration"),
        ("2024-03-05,-5,25:00,", "Row 3: distance '-5' must be more than 0", "distance"),
        ("2024-03-05,0,25:00,", "Row 3: distance '0' must be more than 0", "distance"),
        ("2024-03-05,501,25:00,", "Row 3: distance 501 km is more than 500 km", "distance"),
        ("2024-03-05,five,25:00,", "Row 3: distance 'five' is not a number", "distance"),
        ("2024-03-05,nan,25:00,", "Row 3: distance 'nan' is not a number", "distance"),
        ("2024-03-05,,25:00,", "Row 3: distance is empty", "distance"),
        ("05/03/2024,5,25:00,", "Row 3: date '05/03/2024' is not a date; use YYYY-MM-DD", "date"),
        ("2024-02-30,5,25:00,", "Row 3: date '2024-02-30' is not a date", "date"),
        (",5,25:00,", "Row 3: date is empty", "date"),
        ("2024-03-05,5,25:00,11", "Row 3: effort '11' must be a whole number from 1", "effort"),
        ("2024-03-05,5,25:00,0", "Row 3: effort '0' must be a whole number from 1 to 10", "effort"),
        ("2024-03-05,5,25:00,6.5", "Row 3: effort '6.5' must be a whole number", "effort"),
    ],
)
def test_csv_bad_row_names_the_row_and_column(line: str, message: str, column: str) -> None:
    data = f"date,distance,duration,effort\n2024-03-04,5,25:00,5\n{line}\n2024-03-06,5,25:00,5\n"
    with pytest.raises(ImportProblem) as caught:
        parse_csv(data.encode())  # all-or-nothing: good rows around it are not returned
    assert str(caught.value).startswith(message)
    assert (caught.value.row, caught.value.column) == (3, column)


def test_csv_bad_row_reports_the_users_column_label() -> None:
    with pytest.raises(ImportProblem) as caught:
        parse_csv(b"Date,Distance (km),Time\n2024-03-05,5,soon\n")
    assert caught.value.column == "Time"


def test_csv_absurd_distance_in_miles() -> None:
    with pytest.raises(ImportProblem, match="Row 2: distance 320 mi is more than 500 km"):
        parse_csv(b"date,distance_mi,duration\n2024-03-05,320,25:00\n")


def test_csv_row_with_too_many_values() -> None:
    with pytest.raises(ImportProblem, match="Row 2: this row has more values than the header"):
        parse_csv(b"date,distance,duration,comment\n2024-03-05,5,25:00,easy, then hills\n")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("date,distance,effort", "Row 1: there is no duration column"),
        ("distance,duration", "Row 1: there is no date column"),
        ("2024-03-05,5,25:00", "Row 1: there is no date column"),  # the header row was forgotten
        ("date,time,duration,distance", "Row 1: columns 'time' and 'duration' both look"),
        ("date,distance_km,distance_mi,duration", "Row 1: columns 'distance_km' and 'distance_mi'"),
        ("date,distance (yards),duration", "Row 1: distance unit 'yards' is not understood"),
    ],
)
def test_csv_bad_header(header: str, message: str) -> None:
    with pytest.raises(ImportProblem, match="^" + re.escape(message)) as caught:
        parse_csv(f"{header}\n2024-03-05,5,25:00,1\n".encode())
    assert caught.value.row == 1


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_csv_empty_file(data: bytes) -> None:
    with pytest.raises(ImportProblem, match="^The CSV file is empty"):
        parse_csv(data)


@pytest.mark.parametrize(
    "data", [b"date,distance,duration\n", b"\xef\xbb\xbfdate,distance,duration\n\n,,\n"]
)
def test_csv_header_only(data: bytes) -> None:
    with pytest.raises(ImportProblem, match="header row but no runs"):
        parse_csv(data)


def test_csv_not_utf8_names_the_row() -> None:
    text = "date,distance,duration,comment\n2024-03-05,5,25:00,ok\n2024-03-06,5,25:00,café\n"
    data = text.encode("cp1252")  # what Excel on Windows saves by default
    with pytest.raises(ImportProblem, match="^Row 3: the file is not UTF-8 text") as caught:
        parse_csv(data)
    assert caught.value.row == 3


@pytest.mark.parametrize("seed", range(5))
def test_csv_random_bytes_are_refused(seed: int) -> None:
    with pytest.raises(ImportProblem):
        parse_csv(random.Random(seed).randbytes(2000))


def test_csv_cut_short_file_is_refused() -> None:
    with pytest.raises(ImportProblem, match="Row 3: duration '2' is not a time"):
        parse_csv(GOOD_CSV.encode()[: GOOD_CSV.index("24:30") + 1])


def test_csv_units_argument_is_checked() -> None:
    with pytest.raises(ValueError, match="units"):
        parse_csv(GOOD_CSV.encode(), units="furlongs")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1:45:00", 6300),
        ("24:30", 1470),
        ("0:24:30", 1470),
        ("75:30", 4530),
        ("24:30.6", 1471),
        (" 1:05:09 ", 3909),
    ],
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert _parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text", ["", "45", "1:60:00", "24:60", "1:2:3", "-1:00", "1:7x:00", "1:00:00:00", "٢٤:٣٠"]
)
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        _parse_duration(text)


# --- fingerprint --------------------------------------------------------------------------

BASE = ParsedRun(
    on=date(2024, 3, 5), distance_m=10_000.0, duration_s=3000, sport="running", source="csv"
)


def test_fingerprint_is_pinned() -> None:
    # Changing the recipe would let every earlier import come back as duplicates.
    # The value is sha256("v1|2024-03-05|10000|3000"), checked with sha256sum.
    assert fingerprint(BASE) == "546ffb00ea5c1da15d3b7118921f3b91ec394929cca2cd592eef1d06a6c54f78"


def test_fingerprint_ignores_what_may_differ_between_imports_of_the_same_run() -> None:
    same = dataclasses.replace(
        BASE,
        distance_m=10_004.9,
        effort=8,
        comment="new",
        source="fit",
        row=7,
        started_at=datetime(2024, 3, 5, 6, 0, tzinfo=timezone.utc),
        sport="other",
    )
    assert fingerprint(same) == fingerprint(BASE)


@pytest.mark.parametrize(
    "change",
    [
        {"on": date(2024, 3, 6)},
        {"distance_m": 10_010.0},
        {"duration_s": 3001},
        {"duration_s": None},
    ],
)
def test_fingerprint_tells_different_runs_apart(change: dict) -> None:
    assert fingerprint(dataclasses.replace(BASE, **change)) != fingerprint(BASE)


def test_fingerprint_is_stable_across_imports(samples: Path) -> None:
    names = [
        "activity-small-fenix2-run.fit",
        "garmin-fenix-5-run.fit",
        "cerknicko-jezero.gpx",
        "track-with-empty-segment.gpx",
    ]
    first = [fingerprint(only(parse_file(name, read(samples, name)))) for name in names]
    again = [fingerprint(only(parse_file(name, read(samples, name)))) for name in names]
    assert first == again
    assert len(set(first)) == len(first)
    miles = b"date,distance_mi,duration\n2024-03-05,3.1,25:00\n2024-03-05,3.1,25:01\n"
    keys = [fingerprint(run) for run in parse_csv(miles)]
    assert keys == [fingerprint(run) for run in parse_csv(miles)]
    assert len(set(keys)) == 2


def test_parsed_run_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        BASE.distance_m = 1.0  # type: ignore[misc]


# --- parse_file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "sample", "source"),
    [
        ("RUN.FIT", "garmin-fenix-5-run.fit", "fit"),
        ("C:\\Users\\me\\Desktop\\track.Gpx", "cerknicko-jezero.gpx", "gpx"),
        ("downloaded", "garmin-fenix-5-run.fit", "fit"),  # no extension: FIT header recognised
        ("track.xml", "cerknicko-jezero.gpx", "gpx"),  # unknown extension: <gpx> recognised
    ],
)
def test_parse_file_dispatches(samples: Path, filename: str, sample: str, source: str) -> None:
    assert only(parse_file(filename, read(samples, sample))).source == source


def test_parse_file_csv_with_units() -> None:
    runs = parse_file("log.CSV", GOOD_CSV.encode(), csv_units="mi")
    assert [run.source for run in runs] == ["csv", "csv"]
    assert runs[1].distance_m == pytest.approx(8046.72)


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("log.txt", GOOD_CSV.encode(), "^'log.txt' is not a GPX, FIT or CSV file$"),
        ("photo.jpg", random.Random(3).randbytes(500), "^'photo.jpg' is not a GPX, FIT or CSV"),
        ("run.tcx", b"<TrainingCenterDatabase/>", "^'run.tcx' is not a GPX, FIT or CSV file$"),
        ("", b"hello", "^The file is not a GPX, FIT or CSV file$"),
        ("run.fit", b"", "^'run.fit' is empty"),
    ],
)
def test_parse_file_refuses(filename: str, data: bytes, message: str) -> None:
    with pytest.raises(ImportProblem, match=message):
        parse_file(filename, data)


def test_parse_file_trusts_a_known_extension(samples: Path) -> None:
    # A FIT file renamed .gpx is reported as a damaged GPX rather than silently guessed.
    with pytest.raises(ImportProblem, match="GPX file is damaged"):
        parse_file("run.gpx", read(samples, "garmin-fenix-5-run.fit"))
