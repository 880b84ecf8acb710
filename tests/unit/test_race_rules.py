"""Race plans on plain values: standard distances, countdown, bests, equivalents, taper."""
from datetime import date, timedelta

import pytest

from coachsite.domain import pacing
from coachsite.domain import races as rules

RACE = date(2027, 4, 18)  # a Sunday


def test_standard_distances_are_recognised_also_when_typed_in_miles():
    assert rules.standard_key(5000) == "5k"
    assert rules.standard_key(10000) == "10k"
    assert rules.standard_key(13.1 * 1609.344) == "half"
    assert rules.standard_key(26.2 * 1609.344) == "marathon"
    assert rules.standard_key(15000) is None
    assert rules.standard_label(21097.5) == "Half marathon"
    assert rules.standard_metres("marathon") == pacing.MARATHON_M
    with pytest.raises(ValueError):
        rules.standard_metres("ultra")


def test_a_best_only_improves():
    assert rules.is_new_best(None, 1500)
    assert rules.is_new_best(1500, 1499)
    assert not rules.is_new_best(1500, 1500)
    assert not rules.is_new_best(1500, 1600)


def test_countdown_phrase():
    assert rules.countdown_phrase(rules.days_until(RACE, RACE)) == "today"
    assert rules.countdown_phrase(rules.days_until(RACE, RACE - timedelta(days=1))) == "tomorrow"
    assert rules.countdown_phrase(rules.days_until(RACE, RACE - timedelta(days=23))) == "in 23 days"
    with pytest.raises(ValueError):
        rules.countdown_phrase(-1)


def test_best_effort_is_the_highest_vdot_and_equivalents_keep_the_source_time():
    bests = [("5 km", 5000.0, 1500), ("10 km", 10000.0, 3300), ("Half marathon", 21097.5, None),
             ("Marathon", 42195.0, None)]
    effort = rules.best_effort(bests)
    assert effort is not None and effort.label == "5 km"  # 25:00 5K beats a 55:00 10K
    assert effort.vdot == pytest.approx(38.3, abs=0.1)
    rows = {row.label: row for row in rules.equivalents(effort)}
    assert rows["5 km"].is_source and rows["5 km"].vdot_s == rows["5 km"].riegel_s == 1500
    # Daniels' table for VDOT 38.3: 10K about 51:50, marathon about 3:59.
    assert rows["10 km"].vdot_s == pytest.approx(3110, rel=0.01)
    assert rows["Marathon"].vdot_s == pytest.approx(14340, rel=0.01)
    assert rows["10 km"].riegel_s == round(1500 * 2 ** 1.06)
    assert rules.best_effort([("5 km", 5000.0, None)]) is None


def test_taper_weeks_by_distance():
    assert rules.taper_weeks(5000) == 2
    assert rules.taper_weeks(pacing.HALF_MARATHON_M) == 2
    assert rules.taper_weeks(13.1 * 1609.344) == 2
    assert rules.taper_weeks(30000) == 3
    assert rules.taper_weeks(pacing.MARATHON_M) == 3


def test_weeks_end_on_race_day():
    weeks = rules.weeks_before(RACE, 3)
    assert weeks == [(date(2027, 3, 29), date(2027, 4, 4)), (date(2027, 4, 5), date(2027, 4, 11)),
                     (date(2027, 4, 12), date(2027, 4, 18))]


def _plan(weeks=6, km=(10, 8, 16), race_day_kind="race"):
    """Three sessions a week (Tue, Thu, Sat of each race-aligned week) plus the race itself."""
    sessions, next_id = [], 1
    for first, _last in rules.weeks_before(RACE, weeks):
        for offset, distance in zip((1, 3, 5), km):
            sessions.append(rules.PlannedDistance(next_id, first + timedelta(days=offset), "easy", distance * 1000.0,
                                                  None))
            next_id += 1
    sessions.append(rules.PlannedDistance(next_id, RACE, race_day_kind, pacing.HALF_MARATHON_M, None))
    return sessions


def test_taper_table_leaves_race_day_out_and_suggests_against_the_peak():
    table = rules.taper_table(RACE, pacing.HALF_MARATHON_M, _plan())
    assert len(table) == rules.LOOKBACK_WEEKS
    assert [w.planned_m for w in table] == [34000.0] * 6
    assert [w.is_taper for w in table] == [False] * 4 + [True] * 2
    assert [w.suggested_m for w in table[-2:]] == pytest.approx([34000 * 0.70, 34000 * 0.50])
    marathon = rules.taper_table(RACE, pacing.MARATHON_M, _plan(race_day_kind="long"))
    assert [w.suggested_m for w in marathon[-3:]] == pytest.approx([34000 * 0.80, 34000 * 0.65, 34000 * 0.45])
    assert marathon[-1].planned_m == 34000.0  # a long run planned on race day is not training volume
    assert rules.taper_table(RACE, 5000, []) == []


def test_taper_changes_bring_each_week_to_its_suggestion_and_never_touch_the_past():
    sessions = _plan()
    table = rules.taper_table(RACE, pacing.HALF_MARATHON_M, sessions)
    changes = rules.taper_changes(table, sessions, today=date(2027, 1, 1))
    changed = [s for s in sessions if s.id in changes]
    assert {s.on >= date(2027, 4, 5) for s in changed} == {True}
    assert all(s.kind != "race" for s in changed)
    for week in table[-2:]:
        new_total = sum(changes.get(s.id, s.distance_m) for s in sessions
                        if week.first <= s.on <= week.last and s.on != RACE)
        assert new_total == pytest.approx(week.suggested_m, abs=200)  # rounded to 100 m per session
    assert all(value % 100 == 0 for value in changes.values())
    # Half way through the first taper week, only what is still to come shrinks, and by more.
    midweek = date(2027, 4, 8)
    later = rules.taper_changes(table, sessions, today=midweek)
    assert all(s.on >= midweek for s in sessions if s.id in later)
    week = table[-2]
    total = sum(later.get(s.id, s.distance_m) for s in sessions if week.first <= s.on <= week.last)
    assert total == pytest.approx(week.suggested_m, abs=200)


def test_taper_never_adds_volume_nor_applies_twice():
    light = _plan(km=(2, 2, 2))[:-1]
    heavy_weeks = rules.weeks_before(RACE, 6)[:2]
    light += [rules.PlannedDistance(100 + i, first, "long", 30000.0, None) for i, (first, _) in enumerate(heavy_weeks)]
    table = rules.taper_table(RACE, pacing.HALF_MARATHON_M, light)
    assert rules.taper_changes(table, light, today=date(2027, 1, 1)) == {}
    tapered = [rules.PlannedDistance(s.id, s.on, s.kind, s.distance_m, s.distance_m) for s in _plan()]
    table = rules.taper_table(RACE, pacing.HALF_MARATHON_M, tapered)
    assert rules.taper_changes(table, tapered, today=date(2027, 1, 1)) == {}


def test_scaled_distance_rounds_and_keeps_a_minimum():
    assert rules.scaled_distance(8000, 0.65) == 5200
    assert rules.scaled_distance(8000, 1.2) == 8000
    assert rules.scaled_distance(1000, 0.1) == 500
    assert rules.scaled_distance(400, 0.5) == 400  # never longer than it was
