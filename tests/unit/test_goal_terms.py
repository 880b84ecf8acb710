"""Goal terms beyond the target: dates count as easing too, and how targets read."""
from __future__ import annotations

from datetime import date

import pytest

from coachsite.domain.goal_terms import Terms, describe, eases
from coachsite.domain.goals import Kind, Target

TEN = Target(Kind.DISTANCE, distance_m=10000)
START, DUE = date(2027, 1, 4), date(2027, 3, 1)


@pytest.mark.parametrize("new, easier", [
    (Terms(TEN, START, DUE), False),
    (Terms(Target(Kind.DISTANCE, distance_m=12000), START, DUE), False),
    (Terms(Target(Kind.DISTANCE, distance_m=8000), START, DUE), True),
    (Terms(TEN, START, date(2027, 3, 8)), True),   # more time
    (Terms(TEN, START, date(2027, 2, 22)), False),  # less time
    (Terms(TEN, date(2027, 1, 1), DUE), True),     # more runs count
    (Terms(TEN, date(2027, 1, 11), DUE), False),
])
def test_eases(new, easier):
    assert eases(Terms(TEN, START, DUE), new) is easier


@pytest.mark.parametrize("target, unit, text", [
    (Target(Kind.DISTANCE, distance_m=12000), "km", "12 km non-stop"),
    (Target(Kind.DISTANCE, distance_m=21097.5), "km", "21.1 km non-stop"),
    (Target(Kind.DISTANCE, distance_m=16093.44), "mi", "10 mi non-stop"),
    (Target(Kind.TIME, distance_m=10000, time_s=3000), "km", "10 km under 50:00"),
    (Target(Kind.WEEKLY_VOLUME, distance_m=40000, weeks=4), "km", "40 km a week for 4 weeks"),
    (Target(Kind.CONSISTENCY, runs_per_week=3, weeks=1), "km", "3 runs a week for 1 week"),
    (Target(Kind.CONSISTENCY, runs_per_week=1, weeks=6), "km", "1 run a week for 6 weeks"),
    (Target(Kind.RACE, race_id=1), "km", "Finish the race"),
    (Target(Kind.RACE, race_id=1, time_s=6900), "km", "Finish the race under 1:55:00"),
])
def test_describe(target, unit, text):
    assert describe(target, unit) == text


def test_describe_names_the_race():
    assert describe(Target(Kind.RACE, race_id=1), race_name="Riverside Half") == "Finish Riverside Half"
