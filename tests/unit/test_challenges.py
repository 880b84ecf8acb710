"""Challenge leaderboard order and ranks (coachsite.domain.challenges)."""
from datetime import date

import pytest

from coachsite.domain.challenges import Tally, leaderboard, measure, status


def tally(client_id: int, name: str, km: float, runs: int) -> Tally:
    return Tally(client_id, name, km * 1000, runs)


def test_distance_board_best_first_with_shared_ranks():
    board = leaderboard([tally(1, "Cara", 30, 3), tally(2, "abe", 42.5, 5), tally(3, "Bo", 30, 4),
                         tally(4, "Di", 0, 0)], "distance")
    assert [(s.rank, s.tally.name, s.value) for s in board] == [
        (1, "abe", 42500.0), (2, "Bo", 30000.0), (2, "Cara", 30000.0), (4, "Di", 0.0)]


def test_a_tie_on_the_measure_is_ordered_by_the_other_measure_then_name_then_id():
    board = leaderboard([tally(9, "Zed", 10, 2), tally(5, "amy", 12, 2), tally(7, "Amy", 12, 2)], "runs")
    assert [(s.rank, s.tally.client_id) for s in board] == [(1, 5), (1, 7), (1, 9)]


def test_runs_board_counts_runs():
    board = leaderboard([tally(1, "A", 50, 2), tally(2, "B", 5, 6)], "runs")
    assert [(s.rank, s.tally.name, s.value) for s in board] == [(1, "B", 6.0), (2, "A", 2.0)]


def test_the_board_does_not_depend_on_input_order():
    tallies = [tally(i, f"R{i % 3}", i % 4, i % 5) for i in range(20)]
    assert leaderboard(tallies, "distance") == leaderboard(list(reversed(tallies)), "distance")


def test_an_empty_board_and_an_unknown_metric():
    assert leaderboard([], "runs") == []
    with pytest.raises(ValueError):
        measure(tally(1, "A", 1, 1), "elevation")


def test_status_over_the_dates():
    start, end = date(2027, 3, 1), date(2027, 3, 31)
    assert status(start, end, date(2027, 2, 28)) == "upcoming"
    assert status(start, end, start) == status(start, end, end) == "running"
    assert status(start, end, date(2027, 4, 1)) == "finished"
    with pytest.raises(ValueError):
        status(end, start, start)
