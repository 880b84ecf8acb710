"""Where a runner sits between extrinsic and intrinsic motivation, and the praise/push balance.

Pure standard-library code: answers in, numbers and words out.

Scoring (*chosen*, the brief only asked for 8-10 statements on a 1-5 agreement scale):

* Ten statements, five leaning extrinsic (rewards, deadlines, someone watching) and five
  leaning intrinsic (enjoyment, mastery, own targets). Balanced, so agreeing (or disagreeing)
  with everything lands in the middle rather than at one end.
* An extrinsic statement adds ``answer - 1`` points, an intrinsic one ``5 - answer``; the sum
  (0..40) is scaled to 0..100 and rounded. 0 is fully intrinsic, 100 fully extrinsic.
* Profile thresholds: below 40 is "intrinsic", above 60 is "extrinsic", 40..60 inclusive is
  "mixed". A band of 20 either side of the middle keeps one or two lukewarm answers from
  flipping a runner's label.

Praise and push: the balance counts tagged items (goal comments, technique notes) in a
window; the trainer is nudged after ``PUSH_STREAK`` pushes in a row with no praise between
them, counted from the most recent item backwards.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EXTRINSIC, INTRINSIC = "extrinsic", "intrinsic"
LOW, HIGH = 1, 5
INTRINSIC_BELOW = 40  # score < 40: intrinsic
EXTRINSIC_ABOVE = 60  # score > 60: extrinsic; 40..60: mixed
PUSH_STREAK = 3

AGREEMENT = ((1, "Strongly disagree"), (2, "Disagree"), (3, "Neither"), (4, "Agree"), (5, "Strongly agree"))


@dataclass(frozen=True)
class Statement:
    text: str
    leans: str  # EXTRINSIC or INTRINSIC


STATEMENTS: tuple[Statement, ...] = (
    Statement("A reward waiting at the end makes me train harder.", EXTRINSIC),
    Statement("I run because I enjoy how running feels.", INTRINSIC),
    Statement("Having a race entered is what gets me out of the door.", EXTRINSIC),
    Statement("I like looking back at how far I have come, whatever others do.", INTRINSIC),
    Statement("I train more consistently when someone checks my log.", EXTRINSIC),
    Statement("I set my own targets without anyone asking me to.", INTRINSIC),
    Statement("Beating other people's times matters a lot to me.", EXTRINSIC),
    Statement("I would keep running even with no races, medals or prizes.", INTRINSIC),
    Statement("I skip runs when nobody is expecting me.", EXTRINSIC),
    Statement("Getting better at technique is a reward in itself.", INTRINSIC),
)


def score(answers: Sequence[int]) -> int:
    """0 (fully intrinsic) .. 100 (fully extrinsic) from one answer per statement, each 1..5."""
    if len(answers) != len(STATEMENTS):
        raise ValueError(f"expected {len(STATEMENTS)} answers, got {len(answers)}")
    points = 0
    for statement, answer in zip(STATEMENTS, answers, strict=True):
        if isinstance(answer, bool) or not isinstance(answer, int) or not LOW <= answer <= HIGH:
            raise ValueError(f"answers are whole numbers from {LOW} to {HIGH}, got {answer!r}")
        points += answer - LOW if statement.leans == EXTRINSIC else HIGH - answer
    most = (HIGH - LOW) * len(STATEMENTS)
    return round(100 * points / most)


def profile(value: int) -> str:
    """The Client.motivation word for a score: "intrinsic", "mixed" or "extrinsic"."""
    if not 0 <= value <= 100:
        raise ValueError(f"a score is 0..100, got {value!r}")
    if value < INTRINSIC_BELOW:
        return INTRINSIC
    if value > EXTRINSIC_ABOVE:
        return EXTRINSIC
    return "mixed"


# What the goal form suggests for each profile: a hint, never a rule.
SUGGESTIONS: dict[str, tuple[str, ...]] = {
    EXTRINSIC: ("Put a reward on each milestone, dated on the calendar.",
                "Make a race the deadline: an entry is a date that will not move."),
    INTRINSIC: ("Choose a personal target that means something to the runner.",
                "Suggest a training partner or someone to mentor.",
                "Plan a look back at the progress so far at each milestone."),
    "mixed": ("Pair one milestone reward with a personal target.",
              "A race as the deadline, with a look back at progress on the way."),
}


@dataclass(frozen=True)
class Balance:
    praise: int
    push: int
    push_streak: int  # pushes since the most recent praise

    @property
    def nudge(self) -> bool:
        return self.push_streak >= PUSH_STREAK


def balance(tones: Sequence[str]) -> Balance:
    """Praise/push counts from tones in time order, oldest first; other tones are ignored."""
    tagged = [tone for tone in tones if tone in ("praise", "push")]
    streak = 0
    for tone in reversed(tagged):
        if tone == "praise":
            break
        streak += 1
    return Balance(praise=tagged.count("praise"), push=tagged.count("push"), push_streak=streak)
