"""Fault drills (issue 8): the site under gunicorn (4 workers, 127.0.0.1, COACHSITE_ENV=production) meets
a fault; afterwards the database is intact and no write answered as saved is lost.

(a) worker killed: virtual users POST runs and planned sessions, each with a unique marker, while
    one gunicorn worker after another is SIGKILLed mid-request (gunicorn starts a new one). Then:
    every marker answered 302 is in the database, nothing is there that was answered otherwise
    (only requests cut by the kill may have landed or not), PRAGMA integrity_check is ok (SQLite),
    and the pool is back to 4 workers. SQLite, and PostgreSQL with --postgres.
(b) write lock held past the busy timeout (SQLite): another process holds BEGIN IMMEDIATE on the
    file for longer than COACHSITE_SQLITE_BUSY_TIMEOUT_MS (1 s here) while POSTs arrive: each gets
    the friendly 503 page with Retry-After, page views still answer 200, nothing is half-saved
    (neither the client nor its invite), and the same POST succeeds once the lock is gone.
(c) full disk (SQLite): the workers' connections get PRAGMA max_page_count at the file's size (plus
    a page or two), so writes soon fail with SQLITE_FULL ("database or disk is full"): the site
    answers the friendly 507 page (logged), pages still answer 200, every write answered as saved
    before is kept, none answered 507 is there, and once there is room again writes succeed.

    .venv/bin/python bench/fault_drills.py [--postgres] [--only a,b,c]

Each drill prints a line "DRILL <name> <database>: PASS|FAIL ..."; exit status 1 when any fails.
Loopback only; each drill is bounded in time (about half a minute).
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (str(ROOT), str(ROOT / "bench")):
    if folder not in sys.path:
        sys.path.insert(0, folder)

import load_mix as mix  # noqa: E402  (bench/load_mix.py: gunicorn, data, virtual users)
from load_mix import generate  # noqa: E402

HOST = mix.HOST
BUSY_TIMEOUT_MS = 1000
LOCK_HOLD_S = 4.0


def log(message: str) -> None:
    print(message, flush=True)


@dataclass
class DrillResult:
    name: str
    database: str
    passed: bool
    summary: str
    details: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"DRILL {self.name} {self.database}: {'PASS' if self.passed else 'FAIL'} - {self.summary}"


# ------------------------------------------------------------------ shared pieces


def _browser(port: int, email: str, cookies: dict[str, str] | None = None) -> Any:
    browser = mix.bench.Browser(port)
    if cookies is not None:
        browser.cookies = dict(cookies)
    else:
        browser.login(email, generate.PASSWORD)
    return browser


def _post(port: int, cookie: str, path: str, form: dict[str, str]) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("POST", path, body=urllib.parse.urlencode(form),
                           headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _get(port: int, cookie: str, path: str) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _app_rows(where: generate.Instance, query: Any) -> Any:
    """Run `query(db)` in an app on the instance's database; the connections are closed after."""
    from coachsite.extensions import db

    app = generate.make_app(where)
    with app.app_context():
        try:
            return query(db)
        finally:
            db.session.remove()
            db.engine.dispose()


def _markers(where: generate.Instance, tag: str) -> tuple[set[str], set[str], set[str]]:
    """(run-log markers, planned-session markers, client markers) present in the database."""
    from sqlalchemy import select

    from coachsite.models import Activity, Client, PlannedSession

    def query(db: Any) -> tuple[set[str], set[str], set[str]]:
        runs = {comment.split(" ")[0] for comment in db.session.scalars(
            select(Activity.comment).where(Activity.comment.like(f"{tag}-%")))}
        plans = set(db.session.scalars(select(PlannedSession.description).where(
            PlannedSession.description.like(f"{tag}-%"))))
        clients = set(db.session.scalars(select(Client.name).where(Client.name.like(f"{tag}-%"))))
        return runs, plans, clients

    return _app_rows(where, query)


def _counts(where: generate.Instance) -> dict[str, int]:
    from sqlalchemy import func, select

    from coachsite.models import Activity, Client, PlannedSession, Token

    def query(db: Any) -> dict[str, int]:
        return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Activity, PlannedSession, Client, Token)}

    return _app_rows(where, query)


def _integrity(where: generate.Instance) -> str:
    if where.dialect != "sqlite":
        return "n/a (PostgreSQL)"
    checks = mix.sqlite_checks(where.database_url)
    return "ok" if all(value == "ok" for value in checks.values()) else str(checks)


def _world(where: generate.Instance) -> mix.World:
    return mix.build_world(where, clients=16, trainers=4)


# ------------------------------------------------------------------ (a) a worker killed mid-POST


def drill_worker_killed(database_url: str | None, args: argparse.Namespace) -> DrillResult:
    database = "PostgreSQL" if database_url else "SQLite"
    with generate.instance(database_url) as where:
        world = _world(where)
        tag = "K" + secrets.token_hex(3)
        secret = "drill-" + secrets.token_hex(16)
        outcomes: dict[str, str] = {}  # marker -> "ok" | "status N" | "cut"
        lock = threading.Lock()
        stop = threading.Event()
        kills: list[int] = []
        with mix.serve(mix.site_spec(where), mix.site_env(where, secret), where.path) as server:
            users = mix.virtual_users(server.port, world, trainers=4, runners=12)
            posts = [(user, [op for op in user.ops if op.method == "POST" and op.kind.split(":")[0] in ("run", "plan")])
                     for user in users]

            def user_loop(index: int, user: mix.VirtualUser, ops: list[mix.Op]) -> None:
                sent = 0
                while not stop.is_set():
                    op = ops[sent % len(ops)]
                    sent += 1
                    marker = f"{tag}-{index}-{sent}"
                    try:
                        status, _ = mix.send(server.port, user.cookie, op, marker)
                        outcome = "ok" if status == 302 else f"status {status}"
                    except (OSError, http.client.HTTPException):
                        outcome = "cut"
                    with lock:
                        outcomes[f"{op.kind.split(':')[0]} {marker}"] = outcome

            threads = [threading.Thread(target=user_loop, args=(i, user, ops)) for i, (user, ops) in enumerate(posts)]
            for thread in threads:
                thread.start()
            started = time.monotonic()
            try:
                time.sleep(1.5)
                # Kill a worker every 0.8 s until enough kills cut a request in flight (bounded in time).
                def cuts() -> int:
                    with lock:
                        return sum(1 for value in outcomes.values() if value == "cut")

                while time.monotonic() - started < args.kill_seconds and (len(kills) < args.kills or not cuts()):
                    workers = server.worker_pids()
                    if workers:
                        victim = random.choice(workers)
                        try:
                            os.kill(victim, signal.SIGKILL)
                            kills.append(victim)
                        except ProcessLookupError:
                            pass
                    time.sleep(0.8)
                time.sleep(1.5)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=90)
            deadline = time.monotonic() + 30
            while len(server.worker_pids()) < mix.WORKERS and time.monotonic() < deadline:
                time.sleep(0.2)
            workers_after = len(server.worker_pids())
            still_answers = _get(server.port, users[0].cookie, "/clients/")
        logged = mix.grep_log(server.log_file)
        runs, plans, _ = _markers(where, tag)
        integrity = _integrity(where)

    present = {f"run {m}" for m in runs} | {f"plan {m}" for m in plans}
    tally = Counter(outcomes.values())
    ok = {key for key, value in outcomes.items() if value == "ok"}
    cut = {key for key, value in outcomes.items() if value == "cut"}
    lost = ok - present
    phantom = present - ok - cut  # in the database though answered with an error (or never sent)
    cut_committed = len(cut & present)
    passed = (bool(kills) and tally["cut"] > 0 and not lost and not phantom and integrity in ("ok", "n/a (PostgreSQL)")
              and workers_after == mix.WORKERS and still_answers == 200 and not logged["traceback"]
              and not logged["locked"] and set(tally) <= {"ok", "cut"})
    summary = (f"{len(kills)} workers SIGKILLed under {len(posts)} concurrent POSTing users; {len(outcomes)} POSTs: "
               f"{tally['ok']} answered 302 (all {len(ok) - len(lost)} in the database, {len(lost)} lost), "
               f"{tally['cut']} cut mid-request ({cut_committed} of them had committed, {tally['cut'] - cut_committed} "
               f"rolled back), other statuses {sum(v for k, v in tally.items() if k not in ('ok', 'cut'))}, "
               f"rows without a success {len(phantom)}; integrity_check {integrity}; workers back to "
               f"{workers_after}/{mix.WORKERS}; site answers {still_answers}; log: tracebacks {logged['traceback']}, "
               f"'database is locked' {logged['locked']}")
    return DrillResult("worker-killed", database, passed, summary)


# ------------------------------------------------------------------ (b) a write lock held past the busy timeout


HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
connection.close()
"""


def drill_lock_held(args: argparse.Namespace) -> DrillResult:
    with generate.instance(None) as where:
        world = _world(where)
        tag = "B" + secrets.token_hex(3)
        path = where.database_url.removeprefix("sqlite:///")
        env = {**mix.site_env(where, "drill-" + secrets.token_hex(16)),
               "COACHSITE_SQLITE_BUSY_TIMEOUT_MS": str(BUSY_TIMEOUT_MS)}
        before = _counts(where)
        notes: list[str] = []
        with mix.serve(mix.site_spec(where), env, where.path) as server:
            trainer = _browser(server.port, generate.TRAINER_EMAIL.format(0))
            token = trainer.csrf("/clients/new")
            runner_client = world.runner_of[0]
            runner = _browser(server.port, generate.RUNNER_EMAIL.format(0))
            run_token = runner.csrf(f"/clients/{runner_client}/runs/new")
            client_form = {"name": f"{tag}-blocked", "email": f"{tag.lower()}@example.com", "units": "km",
                           "motivation": "mixed", "csrf_token": token}
            run_form = {"on": date.today().isoformat(), "distance_m": "5", "duration_s": "30:00",
                        "comment": f"{tag}-blocked-run", "csrf_token": run_token}
            holder = subprocess.Popen([sys.executable, "-c", HOLDER, path, str(LOCK_HOLD_S)], stdout=subprocess.PIPE,
                                      text=True)
            try:
                assert holder.stdout is not None
                if holder.stdout.readline().strip() != "held":
                    raise RuntimeError("the lock holder did not start")
                begin = time.monotonic()
                status, headers, body = _post(server.port, trainer.cookie_header, "/clients/new", client_form)
                waited = time.monotonic() - begin
                run_status, run_headers, run_body = _post(server.port, runner.cookie_header,
                                                          f"/clients/{runner_client}/runs/new", run_form)
                page = _get(server.port, trainer.cookie_header, "/clients/")
                still_held = holder.poll() is None
            finally:
                holder.wait(timeout=LOCK_HOLD_S + 10)
            during = _counts(where)
            after_status, _, _ = _post(server.port, trainer.cookie_header, "/clients/new", client_form)
            after_run, _, _ = _post(server.port, runner.cookie_header, f"/clients/{runner_client}/runs/new", run_form)
        logged = mix.grep_log(server.log_file)
        _, _, clients = _markers(where, tag)
        runs, _, _ = _markers(where, tag)
        after = _counts(where)
        integrity = _integrity(where)
    friendly = all(code == 503 and "nothing was saved" in text and h.get("Retry-After") == "5"
                   for code, h, text in ((status, headers, body), (run_status, run_headers, run_body)))
    unchanged = during == before
    passed = (friendly and still_held and page == 200 and unchanged and after_status == 302 and after_run == 302
              and clients == {f"{tag}-blocked"} and runs == {f"{tag}-blocked-run"} and integrity == "ok"
              and not logged["traceback"] and logged["busy"] >= 2
              and after["clients"] == before["clients"] + 1 and after["tokens"] == before["tokens"] + 1)
    if not unchanged:
        notes.append(f"rows changed while the lock was held: {before} -> {during}")
    summary = (f"lock held {LOCK_HOLD_S:g} s by another process, busy timeout {BUSY_TIMEOUT_MS} ms: new client POST "
               f"answered {status} after {waited:.1f} s (Retry-After {headers.get('Retry-After')}, 'nothing was "
               f"saved' {'nothing was saved' in body}), run log POST {run_status}, page view {page}; rows while "
               f"held: {'unchanged' if unchanged else 'CHANGED'} (client, invite token, run); after the lock: "
               f"POSTs {after_status}/{after_run}, rows +1 client +1 token +1 run; integrity_check {integrity}; "
               f"log: busy warnings {logged['busy']}, tracebacks {logged['traceback']}")
    return DrillResult("lock-held", "SQLite", passed, summary, notes)


# ------------------------------------------------------------------ (c) a full disk


def full_disk_app(instance_path: str, pages: int) -> Any:
    """The site, with every SQLite connection limited to `pages` pages: a disk that is full (gunicorn
    loads it as fault_drills:full_disk_app(...) for drill (c))."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from coachsite import create_app

    @event.listens_for(Engine, "connect")
    def _no_room(dbapi_connection: Any, _record: Any) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute(f"PRAGMA max_page_count={int(pages)}")

    return create_app({"INSTANCE_PATH": instance_path})


def drill_full_disk(args: argparse.Namespace) -> DrillResult:
    with generate.instance(None) as where:
        world = _world(where)
        tag = "F" + secrets.token_hex(3)
        path = where.database_url.removeprefix("sqlite:///")
        env = mix.site_env(where, "drill-" + secrets.token_hex(16))  # the same key: sessions outlive restarts
        client_id = world.runner_of[0]
        outcomes: dict[str, int] = {}  # run marker -> status
        padding = " " + "Steady miles on a windy day. " * 30  # about 900 characters a run

        def run_form(token: str, number: int) -> dict[str, str]:
            day = date.today() - timedelta(days=number % 20)
            return {"on": day.isoformat(), "distance_m": "7", "duration_s": "40:00",
                    "comment": f"{tag}-{number}{padding}", "csrf_token": token}

        # Before: logged in, a few runs saved with room to spare.
        with mix.serve(mix.site_spec(where), env, where.path) as server:
            runner = _browser(server.port, generate.RUNNER_EMAIL.format(0))
            token = runner.csrf(f"/clients/{client_id}/runs/new")
            trainer = _browser(server.port, generate.TRAINER_EMAIL.format(0))
            client_token = trainer.csrf("/clients/new")
            for number in range(5):
                outcomes[f"{tag}-{number}"] = _post(server.port, runner.cookie_header,
                                                    f"/clients/{client_id}/runs/new", run_form(token, number))[0]
        with sqlite3.connect(path) as tidy:
            tidy.execute("VACUUM")  # no free pages inside the file: new rows need new pages
            pages = tidy.execute("PRAGMA page_count").fetchone()[0] + args.headroom
        tidy.close()
        before = _counts(where)

        # Full: the same sessions, writes until the disk is full and a few after.
        spec = f"fault_drills:full_disk_app({str(where.path)!r}, {pages})"
        failures: list[tuple[int, dict[str, str], str]] = []
        with mix.serve(spec, env, where.path, pythonpath=ROOT / "bench") as server:
            number = 5
            deadline = time.monotonic() + 60
            while len(failures) < 3 and number < 5 + args.max_writes and time.monotonic() < deadline:
                status, headers, body = _post(server.port, runner.cookie_header, f"/clients/{client_id}/runs/new",
                                              run_form(token, number))
                outcomes[f"{tag}-{number}"] = status
                if status != 302:
                    failures.append((status, headers, body))
                number += 1
            client_status, _, client_body = _post(
                server.port, trainer.cookie_header, "/clients/new",
                {"name": f"{tag}-client", "email": f"{tag.lower()}@example.com", "units": "km", "motivation": "mixed",
                 "notes": "Background and goals. " * 200, "csrf_token": client_token})
            page = _get(server.port, runner.cookie_header, "/me")
            month = _get(server.port, trainer.cookie_header, f"/clients/{client_id}/calendar/")
        logged = mix.grep_log(server.log_file)
        full = _counts(where)
        integrity_full = _integrity(where)

        # Room again: the same site saves.
        with mix.serve(mix.site_spec(where), env, where.path) as server:
            recovered = _post(server.port, runner.cookie_header, f"/clients/{client_id}/runs/new",
                              run_form(token, 10_000))[0]
        runs, _, clients = _markers(where, tag)
        integrity = _integrity(where)

    ok = {marker for marker, status in outcomes.items() if status == 302}
    refused = {marker for marker, status in outcomes.items() if status != 302}
    saved_while_full = len([m for m in ok if int(m.rsplit("-", 1)[1]) >= 5 and int(m.rsplit("-", 1)[1]) < 10_000])
    friendly = bool(failures) and all(code == 507 and "nothing was saved" in text for code, _, text in failures) \
        and client_status == 507 and "nothing was saved" in client_body
    lost = ok - runs
    landed = refused & runs
    passed = (friendly and not lost and not landed and not clients and integrity == "ok" and integrity_full == "ok"
              and page == 200 and month == 200 and recovered == 302 and logged["full"] >= 1
              and not logged["traceback"] and full["clients"] == before["clients"])
    summary = (f"max_page_count = file size + {args.headroom} pages: {saved_while_full} run logs saved until the "
               f"file was full, then {len(failures)} answered {sorted({code for code, _, _ in failures})} "
               f"('nothing was saved' shown), a new client with long notes answered {client_status}; page views "
               f"{page}/{month}; runs answered as saved kept {len(ok) - len(lost)}/{len(ok)}, refused ones in the "
               f"database {len(landed)}; integrity_check {integrity_full} while full, {integrity} after; with room "
               f"again a run log answered {recovered}; log: 'Database full' {logged['full']}, tracebacks "
               f"{logged['traceback']}")
    return DrillResult("full-disk", "SQLite", passed, summary)


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true", help="drill (a) on PostgreSQL too (COACHSITE_DATABASE_URL's "
                                                                "server, else a throwaway one)")
    parser.add_argument("--only", default="a,b,c", help="which drills, e.g. a,c")
    parser.add_argument("--kills", type=int, default=5, help="(a) workers to kill")
    parser.add_argument("--kill-seconds", type=float, default=20.0, help="(a) time bound of the killing")
    parser.add_argument("--headroom", type=int, default=2, help="(c) pages of room left in the file")
    parser.add_argument("--max-writes", type=int, default=400, help="(c) bound on the writes that fill the file")
    args = parser.parse_args()
    chosen = {part.strip() for part in args.only.split(",") if part.strip()}

    results: list[DrillResult] = []

    def record(result: DrillResult) -> None:
        results.append(result)
        log(result.line())
        for note in result.details:
            log(f"  {note}")

    if "a" in chosen:
        log("== (a) a worker killed in the middle of POSTs: SQLite")
        record(drill_worker_killed(None, args))
        with mix.postgres_server(args.postgres) as (url, origin):
            if url:
                log(f"== (a) a worker killed in the middle of POSTs: PostgreSQL ({origin})")
                record(drill_worker_killed(url, args))
            else:
                log(f"(a) on PostgreSQL not drilled: {origin}")
    if "b" in chosen:
        log("== (b) a write lock held past the busy timeout: SQLite")
        record(drill_lock_held(args))
    if "c" in chosen:
        log("== (c) a full disk (max_page_count): SQLite")
        record(drill_full_disk(args))
    log("")
    for result in results:
        log(result.line())
    sys.exit(0 if results and all(result.passed for result in results) else 1)


if __name__ == "__main__":
    main()
