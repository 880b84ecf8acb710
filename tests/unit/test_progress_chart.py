"""The inline SVG progress chart (pure function, no app): accessible, CSP-safe, scaled."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from coachsite.domain.progress_chart import HEIGHT, LEFT, PLOT_H, PLOT_W, TOP, WIDTH, progress_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
START, END = date(2027, 1, 4), date(2027, 3, 28)


def km(value: float) -> str:
    return f"{value / 1000:.1f} km"


def chart(points, **kwargs) -> str:  # type: ignore[no-untyped-def]
    options = {"target": 21100.0, "start": START, "end": END, "title": "Progress towards 21.1 km non-stop",
               "summary": "Longest run so far: 16.0 km of 21.1 km.", "label": km}
    options.update(kwargs)
    return progress_svg(points, **options)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_it_is_one_accessible_image():
    root = parse(chart([(date(2027, 1, 10), 12000.0)]))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Progress towards 21.1 km non-stop"
    assert root.find("svg:title", NS).text == "Progress towards 21.1 km non-stop"
    desc = root.find("svg:desc", NS)
    assert desc.text == "Longest run so far: 16.0 km of 21.1 km."
    assert root.get("aria-describedby") == desc.get("id")
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"


def test_no_scripts_no_style_attributes_no_event_handlers():
    svg = chart([(date(2027, 1, 10), 12000.0), (date(2027, 2, 1), 16000.0)], chart_id="g1")
    assert "<script" not in svg and "style=" not in svg and "<style" not in svg
    assert not re.search(r"\son\w+=", svg)
    for element in parse(svg).iter():
        assert "style" not in element.attrib


def test_axes_labels_and_a_dashed_target_line():
    root = parse(chart([(date(2027, 1, 10), 12000.0)]))
    lines = root.findall("svg:line", NS)
    assert len(lines) == 3  # two axes and the target
    target = [line for line in lines if line.get("stroke-dasharray")]
    assert len(target) == 1
    texts = [t.text for t in root.iter(f"{{{NS['svg']}}}text")]
    assert "Target 21.1 km" in texts
    assert "4 Jan" in texts and "28 Mar" in texts  # the date axis runs from start to end
    assert "0.0 km" in texts  # the value axis starts at zero


def test_points_become_a_line_with_a_dot_each_inside_the_plot():
    points = [(date(2027, 1, 10), 12000.0), (date(2027, 1, 24), 14000.0), (date(2027, 2, 7), 16000.0)]
    root = parse(chart(points))
    dots = root.findall("svg:circle", NS)
    assert len(dots) == 3
    xs = [float(d.get("cx")) for d in dots]
    ys = [float(d.get("cy")) for d in dots]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)  # later and longer: right and higher
    assert all(LEFT <= x <= LEFT + PLOT_W for x in xs) and all(TOP <= y <= TOP + PLOT_H for y in ys)
    assert len(root.find("svg:polyline", NS).get("points").split()) == 3
    assert dots[0].find("svg:title", NS).text == "10 Jan: 12.0 km"


def test_the_target_line_sits_where_the_target_value_is():
    root = parse(chart([(date(2027, 1, 10), 10550.0)]))
    target = next(line for line in root.findall("svg:line", NS) if line.get("stroke-dasharray"))
    dot = root.find("svg:circle", NS)
    bottom = TOP + PLOT_H
    # half the target sits half as high above the axis as the target
    assert float(target.get("y1")) == pytest.approx(bottom - 2 * (bottom - float(dot.get("cy"))), abs=0.2)


def test_reached_points_are_drawn_in_the_done_colour():
    root = parse(chart([(date(2027, 1, 10), 12000.0), (date(2027, 2, 10), 21100.0)]))
    first, second = root.findall("svg:circle", NS)
    assert first.get("fill") != second.get("fill")


def test_weekly_bars():
    weeks = [(date(2027, 1, 4), 30000.0), (date(2027, 1, 11), 41000.0), (date(2027, 1, 18), 0.0)]
    root = parse(chart(weeks, target=40000.0, bars=True))
    bars = root.findall("svg:rect", NS)
    assert len(bars) == 3
    assert float(bars[2].get("height")) == 0
    assert bars[1].get("fill") != bars[0].get("fill")  # the week that reached the target
    assert root.find("svg:circle", NS) is None


def test_times_lower_is_better_and_the_axis_does_not_start_at_zero():
    def clock(value: float) -> str:
        return f"{int(value) // 60}:{int(value) % 60:02d}"

    root = parse(chart([(date(2027, 1, 10), 3300.0), (date(2027, 2, 1), 2950.0)], target=3000.0, label=clock,
                       lower_is_better=True))
    texts = [t.text for t in root.iter(f"{{{NS['svg']}}}text")]
    assert "0:00" not in texts and "Target 50:00" in texts
    slow, fast = root.findall("svg:circle", NS)
    assert float(fast.get("cy")) > float(slow.get("cy"))  # a faster time is lower on the chart
    assert fast.get("fill") != slow.get("fill")


def test_no_points_says_so():
    svg = chart([])
    assert "No runs counted yet" in svg
    assert parse(svg).find("svg:circle", NS) is None


def test_text_is_escaped():
    svg = chart([], title='Tom & Jerry\'s "10 km" <b>', summary="<script>alert(1)</script>")
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.get("aria-label") == 'Tom & Jerry\'s "10 km" <b>'


def test_points_outside_the_range_are_clamped_into_the_plot():
    root = parse(chart([(date(2026, 12, 28), 50000.0), (date(2027, 5, 1), 1000.0)]))
    for dot in root.findall("svg:circle", NS):
        assert LEFT <= float(dot.get("cx")) <= LEFT + PLOT_W
        assert TOP <= float(dot.get("cy")) <= TOP + PLOT_H


@pytest.mark.parametrize("kwargs", [{"end": date(2027, 1, 1)}, {"target": 0.0}, {"target": -5.0}])
def test_impossible_charts_are_refused(kwargs):
    with pytest.raises(ValueError):
        chart([], **kwargs)


def test_a_one_day_range_still_draws():
    svg = chart([(START, 5000.0)], end=START)
    assert parse(svg).find("svg:circle", NS) is not None
