"""Journey charts (coachsite.journey.charts): nice ticks, and SVG a page can inline under its CSP."""
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from coachsite.journey.charts import (Series, best_chart, date_label, date_ticks, longest_run_chart, nice_step,
                                      time_chart, value_ticks, weekly_volume_chart)

SVG = "{http://www.w3.org/2000/svg}"


def test_date_ticks_for_short_and_long_spans():
    assert date_ticks(date(2026, 1, 1), date(2026, 1, 4)) == [date(2026, 1, d) for d in (1, 2, 3, 4)]
    weekly = date_ticks(date(2026, 1, 1), date(2026, 2, 5))
    assert weekly == [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26), date(2026, 2, 2)]
    assert all(day.weekday() == 0 for day in weekly)
    assert date_ticks(date(2024, 3, 1), date(2026, 11, 20)) == [
        date(2024, 7, 1), date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1), date(2026, 7, 1)]
    assert date_ticks(date(2010, 5, 5), date(2026, 1, 1), most=4) == [date(2015, 1, 1), date(2020, 1, 1),
                                                                       date(2025, 1, 1)]
    with pytest.raises(ValueError):
        date_ticks(date(2026, 2, 1), date(2026, 1, 1))


@pytest.mark.parametrize("first,last", [(date(2026, 1, 1), date(2026, 1, 1)), (date(2025, 12, 30), date(2026, 3, 2)),
                                        (date(2001, 1, 1), date(2026, 12, 31))])
def test_date_ticks_stay_inside_the_span_and_are_few(first, last):
    ticks = date_ticks(first, last, most=4)
    assert 1 <= len(ticks) <= 4 and all(first <= tick <= last for tick in ticks) and ticks == sorted(ticks)


def test_date_labels():
    assert date_label(date(2026, 3, 9), date(2026, 3, 1), date(2026, 6, 1)) == "9 Mar"
    assert date_label(date(2026, 3, 1), date(2025, 3, 1), date(2026, 6, 1)) == "Mar 2026"


def test_value_ticks_cover_the_values_with_round_steps():
    assert value_ticks(0, 23.4) == (0, 25, [0, 5, 10, 15, 20, 25])
    assert nice_step(150, steps=(5, 10, 15, 30, 60)) == 30
    low, high, ticks = value_ticks(1650, 1720, steps=(5, 10, 15, 30, 60))
    assert low <= 1650 and high >= 1720 and len(ticks) <= 6 and all(t % 15 == 0 for t in ticks)
    assert value_ticks(0, 0)[:2] == (0, 1)  # nothing run yet: still an axis
    with pytest.raises(ValueError):
        value_ticks(2, 1)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_a_chart_is_accessible_csp_safe_svg_with_axes_and_labels():
    weeks = [(date(2026, 1, 5) + timedelta(weeks=i), 1000.0 * (10 + i % 5)) for i in range(20)]
    chart = weekly_volume_chart(weeks, "km", 1000.0)
    assert chart is not None
    root = _parse(chart.svg)
    assert root.get("role") == "img" and root.get("viewBox") == "0 0 420 280" and root.get("width") == "100%"
    assert root.get("aria-labelledby") == "weekly-volume-title weekly-volume-desc"
    assert root.find(f"{SVG}title").text == "Weekly volume"
    assert "20 weeks, the biggest 14 km" in root.find(f"{SVG}desc").text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Week" in texts and "km per week" in texts and "Weekly volume" in texts
    assert any(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", t or "") for t in texts)  # date ticks
    assert "style" not in chart.svg and not any(el.get("style") for el in root.iter())  # CSP: no styles
    assert not any(el.tag == f"{SVG}script" for el in root.iter())
    assert "Monaco" not in chart.svg and "#9c9c9c" not in chart.svg  # readable fonts and contrast


def test_a_lone_personal_best_and_a_longest_run_still_make_a_chart():
    best = best_chart("5 km", [(date(2026, 3, 9), 1680)], date(2026, 3, 9), "best-0")
    assert best is not None and "28:00" in best.svg and "1 improvement" in best.summary
    longest = longest_run_chart([(date(2026, 3, 2), 5000.0), (date(2026, 4, 6), 21100.0)], "mi", 1609.344,
                                date(2026, 5, 1))
    assert longest is not None and ">mi</text>" in longest.svg and "13.1 mi" in longest.summary


def test_nothing_to_draw_gives_no_chart():
    assert weekly_volume_chart([], "km", 1000.0) is None
    assert longest_run_chart([], "km", 1000.0, date(2026, 1, 1)) is None
    assert best_chart("5 km", [], date(2026, 1, 1), "b") is None
    with pytest.raises(ValueError):
        time_chart("c", "t", "s", [Series("empty", [])], x_name="x", y_name="y", y_label=str)
