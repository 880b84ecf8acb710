"""Parts of pages kept as rendered HTML, keyed by everything they show (a client's data stamp, the
day, the reader's units, ...): a calendar seen again is one lookup instead of its queries and its
few hundred template calls. Only parts without forms (CSRF tokens belong to one session) and
without anything that depends on who reads them beyond what the key names."""
from __future__ import annotations

from collections.abc import Callable, Hashable

from markupsafe import Markup

from coachsite.memo import Memo

# A month's table is some 30-60 KB: 400 of them stay under 25 MB per worker.
_memo: Memo[Markup] = Memo(400)


def cached(key: Hashable, render: Callable[[], str]) -> Markup:
    html = _memo.get(key)
    if html is None:
        html = Markup(render())  # rendered by Jinja with autoescape: already safe
        _memo.put(key, html)
    return html
