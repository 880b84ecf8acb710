"""The in-process memo: bounded, least recently used first out, and emptied on demand."""
from __future__ import annotations

from coachsite.memo import Memo, clear_all


def test_the_least_recently_used_entry_goes_first_when_full():
    memo: Memo[str] = Memo(2)
    memo.put("a", "first")
    memo.put("b", "second")
    assert memo.get("a") == "first"  # now "b" is the least recently used
    memo.put("c", "third")
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == ("first", None, "third", 2)


def test_clear_all_empties_every_memo():
    one, two = Memo[int](4), Memo[int](4)
    one.put(1, 1)
    two.put(2, 2)
    clear_all()
    assert (one.get(1), two.get(2), len(one), len(two)) == (None, None, 0, 0)
