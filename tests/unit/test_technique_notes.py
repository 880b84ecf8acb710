"""Technique notes on plain values: measured series per area and unit, and the small drawing."""
from datetime import date

from coachsite.domain.technique import Measure, measure_series, sparkline, text_key


def test_series_group_by_area_and_unit_oldest_first():
    measures = [Measure(date(2026, 11, 23), "cadence", "spm", 172), Measure(date(2026, 10, 12), "cadence", "SPM", 162),
                Measure(date(2026, 11, 2), "cadence", " spm", 168), Measure(date(2026, 11, 2), "posture", "deg", 7),
                Measure(date(2026, 11, 2), "cadence", "steps/min", 170), Measure(date(2026, 11, 3), "other", "", 1)]
    series = measure_series(measures)
    assert [(s.area, s.unit) for s in series] == [("cadence", "spm"), ("cadence", "steps/min"), ("posture", "deg")]
    cadence = series[0]
    assert [value for _, value in cadence.points] == [162, 168, 172]
    assert (cadence.first, cadence.last, cadence.change) == (162, 172, 10)


def test_text_key_compares_loosely():
    assert text_key("  Run   Tall ") == text_key("run tall")


def test_sparkline_draws_higher_values_higher():
    points = [tuple(map(float, p.split(","))) for p in sparkline([162, 168, 172], width=120, height=32, pad=2).split()]
    assert [x for x, _ in points] == [2.0, 60.0, 118.0]
    assert points[0][1] == 30.0 and points[-1][1] == 2.0
    assert sparkline([]) == ""
    assert sparkline([5, 5]) == "3.0,16.0 117.0,16.0"
    assert sparkline([5]) == "60.0,16.0"
