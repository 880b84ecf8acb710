"""The motivation questionnaire's scoring and the praise/push balance (pure domain, no app)."""
from __future__ import annotations

import pytest

from coachsite.domain import motivation as m

N = len(m.STATEMENTS)


def answers(extrinsic: int, intrinsic: int) -> list[int]:
    """The same answer to every extrinsic statement, another to every intrinsic one."""
    return [extrinsic if s.leans == m.EXTRINSIC else intrinsic for s in m.STATEMENTS]


def test_the_questionnaire_has_eight_to_ten_balanced_statements():
    assert 8 <= N <= 10
    leans = [s.leans for s in m.STATEMENTS]
    assert leans.count(m.EXTRINSIC) == leans.count(m.INTRINSIC)
    assert len({s.text for s in m.STATEMENTS}) == N


def test_the_ends_of_the_scale():
    assert m.score(answers(extrinsic=5, intrinsic=1)) == 100
    assert m.score(answers(extrinsic=1, intrinsic=5)) == 0


@pytest.mark.parametrize("same", [1, 2, 3, 4, 5])
def test_agreeing_equally_with_everything_lands_in_the_middle(same):
    assert m.score([same] * N) == 50
    assert m.profile(m.score([same] * N)) == "mixed"


def test_one_answer_moves_the_score_by_a_fortieth():
    base = [3] * N
    first_extrinsic = next(i for i, s in enumerate(m.STATEMENTS) if s.leans == m.EXTRINSIC)
    first_intrinsic = next(i for i, s in enumerate(m.STATEMENTS) if s.leans == m.INTRINSIC)
    more = list(base)
    more[first_extrinsic] = 5
    less = list(base)
    less[first_intrinsic] = 5
    assert m.score(more) == 55  # 22 of 40 points
    assert m.score(less) == 45


@pytest.mark.parametrize("score, profile", [(0, "intrinsic"), (39, "intrinsic"), (40, "mixed"), (50, "mixed"),
                                            (60, "mixed"), (61, "extrinsic"), (100, "extrinsic")])
def test_profile_thresholds(score, profile):
    assert m.profile(score) == profile


@pytest.mark.parametrize("bad", [[3] * (N - 1), [3] * (N + 1), [0] + [3] * (N - 1), [6] + [3] * (N - 1),
                                 ["3"] + [3] * (N - 1), [True] + [3] * (N - 1), [2.5] + [3] * (N - 1)])
def test_bad_answers_are_refused(bad):
    with pytest.raises(ValueError):
        m.score(bad)


@pytest.mark.parametrize("bad", [-1, 101])
def test_scores_outside_the_scale_have_no_profile(bad):
    with pytest.raises(ValueError):
        m.profile(bad)


def test_every_profile_has_a_suggestion():
    for profile in ("extrinsic", "intrinsic", "mixed"):
        assert m.SUGGESTIONS[profile]
    assert any("race" in line for line in m.SUGGESTIONS["extrinsic"])
    assert any("partner" in line for line in m.SUGGESTIONS["intrinsic"])


def test_balance_counts_praise_and_push_and_ignores_untagged():
    balance = m.balance(["praise", None, "push", "", "praise", "push"])  # type: ignore[list-item]
    assert (balance.praise, balance.push, balance.push_streak, balance.nudge) == (2, 2, 1, False)


def test_three_pushes_in_a_row_nudge():
    assert m.balance(["praise", "push", "push", "push"]).nudge
    assert m.balance(["push", "push", "push"]).nudge
    assert m.balance(["push", "push", "push", "push"]).push_streak == 4


def test_praise_breaks_the_streak():
    assert not m.balance(["push", "push", "praise", "push"]).nudge
    assert not m.balance(["push", "push", "push", "praise"]).nudge
    assert m.balance(["push", "push", "push", "praise"]).push == 3


def test_nothing_tagged_is_no_nudge():
    balance = m.balance([])
    assert (balance.praise, balance.push, balance.nudge) == (0, 0, False)
