"""The rules of a printed calendar, on plain values."""
from dataclasses import dataclass
from datetime import date

import pytest

from coachsite.domain import print_calendar as rules


@dataclass
class G:
    state: str
    due_on: date


@dataclass
class N:
    on: date
    cue: str
    status: str = "open"
    shared: bool = True


def test_a_print_range_is_checked_with_messages_people_can_act_on():
    wanted = rules.print_range("2027-11", "3", "LETTER")
    assert (wanted.first, wanted.last, wanted.paper) == (date(2027, 11, 1), date(2028, 1, 31), "letter")
    assert wanted.each_month() == [(2027, 11), (2027, 12), (2028, 1)]
    for start, months, paper, message in (("2027-1", 1, "a4", "Use a month like 2027-01."),
                                          ("2027-00", 1, "a4", "Use a month like 2027-01."),
                                          ("2101-01", 1, "a4", "Choose a month between 2000 and 2100."),
                                          ("2027-01", 0, "a4", "Choose from 1 to 12 months."),
                                          ("2027-01", "1.5", "a4", "Choose from 1 to 12 months."),
                                          ("2027-01", None, "a4", "Choose from 1 to 12 months."),
                                          ("2027-01", 12, "tabloid", "Choose A4 or US Letter.")):
        with pytest.raises(ValueError, match=message):
            rules.print_range(start, months, paper)


def test_the_heading_goal_is_the_nearest_accepted_else_proposed():
    proposed, later, sooner = G("proposed", date(2027, 1, 10)), G("accepted", date(2027, 3, 1)), \
        G("accepted", date(2027, 2, 1))
    assert rules.heading_goal([proposed, later, sooner], date(2027, 1, 1)) is sooner
    assert rules.heading_goal([proposed], date(2027, 1, 1)) is proposed
    assert rules.heading_goal([proposed, later], date(2027, 2, 1)) is later
    assert rules.heading_goal([proposed, G("achieved", date(2027, 3, 1))], date(2027, 2, 1)) is None


def test_the_cue_of_a_month_is_the_newest_open_shared_one_written_by_its_end():
    old, new, later = N(date(2027, 1, 2), "Run tall"), N(date(2027, 1, 20), "Quick feet"), N(date(2027, 2, 3), "Arms")
    private, done, empty = N(date(2027, 1, 25), "Secret", shared=False), N(date(2027, 1, 26), "Done", "resolved"), \
        N(date(2027, 1, 27), " ")
    notes = [old, new, later, private, done, empty]
    assert rules.cue_of_month(notes, date(2027, 1, 31)) is new
    assert rules.cue_of_month(notes, date(2027, 1, 10)) is old
    assert rules.cue_of_month([N(date(2027, 1, 2), "x", "improving")], date(2027, 1, 31)) is not None
    assert rules.cue_of_month(notes, date(2026, 12, 31)) is None


def test_fitting_a_day_keeps_a_line_for_more():
    assert rules.fit([1, 1, 1], 3) == 3
    assert rules.fit([2, 2, 2], 6) == 3
    assert rules.fit([2, 2, 2, 2], 6) == 2  # 4 lines of entries and "+2 more"
    assert rules.fit([4, 2], 4) == 0  # "+2 more" alone rather than an entry cut off
    assert rules.fit([], 5) == 0
    with pytest.raises(ValueError):
        rules.fit([1], 0)


def test_lines_of_an_entry():
    assert rules.lines_of("", cap=2) == 1
    assert rules.lines_of("x" * 26, cap=4) == 1 and rules.lines_of("x" * 27, cap=4) == 2
    assert rules.lines_of("x" * 500, cap=4) == 4


def test_weekday_names_follow_the_week_start():
    assert rules.weekday_names(0)[0] == "Monday" and rules.weekday_names(6) == [
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
