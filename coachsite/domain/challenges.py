"""Club challenges: the leaderboard's order and ranks, on plain values.

Pure standard-library code. A challenge measures distance (metres) or runs (a count) between
two dates; the SQL that sums each runner's logged runs lives in coachsite/clubs/challenges.py.

Rules (*chosen* where the brief was silent):

* Order: the challenge's measure, highest first; a tie goes to the other measure (more km when
  counting runs, more runs when counting km), then the name, case-folded, then the client id,
  so the board never depends on the order the database returned.
* Ranks are "competition" ranks (1, 2, 2, 4): runners equal on the measure share a rank even
  when the tie-break orders them, since the challenge is about the measure alone.
* Everyone takes part (*chosen*): a runner with nothing logged yet is on the board with 0.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

METRICS = ("distance", "runs")


@dataclass(frozen=True)
class Tally:
    client_id: int
    name: str
    metres: float
    runs: int


@dataclass(frozen=True)
class Standing:
    rank: int
    tally: Tally
    value: float  # the measure: metres or runs


def measure(tally: Tally, metric: str) -> float:
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    return float(tally.metres) if metric == "distance" else float(tally.runs)


def leaderboard(tallies: Iterable[Tally], metric: str) -> list[Standing]:
    """The board, best first, with competition ranks."""
    def key(t: Tally) -> tuple[float, float, str, int]:
        other = float(t.runs) if metric == "distance" else float(t.metres)
        return (-measure(t, metric), -other, t.name.casefold(), t.client_id)

    board: list[Standing] = []
    for position, tally in enumerate(sorted(tallies, key=key), start=1):
        value = measure(tally, metric)
        rank = board[-1].rank if board and board[-1].value == value else position
        board.append(Standing(rank, tally, value))
    return board


def status(starts_on: date, ends_on: date, today: date) -> str:
    """"upcoming", "running" or "finished"."""
    if ends_on < starts_on:
        raise ValueError("a challenge cannot end before it starts")
    if today < starts_on:
        return "upcoming"
    return "running" if today <= ends_on else "finished"
