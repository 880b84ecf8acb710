"""Unit tests for running-partner suggestions (pure domain, no app)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachsite.domain.journey import RunRecord
from coachsite.domain.partners import (
    RunnerProfile,
    Suggestion,
    easy_pace,
    suggest_pairs,
    usual_days,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
D = date.fromisoformat
MONDAY = D("2024-01-01")


def on(week: int, weekday: int) -> date:
    return MONDAY + timedelta(weeks=week, days=weekday)


def profile(client_id: int, pace: float | None, *days: int) -> RunnerProfile:
    return RunnerProfile(client_id, f"Runner {client_id}", pace, frozenset(days))


def ids(suggestions: list[Suggestion]) -> list[tuple[int, int]]:
    return [(s.client_a, s.client_b) for s in suggestions]


# ---------------------------------------------------------------- usual days


class TestUsualDays:
    def test_share_of_weeks_decides(self) -> None:
        # 8 weeks: Tuesday every week, Saturday 2 of 8 (25 %), Friday 1 of 8.
        dates = [on(w, TUE) for w in range(8)] + [on(1, SAT), on(5, SAT), on(3, FRI)]
        assert usual_days(dates) == frozenset({TUE, SAT})
        assert usual_days(dates, min_share=0.3) == frozenset({TUE})
        assert usual_days(dates, min_share=0.125) == frozenset({TUE, FRI, SAT})

    def test_two_runs_on_one_day_count_once(self) -> None:
        dates = [on(w, TUE) for w in range(4)] + [on(0, SAT)] * 3
        assert usual_days(dates, min_share=0.5) == frozenset({TUE})

    def test_only_the_last_weeks_count(self) -> None:
        # Used to run on Mondays, switched to Thursdays for the last 12 weeks.
        dates = [on(w, MON) for w in range(20)] + [on(w, THU) for w in range(20, 32)]
        assert usual_days(dates) == frozenset({THU})
        assert usual_days(dates, weeks=30) == frozenset({MON, THU})

    def test_new_member_is_judged_on_their_own_weeks(self) -> None:
        # Two weeks of data; 12 would put every share under 25 %.
        assert usual_days([on(0, WED), on(1, WED)], min_share=0.9) == frozenset({WED})

    def test_until_anchors_the_window(self) -> None:
        dates = [on(w, SUN) for w in range(4)]
        assert usual_days(dates, until=on(20, SUN)) == frozenset()
        assert usual_days(dates, until=on(2, SUN)) == frozenset({SUN})

    def test_order_does_not_matter_and_empty(self) -> None:
        dates = [on(w, d) for w in range(6) for d in (MON, THU)]
        shuffled = dates[:]
        random.Random(1).shuffle(shuffled)
        assert usual_days(shuffled) == usual_days(dates) == frozenset({MON, THU})
        assert usual_days([]) == frozenset()

    @pytest.mark.parametrize(("min_share", "weeks"), [(0, 12), (1.5, 12), (0.25, 0)])
    def test_bad_arguments(self, min_share: float, weeks: int) -> None:
        with pytest.raises(ValueError):
            usual_days([MONDAY], min_share=min_share, weeks=weeks)


# ----------------------------------------------------------------- easy pace


def timed(metres: float | None, seconds: int | None) -> RunRecord:
    return RunRecord(None, MONDAY, metres, seconds)


class TestEasyPace:
    def test_median_of_the_slower_half(self) -> None:
        # Paces 240, 270, 330, 360 s/km: slower half 330, 360 -> 345.
        runs = [timed(5000, 1200), timed(10_000, 2700), timed(8000, 2640), timed(5000, 1800)]
        assert easy_pace(runs) == pytest.approx(345)

    def test_odd_count_keeps_the_middle_run_in_the_slower_half(self) -> None:
        runs = [timed(1000, 240), timed(1000, 300), timed(1000, 360)]
        assert easy_pace(runs) == pytest.approx(330)
        assert easy_pace([timed(5000, 1500)]) == pytest.approx(300)

    def test_runs_with_missing_data_are_ignored(self) -> None:
        runs = [
            timed(None, 1800),
            timed(5000, None),
            timed(0, 1800),
            timed(5000, 0),
            timed(5000, 1500),
        ]
        assert easy_pace(runs) == pytest.approx(300)

    def test_no_data(self) -> None:
        assert easy_pace([]) is None
        assert easy_pace([timed(None, None)]) is None


# ---------------------------------------------------------------- suggestions


class TestSuggestPairs:
    def test_a_pair_with_its_gap_and_shared_days(self) -> None:
        result = suggest_pairs([profile(2, 330, TUE, SAT, SUN), profile(1, 320, SAT, TUE)])
        assert result == [Suggestion(1, 2, 10.0, (TUE, SAT), 2.25)]
        assert result[0].pair == frozenset({1, 2})

    @pytest.mark.parametrize(
        ("other", "paired"), [(320.0, True), (320.5, False), (280.0, True), (279.9, False)]
    )
    def test_pace_tolerance_is_inclusive(self, other: float, paired: bool) -> None:
        result = suggest_pairs(
            [profile(1, 300, MON), profile(2, other, MON)], tolerance_s_per_km=20
        )
        assert bool(result) is paired

    def test_float_rounding_at_the_edge_still_pairs(self) -> None:
        assert suggest_pairs([profile(1, 290.1, MON), profile(2, 310.1, MON)])

    def test_shared_days_threshold(self) -> None:
        runners = [profile(1, 300, MON, WED), profile(2, 300, WED, FRI)]
        assert ids(suggest_pairs(runners)) == [(1, 2)]
        assert suggest_pairs(runners, min_shared_days=2) == []
        no_overlap = [profile(1, 300, MON), profile(2, 300, FRI)]
        assert suggest_pairs(no_overlap) == []
        assert suggest_pairs(no_overlap, min_shared_days=0) == [Suggestion(1, 2, 0.0, (), 0.5)]

    def test_never_with_themselves(self) -> None:
        assert suggest_pairs([profile(1, 300, MON, TUE)]) == []
        with pytest.raises(ValueError):
            suggest_pairs([profile(1, 300, MON), profile(1, 300, MON)])

    def test_excluded_pair_is_left_out_either_way_round(self) -> None:
        runners = [profile(1, 300, MON), profile(2, 305, MON), profile(3, 310, MON)]
        assert ids(suggest_pairs(runners, exclude={frozenset({2, 1})})) == [(2, 3), (1, 3)]

    def test_runner_without_easy_pace_is_never_suggested(self) -> None:
        runners = [profile(1, None, MON, TUE), profile(2, 300, MON, TUE), profile(3, 300, MON)]
        assert ids(suggest_pairs(runners)) == [(2, 3)]

    def test_more_shared_days_beat_a_smaller_gap(self) -> None:
        runners = [
            profile(1, 300, MON, WED, SAT),
            profile(2, 300, MON),  # same pace, one shared day with 1
            profile(3, 318, MON, WED, SAT),  # 18 s slower, three shared days with 1
        ]
        result = suggest_pairs(runners)
        assert ids(result) == [(1, 3), (1, 2), (2, 3)]
        assert [s.score for s in result] == sorted((s.score for s in result), reverse=True)

    def test_ties_broken_by_ids_whatever_the_input_order(self) -> None:
        runners = [profile(i, 300, MON) for i in (7, 3, 5, 1)]
        expected = [(1, 3), (1, 5), (1, 7), (3, 5), (3, 7), (5, 7)]
        assert ids(suggest_pairs(runners)) == expected
        assert ids(suggest_pairs(list(reversed(runners)))) == expected

    def test_zero_tolerance_pairs_only_equal_paces(self) -> None:
        runners = [profile(1, 300, MON), profile(2, 300, MON), profile(3, 301, MON)]
        assert suggest_pairs(runners, tolerance_s_per_km=0) == [Suggestion(1, 2, 0.0, (MON,), 1.5)]

    @pytest.mark.parametrize("kwargs", [{"tolerance_s_per_km": -1}, {"min_shared_days": -1}])
    def test_bad_arguments(self, kwargs: dict[str, float]) -> None:
        with pytest.raises(ValueError):
            suggest_pairs([], **kwargs)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("pace", "days"), [(0.0, {MON}), (-300.0, {MON}), (300.0, {7})])
    def test_profile_rejects_nonsense(self, pace: float, days: set[int]) -> None:
        with pytest.raises(ValueError):
            RunnerProfile(1, "x", pace, frozenset(days))


profiles_st = st.lists(
    st.tuples(
        st.one_of(st.none(), st.floats(min_value=180, max_value=480)),
        st.frozensets(st.integers(min_value=0, max_value=6)),
    ),
    max_size=12,
).flatmap(
    lambda rows: st.permutations(
        [RunnerProfile(i + 1, f"R{i + 1}", pace, days) for i, (pace, days) in enumerate(rows)]
    )
)


@settings(max_examples=200, deadline=None)
@given(profiles_st, st.floats(min_value=0, max_value=60), st.integers(min_value=0, max_value=3))
def test_suggestions_are_valid_unique_pairs_in_score_order(
    profiles: list[RunnerProfile], tolerance: float, min_shared: int
) -> None:
    result = suggest_pairs(profiles, tolerance_s_per_km=tolerance, min_shared_days=min_shared)
    by_id = {p.client_id: p for p in profiles}
    pairs = [s.pair for s in result]
    assert len(set(pairs)) == len(pairs)  # no pair twice, in either order
    for s in result:
        a, b = by_id[s.client_a], by_id[s.client_b]
        assert s.client_a < s.client_b  # never with themselves
        assert a.easy_pace_s_per_km is not None and b.easy_pace_s_per_km is not None
        assert s.pace_gap_s_per_km <= tolerance + 1e-6
        assert len(s.shared_days) >= min_shared
        assert set(s.shared_days) == a.run_weekdays & b.run_weekdays
    assert [s.score for s in result] == sorted((s.score for s in result), reverse=True)
    # Input order never changes the answer.
    assert (
        suggest_pairs(sorted(profiles, key=lambda p: p.client_id), tolerance, min_shared) == result
    )
