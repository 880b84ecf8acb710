"""Unit tests for goal and milestone settling (pure domain, no app)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachsite.domain.goals import (
    GPS_TOLERANCE,
    Contract,
    Kind,
    Outcome,
    Progress,
    RaceResult,
    Run,
    State,
    Target,
    can_make_easier,
    is_easier,
    progress_series,
    settle,
    target_weeks,
)

MON, SUN = 0, 6
D = date.fromisoformat

TEN_K = Target(Kind.DISTANCE, distance_m=10_000)
TEN_K_UNDER_50 = Target(Kind.TIME, distance_m=10_000, time_s=50 * 60)


def run(on: str, metres: float | None, seconds: int | None = None, id: int | None = None) -> Run:
    return Run(id=id, on=D(on), distance_m=metres, seconds=seconds)


def contract(
    target: Target,
    start: str = "2024-03-01",
    due: str = "2024-03-31",
    key: str = "goal",
    **kw: object,
) -> Contract:
    return Contract(key=key, start=D(start), due=D(due), target=target, **kw)  # type: ignore[arg-type]


def settle_one(c: Contract, runs: list[Run], today: str, **kw: object) -> Outcome:
    [outcome] = settle([c], runs, today=D(today), **kw)  # type: ignore[arg-type]
    return outcome


# ----------------------------------------------------------------- window


class TestWindow:
    def test_run_exactly_on_due_date_counts(self) -> None:
        out = settle_one(contract(TEN_K), [run("2024-03-31", 10_000, id=1)], "2024-04-05")
        assert (out.state, out.run_id, out.settled_on) == (State.ACHIEVED, 1, D("2024-03-31"))

    def test_run_exactly_on_start_date_counts(self) -> None:
        out = settle_one(contract(TEN_K), [run("2024-03-01", 10_000, id=1)], "2024-03-01")
        assert out.state is State.ACHIEVED

    def test_run_before_start_does_not_count(self) -> None:
        out = settle_one(contract(TEN_K), [run("2024-02-29", 42_195, id=1)], "2024-03-10")
        assert out.state is State.PENDING
        assert out.progress.best is None

    def test_run_after_due_does_not_count(self) -> None:
        out = settle_one(contract(TEN_K), [run("2024-04-01", 10_000, id=1)], "2024-04-02")
        assert (out.state, out.run_id, out.settled_on) == (State.MISSED, None, D("2024-03-31"))

    def test_run_dated_after_today_is_ignored(self) -> None:
        future = [run("2024-03-20", 12_000, id=1)]
        assert settle_one(contract(TEN_K), future, "2024-03-19").state is State.PENDING
        assert settle_one(contract(TEN_K), future, "2024-03-20").state is State.ACHIEVED

    def test_not_missed_on_due_date_only_after(self) -> None:
        c = contract(TEN_K)
        assert settle_one(c, [], "2024-03-31").state is State.PENDING
        missed = settle_one(c, [], "2024-04-01")
        assert (missed.state, missed.settled_on) == (State.MISSED, D("2024-03-31"))

    def test_pending_before_the_goal_even_starts(self) -> None:
        out = settle_one(contract(TEN_K), [run("2024-02-20", 10_000)], "2024-02-25")
        assert out.state is State.PENDING
        assert out.progress.fraction == 0.0

    def test_single_day_contract(self) -> None:
        c = contract(TEN_K, start="2024-03-05", due="2024-03-05")
        assert settle_one(c, [run("2024-03-05", 10_000)], "2024-03-05").state is State.ACHIEVED
        assert settle_one(c, [run("2024-03-04", 10_000)], "2024-03-06").state is State.MISSED

    def test_due_before_start_is_rejected(self) -> None:
        with pytest.raises(ValueError):
            contract(TEN_K, start="2024-03-02", due="2024-03-01")


# --------------------------------------------------------------- distance


class TestDistance:
    def test_first_qualifying_run_decides_not_the_longest(self) -> None:
        runs = [
            run("2024-03-03", 8_000, id=1),
            run("2024-03-10", 10_500, id=2),
            run("2024-03-17", 21_100, id=3),
        ]
        out = settle_one(contract(TEN_K), runs, "2024-03-20")
        assert (out.state, out.run_id, out.settled_on) == (State.ACHIEVED, 2, D("2024-03-10"))
        assert out.progress == Progress(best=21_100, target=10_000, fraction=1.0)

    @pytest.mark.parametrize(
        ("metres", "state"),
        [
            (10_000, State.ACHIEVED),
            (9_900, State.ACHIEVED),  # exactly 1 % short: the GPS tolerance edge
            (9_899.9, State.PENDING),
            (9_000, State.PENDING),
        ],
    )
    def test_gps_tolerance_edge(self, metres: float, state: State) -> None:
        assert GPS_TOLERANCE == 0.01
        assert settle_one(contract(TEN_K), [run("2024-03-05", metres)], "2024-03-06").state is state

    def test_progress_when_short(self) -> None:
        out = settle_one(contract(TEN_K), [run("2024-03-02", 6_000), run("2024-03-04", 7_500)], "2024-03-05")
        assert out.progress.best == 7_500
        assert out.progress.fraction == pytest.approx(0.75)
        assert out.progress.current_week is None

    @pytest.mark.parametrize("missing", [None, 0, -5.0, float("nan")])
    def test_runs_without_a_usable_distance_are_ignored(self, missing: float | None) -> None:
        out = settle_one(contract(TEN_K), [run("2024-03-05", missing, 3600, id=1)], "2024-03-06")
        assert out.state is State.PENDING
        assert out.progress.best is None

    def test_distance_does_not_need_a_duration(self) -> None:
        out = settle_one(contract(TEN_K), [run("2024-03-05", 10_000, None, id=4)], "2024-03-06")
        assert (out.state, out.run_id) == (State.ACHIEVED, 4)


# ------------------------------------------------------- time over distance


class TestTimeOverDistance:
    @pytest.mark.parametrize(
        ("metres", "seconds", "state"),
        [
            (10_000, 3_000, State.ACHIEVED),  # exactly on the limit
            (10_000, 3_001, State.PENDING),
            (12_000, 3_540, State.ACHIEVED),  # longer run, 4:55/km -> 49:10
            (21_100, 6_360, State.PENDING),  # longer run, 5:01/km -> 50:08
            (5_000, 1_200, State.PENDING),  # shorter run never counts, however fast
            (9_900, 2_970, State.ACHIEVED),  # tolerance edge: 49:30 for 9.9 km == 50:00
            (9_900, 2_971, State.PENDING),
            (9_890, 1_800, State.PENDING),  # beyond the tolerance
        ],
    )
    def test_rule(self, metres: float, seconds: int, state: State) -> None:
        out = settle_one(contract(TEN_K_UNDER_50), [run("2024-03-05", metres, seconds)], "2024-03-06")
        assert out.state is state

    def test_longer_run_is_scaled_by_pace(self) -> None:
        out = settle_one(contract(TEN_K_UNDER_50), [run("2024-03-05", 12_000, 3_540, id=9)], "2024-03-06")
        assert out.run_id == 9
        assert out.progress.best == pytest.approx(2_950)  # 3540 s * 10/12

    def test_run_without_duration_is_ignored_for_time(self) -> None:
        out = settle_one(contract(TEN_K_UNDER_50), [run("2024-03-05", 10_000, None)], "2024-04-01")
        assert out.state is State.MISSED
        assert out.progress.best is None
        assert out.progress.fraction == 0.0

    def test_best_equivalent_time_and_fraction_when_too_slow(self) -> None:
        runs = [run("2024-03-02", 10_000, 3_600), run("2024-03-09", 10_000, 3_300), run("2024-03-10", 5_000, 1_000)]
        out = settle_one(contract(TEN_K_UNDER_50), runs, "2024-03-11")
        assert out.state is State.PENDING
        assert out.progress.best == 3_300
        assert out.progress.target == 3_000
        assert out.progress.fraction == pytest.approx(3_000 / 3_300)

    def test_settled_by_first_fast_enough_run(self) -> None:
        runs = [
            run("2024-03-02", 10_000, 3_100, id=1),
            run("2024-03-09", 10_000, 2_990, id=2),
            run("2024-03-16", 10_000, 2_800, id=3),
        ]
        out = settle_one(contract(TEN_K_UNDER_50), runs, "2024-03-20")
        assert (out.run_id, out.settled_on) == (2, D("2024-03-09"))


# ---------------------------------------------------------- weekly volume

FORTY_A_WEEK = Target(Kind.WEEKLY_VOLUME, distance_m=40_000, weeks=1)


class TestWeeks:
    def test_monday_and_sunday_weeks(self) -> None:
        # 2024-03-04 is a Monday, 2024-03-17 a Sunday.
        c = contract(dataclasses.replace(FORTY_A_WEEK, weeks=5), start="2024-03-04", due="2024-03-17")
        assert target_weeks(c, MON) == [D("2024-03-04"), D("2024-03-11")]
        # Sunday weeks: 03-03 starts before start, 03-17..03-23 ends after due.
        assert target_weeks(c, SUN) == [D("2024-03-10")]

    def test_only_the_last_weeks_before_due_are_required(self) -> None:
        c = contract(dataclasses.replace(FORTY_A_WEEK, weeks=2), start="2024-03-01", due="2024-03-31")
        assert target_weeks(c, MON) == [D("2024-03-18"), D("2024-03-25")]

    def test_partial_due_week_is_not_required(self) -> None:
        c = contract(FORTY_A_WEEK, start="2024-03-01", due="2024-03-27")  # a Wednesday
        assert target_weeks(c, MON) == [D("2024-03-18")]

    def test_not_weekly(self) -> None:
        assert target_weeks(contract(TEN_K)) == []

    @pytest.mark.parametrize("bad", [-1, 7])
    def test_week_start_is_validated(self, bad: int) -> None:
        with pytest.raises(ValueError):
            settle([], [], today=D("2024-03-01"), week_start=bad)


class TestWeeklyVolume:
    c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=20_000, weeks=1), start="2024-03-04", due="2024-03-17")

    def test_same_runs_sunday_weeks_achieve_monday_weeks_miss(self) -> None:
        runs = [run("2024-03-10", 12_000, id=1), run("2024-03-16", 10_000, id=2)]  # Sun, Sat
        monday = settle_one(self.c, runs, "2024-03-18", week_start=MON)  # week 11..17: 10 km
        sunday = settle_one(self.c, runs, "2024-03-18", week_start=SUN)  # week 10..16: 22 km
        assert monday.state is State.MISSED
        assert (sunday.state, sunday.run_id, sunday.settled_on) == (State.ACHIEVED, 2, D("2024-03-16"))

    def test_same_runs_monday_weeks_achieve_sunday_weeks_miss(self) -> None:
        runs = [run("2024-03-11", 10_000, id=1), run("2024-03-17", 10_000, id=2)]  # Mon, Sun
        monday = settle_one(self.c, runs, "2024-03-18", week_start=MON)
        sunday = settle_one(self.c, runs, "2024-03-18", week_start=SUN)
        assert (monday.state, monday.run_id, monday.settled_on) == (State.ACHIEVED, 2, D("2024-03-17"))
        assert sunday.state is State.MISSED

    def test_every_target_week_must_reach_the_volume(self) -> None:
        c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=20_000, weeks=2), start="2024-03-04", due="2024-03-17")
        one_short = [run("2024-03-05", 20_000, id=1), run("2024-03-12", 19_000, id=2)]
        out = settle_one(c, one_short, "2024-03-18")
        assert out.state is State.MISSED
        assert (out.progress.best, out.progress.target) == (1, 2)
        assert out.progress.fraction == pytest.approx((1 + 19 / 20) / 2)

    def test_deciding_run_is_the_one_completing_the_final_week(self) -> None:
        c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=20_000, weeks=2), start="2024-03-04", due="2024-03-17")
        runs = [
            run("2024-03-12", 10_000, id=3),
            run("2024-03-14", 10_000, id=4),  # completes week 2
            run("2024-03-05", 25_000, id=1),  # week 1
            run("2024-03-16", 10_000, id=5),  # extra, after the decision
        ]
        out = settle_one(c, runs, "2024-03-17")
        assert (out.state, out.run_id, out.settled_on) == (State.ACHIEVED, 4, D("2024-03-14"))

    def test_week_done_early_but_earlier_week_completed_late_is_impossible(self) -> None:
        # Week 2 full, week 1 short: still pending on the due date, then missed.
        c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=20_000, weeks=2), start="2024-03-04", due="2024-03-17")
        runs = [run("2024-03-05", 5_000), run("2024-03-12", 30_000)]
        assert settle_one(c, runs, "2024-03-17").state is State.PENDING
        assert settle_one(c, runs, "2024-03-18").state is State.MISSED

    def test_partial_first_week_is_ignored(self) -> None:
        # Start Wednesday 03-06: that week is not a target week.
        c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=20_000, weeks=1), start="2024-03-06", due="2024-03-17")
        out = settle_one(c, [run("2024-03-07", 30_000)], "2024-03-18")
        assert out.state is State.MISSED

    def test_not_enough_full_weeks_can_never_be_achieved(self) -> None:
        c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=1_000, weeks=3), start="2024-03-04", due="2024-03-17")
        runs = [run("2024-03-05", 50_000), run("2024-03-12", 50_000)]
        assert settle_one(c, runs, "2024-03-17").state is State.PENDING
        out = settle_one(c, runs, "2024-03-18")
        assert out.state is State.MISSED
        assert out.progress.best == 2 and out.progress.fraction < 1

    def test_float_sums_are_not_undercounted(self) -> None:
        # 1000.1 + 17000.1 == 18000.199999999997 in binary floating point.
        c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=18_000.2, weeks=1), start="2024-03-04", due="2024-03-10")
        out = settle_one(c, [run("2024-03-05", 1_000.1), run("2024-03-06", 17_000.1)], "2024-03-10")
        assert out.state is State.ACHIEVED

    def test_progress_current_week(self) -> None:
        c = contract(Target(Kind.WEEKLY_VOLUME, distance_m=20_000, weeks=2), start="2024-03-04", due="2024-03-17")
        runs = [run("2024-03-05", 25_000), run("2024-03-11", 8_000), run("2024-03-12", 4_000), run("2024-03-15", 9_000)]
        out = settle_one(c, runs, "2024-03-13")  # the 03-15 run has not happened yet
        assert out.progress == Progress(best=1, target=2, fraction=pytest.approx((1 + 12 / 20) / 2), current_week=12_000)
        # After the due date the "current" week is the due date's week.
        assert settle_one(c, runs, "2024-05-01").progress.current_week == 21_000

    def test_runs_without_distance_add_nothing(self) -> None:
        out = settle_one(self.c, [run("2024-03-12", None, 7_200), run("2024-03-13", 10_000)], "2024-03-14")
        assert out.progress.current_week == 10_000


# ------------------------------------------------------------ consistency


class TestConsistency:
    c = contract(Target(Kind.CONSISTENCY, runs_per_week=3, weeks=2), start="2024-03-04", due="2024-03-17")

    def test_achieved_by_the_run_completing_the_last_week(self) -> None:
        runs = [
            run("2024-03-04", 5_000, id=1),
            run("2024-03-06", 5_000, id=2),
            run("2024-03-08", 5_000, id=3),
            run("2024-03-11", 5_000, id=4),
            run("2024-03-13", 5_000, id=5),
            run("2024-03-15", 5_000, id=6),
            run("2024-03-16", 5_000, id=7),
        ]
        out = settle_one(self.c, runs, "2024-03-20")
        assert (out.state, out.run_id, out.settled_on) == (State.ACHIEVED, 6, D("2024-03-15"))

    def test_missed_when_one_week_is_short(self) -> None:
        runs = [run(f"2024-03-0{d}", 5_000) for d in (4, 5, 6, 7, 8)] + [run("2024-03-11", 5_000), run("2024-03-12", 5_000)]
        out = settle_one(self.c, runs, "2024-03-18")
        assert out.state is State.MISSED
        assert out.progress.best == 1
        assert out.progress.fraction == pytest.approx((1 + 2 / 3) / 2)

    def test_two_runs_on_one_day_are_two_runs(self) -> None:
        c = contract(Target(Kind.CONSISTENCY, runs_per_week=2, weeks=1), start="2024-03-04", due="2024-03-10")
        out = settle_one(c, [run("2024-03-05", 5_000, id=1), run("2024-03-05", 8_000, id=2)], "2024-03-06")
        assert (out.state, out.run_id) == (State.ACHIEVED, 2)

    def test_a_session_needs_a_distance_or_a_duration(self) -> None:
        c = contract(Target(Kind.CONSISTENCY, runs_per_week=2, weeks=1), start="2024-03-04", due="2024-03-10")
        treadmill = [run("2024-03-05", None, 1_800, id=1), run("2024-03-06", 5_000, None, id=2)]
        assert settle_one(c, treadmill, "2024-03-07").state is State.ACHIEVED
        empty = [run("2024-03-05", None, None, id=1), run("2024-03-06", 5_000, id=2)]
        out = settle_one(c, empty, "2024-03-07")
        assert out.state is State.PENDING
        assert out.progress.current_week == 1

    def test_monday_versus_sunday_weeks(self) -> None:
        c = contract(Target(Kind.CONSISTENCY, runs_per_week=2, weeks=1), start="2024-03-04", due="2024-03-17")
        runs = [run("2024-03-10", 5_000), run("2024-03-11", 5_000), run("2024-03-17", 5_000)]  # Sun, Mon, Sun
        assert settle_one(c, runs, "2024-03-18", week_start=MON).state is State.ACHIEVED  # 11..17
        assert settle_one(c, runs, "2024-03-18", week_start=SUN).state is State.ACHIEVED  # 10..16
        assert settle_one(c, runs[1:], "2024-03-18", week_start=SUN).state is State.MISSED


# ------------------------------------------------------------------- race


class TestRace:
    c = contract(Target(Kind.RACE, race_id=7), start="2024-03-01", due="2024-04-14")

    def test_result_on_the_due_date_achieves(self) -> None:
        out = settle_one(self.c, [], "2024-04-15", race_results=[RaceResult(7, D("2024-04-14"), 12_600)])
        assert (out.state, out.run_id, out.settled_on) == (State.ACHIEVED, None, D("2024-04-14"))
        assert out.progress == Progress(best=12_600, target=None, fraction=1.0)

    def test_result_after_due_or_for_another_race_does_not_count(self) -> None:
        results = [RaceResult(7, D("2024-04-15"), 12_600), RaceResult(8, D("2024-04-01"), 12_000)]
        assert settle_one(self.c, [], "2024-04-14", race_results=results).state is State.PENDING
        out = settle_one(self.c, [], "2024-04-16", race_results=results)
        assert (out.state, out.progress.fraction) == (State.MISSED, 0.0)

    def test_runs_do_not_settle_a_race(self) -> None:
        out = settle_one(self.c, [run("2024-04-14", 42_195, 12_000, id=1)], "2024-04-15")
        assert out.state is State.MISSED

    def test_result_after_today_is_ignored(self) -> None:
        results = [RaceResult(7, D("2024-04-10"), 12_600)]
        assert settle_one(self.c, [], "2024-04-09", race_results=results).state is State.PENDING

    def test_result_before_start_still_counts(self) -> None:
        results = [RaceResult(7, D("2024-02-29"), 12_600)]
        assert settle_one(self.c, [], "2024-03-02", race_results=results).state is State.ACHIEVED

    def test_optional_time_limit(self) -> None:
        c = contract(Target(Kind.RACE, race_id="spring-half", time_s=6_000), due="2024-04-14")
        slow = [RaceResult("spring-half", D("2024-04-14"), 6_100)]
        out = settle_one(c, [], "2024-04-15", race_results=slow)
        assert (out.state, out.progress.best, out.progress.target) == (State.MISSED, 6_100, 6_000)
        no_time = [RaceResult("spring-half", D("2024-04-14"), None)]
        assert settle_one(c, [], "2024-04-15", race_results=no_time).state is State.MISSED
        fast = slow + [RaceResult("spring-half", D("2024-04-14"), 5_900)]
        assert settle_one(c, [], "2024-04-15", race_results=fast).state is State.ACHIEVED


# ----------------------------------------------------------------- states


class TestStates:
    def test_excused_is_neither_achieved_nor_missed(self) -> None:
        c = contract(TEN_K, excused=True)
        for today in ("2024-03-10", "2024-03-31", "2024-05-01"):
            out = settle_one(c, [run("2024-03-05", 5_000)], today)
            assert (out.state, out.run_id, out.settled_on) == (State.EXCUSED, None, None)

    def test_excuse_does_not_take_away_an_achievement(self) -> None:
        out = settle_one(contract(TEN_K, excused=True), [run("2024-03-05", 10_000, id=3)], "2024-05-01")
        assert (out.state, out.run_id) == (State.ACHIEVED, 3)

    def test_achieved_is_kept_even_without_runs(self) -> None:
        out = settle_one(contract(TEN_K, state=State.ACHIEVED), [], "2024-05-01")
        assert (out.state, out.run_id, out.settled_on) == (State.ACHIEVED, None, None)
        assert out.progress.fraction == 1.0

    def test_achieved_is_kept_even_if_excused_later(self) -> None:
        out = settle_one(contract(TEN_K, state=State.ACHIEVED, excused=True), [], "2024-05-01")
        assert out.state is State.ACHIEVED

    def test_missed_is_kept_even_if_a_late_logged_run_would_achieve(self) -> None:
        out = settle_one(contract(TEN_K, state=State.MISSED), [run("2024-03-30", 11_000, id=1)], "2024-05-01")
        assert (out.state, out.run_id, out.settled_on) == (State.MISSED, None, D("2024-03-31"))

    def test_excused_is_kept_even_if_achievable(self) -> None:
        out = settle_one(contract(TEN_K, state=State.EXCUSED), [run("2024-03-30", 11_000)], "2024-05-01")
        assert out.state is State.EXCUSED

    def test_settling_twice_gives_the_same_outcomes(self) -> None:
        contracts = [
            contract(TEN_K, key="a"),
            contract(TEN_K_UNDER_50, key="b"),
            contract(Target(Kind.DISTANCE, distance_m=20_000), key="c", excused=True),
            contract(TEN_K, key="d", due="2024-06-30"),
        ]
        runs = [run("2024-03-05", 10_000, 3_300, id=1)]
        first = settle(contracts, runs, today=D("2024-04-02"))
        assert [o.state for o in first] == [State.ACHIEVED, State.MISSED, State.EXCUSED, State.ACHIEVED]
        fed_back = [dataclasses.replace(c, state=o.state) for c, o in zip(contracts, first)]
        assert settle(fed_back, runs, today=D("2024-04-02")) == first

    def test_two_milestones_due_on_the_same_day_settle_independently(self) -> None:
        m1 = contract(Target(Kind.DISTANCE, distance_m=15_000), key="m1", due="2024-03-15")
        m2 = contract(Target(Kind.TIME, distance_m=5_000, time_s=1_500), key="m2", due="2024-03-15")
        runs = [run("2024-03-15", 5_000, 1_450, id=1)]
        out = settle([m1, m2], runs, today=D("2024-03-16"))
        assert [(o.key, o.state, o.run_id) for o in out] == [("m1", State.MISSED, None), ("m2", State.ACHIEVED, 1)]
        reversed_out = settle([m2, m1], runs, today=D("2024-03-16"))
        assert reversed_out == out[::-1]

    def test_empty_inputs(self) -> None:
        assert settle([], [run("2024-03-05", 10_000)], today=D("2024-03-06")) == []
        kinds = [
            TEN_K,
            TEN_K_UNDER_50,
            FORTY_A_WEEK,
            Target(Kind.CONSISTENCY, runs_per_week=3, weeks=1),
            Target(Kind.RACE, race_id=1),
        ]
        cs = [contract(t, key=t.kind.value) for t in kinds]
        assert {o.state for o in settle(cs, [], today=D("2024-03-31"))} == {State.PENDING}
        missed = settle(cs, [], today=D("2024-04-01"))
        assert {o.state for o in missed} == {State.MISSED}
        assert {o.progress.fraction for o in missed} == {0.0}

    def test_unsorted_runs_give_the_same_result(self) -> None:
        runs = [
            run("2024-03-20", 12_000, id=5),
            run("2024-03-10", 10_000, id=3),
            run("2024-03-02", 4_000, id=1),
            run("2024-03-10", 11_000, id=2),  # same day, lower id: decides
        ]
        out = settle_one(contract(TEN_K), runs, "2024-03-25")
        assert (out.run_id, out.settled_on) == (2, D("2024-03-10"))
        assert settle_one(contract(TEN_K), sorted(runs, key=lambda r: r.on), "2024-03-25") == out


class TestLeapDay:
    def test_run_on_leap_day_due_date(self) -> None:
        c = contract(TEN_K, start="2024-02-01", due="2024-02-29")
        assert settle_one(c, [run("2024-02-29", 10_000, id=1)], "2024-02-29").state is State.ACHIEVED
        out = settle_one(c, [run("2024-03-01", 10_000)], "2024-03-01")
        assert (out.state, out.settled_on) == (State.MISSED, D("2024-02-29"))

    def test_leap_week(self) -> None:
        # Monday 2024-02-26 .. Sunday 2024-03-03 holds Feb 29.
        c = contract(FORTY_A_WEEK, start="2024-02-26", due="2024-03-03")
        assert target_weeks(c) == [D("2024-02-26")]
        runs = [run("2024-02-28", 20_000), run("2024-02-29", 20_000, id=2)]
        out = settle_one(c, runs, "2024-03-01")
        assert (out.state, out.run_id, out.settled_on) == (State.ACHIEVED, 2, D("2024-02-29"))

    def test_easing_freeze_counts_the_leap_day(self) -> None:
        assert can_make_easier(True, D("2024-03-01"), D("2024-02-22"))  # 8 days in a leap year
        assert not can_make_easier(True, D("2023-03-01"), D("2023-02-22"))  # 7 days


# ------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "make",
    [
        lambda: Target(Kind.DISTANCE),
        lambda: Target(Kind.TIME, distance_m=10_000),
        lambda: Target(Kind.WEEKLY_VOLUME, distance_m=10_000),
        lambda: Target(Kind.CONSISTENCY, weeks=2),
        lambda: Target(Kind.RACE),
        lambda: Target(Kind.DISTANCE, distance_m=0),
        lambda: Target(Kind.DISTANCE, distance_m=float("inf")),
        lambda: Target(Kind.TIME, distance_m=10_000, time_s=-1),
        lambda: Target(Kind.CONSISTENCY, runs_per_week=2, weeks=1.5),
    ],
)
def test_invalid_targets_are_rejected(make: object) -> None:
    with pytest.raises(ValueError):
        make()  # type: ignore[operator]


# --------------------------------------------------------- progress series


class TestProgressSeries:
    def test_distance_best_so_far(self) -> None:
        runs = [
            run("2024-03-09", 8_000),
            run("2024-03-02", 5_000),
            run("2024-03-05", 4_000),
            run("2024-03-09", 6_000),  # same day: the day's best wins
            run("2024-02-28", 30_000),  # before start
            run("2024-03-12", None, 3_000),
        ]
        assert progress_series(contract(TEN_K), runs) == [
            (D("2024-03-02"), 5_000),
            (D("2024-03-05"), 5_000),
            (D("2024-03-09"), 8_000),
        ]

    def test_time_best_equivalent_so_far(self) -> None:
        runs = [
            run("2024-03-02", 10_000, 3_300),
            run("2024-03-05", 5_000, 1_200),  # too short: no point
            run("2024-03-09", 20_000, 6_200),  # -> 3100
            run("2024-03-16", 10_000, 3_200),  # slower: best stays
        ]
        assert progress_series(contract(TEN_K_UNDER_50), runs) == [
            (D("2024-03-02"), 3_300),
            (D("2024-03-09"), 3_100),
            (D("2024-03-16"), 3_100),
        ]

    def test_weekly_totals_depend_on_week_start(self) -> None:
        c = contract(FORTY_A_WEEK, start="2024-03-04", due="2024-03-17")
        runs = [run("2024-03-05", 10_000), run("2024-03-10", 5_000), run("2024-03-11", 7_000)]
        assert progress_series(c, runs, MON) == [(D("2024-03-04"), 15_000), (D("2024-03-11"), 7_000)]
        assert progress_series(c, runs, SUN) == [
            (D("2024-03-03"), 10_000),
            (D("2024-03-10"), 12_000),
            (D("2024-03-17"), 0.0),
        ]

    def test_weekly_series_includes_empty_weeks_and_stops_at_today(self) -> None:
        c = contract(FORTY_A_WEEK, start="2024-03-04", due="2024-03-31")
        runs = [run("2024-03-19", 12_000), run("2024-03-27", 9_000)]
        assert progress_series(c, runs, today=D("2024-03-20")) == [
            (D("2024-03-04"), 0.0),
            (D("2024-03-11"), 0.0),
            (D("2024-03-18"), 12_000),
        ]

    def test_consistency_counts_runs_per_week(self) -> None:
        c = contract(Target(Kind.CONSISTENCY, runs_per_week=3, weeks=1), start="2024-03-04", due="2024-03-17")
        runs = [run("2024-03-05", 5_000), run("2024-03-05", 3_000), run("2024-03-12", None, 1_800), run("2024-03-13", None, None)]
        assert progress_series(c, runs) == [(D("2024-03-04"), 2.0), (D("2024-03-11"), 1.0)]

    def test_race_has_no_curve_and_empty_runs_none_either(self) -> None:
        assert progress_series(contract(Target(Kind.RACE, race_id=1)), [run("2024-03-05", 10_000)]) == []
        assert progress_series(contract(TEN_K), []) == []


# ------------------------------------------------------- commitment rules


class TestCommitment:
    @pytest.mark.parametrize(
        ("accepted", "today", "allowed"),
        [
            (False, "2024-03-31", True),  # drafts are free to change
            (False, "2024-05-01", True),
            (True, "2024-03-01", True),
            (True, "2024-03-23", True),  # 8 days left
            (True, "2024-03-24", False),  # exactly 7 days left: inside the freeze
            (True, "2024-03-31", False),
            (True, "2024-04-01", False),  # after the deadline
        ],
    )
    def test_can_make_easier(self, accepted: bool, today: str, allowed: bool) -> None:
        assert can_make_easier(accepted, D("2024-03-31"), D(today)) is allowed

    @pytest.mark.parametrize(
        ("old", "new", "easier"),
        [
            (TEN_K, Target(Kind.DISTANCE, distance_m=9_000), True),
            (TEN_K, Target(Kind.DISTANCE, distance_m=12_000), False),
            (TEN_K, TEN_K, False),
            (TEN_K, Target(Kind.DISTANCE, distance_m=10_000, weeks=3), False),  # irrelevant field
            (TEN_K_UNDER_50, Target(Kind.TIME, distance_m=10_000, time_s=3_100), True),
            (TEN_K_UNDER_50, Target(Kind.TIME, distance_m=10_000, time_s=2_900), False),
            (TEN_K_UNDER_50, Target(Kind.TIME, distance_m=8_000, time_s=3_000), True),
            (TEN_K_UNDER_50, Target(Kind.TIME, distance_m=12_000, time_s=2_900), False),
            (TEN_K_UNDER_50, Target(Kind.TIME, distance_m=12_000, time_s=3_100), True),  # mixed
            (FORTY_A_WEEK, Target(Kind.WEEKLY_VOLUME, distance_m=40_000, weeks=2), False),
            (
                Target(Kind.WEEKLY_VOLUME, distance_m=40_000, weeks=4),
                Target(Kind.WEEKLY_VOLUME, distance_m=40_000, weeks=3),
                True,
            ),
            (FORTY_A_WEEK, Target(Kind.WEEKLY_VOLUME, distance_m=35_000, weeks=1), True),
            (
                Target(Kind.CONSISTENCY, runs_per_week=4, weeks=3),
                Target(Kind.CONSISTENCY, runs_per_week=3, weeks=3),
                True,
            ),
            (
                Target(Kind.CONSISTENCY, runs_per_week=4, weeks=3),
                Target(Kind.CONSISTENCY, runs_per_week=5, weeks=4, distance_m=1),
                False,
            ),
            (Target(Kind.RACE, race_id=1), Target(Kind.RACE, race_id=2), True),
            (Target(Kind.RACE, race_id=1), Target(Kind.RACE, race_id=1, time_s=3_600), False),
            (Target(Kind.RACE, race_id=1, time_s=3_600), Target(Kind.RACE, race_id=1), True),
            (Target(Kind.RACE, race_id=1, time_s=3_600), Target(Kind.RACE, race_id=1, time_s=3_700), True),
            (TEN_K, Target(Kind.CONSISTENCY, runs_per_week=7, weeks=9), True),  # kind switch
        ],
    )
    def test_is_easier(self, old: Target, new: Target, easier: bool) -> None:
        assert is_easier(old, new) is easier


# ------------------------------------------------------------- properties

DAY0 = D("2024-02-19")  # the generated span covers 2024-02-29
days = st.integers(min_value=0, max_value=40).map(lambda n: DAY0 + timedelta(days=n))

runs_st = st.lists(
    st.builds(
        Run,
        id=st.none() | st.integers(min_value=1, max_value=10_000),
        on=days,
        distance_m=st.none() | st.sampled_from([0.0, 3_000.0, 5_000.0, 9_950.0, 10_000.0, 15_000.5]),
        seconds=st.none() | st.integers(min_value=600, max_value=6_000),
    ),
    max_size=12,
).map(lambda rs: [dataclasses.replace(r, id=i if r.id else None) for i, r in enumerate(rs, start=1)])

targets_st = st.one_of(
    st.builds(Target, kind=st.just(Kind.DISTANCE), distance_m=st.sampled_from([5_000, 10_000, 20_000])),
    st.builds(
        Target,
        kind=st.just(Kind.TIME),
        distance_m=st.sampled_from([5_000, 10_000]),
        time_s=st.integers(min_value=900, max_value=4_000),
    ),
    st.builds(
        Target,
        kind=st.just(Kind.WEEKLY_VOLUME),
        distance_m=st.sampled_from([5_000, 15_000, 25_000]),
        weeks=st.integers(min_value=1, max_value=3),
    ),
    st.builds(
        Target,
        kind=st.just(Kind.CONSISTENCY),
        runs_per_week=st.integers(min_value=1, max_value=3),
        weeks=st.integers(min_value=1, max_value=3),
    ),
)


@st.composite
def contracts_st(draw: st.DrawFn) -> Contract:
    start = draw(days)
    due = start + timedelta(days=draw(st.integers(min_value=0, max_value=30)))
    return Contract(key="c", start=start, due=due, target=draw(targets_st), excused=draw(st.booleans()))


todays = st.integers(min_value=-5, max_value=80).map(lambda n: DAY0 + timedelta(days=n))
week_starts = st.integers(min_value=0, max_value=6)


@settings(deadline=None)
@given(contracts_st(), runs_st, todays, week_starts, st.randoms())
def test_property_order_of_runs_does_not_matter(
    c: Contract, runs: list[Run], today: date, ws: int, rnd: object
) -> None:
    shuffled = list(runs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert settle([c], shuffled, today=today, week_start=ws) == settle([c], runs, today=today, week_start=ws)


@settings(deadline=None)
@given(contracts_st(), runs_st, runs_st, todays, week_starts)
def test_property_more_runs_never_undo_an_achievement(
    c: Contract, runs: list[Run], extra: list[Run], today: date, ws: int
) -> None:
    [before] = settle([c], runs, today=today, week_start=ws)
    [after] = settle([c], runs + extra, today=today, week_start=ws)
    if before.state is State.ACHIEVED:
        assert after.state is State.ACHIEVED
        assert after.settled_on is not None and before.settled_on is not None
        assert after.settled_on <= before.settled_on


@settings(deadline=None)
@given(contracts_st(), runs_st, todays, week_starts, st.integers(min_value=1, max_value=60))
def test_property_decisions_are_idempotent_and_stable_over_time(
    c: Contract, runs: list[Run], today: date, ws: int, later: int
) -> None:
    [first] = settle([c], runs, today=today, week_start=ws)
    assert 0.0 <= first.progress.fraction <= 1.0
    assert (first.progress.fraction == 1.0) == (first.state is State.ACHIEVED) or first.state is State.EXCUSED
    if first.state is State.ACHIEVED:
        assert first.settled_on is not None and c.start <= first.settled_on <= min(c.due, today)
    if first.state is State.MISSED:
        assert today > c.due
    stored = dataclasses.replace(c, state=first.state)
    assert settle([stored], runs, today=today, week_start=ws) == [first]
    # Time passing alone never reverses a decision, even without storing it.
    # (EXCUSED is excluded: an unstored excuse yields to a later achievement.)
    if first.state in (State.ACHIEVED, State.MISSED):
        [next_time] = settle([c], runs, today=today + timedelta(days=later), week_start=ws)
        assert next_time.state is first.state
        assert (next_time.run_id, next_time.settled_on) == (first.run_id, first.settled_on)
