"""Unit tests for coachsite.domain.pacing (pure Python, no app needed)."""

from __future__ import annotations

import itertools
import math

import pytest

from coachsite.domain.pacing import (
    Split,
    TrainingPaces,
    equivalent_time,
    is_plausible_time,
    splits,
    taper_factors,
    taper_plan,
    time_for_vdot,
    training_paces,
    vdot,
    zone_pace_s_per_km,
)

MILE = 1609.344
HALF = 21097.5
MARATHON = 42195.0


def hms(text: str) -> int:
    """'1:31:35' / '19:57' -> seconds (keeps the tables readable)."""
    seconds = 0
    for part in text.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def rel_err(actual: float, expected: float) -> float:
    return abs(actual - expected) / expected


# Published race-equivalence values from the VDOT table in Daniels' Running
# Formula (3rd ed.). Only entries I am confident about are listed; the
# 1500 m / mile / 3 km columns only for VDOT 30 and 50.
PUBLISHED_RACES: dict[int, dict[float, str]] = {
    30: {1500: "8:30", MILE: "9:11", 3000: "17:56", 5000: "30:40", 10000: "63:46",
         HALF: "2:21:04", MARATHON: "4:49:17"},
    35: {5000: "27:00", 10000: "56:03", HALF: "2:04:13", MARATHON: "4:16:03"},
    40: {5000: "24:08", 10000: "50:03", HALF: "1:50:59", MARATHON: "3:49:45"},
    45: {5000: "21:50", 10000: "45:16", HALF: "1:40:20", MARATHON: "3:28:26"},
    50: {1500: "5:24", MILE: "5:50", 3000: "11:33", 5000: "19:57", 10000: "41:21",
         HALF: "1:31:35", MARATHON: "3:10:49"},
    55: {5000: "18:22", 10000: "38:06", HALF: "1:24:18", MARATHON: "2:56:01"},
    60: {5000: "17:03", 10000: "35:22", HALF: "1:18:09", MARATHON: "2:43:25"},
    65: {5000: "15:54", 10000: "33:01", HALF: "1:12:53", MARATHON: "2:32:35"},
    70: {5000: "14:55", 10000: "31:00", HALF: "1:08:21", MARATHON: "2:23:10"},
    75: {5000: "14:03", 10000: "29:14", HALF: "1:04:23", MARATHON: "2:14:55"},
    80: {5000: "13:18", 10000: "27:41", HALF: "1:00:54", MARATHON: "2:07:38"},
    85: {5000: "12:37", 10000: "26:19", HALF: "57:50", MARATHON: "2:01:10"},
}

RACE_CASES = [
    pytest.param(v, d, hms(t), id=f"vdot{v}-{d:g}m")
    for v, row in PUBLISHED_RACES.items()
    for d, t in row.items()
]
PAIR_CASES = [
    pytest.param(v, d1, hms(row[d1]), d2, hms(row[d2]), id=f"vdot{v}-{d1:g}m-to-{d2:g}m")
    for v, row in PUBLISHED_RACES.items()
    for d1, d2 in itertools.permutations(row, 2)
]


# --------------------------------------------------------------------------
# VDOT model
# --------------------------------------------------------------------------

@pytest.mark.parametrize(("vdot_value", "distance", "published_s"), RACE_CASES)
def test_time_for_vdot_matches_published_table(
    vdot_value: int, distance: float, published_s: int
) -> None:
    assert rel_err(time_for_vdot(vdot_value, distance), published_s) < 0.01


@pytest.mark.parametrize(("vdot_value", "distance", "published_s"), RACE_CASES)
def test_vdot_of_published_time(vdot_value: int, distance: float, published_s: int) -> None:
    assert vdot(distance, published_s) == pytest.approx(vdot_value, abs=0.3)


@pytest.mark.parametrize(("vdot_value", "d1", "t1", "d2", "t2"), PAIR_CASES)
def test_equivalent_time_between_published_pairs(
    vdot_value: int, d1: float, t1: int, d2: float, t2: int
) -> None:
    assert rel_err(equivalent_time(d1, t1, d2), t2) < 0.01


def test_vdot_known_value() -> None:
    # Hand calculation for 5 km in 20:00: v = 250 m/min,
    # VO2 = -4.6 + 45.5645 + 6.5 = 47.4645; fraction(20 min) = 0.952984;
    # 47.4645 / 0.952984 = 49.806.
    assert vdot(5000, 1200) == pytest.approx(49.81, abs=0.01)


def test_time_for_vdot_inverts_vdot_precisely() -> None:
    for distance in (800, 5000, MARATHON, 100_000):
        t = time_for_vdot(52.3, distance)
        assert vdot(distance, t) == pytest.approx(52.3, abs=1e-6)


def test_equivalent_time_same_distance_is_identity() -> None:
    assert equivalent_time(10000, 2700, 10000) == pytest.approx(2700, abs=0.01)


def test_equivalent_time_is_consistent_round_trip() -> None:
    there = equivalent_time(5000, 1320, MARATHON)
    assert equivalent_time(MARATHON, there, 5000) == pytest.approx(1320, abs=0.05)


def test_faster_race_means_higher_vdot() -> None:
    assert vdot(10000, 2400) > vdot(10000, 2500)


def test_riegel_matches_hand_calculation() -> None:
    # 1200 * 2^1.06 = 1200 * 2 * e^(0.06 ln 2) = 2400 * 1.042466 = 2501.92 s
    assert equivalent_time(5000, 1200, 10000, model="riegel") == pytest.approx(2501.92, abs=0.05)
    # 2400 * 2.10975^1.06 = 2400 * e^(1.06 * 0.746570) = 5295.37 s
    assert equivalent_time(10000, 2400, HALF, model="riegel") == pytest.approx(5295.37, abs=0.05)


@pytest.mark.parametrize(
    "call",
    [
        lambda: vdot(0, 1200),
        lambda: vdot(5000, -1),
        lambda: vdot(float("nan"), 1200),
        lambda: time_for_vdot(0, 5000),
        lambda: time_for_vdot(50, 0),
        lambda: equivalent_time(5000, 1200, 0),
        lambda: equivalent_time(5000, 1200, 10000, model="cameron"),
    ],
    ids=["zero-distance", "negative-time", "nan", "zero-vdot", "vdot-zero-distance",
         "zero-target", "unknown-model"],
)
def test_invalid_inputs_raise_value_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        call()


# --------------------------------------------------------------------------
# Training paces
# --------------------------------------------------------------------------

# Published Daniels training paces in s/km (3rd ed. training-intensity table).
PUBLISHED_PACES = [
    pytest.param(50, "easy_slow_s_per_km", hms("5:37"), id="vdot50-easy-slow"),
    pytest.param(50, "easy_fast_s_per_km", hms("5:07"), id="vdot50-easy-fast"),
    pytest.param(50, "marathon_s_per_km", hms("4:31"), id="vdot50-marathon"),
    pytest.param(50, "threshold_s_per_km", hms("4:15"), id="vdot50-threshold"),
    pytest.param(50, "interval_s_per_km", hms("3:55"), id="vdot50-interval"),
    pytest.param(50, "repetition_s_per_km", 87 * 2.5, id="vdot50-repetition-87s-per-400"),
    pytest.param(40, "threshold_s_per_km", hms("5:06"), id="vdot40-threshold"),
    pytest.param(40, "interval_s_per_km", hms("4:42"), id="vdot40-interval"),
    pytest.param(60, "marathon_s_per_km", hms("3:52"), id="vdot60-marathon"),
    pytest.param(60, "threshold_s_per_km", hms("3:40"), id="vdot60-threshold"),
    pytest.param(60, "interval_s_per_km", hms("3:23"), id="vdot60-interval"),
]


@pytest.mark.parametrize(("vdot_value", "field", "published"), PUBLISHED_PACES)
def test_training_paces_match_published(vdot_value: int, field: str, published: float) -> None:
    # Published paces are whole seconds, so 1.5 % is ample but still catches
    # e.g. interval pace at 100 % VO2max (3:50 instead of 3:55 at VDOT 50).
    assert rel_err(getattr(training_paces(vdot_value), field), published) < 0.015


@pytest.mark.parametrize("vdot_value", [30, 40, 50, 60, 70, 85])
def test_training_paces_are_ordered(vdot_value: int) -> None:
    p = training_paces(vdot_value)
    assert (
        p.easy_slow_s_per_km
        > p.easy_fast_s_per_km
        > p.marathon_s_per_km
        > p.threshold_s_per_km
        > p.interval_s_per_km
        > p.repetition_s_per_km
    )


def test_training_paces_is_frozen() -> None:
    p = training_paces(50)
    assert isinstance(p, TrainingPaces)
    with pytest.raises(AttributeError):
        p.threshold_s_per_km = 1.0  # type: ignore[misc]


def test_higher_vdot_gives_faster_paces() -> None:
    assert training_paces(55).threshold_s_per_km < training_paces(50).threshold_s_per_km


def test_zone_pace_helper() -> None:
    # VDOT 50 published: threshold 4:15/km, easy 5:07-5:37 -> middle 5:22.
    assert rel_err(zone_pace_s_per_km(50, "threshold"), 255) < 0.03
    assert rel_err(zone_pace_s_per_km(50, "easy"), 322) < 0.03
    p = training_paces(50)
    assert zone_pace_s_per_km(50, "easy") == pytest.approx(
        (p.easy_slow_s_per_km + p.easy_fast_s_per_km) / 2
    )
    for zone in ("marathon", "interval", "repetition"):
        assert zone_pace_s_per_km(50, zone) == getattr(p, f"{zone}_s_per_km")


def test_zone_pace_unknown_zone() -> None:
    with pytest.raises(ValueError):
        zone_pace_s_per_km(50, "tempo-ish")


def test_training_paces_reject_bad_vdot() -> None:
    with pytest.raises(ValueError):
        training_paces(0)


# --------------------------------------------------------------------------
# Splits
# --------------------------------------------------------------------------

def assert_consistent(result: list[Split], distance: float, goal: int, split_m: float) -> None:
    """Invariants every split plan must satisfy."""
    assert sum(s.split_s for s in result) == goal
    assert result[-1].cumulative_s == goal
    assert result[-1].distance_m == pytest.approx(distance)
    assert [s.index for s in result] == list(range(1, len(result) + 1))
    assert sum(s.split_distance_m for s in result) == pytest.approx(distance)
    running = 0
    for s in result:
        running += s.split_s
        assert s.cumulative_s == running
        assert isinstance(s.split_s, int) and isinstance(s.cumulative_s, int)
    assert all(s.split_distance_m == pytest.approx(split_m) for s in result[:-1])


# (distance, split length, expected number of splits, expected last split in metres)
SPLIT_LAYOUTS = [
    pytest.param(5000, 1000, 5, 1000.0, id="5k-per-km"),
    pytest.param(10000, 1000, 10, 1000.0, id="10k-per-km"),
    pytest.param(HALF, 1000, 22, 97.5, id="half-per-km"),
    pytest.param(MARATHON, 1000, 43, 195.0, id="marathon-per-km"),
    pytest.param(5000, MILE, 4, 5000 - 3 * MILE, id="5k-per-mile"),  # 0.1069 mi
    pytest.param(10000, MILE, 7, 10000 - 6 * MILE, id="10k-per-mile"),  # 0.2137 mi
    pytest.param(HALF, MILE, 14, HALF - 13 * MILE, id="half-per-mile"),  # 0.1094 mi
    pytest.param(MARATHON, MILE, 27, MARATHON - 26 * MILE, id="marathon-per-mile"),  # 0.2188 mi
]
GOALS = {5000: 1234, 10000: 2999, HALF: 5400, MARATHON: 12599}


@pytest.mark.parametrize("strategy, percent", [("even", 0), ("negative", 3), ("conservative", 5)])
@pytest.mark.parametrize(("distance", "split_m", "count", "last_m"), SPLIT_LAYOUTS)
def test_split_layout_and_exact_sum(
    distance: float, split_m: float, count: int, last_m: float, strategy: str, percent: float
) -> None:
    goal = GOALS[distance]
    result = splits(distance, goal, split_m, strategy=strategy, percent=percent)
    assert len(result) == count
    assert result[-1].split_distance_m == pytest.approx(last_m, abs=1e-6)
    assert_consistent(result, distance, goal, split_m)


def test_marathon_last_mile_split_is_0_2188_miles() -> None:
    last = splits(MARATHON, 3 * 3600, MILE)[-1]
    assert last.split_distance_m / MILE == pytest.approx(0.2188, abs=1e-4)


def test_even_splits_exact_values() -> None:
    result = splits(5000, 1200, 1000)
    assert [s.split_s for s in result] == [240] * 5
    assert [s.cumulative_s for s in result] == [240, 480, 720, 960, 1200]
    assert result[2] == Split(index=3, distance_m=3000, split_distance_m=1000,
                              split_s=240, cumulative_s=720)


def test_even_splits_round_cumulative_not_splits() -> None:
    # 1:30:00 half: 255.954 s/km. Rounding each split would give 22 x 256 and
    # drift; rounding the cumulative gives 256, 512, 768, 1024, 1280 (1279.77)...
    result = splits(HALF, 5400, 1000)
    assert [s.cumulative_s for s in result[:5]] == [256, 512, 768, 1024, 1280]
    assert [s.split_s for s in result[:5]] == [256, 256, 256, 256, 256]
    assert result[5].cumulative_s == 1536  # 1535.72
    assert result[6].cumulative_s == 1792  # 1791.68
    assert result[10].cumulative_s == 2815  # 2815.4995
    assert result[11].cumulative_s == 3071  # 3071.45
    assert result[-1].split_s == 25  # 97.5 m at 255.954 s/km = 24.96 s
    for s in result:
        assert s.cumulative_s == round(5400 * s.distance_m / HALF)


def test_even_per_mile_for_metric_race() -> None:
    # 10 km in 40:00 = 386.24 s/mile (6:26 /mi); last 343.94 m = 137.6 s.
    result = splits(10000, 2400, MILE)
    assert [s.cumulative_s for s in result] == [386, 772, 1159, 1545, 1931, 2317, 2400]


def test_negative_split_second_half_faster_by_percent() -> None:
    # 10 km in 40:00, 5 %: first half 2400/1.95 = 1230.77 s, second 1169.23 s.
    result = splits(10000, 2400, 1000, strategy="negative", percent=5)
    first_half = result[4].cumulative_s
    second_half = 2400 - first_half
    assert first_half == 1231
    assert second_half / first_half == pytest.approx(0.95, abs=0.002)
    assert {s.split_s for s in result[:5]} <= {246, 247}  # 246.15 s/km
    assert {s.split_s for s in result[5:]} <= {233, 234}  # 233.85 s/km
    assert_consistent(result, 10000, 2400, 1000)


def test_negative_split_marathon_per_mile() -> None:
    # 3:00:00, 4 %: first half 10800/1.96 = 5510.2 s -> 420.33 s/mile,
    # second half 420.33 * 0.96 = 403.51 s/mile.
    result = splits(MARATHON, 10800, MILE, strategy="negative", percent=4)
    assert abs(result[0].split_s - 420.33) <= 1
    assert abs(result[-2].split_s - 403.51) <= 1
    halfway = 13  # mile 13 ends at 20921 m, just before halfway
    first = result[halfway - 1].cumulative_s / (halfway * MILE)
    last = (10800 - result[halfway + 1].cumulative_s) / (MARATHON - (halfway + 2) * MILE)
    assert last / first == pytest.approx(0.96, abs=0.002)
    assert_consistent(result, MARATHON, 10800, MILE)


def test_conservative_first_third_slower() -> None:
    # 6 km in 24:00, 6 %: later pace p = 1440 / (6 * (1.06/3 + 2/3)) = 235.29,
    # opening third (2 km) at 249.41 s/km.
    result = splits(6000, 1440, 1000, strategy="conservative", percent=6)
    assert [s.cumulative_s for s in result] == [249, 499, 734, 969, 1205, 1440]
    assert result[0].split_s / result[-1].split_s == pytest.approx(1.06, abs=0.01)


def test_conservative_marathon_per_km() -> None:
    result = splits(MARATHON, 12600, 1000, strategy="conservative", percent=3)
    early = sum(s.split_s for s in result[:14]) / 14
    late = sum(s.split_s for s in result[15:42]) / 27
    assert early / late == pytest.approx(1.03, abs=0.002)
    assert_consistent(result, MARATHON, 12600, 1000)


def test_zero_percent_strategies_equal_even() -> None:
    even = splits(HALF, 5555, 1000)
    assert splits(HALF, 5555, 1000, "negative", 0) == even
    assert splits(HALF, 5555, 1000, "conservative", 0) == even


@pytest.mark.parametrize("percent", [0, 20])
def test_percent_bounds_inclusive(percent: float) -> None:
    assert sum(s.split_s for s in splits(5000, 1500, 1000, "negative", percent)) == 1500


@pytest.mark.parametrize("percent", [-0.5, 20.5, float("nan")])
def test_percent_out_of_range(percent: float) -> None:
    with pytest.raises(ValueError):
        splits(5000, 1500, 1000, "negative", percent)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"distance_m": 0, "goal_s": 1200, "split_m": 1000},
        {"distance_m": 5000, "goal_s": 0, "split_m": 1000},
        {"distance_m": 5000, "goal_s": -5, "split_m": 1000},
        {"distance_m": 5000, "goal_s": 1200, "split_m": 0},
        {"distance_m": 5000, "goal_s": 1200, "split_m": 1000, "strategy": "reverse"},
    ],
    ids=["zero-distance", "zero-goal", "negative-goal", "zero-split", "unknown-strategy"],
)
def test_splits_invalid_inputs(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        splits(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("goal", range(1000, 1100, 7))
def test_splits_sum_exactly_for_awkward_goals(goal: int) -> None:
    for split_m in (1000, MILE, 400):
        for strategy, percent in (("even", 0), ("negative", 7.5), ("conservative", 12)):
            result = splits(4321.5, goal, split_m, strategy, percent)
            assert_consistent(result, 4321.5, goal, split_m)


def test_half_second_rounds_up() -> None:
    # 2 km in 501 s: ideal 1 km cumulative 250.5 s -> 251 (not banker's 250).
    assert [s.cumulative_s for s in splits(2000, 501, 1000)] == [251, 501]


def test_split_shorter_than_one_split() -> None:
    result = splits(800, 150, 1000)
    assert len(result) == 1
    assert result[0] == Split(1, 800, 800, 150, 150)


# --------------------------------------------------------------------------
# Taper
# --------------------------------------------------------------------------

def test_taper_factors() -> None:
    assert taper_factors() == [0.8, 0.65, 0.45]
    assert taper_factors(3) == [0.8, 0.65, 0.45]
    assert taper_factors(2) == [0.7, 0.5]


@pytest.mark.parametrize("weeks", [0, 1, 4])
def test_taper_factors_invalid_weeks(weeks: int) -> None:
    with pytest.raises(ValueError):
        taper_factors(weeks)


def test_taper_plan_uses_peak_volume() -> None:
    planned = [50_000.0, 60_000.0, 70_000.0, 70_000.0, 60_000.0]
    assert taper_plan(planned, 2) == pytest.approx([50_000, 60_000, 70_000, 49_000, 35_000])
    assert taper_plan(planned, 3) == pytest.approx([50_000, 60_000, 56_000, 45_500, 31_500])


def test_taper_plan_invalid() -> None:
    with pytest.raises(ValueError):
        taper_plan([10_000.0], 2)
    with pytest.raises(ValueError):
        taper_plan([10_000.0, -1.0, 5_000.0], 2)
    with pytest.raises(ValueError):
        taper_plan([10_000.0] * 6, 5)


# --------------------------------------------------------------------------
# Plausibility
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("distance", "time_s", "expected"),
    [
        pytest.param(MARATHON, 600, False, id="marathon-10min"),
        pytest.param(MARATHON, hms("1:50:00"), False, id="marathon-1h50"),
        pytest.param(MARATHON, hms("2:00:35"), True, id="marathon-world-record"),
        pytest.param(MARATHON, hms("3:30:00"), True, id="marathon-3h30"),
        pytest.param(MARATHON, hms("7:30:00"), True, id="marathon-walker"),
        pytest.param(HALF, hms("57:31"), True, id="half-world-class"),
        pytest.param(5000, hms("12:35"), True, id="5k-world-record"),
        pytest.param(5000, hms("11:00"), False, id="5k-11min"),
        pytest.param(5000, hms("25:00"), True, id="5k-25min"),
        pytest.param(5000, hms("3:00:00"), False, id="5k-3h"),
        pytest.param(1500, hms("3:26"), True, id="1500-world-record"),
        pytest.param(1500, hms("2:50"), False, id="1500-2m50"),
        pytest.param(MILE, hms("3:43"), True, id="mile-world-record"),
        pytest.param(160_934.4, hms("30:00:00"), True, id="100-miler-30h"),
        pytest.param(10000, 0, False, id="zero-time"),
        pytest.param(-5, 1200, False, id="negative-distance"),
    ],
)
def test_is_plausible_time(distance: float, time_s: float, expected: bool) -> None:
    assert is_plausible_time(distance, time_s) is expected


def test_6_7_m_s_over_half_marathon_or_longer_is_rejected() -> None:
    assert not is_plausible_time(HALF, HALF / 6.7)
    assert not is_plausible_time(MARATHON, MARATHON / 6.7)


def test_plausible_average_runners_across_distances() -> None:
    # Every published VDOT 30..85 race time must pass validation.
    for row in PUBLISHED_RACES.values():
        for distance, t in row.items():
            assert is_plausible_time(distance, hms(t)), (distance, t)


def test_zero_distance_time_is_not_plausible() -> None:
    assert not is_plausible_time(0, 60)
    assert not is_plausible_time(float("nan"), 60)
    assert not is_plausible_time(5000, math.inf)
