"""Month view latency for a client with two years of sessions and runs.

Builds a throwaway SQLite instance, fills one client with two years of daily sessions and
runs using bulk inserts, then requests the month view through the WSGI app in process (no
network, so the figure is the app's own time) and reports median and 95th percentile. Run: `make bench` or
`.venv/bin/python bench/month_view.py [--requests 300]`."""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta

from flask_migrate import upgrade
from sqlalchemy import insert

from coachsite import create_app
from coachsite.auth.passwords import hash_password
from coachsite.extensions import db
from coachsite.models import Activity, Client, PlannedSession, User

KINDS = ("easy", "intervals", "easy", "tempo", "rest", "easy", "long")


def fill(days: int) -> tuple[int, int]:
    trainer = User(name="Bench Trainer", email="bench@example.com", role="trainer",
                   password_hash=hash_password("bench-password", "pbkdf2:sha256:1000"))
    db.session.add(trainer)
    db.session.flush()
    client = Client(trainer_id=trainer.id, name="Busy Runner")
    db.session.add(client)
    db.session.flush()
    first = date.today() - timedelta(days=days - 60)
    sessions = [{"client_id": client.id, "on": first + timedelta(days=i), "kind": KINDS[i % 7],
                 "distance_m": None if KINDS[i % 7] == "rest" else 8000.0 + (i % 5) * 1000} for i in range(days)]
    runs = [{"client_id": client.id, "on": first + timedelta(days=i), "distance_m": 8000.0 + (i % 7) * 500,
             "duration_s": 2700 + i % 300} for i in range(days - 60) if KINDS[i % 7] != "rest"]
    db.session.execute(insert(PlannedSession), sessions)
    db.session.execute(insert(Activity), runs)
    client.last_activity_on = first + timedelta(days=days - 61)
    db.session.commit()
    return client.id, len(sessions) + len(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--days", type=int, default=730)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coachsite-bench-") as tmp:
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
                          "INSTANCE_PATH": tmp, "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            client_id, rows = fill(args.days)
            print(f"filled {rows} rows in {time.perf_counter() - started:.2f} s")
        browser = app.test_client()
        browser.post("/login", data={"email": "bench@example.com", "password": "bench-password"})
        month = date.today().strftime("%Y-%m")
        url = f"/clients/{client_id}/calendar/?month={month}"
        for _ in range(20):  # warm up templates and the connection pool
            browser.get(url)
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = browser.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"month view ({url}), {args.requests} requests in process on SQLite: "
              f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
