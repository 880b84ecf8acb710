from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachsite.domain.calendar import (
    Compliance,
    DayStatus,
    RunFact,
    SessionFact,
    add_months,
    compliance,
    compliance_windows,
    copy_week,
    day_status,
    match_runs,
    month_range,
    needs_attention,
    parse_month,
    session_status,
    session_statuses,
    shift_dates,
    start_of_week,
    week_of,
    weeks_of_month,
)

MON, SUN = 0, 6
TODAY = date(2027, 3, 10)  # a Wednesday
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


def session(id, on, kind="easy", distance_m=None, duration_s=None, skipped=False):
    return SessionFact(id, on, kind, distance_m, duration_s, skipped)


def run(id, on, distance_m=None, duration_s=None):
    return RunFact(id, on, distance_m, duration_s)


# --- grids --------------------------------------------------------------------


def _check_grid(rows, year, month, week_start):
    first, last = month_range(year, month)
    flat = [d for row in rows for d in row]
    assert all(len(row) == 7 for row in rows)
    assert all(row[0].weekday() == week_start for row in rows)
    assert flat == [flat[0] + timedelta(days=i) for i in range(len(flat))]
    assert flat[0] <= first and flat[-1] >= last
    # No row lies entirely outside the month.
    assert all(any(d.month == month for d in row) for row in rows)


def test_february_2027_monday_start_is_exactly_four_rows():
    rows = weeks_of_month(2027, 2, MON)
    assert len(rows) == 4
    assert rows[0][0] == date(2027, 2, 1)
    assert rows[-1][-1] == date(2027, 2, 28)
    _check_grid(rows, 2027, 2, MON)


def test_february_2027_sunday_start_is_five_rows():
    rows = weeks_of_month(2027, 2, SUN)
    assert len(rows) == 5
    assert rows[0][0] == date(2027, 1, 31)
    assert rows[-1][-1] == date(2027, 3, 6)
    _check_grid(rows, 2027, 2, SUN)


def test_february_2026_sunday_start_is_four_rows():
    rows = weeks_of_month(2026, 2, SUN)
    assert len(rows) == 4
    assert rows[0][0] == date(2026, 2, 1)


def test_leap_february_2028():
    assert month_range(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))
    rows = weeks_of_month(2028, 2, MON)
    assert date(2028, 2, 29) in [d for row in rows for d in row]
    assert len(rows) == 5
    assert rows[0][0] == date(2028, 1, 31)
    assert rows[-1][-1] == date(2028, 3, 5)
    _check_grid(rows, 2028, 2, MON)


def test_non_leap_february_2027_and_century_rules():
    assert month_range(2027, 2) == (date(2027, 2, 1), date(2027, 2, 28))
    assert month_range(2100, 2)[1] == date(2100, 2, 28)
    assert month_range(2000, 2)[1] == date(2000, 2, 29)


def test_august_2027_starts_sunday_and_spans_six_monday_weeks():
    assert date(2027, 8, 1).weekday() == SUN
    rows = weeks_of_month(2027, 8, MON)
    assert len(rows) == 6
    assert rows[0][0] == date(2027, 7, 26)
    assert rows[0][-1] == date(2027, 8, 1)
    assert rows[-1][0] == date(2027, 8, 30)
    assert rows[-1][-1] == date(2027, 9, 5)
    _check_grid(rows, 2027, 8, MON)
    assert len(weeks_of_month(2027, 8, SUN)) == 5


@pytest.mark.parametrize("week_start", range(7))
@pytest.mark.parametrize(("year", "month"), [(2027, m) for m in range(1, 13)] + [(2028, 2)])
def test_every_grid_is_well_formed(year, month, week_start):
    rows = weeks_of_month(year, month, week_start)
    assert 4 <= len(rows) <= 6
    _check_grid(rows, year, month, week_start)


def test_start_of_week_and_week_of():
    wed = date(2027, 3, 10)
    assert start_of_week(wed, MON) == date(2027, 3, 8)
    assert start_of_week(wed, SUN) == date(2027, 3, 7)
    assert start_of_week(date(2027, 3, 7), SUN) == date(2027, 3, 7)
    assert start_of_week(date(2027, 3, 7), MON) == date(2027, 3, 1)
    assert week_of(wed, MON) == [date(2027, 3, 8) + timedelta(days=i) for i in range(7)]
    assert week_of(date(2027, 1, 1), MON)[0] == date(2026, 12, 28)


@pytest.mark.parametrize("bad", [-1, 7])
def test_bad_week_start(bad):
    with pytest.raises(ValueError, match="week_start"):
        weeks_of_month(2027, 1, bad)


@pytest.mark.parametrize(
    ("year", "month", "n", "expected"),
    [(2027, 1, 1, (2027, 2)), (2027, 12, 1, (2028, 1)), (2027, 1, -1, (2026, 12)),
     (2027, 5, 0, (2027, 5)), (2027, 3, 24, (2029, 3)), (2027, 3, -15, (2025, 12))],
)
def test_add_months(year, month, n, expected):
    assert add_months(year, month, n) == expected


def test_month_range_december():
    assert month_range(2027, 12) == (date(2027, 12, 1), date(2027, 12, 31))


def test_parse_month():
    assert parse_month("2027-01") == (2027, 1)
    assert parse_month(" 2028-12 ") == (2028, 12)


@pytest.mark.parametrize("bad", ["", "2027", "2027-1", "2027-13", "2027-00", "27-01",
                                 "2027/01", "2027-01-05", "abcd-ef", "0000-01"])
def test_parse_month_rejects(bad):
    with pytest.raises(ValueError, match=r"Use YYYY-MM, e\.g\. 2027-01"):
        parse_month(bad)


# --- statuses -----------------------------------------------------------------


def test_status_labels_and_symbols_are_distinct():
    shown = [s for s in DayStatus if s is not DayStatus.EMPTY]
    assert len({s.symbol for s in shown}) == len(shown)
    assert len({s.label for s in shown}) == len(shown)
    assert (DayStatus.DONE.label, DayStatus.DONE.symbol) == ("Done", "✓")
    assert (DayStatus.PARTIAL.label, DayStatus.PARTIAL.symbol) == ("Partly done", "◐")
    assert (DayStatus.MISSED.label, DayStatus.MISSED.symbol) == ("Missed", "✗")
    assert (DayStatus.SKIPPED.label, DayStatus.SKIPPED.symbol) == ("Skipped", "–")
    assert (DayStatus.PLANNED.label, DayStatus.PLANNED.symbol) == ("Planned", "○")
    assert DayStatus.UNPLANNED_RUN.css_class == "status-unplanned-run"
    assert DayStatus("done") is DayStatus.DONE


# --- matching -----------------------------------------------------------------


def test_match_single_session():
    s = session(1, YESTERDAY, distance_m=10000)
    r = run(10, YESTERDAY, distance_m=9000)
    assert match_runs([s], [r]) == {1: [10]}


def test_match_requires_same_day():
    s = session(1, YESTERDAY, distance_m=10000)
    assert match_runs([s], [run(10, TODAY, 10000)]) == {1: []}


def test_match_several_sessions_by_closest_distance():
    easy = session(1, YESTERDAY, distance_m=5000)
    long = session(2, YESTERDAY, distance_m=20000)
    runs = [run(10, YESTERDAY, 19000), run(11, YESTERDAY, 5500)]
    assert match_runs([easy, long], runs) == {1: [11], 2: [10]}


def test_match_each_session_gets_one_before_doubling_up():
    a = session(1, YESTERDAY, distance_m=10000)
    b = session(2, YESTERDAY, distance_m=12000)
    # Both runs are closer to b, but a must not be left empty.
    runs = [run(10, YESTERDAY, 11900), run(11, YESTERDAY, 11800)]
    assert match_runs([a, b], runs) == {1: [11], 2: [10]}


def test_match_extra_runs_join_closest_session():
    a = session(1, YESTERDAY, distance_m=5000)
    b = session(2, YESTERDAY, distance_m=20000)
    runs = [run(10, YESTERDAY, 12000), run(11, YESTERDAY, 12000), run(12, YESTERDAY, 5000)]
    assert match_runs([a, b], runs) == {1: [12], 2: [10, 11]}


def test_match_falls_back_to_duration():
    by_time = session(1, YESTERDAY, duration_s=3600)
    by_distance = session(2, YESTERDAY, distance_m=30000)
    runs = [run(10, YESTERDAY, distance_m=10000, duration_s=3500)]
    assert match_runs([by_time, by_distance], runs) == {1: [10], 2: []}


def test_rest_and_skipped_sessions_never_get_runs():
    rest = session(1, YESTERDAY, kind="rest")
    skipped = session(2, YESTERDAY, distance_m=10000, skipped=True)
    assert match_runs([rest, skipped], [run(10, YESTERDAY, 10000)]) == {1: [], 2: []}
    easy = session(3, YESTERDAY, distance_m=8000)
    assert match_runs([rest, skipped, easy], [run(10, YESTERDAY, 10000)]) == {
        1: [], 2: [], 3: [10]}


def test_match_ties_go_to_lower_session_id():
    a = session(2, YESTERDAY)
    b = session(1, YESTERDAY)
    assert match_runs([a, b], [run(10, YESTERDAY)]) == {1: [10], 2: []}


# --- session_status -----------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "done", "expected"),
    [(10000, 10000, DayStatus.DONE), (10000, 8000, DayStatus.DONE),
     (10000, 7999, DayStatus.PARTIAL), (10000, 1, DayStatus.PARTIAL),
     (10000, 15000, DayStatus.DONE)],
)
def test_session_status_distance_80_percent(planned, done, expected):
    s = session(1, YESTERDAY, distance_m=planned, duration_s=3600)
    assert session_status(s, [run(10, YESTERDAY, done, 3600)], TODAY) is expected


def test_session_status_sums_matched_runs():
    s = session(1, YESTERDAY, distance_m=10000)
    runs = [run(10, YESTERDAY, 4000), run(11, YESTERDAY, 4000)]
    assert session_status(s, runs, TODAY) is DayStatus.DONE
    assert session_status(s, runs[:1], TODAY) is DayStatus.PARTIAL


@pytest.mark.parametrize(
    ("done_s", "expected"), [(2880, DayStatus.DONE), (2879, DayStatus.PARTIAL)]
)
def test_session_status_duration_when_no_planned_distance(done_s, expected):
    s = session(1, YESTERDAY, duration_s=3600)
    assert session_status(s, [run(10, YESTERDAY, 1000, done_s)], TODAY) is expected


def test_session_status_uses_duration_when_runs_have_no_distance():
    s = session(1, YESTERDAY, distance_m=10000, duration_s=3600)
    assert session_status(s, [run(10, YESTERDAY, None, 1000)], TODAY) is DayStatus.PARTIAL


@pytest.mark.parametrize(
    "s",
    [session(1, YESTERDAY), session(1, YESTERDAY, distance_m=10000)],
)
def test_session_status_any_run_done_when_nothing_comparable(s):
    assert session_status(s, [run(10, YESTERDAY, None, 1200)], TODAY) is DayStatus.DONE


def test_session_status_without_runs():
    assert session_status(session(1, YESTERDAY), [], TODAY) is DayStatus.MISSED
    assert session_status(session(1, TODAY), [], TODAY) is DayStatus.PLANNED
    assert session_status(session(1, TOMORROW), [], TODAY) is DayStatus.PLANNED


def test_session_status_run_logged_today_or_ahead_is_done():
    for on in (TODAY, TOMORROW):
        s = session(1, on, distance_m=10000)
        assert session_status(s, [run(10, on, 10000)], TODAY) is DayStatus.DONE


def test_session_status_rest_and_skipped():
    assert session_status(session(1, YESTERDAY, kind="Rest"), [], TODAY) is DayStatus.REST
    assert session_status(session(1, TOMORROW, kind="rest"), [], TODAY) is DayStatus.REST
    skipped = session(1, YESTERDAY, distance_m=5000, skipped=True)
    assert session_status(skipped, [], TODAY) is DayStatus.SKIPPED
    assert session_status(
        session(1, TOMORROW, skipped=True), [], TODAY) is DayStatus.SKIPPED


# --- day_status ---------------------------------------------------------------


def test_day_status_empty_and_unplanned():
    assert day_status([], [], YESTERDAY, TODAY) is DayStatus.EMPTY
    assert day_status([], [run(10, YESTERDAY, 5000)], YESTERDAY, TODAY) is (
        DayStatus.UNPLANNED_RUN)


def test_day_status_rest_day():
    rest = session(1, YESTERDAY, kind="rest")
    assert day_status([rest], [], YESTERDAY, TODAY) is DayStatus.REST
    assert day_status([rest], [run(10, YESTERDAY, 5000)], YESTERDAY, TODAY) is (
        DayStatus.UNPLANNED_RUN)


def test_day_status_skipped_day():
    s = session(1, YESTERDAY, distance_m=5000, skipped=True)
    assert day_status([s], [], YESTERDAY, TODAY) is DayStatus.SKIPPED
    assert day_status([s], [run(10, YESTERDAY, 5000)], YESTERDAY, TODAY) is (
        DayStatus.UNPLANNED_RUN)


def test_day_status_single_session():
    s = session(1, YESTERDAY, distance_m=10000)
    assert day_status([s], [run(10, YESTERDAY, 10000)], YESTERDAY, TODAY) is DayStatus.DONE
    assert day_status([s], [run(10, YESTERDAY, 5000)], YESTERDAY, TODAY) is DayStatus.PARTIAL
    assert day_status([s], [], YESTERDAY, TODAY) is DayStatus.MISSED
    t = session(2, TODAY, distance_m=10000)
    assert day_status([t], [], TODAY, TODAY) is DayStatus.PLANNED
    assert day_status([t], [run(11, TODAY, 10000)], TODAY, TODAY) is DayStatus.DONE


def test_day_status_two_sessions():
    a = session(1, YESTERDAY, distance_m=5000)
    b = session(2, YESTERDAY, distance_m=10000)
    both = [run(10, YESTERDAY, 5000), run(11, YESTERDAY, 10000)]
    assert day_status([a, b], both, YESTERDAY, TODAY) is DayStatus.DONE
    assert day_status([a, b], both[:1], YESTERDAY, TODAY) is DayStatus.PARTIAL
    assert day_status([a, b], [], YESTERDAY, TODAY) is DayStatus.MISSED
    rest = session(3, YESTERDAY, kind="rest")
    assert day_status([a, rest], both[:1], YESTERDAY, TODAY) is DayStatus.DONE


def test_day_status_mixed_skipped_and_missed():
    a = session(1, YESTERDAY, distance_m=5000, skipped=True)
    b = session(2, YESTERDAY, distance_m=10000)
    assert day_status([a, b], [], YESTERDAY, TODAY) is DayStatus.MISSED
    assert day_status([a, b], [run(10, YESTERDAY, 10000)], YESTERDAY, TODAY) is (
        DayStatus.PARTIAL)


def test_day_status_ignores_other_days():
    s = session(1, YESTERDAY, distance_m=5000)
    assert day_status([s], [run(10, TODAY, 5000)], YESTERDAY, TODAY) is DayStatus.MISSED


# --- compliance ---------------------------------------------------------------


def _fortnight():
    start = TODAY - timedelta(days=13)
    days = [start + timedelta(days=i) for i in range(14)]
    sessions = [session(i, d, distance_m=10000) for i, d in enumerate(days)]
    return start, days, sessions


def test_compliance_counts_done_partial_skipped_missed():
    start, days, sessions = _fortnight()
    sessions[0] = session(0, days[0], distance_m=10000, skipped=True)
    sessions[1] = session(1, days[1], kind="rest")
    runs = [run(100, days[2], 10000), run(101, days[3], 2000)]
    result = compliance(sessions, runs, start, TODAY, TODAY)
    # Due: days 0 and 2..12 (rest excluded, today still planned) = 12.
    assert result == Compliance(done=2, planned=12, ratio=pytest.approx(2 / 12))


def test_compliance_today_counts_only_once_done_or_skipped():
    start, days, sessions = _fortnight()
    all_before = [run(100 + i, d, 10000) for i, d in enumerate(days[:-1])]
    assert compliance(sessions, all_before, start, TODAY, TODAY) == Compliance(13, 13, 1.0)
    done_today = all_before + [run(999, TODAY, 10000)]
    assert compliance(sessions, done_today, start, TODAY, TODAY) == Compliance(14, 14, 1.0)
    sessions[-1] = session(13, TODAY, skipped=True)
    assert compliance(sessions, all_before, start, TODAY, TODAY) == Compliance(13, 14, 13 / 14)


def test_compliance_window_is_clamped_to_today_and_inclusive():
    start, days, sessions = _fortnight()
    future = [session(50, TOMORROW, distance_m=1), session(51, TODAY + timedelta(7), 1)]
    before = [session(52, start - timedelta(days=1), distance_m=1)]
    result = compliance(sessions + future + before, [run(1, start, 10000)], start,
                        TODAY + timedelta(days=30), TODAY)
    assert (result.done, result.planned) == (1, 13)


def test_compliance_nothing_due_has_no_ratio():
    assert compliance([], [], YESTERDAY, TODAY, TODAY) == Compliance(0, 0, None)
    rest = [session(1, YESTERDAY, kind="rest")]
    assert compliance(rest, [], YESTERDAY, TODAY, TODAY).ratio is None
    future = [session(1, TOMORROW)]
    assert compliance(future, [], TOMORROW, TOMORROW, TODAY) == Compliance(0, 0, None)


def test_compliance_unplanned_runs_do_not_count():
    s = [session(1, YESTERDAY, distance_m=5000)]
    result = compliance(s, [run(10, YESTERDAY - timedelta(days=1), 5000)],
                        YESTERDAY - timedelta(days=1), TODAY, TODAY)
    assert result == Compliance(0, 1, 0.0)


# --- needs_attention ----------------------------------------------------------

GOOD = Compliance(done=4, planned=4, ratio=1.0)
NOTHING = Compliance(done=0, planned=0, ratio=None)


@pytest.mark.parametrize(("days_ago", "expected"), [(0, False), (6, False), (7, True), (30, True)])
def test_needs_attention_days_since_last_run(days_ago, expected):
    assert needs_attention(TODAY - timedelta(days=days_ago), GOOD, TODAY) is expected


def test_needs_attention_never_logged():
    assert needs_attention(None, Compliance(0, 3, 0.0), TODAY) is True
    assert needs_attention(None, NOTHING, TODAY) is False


@pytest.mark.parametrize(
    ("c", "expected"),
    [(Compliance(1, 2, 0.5), False), (Compliance(4, 9, 4 / 9), True),
     (Compliance(0, 1, 0.0), True), (NOTHING, False)],
)
def test_needs_attention_ratio_boundary(c, expected):
    assert needs_attention(YESTERDAY, c, TODAY) is expected


# --- bulk edits ---------------------------------------------------------------


def test_shift_dates():
    d = [date(2027, 3, 1), date(2027, 3, 10), date(2027, 3, 31), date(2027, 3, 9)]
    assert shift_dates(d, date(2027, 3, 10), 3) == [
        date(2027, 3, 1), date(2027, 3, 13), date(2027, 4, 3), date(2027, 3, 9)]
    assert shift_dates(d, date(2027, 3, 10), -2)[1] == date(2027, 3, 8)
    assert shift_dates(d, date(2027, 3, 10), 0) == d
    assert shift_dates([], date(2027, 3, 10), 5) == []


def test_shift_across_leap_day():
    assert shift_dates([date(2028, 2, 28)], date(2028, 1, 1), 1) == [date(2028, 2, 29)]


def test_copy_week():
    src = date(2027, 3, 8)
    dst = date(2027, 3, 22)
    dates = [date(2027, 3, 7), date(2027, 3, 8), date(2027, 3, 10), date(2027, 3, 14),
             date(2027, 3, 15)]
    assert copy_week(dates, src, dst) == {
        date(2027, 3, 8): date(2027, 3, 22),
        date(2027, 3, 10): date(2027, 3, 24),
        date(2027, 3, 14): date(2027, 3, 28),
    }
    # Copying back in time and over a month end works too.
    assert copy_week([date(2027, 3, 14)], src, date(2027, 2, 22)) == {
        date(2027, 3, 14): date(2027, 2, 28)}


# --- compliance over several windows at once ---------------------------------------------

_TODAY = date(2027, 3, 31)


@st.composite
def _history(draw):
    days = st.integers(min_value=0, max_value=35)
    sessions = [SessionFact(id=i, on=_TODAY - timedelta(days=draw(days)),
                            kind=draw(st.sampled_from(["easy", "long", "rest"])),
                            distance_m=draw(st.sampled_from([None, 5000.0, 10000.0])), duration_s=None,
                            skipped=draw(st.booleans()))
                for i in range(draw(st.integers(0, 30)))]
    runs = [RunFact(id=100 + i, on=_TODAY - timedelta(days=draw(days)),
                    distance_m=draw(st.sampled_from([3000.0, 5000.0, 12000.0])), duration_s=1800)
            for i in range(draw(st.integers(0, 30)))]
    return sessions, runs


@settings(max_examples=150, deadline=None)
@given(_history())
def test_compliance_windows_agree_with_compliance_per_window(history):
    sessions, runs = history
    found = compliance_windows(sessions, runs, _TODAY, (7, 14, 28))
    for length in (7, 14, 28):
        assert found[length] == compliance(sessions, runs, _TODAY - timedelta(days=length - 1), _TODAY, _TODAY)


@settings(max_examples=150, deadline=None)
@given(_history())
def test_day_status_from_the_range_s_statuses_agrees_with_the_day_s_own(history):
    """The month view works statuses out once for the whole range and hands them to day_status."""
    sessions, runs = history
    known = session_statuses(sessions, runs, _TODAY)
    for offset in range(36):
        day = _TODAY - timedelta(days=offset)
        of_day = [s for s in sessions if s.on == day]
        runs_of_day = [r for r in runs if r.on == day]
        assert day_status(of_day, runs_of_day, day, _TODAY, known=known) == day_status(of_day, runs_of_day, day, _TODAY)
