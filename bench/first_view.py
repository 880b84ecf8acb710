"""What a page costs in process, seen again (the site's memos warm) and seen first (every memo
emptied before each request, as after a change to what it shows): bench/run.py reports both next to
the figures under load, since the memos answer most requests a load tool repeats.

    from first_view import page_costs
    page_costs(where, [("Roster", "/clients/?sort=activity", "bench-trainer-0@example.com")], requests=30)
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

import generate

from coachsite import memo
from coachsite.extensions import db


@dataclass(frozen=True)
class PageCost:
    label: str
    url: str
    warm_ms: float  # median, memos warm
    cold_ms: float  # median, memos emptied before each request


def page_costs(where: generate.Instance, pages: Sequence[tuple[str, str, str]], requests: int = 30) -> list[PageCost]:
    """(label, url, email) each: medians of `requests` GETs through the WSGI app, no server, no network."""
    app = generate.make_app(where, WTF_CSRF_ENABLED=False)
    found = []
    for label, url, email in pages:
        browser = app.test_client()
        response = browser.post("/login", data={"email": email, "password": generate.PASSWORD})
        if response.status_code != 302:
            raise RuntimeError(f"login of {email} failed: {response.status_code}")

        def median_ms(cold: bool) -> float:
            times = []
            for _ in range(requests):
                if cold:
                    memo.clear_all()
                begin = time.perf_counter()
                status = browser.get(url).status_code
                times.append((time.perf_counter() - begin) * 1000)
                if status != 200:
                    raise RuntimeError(f"{url} answered {status}")
            return statistics.median(times)

        median_ms(False)  # warm up: templates, the connection pool, the memos
        found.append(PageCost(label, url, warm_ms=median_ms(False), cold_ms=median_ms(True)))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return found
