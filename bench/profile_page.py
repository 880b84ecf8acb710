"""Profile one page on the benchmark data: N requests through the WSGI app in process (no network),
under pyinstrument, plus the SQL each request sends (count, time, the costliest statements).

    .venv/bin/python bench/profile_page.py '/clients/?sort=activity' [--as bench-trainer-0@example.com]
        [--requests 20] [--instance DIR] [--clients 1000] [--big-roster 10000] [--database-url postgresql://...]
        [--cold]

Without --instance a data set is generated first (bench/generate.py, in a temporary instance);
`bench/generate.py --keep DIR` builds one to reuse with --instance DIR. "{client}" in the URL
stands for the first client's id (bench-runner-0's), e.g. '/clients/{client}/calendar/'.
--cold empties the site's in-process memos (coachsite.memo) before every request: the cost of
the first view after a change, instead of a page seen again.
Needs pyinstrument: `pip install -e '.[bench]'` (make bench installs it).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py)
from sqlalchemy import event, select  # noqa: E402

from coachsite.extensions import db  # noqa: E402
from coachsite.models import Client, User  # noqa: E402


class SqlLog:
    """Every statement's time, grouped by its text."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.by_statement: dict[str, list[float]] = defaultdict(list)
        self._started: list[float] = []

    def before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self._started.append(time.perf_counter())

    def after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        elapsed = time.perf_counter() - self._started.pop()
        self.count += 1
        self.seconds += elapsed
        self.by_statement[" ".join(statement.split())].append(elapsed)


def profile(where: generate.Instance, url: str, email: str, requests: int, method: str, data: str | None,
            cold: bool = False) -> None:
    from pyinstrument import Profiler

    from coachsite import memo

    app = generate.make_app(where, WTF_CSRF_ENABLED=False)
    with app.app_context():
        first_client = db.session.scalar(select(Client.id).join(User, Client.runner_id == User.id)
                                         .where(User.email == generate.RUNNER_EMAIL.format(0)))
        db.session.remove()
    url = url.replace("{client}", str(first_client))
    browser = app.test_client()
    response = browser.post("/login", data={"email": email, "password": generate.PASSWORD})
    assert response.status_code == 302, f"login of {email} failed: {response.status_code}"

    def call() -> int:
        if cold:
            memo.clear_all()
        if method == "POST":
            return browser.post(url, data=data, content_type="application/x-www-form-urlencoded").status_code
        return browser.get(url).status_code

    statuses = {call() for _ in range(3)}  # warm up: templates, first-view settling, connection pool
    plain = []
    for _ in range(requests):  # the same requests without the profiler and the SQL log: the honest figure
        begin = time.perf_counter()
        statuses.add(call())
        plain.append(time.perf_counter() - begin)
    plain.sort()
    sql = SqlLog()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", sql.before)
    event.listen(engine, "after_cursor_execute", sql.after)
    profiler = Profiler()
    profiler.start()
    for _ in range(requests):
        statuses.add(call())
    profiler.stop()
    event.remove(engine, "before_cursor_execute", sql.before)
    event.remove(engine, "after_cursor_execute", sql.after)

    print(f"{method} {url} as {email}: {requests} requests in process on {where.dialect}"
          f"{', memos emptied before each' if cold else ''}, statuses {sorted(statuses)}")
    print(f"  median {plain[len(plain) // 2] * 1000:.1f} ms per request (without the profiler); "
          f"SQL: {sql.count / requests:.1f} statements, {sql.seconds / requests * 1000:.1f} ms per request")
    print("  costliest statements (total over all requests):")
    for statement, times in sorted(sql.by_statement.items(), key=lambda item: -sum(item[1]))[:8]:
        print(f"    {sum(times) * 1000:8.1f} ms  {len(times) // requests or len(times)}x per request  "
              f"{statement[:160]}")
    print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--as", dest="email", default=generate.TRAINER_EMAIL.format(0))
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--method", default="GET", choices=("GET", "POST"))
    parser.add_argument("--data", help="urlencoded form body for POST")
    parser.add_argument("--instance", help="an instance folder built by bench/generate.py --keep")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--big-roster", type=int, default=0, help="also bench-trainer-1's roster of this many clients")
    parser.add_argument("--database-url", default=os.environ.get("COACHSITE_DATABASE_URL"))
    parser.add_argument("--cold", action="store_true", help="empty the in-process memos before every request")
    args = parser.parse_args()
    if args.instance:
        folder = Path(args.instance)
        where = generate.Instance(folder, f"sqlite:///{folder / 'coachsite.sqlite'}", "sqlite")
        profile(where, args.url, args.email, args.requests, args.method, args.data, args.cold)
        return
    with generate.instance(args.database_url) as where:
        summary = generate.build(where, args.clients, big_roster=args.big_roster)
        print(f"generated {summary.total:,} rows in {summary.seconds:.1f} s")
        profile(where, args.url, args.email, args.requests, args.method, args.data, args.cold)


if __name__ == "__main__":
    main()
