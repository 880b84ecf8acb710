"""Small in-process memos of derived figures, keyed by what they were derived from.

A key names the data a value came from (a client's `data_stamp`, today's date, ...), so a memo
never needs invalidating: changed data has a new key and the old entry ages out. Each worker
process keeps its own; a miss costs what the figure cost before it was memoized."""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
_all: weakref.WeakSet[Memo[object]] = weakref.WeakSet()


class Memo(Generic[V]):
    """A bounded, thread-safe least-recently-used map (batch printing runs in threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        _all.add(self)  # type: ignore[arg-type]

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key not in self._values:
                return None
            self._values.move_to_end(key)
            return self._values[key]

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def clear_all() -> None:
    """Forget every memo of this process: the benchmarks measure what a first view costs this way."""
    for memo in list(_all):
        memo.clear()
