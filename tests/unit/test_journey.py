"""Unit tests for the journey (looking back): pure domain, no app."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachsite.domain.journey import (
    MARATHON_M,
    MILE_M,
    BestPoint,
    First,
    FirstKind,
    LongestRun,
    RaceResultRecord,
    RunRecord,
    Source,
    Split,
    fastest_segment,
    firsts,
    longest_run_progression,
    personal_bests,
    weekly_volume,
)

D = date.fromisoformat
MON, SUN = 0, 6
HALF_M = 21097.5


def run(
    id: int | None,
    on: str,
    metres: float | None,
    seconds: int | None = None,
    splits: tuple[tuple[float, int], ...] = (),
) -> RunRecord:
    return RunRecord(id, D(on), metres, seconds, tuple(Split(d, t) for d, t in splits))


def race(
    race_id: int | str, on: str, metres: float | None, seconds: int | None
) -> RaceResultRecord:
    return RaceResultRecord(race_id, f"Race {race_id}", D(on), metres, seconds)


def even_splits(total_m: float, per_km_s: list[int]) -> tuple[tuple[float, int], ...]:
    """Cumulative km points; the last one at ``total_m``."""
    points, elapsed = [], 0
    for km, seconds in enumerate(per_km_s, start=1):
        elapsed += seconds
        points.append((min(km * 1000.0, total_m), elapsed))
    return tuple(points)


def five_k(runs: list[RunRecord], races: Sequence[RaceResultRecord] = ()) -> list[BestPoint]:
    return personal_bests(runs, races)[5000]


# ------------------------------------------------------------ personal bests


class TestWholeEfforts:
    def test_whole_5k_run_gives_a_pb_with_its_full_time(self) -> None:
        assert five_k([run(1, "2024-03-02", 5020, 1500)]) == [
            BestPoint(D("2024-03-02"), 1500, Source.RUN, 1, whole=True)
        ]

    def test_10k_run_without_splits_gives_no_5k_pb(self) -> None:
        bests = personal_bests([run(1, "2024-03-02", 10_000, 2400)], [])
        assert bests[5000] == []
        assert bests[10_000] == [BestPoint(D("2024-03-02"), 2400, Source.RUN, 1, True)]

    @pytest.mark.parametrize(
        ("metres", "counts"),
        [(4950.0, True), (4949.0, False), (5050.0, True), (5051.0, False), (5000.0, True)],
    )
    def test_gps_tolerance_is_one_percent_either_way(self, metres: float, counts: bool) -> None:
        assert bool(five_k([run(1, "2024-03-02", metres, 1500)])) is counts

    def test_every_standard_distance_is_a_key_even_when_empty(self) -> None:
        bests = personal_bests([], [])
        assert bests == {1000: [], MILE_M: [], 5000: [], 10_000: [], HALF_M: [], MARATHON_M: []}

    def test_custom_distances(self) -> None:
        bests = personal_bests([run(1, "2024-03-02", 3000, 720)], [], distances=(3000,))
        assert list(bests) == [3000]
        assert bests[3000][0].seconds == 720

    @pytest.mark.parametrize("bad", [0, -5000, float("nan"), float("inf")])
    def test_bad_distances_are_rejected(self, bad: float) -> None:
        with pytest.raises(ValueError):
            personal_bests([], [], distances=(5000, bad))

    @pytest.mark.parametrize(
        ("metres", "seconds"), [(None, 1500), (0, 1500), (5000, None), (5000, 0), (-5000, 1500)]
    )
    def test_missing_or_zero_data_is_skipped(
        self, metres: float | None, seconds: int | None
    ) -> None:
        assert five_k([run(1, "2024-03-02", metres, seconds)]) == []


class TestImperialMile:
    def test_mile_run_counts_for_the_mile_not_the_km(self) -> None:
        bests = personal_bests([run(7, "2024-03-02", 1610, 400)], [])
        assert bests[MILE_M] == [BestPoint(D("2024-03-02"), 400, Source.RUN, 7, True)]
        assert bests[1000] == []

    def test_mile_segment_is_interpolated_inside_a_km_split(self) -> None:
        # 2 km at an even 250 s/km: a mile takes 1.609344 * 250 = 402.336 s.
        splits = ((1000.0, 250), (2000.0, 500))
        bests = personal_bests([run(7, "2024-03-02", 2000, 500, splits)], [])
        assert bests[MILE_M] == [BestPoint(D("2024-03-02"), 402, Source.RUN, 7, whole=False)]
        assert bests[1000] == [BestPoint(D("2024-03-02"), 250, Source.RUN, 7, whole=False)]


class TestSegments:
    def test_fast_5k_inside_a_10k_counts_when_splits_show_it(self) -> None:
        # Five easy km (300 s) then five fast ones (270 s).
        splits = even_splits(10_000, [300] * 5 + [270] * 5)
        bests = personal_bests([run(3, "2024-03-09", 10_000, 2850, splits)], [])
        assert bests[5000] == [BestPoint(D("2024-03-09"), 1350, Source.RUN, 3, whole=False)]
        assert bests[10_000] == [BestPoint(D("2024-03-09"), 2850, Source.RUN, 3, whole=True)]

    def test_segment_beats_an_older_whole_effort(self) -> None:
        splits = even_splits(10_000, [300] * 5 + [270] * 5)
        runs = [run(3, "2024-03-09", 10_000, 2850, splits), run(1, "2024-03-01", 5000, 1400)]
        assert [(p.on, p.seconds, p.whole) for p in five_k(runs)] == [
            (D("2024-03-01"), 1400, True),
            (D("2024-03-09"), 1350, False),
        ]

    def test_segment_straddling_a_split_is_interpolated(self) -> None:
        # 1 km slow, 1 km fast, 1 km slow: the fastest 1.5 km is 0.25 slow +
        # 1 fast + 0.25 slow = 100 + 200 + 100 s.
        splits = ((1000.0, 400), (2000.0, 600), (3000.0, 1000))
        assert fastest_segment([Split(d, t) for d, t in splits], 1500) == pytest.approx(400)

    def test_splits_short_of_the_distance_give_nothing(self) -> None:
        assert fastest_segment([Split(4900, 1400)], 5000) is None

    def test_implicit_start_point(self) -> None:
        assert fastest_segment([Split(5000, 1500)], 5000) == pytest.approx(1500)
        assert fastest_segment([Split(0, 0), Split(5000, 1500)], 5000) == pytest.approx(1500)

    def test_pause_does_not_count_at_either_end(self) -> None:
        # Stood still 600 s at 1 km, then ran 1 km in 240 s.
        splits = [Split(1000, 300), Split(1000, 900), Split(2000, 1140)]
        assert fastest_segment(splits, 1000) == pytest.approx(240)

    def test_pause_inside_a_segment_counts(self) -> None:
        splits = [Split(500, 150), Split(500, 450), Split(1000, 600)]
        assert fastest_segment(splits, 1000) == pytest.approx(600)

    @pytest.mark.parametrize(
        "splits",
        [
            [Split(2000, 500), Split(1000, 600), Split(6000, 1800)],  # distance goes back
            [Split(1000, 500), Split(6000, 400)],  # time goes back
            [Split(1000, -1), Split(6000, 1800)],
            [Split(float("nan"), 300), Split(6000, 1800)],
        ],
    )
    def test_unusable_splits_are_ignored_but_the_run_still_counts_whole(
        self, splits: list[Split]
    ) -> None:
        bad = RunRecord(1, D("2024-03-02"), 5000, 1500, tuple(splits))
        assert fastest_segment(splits, 5000) is None
        assert five_k([bad]) == [BestPoint(D("2024-03-02"), 1500, Source.RUN, 1, True)]

    def test_whole_effort_wins_a_tie_with_its_own_segment(self) -> None:
        splits = even_splits(5000, [300] * 5)
        assert five_k([run(1, "2024-03-02", 5000, 1500, splits)])[0].whole is True

    def test_segment_time_rounds_to_nearest_second(self) -> None:
        # 1.5 km in 451 s: the fastest km is 451 / 1.5 = 300.67 -> 301.
        bests = personal_bests([run(1, "2024-03-02", 1500, 451, ((1500.0, 451),))], [])
        assert bests[1000][0].seconds == 301


class TestRaces:
    def test_race_result_counts_for_its_distance(self) -> None:
        bests = personal_bests([], [race("spring-10", "2024-04-07", 10_000, 2500)])
        assert bests[10_000] == [BestPoint(D("2024-04-07"), 2500, Source.RACE, "spring-10", True)]
        assert bests[5000] == []

    def test_non_standard_race_gives_no_best(self) -> None:
        bests = personal_bests([], [race(1, "2024-04-07", 16_093.44, 4800)])
        assert all(points == [] for points in bests.values())

    def test_race_without_time_is_skipped(self) -> None:
        assert personal_bests([], [race(1, "2024-04-07", 5000, None)])[5000] == []

    def test_race_wins_a_same_day_tie_with_a_run(self) -> None:
        points = five_k([run(9, "2024-04-07", 5000, 1400)], [race(2, "2024-04-07", 5000, 1400)])
        assert [(p.source, p.source_id) for p in points] == [(Source.RACE, 2)]


class TestProgression:
    def test_only_improvements_are_points(self) -> None:
        runs = [
            run(1, "2024-01-06", 5000, 1600),
            run(2, "2024-01-13", 5000, 1550),
            run(3, "2024-01-20", 5000, 1580),  # slower: not a point
            run(4, "2024-01-27", 5000, 1550),  # equal: not a point
            run(5, "2024-02-03", 5000, 1500),
        ]
        random.Random(4).shuffle(runs)
        assert [(p.source_id, p.seconds) for p in five_k(runs)] == [
            (1, 1600),
            (2, 1550),
            (5, 1500),
        ]

    def test_slower_later_run_is_not_a_new_point(self) -> None:
        runs = [run(1, "2024-01-06", 5000, 1500), run(2, "2024-02-06", 5000, 1700)]
        assert [p.source_id for p in five_k(runs)] == [1]

    def test_only_the_fastest_of_a_day_is_a_point(self) -> None:
        runs = [run(2, "2024-01-06", 5000, 1600), run(1, "2024-01-06", 5000, 1500)]
        assert [p.source_id for p in five_k(runs)] == [1]

    def test_runs_and_races_interleave(self) -> None:
        points = five_k(
            [run(1, "2024-01-06", 5000, 1600), run(2, "2024-03-06", 5000, 1450)],
            [race("r", "2024-02-06", 5000, 1500)],
        )
        assert [(p.source, p.source_id) for p in points] == [
            (Source.RUN, 1),
            (Source.RACE, "r"),
            (Source.RUN, 2),
        ]


day_offsets = st.integers(min_value=0, max_value=400)
efforts = st.lists(
    st.tuples(
        day_offsets,
        st.floats(min_value=3000, max_value=12_000),
        st.integers(min_value=600, max_value=4000),
        st.booleans(),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(efforts)
def test_pb_progression_strictly_improves_over_strictly_later_dates(
    items: list[tuple[int, float, int, bool]],
) -> None:
    start = date(2024, 1, 1)
    runs = [
        run(
            i,
            (start + timedelta(days=day)).isoformat(),
            metres,
            seconds,
            even_splits(metres, [seconds // 10] * 12) if with_splits else (),
        )
        for i, (day, metres, seconds, with_splits) in enumerate(items)
    ]
    for points in personal_bests(runs, []).values():
        for before, after in zip(points, points[1:]):
            assert after.seconds < before.seconds
            assert after.on > before.on
    # The last point is the best qualifying whole-effort time or better.
    whole = [s for (_, m, s, _) in items if abs(m - 5000) <= 50]
    if whole:
        assert personal_bests(runs, [])[5000][-1].seconds <= min(whole)


points_st = st.lists(
    st.tuples(st.floats(min_value=0, max_value=500), st.integers(min_value=0, max_value=300)),
    min_size=1,
    max_size=15,
)


@settings(max_examples=200, deadline=None)
@given(points_st, st.floats(min_value=50, max_value=2000))
def test_fastest_segment_is_no_slower_than_any_sampled_window(
    steps: list[tuple[float, int]], distance: float
) -> None:
    # Cumulative points built from non-negative steps are always usable.
    splits, d, t = [], 0.0, 0
    for step_d, step_t in steps:
        d, t = d + step_d, t + step_t
        splits.append(Split(d, t))
    best = fastest_segment(splits, distance)
    if d < distance:
        assert best is None
        return
    assert best is not None

    def time_at(x: float) -> float:  # piecewise linear, earliest arrival
        prev_d, prev_t = 0.0, 0.0
        for s in splits:
            if s.distance_m >= x:
                if s.distance_m == prev_d:
                    return prev_t
                return prev_t + (s.seconds - prev_t) * (x - prev_d) / (s.distance_m - prev_d)
            prev_d, prev_t = s.distance_m, float(s.seconds)
        return prev_t

    for i in range(41):
        start = (d - distance) * i / 40
        assert best <= time_at(start + distance) - time_at(start) + 1e-6
    assert best >= -1e-9


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=1, max_value=800), min_size=1, max_size=20),
    st.floats(min_value=2, max_value=10),
    st.floats(min_value=0.05, max_value=1),
)
def test_fastest_segment_at_an_even_pace_is_that_pace(
    steps: list[float], seconds_per_m: float, share: float
) -> None:
    # Float times are fine for the maths even though devices give whole seconds.
    splits, d = [], 0.0
    for step in steps:
        d += step
        splits.append(Split(d, d * seconds_per_m))  # type: ignore[arg-type]
    distance = d * share
    assert fastest_segment(splits, distance) == pytest.approx(distance * seconds_per_m)


# --------------------------------------------------------------- longest run


class TestLongestRun:
    def test_each_increase_is_a_point(self) -> None:
        runs = [
            run(3, "2024-01-20", 8000),
            run(1, "2024-01-06", 5000),
            run(2, "2024-01-13", 4000),  # shorter: not a point
            run(4, "2024-01-27", 8000),  # equal: not a point
            run(5, "2024-02-03", 12_000),
        ]
        assert longest_run_progression(runs) == [
            (D("2024-01-06"), 5000, 1),
            (D("2024-01-20"), 8000, 3),
            (D("2024-02-03"), 12_000, 5),
        ]

    def test_same_day_only_the_longest_counts(self) -> None:
        runs = [run(1, "2024-01-06", 3000), run(2, "2024-01-06", 7000)]
        assert longest_run_progression(runs) == [LongestRun(D("2024-01-06"), 7000, 2)]

    def test_runs_without_distance_and_empty_input(self) -> None:
        assert (
            longest_run_progression([run(1, "2024-01-06", None, 1800), run(2, "2024-01-07", 0)])
            == []
        )
        assert longest_run_progression([]) == []


# ------------------------------------------------------------- weekly volume


class TestWeeklyVolume:
    # 2024-01-01 is a Monday; 2024-01-07 a Sunday.
    RUNS = [
        run(1, "2024-01-07", 5000),  # Sunday
        run(2, "2024-01-08", 6000),  # Monday
        run(3, "2024-01-24", 7000),  # Wednesday, two weeks later
        run(4, "2024-01-24", None, 1800),  # time only: a run, no metres
    ]

    def test_monday_weeks_with_a_gap(self) -> None:
        assert weekly_volume(self.RUNS, week_start=MON) == [
            (D("2024-01-01"), 5000.0),
            (D("2024-01-08"), 6000.0),
            (D("2024-01-15"), 0.0),
            (D("2024-01-22"), 7000.0),
        ]

    def test_sunday_weeks_group_sunday_with_the_next_monday(self) -> None:
        assert weekly_volume(self.RUNS, week_start=SUN) == [
            (D("2024-01-07"), 11_000.0),
            (D("2024-01-14"), 0.0),
            (D("2024-01-21"), 7000.0),
        ]

    def test_until_extends_with_empty_weeks_and_cuts_later_runs(self) -> None:
        assert weekly_volume(self.RUNS, until=D("2024-01-10"))[-1] == (D("2024-01-08"), 6000.0)
        extended = weekly_volume(self.RUNS, until=D("2024-02-06"))
        assert extended[-2:] == [(D("2024-01-29"), 0.0), (D("2024-02-05"), 0.0)]

    def test_until_before_first_run_and_empty_input(self) -> None:
        assert weekly_volume(self.RUNS, until=D("2023-12-31")) == []
        assert weekly_volume([]) == []

    def test_unlogged_records_do_not_start_the_journey(self) -> None:
        runs = [run(1, "2023-12-01", None, None), run(2, "2024-01-08", 6000)]
        assert weekly_volume(runs) == [(D("2024-01-08"), 6000.0)]

    @pytest.mark.parametrize("bad", [-1, 7])
    def test_bad_week_start(self, bad: int) -> None:
        with pytest.raises(ValueError):
            weekly_volume([], week_start=bad)


# ------------------------------------------------------------------- firsts


class TestFirsts:
    def test_order_labels_and_sources(self) -> None:
        runs = [
            run(5, "2024-06-01", 21_000),  # within 1 % of a half
            run(2, "2024-01-10", 3000),
            run(1, "2024-01-05", None, 900),  # time only still counts as logged
            run(3, "2024-02-01", 4960),  # 5 km within tolerance
            run(4, "2024-03-01", 10_500),
        ]
        races = [
            race("city", "2024-04-14", 10_000, 2700),
            race("m", "2024-10-13", MARATHON_M, 14_400),
        ]
        assert firsts(runs, races) == [
            First(FirstKind.RUN, D("2024-01-05"), Source.RUN, 1),
            First(FirstKind.FIVE_K, D("2024-02-01"), Source.RUN, 3),
            First(FirstKind.TEN_K, D("2024-03-01"), Source.RUN, 4),
            First(FirstKind.RACE, D("2024-04-14"), Source.RACE, "city"),
            First(FirstKind.HALF_MARATHON, D("2024-06-01"), Source.RUN, 5),
            First(FirstKind.MARATHON, D("2024-10-13"), Source.RACE, "m"),
        ]
        labels = [f.label for f in firsts(runs, races)]
        assert labels == [
            "First run logged",
            "First 5 km without stopping",
            "First 10 km",
            "First race",
            "First half marathon",
            "First marathon",
        ]

    def test_just_short_of_5k_is_not_a_first(self) -> None:
        kinds = [f.kind for f in firsts([run(1, "2024-01-05", 4949)], [])]
        assert kinds == [FirstKind.RUN]

    def test_one_long_run_sets_several_firsts_in_fixed_order(self) -> None:
        result = firsts([run(1, "2024-01-05", 12_000)], [race(1, "2024-01-05", 5000, 1500)])
        assert [f.kind for f in result] == [
            FirstKind.RUN,
            FirstKind.FIVE_K,
            FirstKind.TEN_K,
            FirstKind.RACE,
        ]
        # On a shared date the race result wins the 5 km first.
        assert (result[1].source, result[2].source) == (Source.RACE, Source.RUN)

    def test_empty(self) -> None:
        assert firsts([], []) == []
        assert firsts([run(1, "2024-01-05", None, None)], []) == []
