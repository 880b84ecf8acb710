"""Load drill (issue 8): trainers planning and runners logging runs at once, against gunicorn with 4
workers, on SQLite and on PostgreSQL; no errors, no "database is locked", and every write a client
saw succeed is in the database afterwards.

For each database (SQLite always; PostgreSQL with --postgres: COACHSITE_DATABASE_URL's server, else a
throwaway server started here like .ci/run does and stopped at the end whatever happens):

1. Data: bench/generate.py at a small scale (--clients, default 48, two years of plan and runs, goals
   in progress), its clients then spread over --trainers trainers (default 8) of their own club, so
   that several trainers plan at once.
2. gunicorn, 4 sync workers on 127.0.0.1 (a free port), COACHSITE_ENV=production, a random secret key.
3. Virtual users, each logged in with its own session and CSRF token: trainers (default 6) cycle
   through their clients viewing the roster, month, week, profile and goal pages and POSTing a new
   planned session, a week copy and a profile edit; runners (default 10) view their home, run log,
   goals and week pages and POST runs (the run log settles goals). wrk with a Lua script (one
   connection per thread, so each response is matched to its request) when installed, else a
   bounded Python client with a thread per user. Every write carries a unique marker.
4. Bounded by --seconds (default 60) and --max-requests per database.
5. Report: requests, rate, p50/p95 (overall and per kind), errors (statuses other than 2xx/3xx and
   connection errors), and the gunicorn log's "database is locked" lines and tracebacks (must be 0).
6. Checks afterwards: PRAGMA integrity_check and foreign_key_check (SQLite); the markers of every
   successful run log, planned session and profile edit are in the database, and the row counts
   match the successful writes (a week copy adds the source week's sessions). The only rows the
   clients did not see confirmed may be the requests still in flight when the time bound ended
   (at most one per connection).

    .venv/bin/python bench/load_mix.py [--postgres] [--sqlite-only] [--seconds 60] [--tool wrk|python]

Exit status 1 when any check fails. Loopback only.
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (str(ROOT), str(ROOT / "bench")):
    if folder not in sys.path:
        sys.path.insert(0, folder)

import generate  # noqa: E402  (bench/generate.py: the data set)
import run as bench  # noqa: E402  (bench/run.py: Browser, free ports, a throwaway PostgreSQL)

HOST = bench.HOST
WORKERS = 4
LOG_PATTERNS = {"locked": re.compile(r"database is locked", re.I), "traceback": re.compile(r"^Traceback ", re.M),
                "busy": re.compile(r"Database busy"), "full": re.compile(r"Database full"),
                "worker_timeout": re.compile(r"WORKER TIMEOUT")}


def log(message: str) -> None:
    print(message, flush=True)


# ------------------------------------------------------------------ gunicorn with its pid


@dataclass
class Server:
    port: int
    pid: int  # the gunicorn master
    log_file: Path

    def worker_pids(self) -> list[int]:
        """The master's children (the workers), from /proc."""
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.pid:
                    found.append(int(entry))
        return sorted(found)


@contextmanager
def serve(app_spec: str, env: dict[str, str], log_folder: Path, workers: int = WORKERS,
          pythonpath: Path | None = None) -> Iterator[Server]:
    """gunicorn (sync workers) on a free loopback port in its own process group, stopped at the end
    with its workers and their PDF render processes. Like bench/run.py's, with the worker count and
    the master's pid, and with the workers' own output captured into the log."""
    port = bench.free_port()
    log_file = log_folder / f"gunicorn-{port}.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers), "--bind", f"{HOST}:{port}",
               "--chdir", str(ROOT), "--error-logfile", str(log_file), "--capture-output", "--timeout", "60"]
    if pythonpath:
        command += ["--pythonpath", str(pythonpath)]
    process = subprocess.Popen([*command, app_spec], env={**os.environ, **env}, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        bench._wait_for(port, process, log_file)
        yield Server(port, process.pid, log_file)
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        time.sleep(0.3)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def site_env(where: generate.Instance, secret: str) -> dict[str, str]:
    return {"COACHSITE_ENV": "production", "COACHSITE_SECRET_KEY": secret, "COACHSITE_DATABASE_URL": where.database_url}


def site_spec(where: generate.Instance) -> str:
    return f"coachsite:create_app({{'INSTANCE_PATH': {str(where.path)!r}}})"


def grep_log(log_file: Path) -> dict[str, int]:
    text = log_file.read_text(errors="replace") if log_file.exists() else ""
    return {name: len(pattern.findall(text)) for name, pattern in LOG_PATTERNS.items()}


# ------------------------------------------------------------------ the data


@dataclass
class World:
    """The generated data, as the virtual users need it."""

    summary: generate.Summary
    trainers: dict[int, list[int]]  # trainer number -> their client ids
    runner_of: dict[int, int]  # runner number -> client id
    profiles: dict[int, dict[str, str]]  # client id -> the profile form as it stands (for edits)
    source_week: date  # the week every copy reads (never written during the drill)


def build_world(where: generate.Instance, clients: int, trainers: int) -> World:
    """bench/generate.py's data at a small scale, its clients spread over the trainers of their club."""
    from flask_migrate import upgrade
    from sqlalchemy import select, update

    from coachsite.domain.units import format_duration
    from coachsite.extensions import db
    from coachsite.models import Client, User

    app = generate.make_app(where)
    with app.app_context():
        upgrade()
        summary = generate.generate(clients=clients, trainers=trainers, echo=lambda _: None)
        trainer_ids = list(db.session.scalars(select(User.id).where(User.email.like("bench-trainer-%"))
                                              .order_by(User.id)))
        half = max(1, trainers // 2)
        rosters: dict[int, list[int]] = defaultdict(list)
        for n, client_id in enumerate(summary.client_ids):
            number = (n % 2) * half + (n // 2) % half  # a trainer of the client's club (club n % 2)
            number = min(number, trainers - 1)
            db.session.execute(update(Client).where(Client.id == client_id).values(trainer_id=trainer_ids[number]))
            rosters[number].append(client_id)
        db.session.commit()
        profiles = {}
        for client in db.session.scalars(select(Client).where(Client.id.in_(summary.client_ids))):
            profiles[client.id] = {"name": client.name, "email": client.email or "", "units": client.units,
                                   "motivation": client.motivation,
                                   **{f"best_{key}_s": format_duration(getattr(client, f"best_{key}_s"))
                                      for key in ("5k", "10k", "half", "marathon")}}
        db.session.remove()
        db.engine.dispose()
    today = date.today()
    source = today - timedelta(days=364)
    return World(summary, dict(rosters), dict(enumerate(summary.client_ids)), profiles,
                 source - timedelta(days=source.weekday()))


# ------------------------------------------------------------------ virtual users and their plans


@dataclass
class Op:
    kind: str  # page | plan | copy | edit | run ; writes carry ":<client id>"
    method: str
    path: str
    body: str = ""  # form body without the marker (CSRF token included)
    field: str = ""  # the form field the marker goes in ("" for none)

    @property
    def expect(self) -> int:
        return 302 if self.method == "POST" else 200


@dataclass
class VirtualUser:
    name: str
    cookie: str
    ops: list[Op]


def _form(values: dict[str, str], token: str) -> str:
    return urllib.parse.urlencode({**values, "csrf_token": token})


def trainer_plan(client_ids: list[int], token: str, world: World, number: int) -> list[Op]:
    today = date.today()
    month = f"{today:%Y-%m}"
    ops: list[Op] = []
    for k, client_id in enumerate(client_ids):
        base = f"/clients/{client_id}"
        planned = today + timedelta(days=200 + (number * 7 + k) % 30)
        target = today + timedelta(days=420 + 7 * ((number + k) % 20))
        ops += [
            Op("page", "GET", "/clients/"),
            Op("page", "GET", f"{base}/calendar/?month={month}"),
            Op(f"plan:{client_id}", "POST", f"{base}/calendar/sessions/new",
               _form({"on": planned.isoformat(), "kind": "easy", "title": "Load drill", "distance_m": "8",
                      "duration_s": "", "pace_s_per_km": "", "pace_zone": "", "effort": "4"}, token), "description"),
            Op("page", "GET", f"{base}/calendar/week?day={planned.isoformat()}"),
            Op(f"copy:{client_id}", "POST", f"{base}/calendar/copy-week",
               _form({"source": world.source_week.isoformat(), "target": target.isoformat()}, token)),
            Op("page", "GET", base),
            Op(f"edit:{client_id}", "POST", f"{base}/edit", _form(world.profiles[client_id], token), "notes"),
            Op("page", "GET", f"{base}/goals/"),
        ]
    return ops


def runner_plan(client_id: int, token: str) -> list[Op]:
    today = date.today()
    base = f"/clients/{client_id}"
    ops: list[Op] = []
    for day in range(7):
        on = today - timedelta(days=day)
        ops += [
            Op("page", "GET", "/me"),
            Op(f"run:{client_id}", "POST", f"{base}/runs/new",
               _form({"on": on.isoformat(), "distance_m": f"{5 + day}.{day}", "duration_s": f"{30 + 4 * day}:15",
                      "effort": str(3 + day % 5)}, token), "comment"),
            Op("page", "GET", f"{base}/runs/"),
            Op("page", "GET", f"{base}/goals/" if day % 2 else f"{base}/calendar/week?day={on.isoformat()}"),
        ]
    return ops


def virtual_users(port: int, world: World, trainers: int, runners: int) -> list[VirtualUser]:
    users = []
    numbers = [n for n in sorted(world.trainers) if world.trainers[n]][:trainers]
    for number in numbers:
        browser = bench.Browser(port).login(generate.TRAINER_EMAIL.format(number), generate.PASSWORD)
        token = browser.csrf("/clients/new")
        users.append(VirtualUser(f"trainer-{number}", browser.cookie_header,
                                 trainer_plan(world.trainers[number], token, world, number)))
    for number in range(min(runners, len(world.runner_of))):
        client_id = world.runner_of[number]
        browser = bench.Browser(port).login(generate.RUNNER_EMAIL.format(number), generate.PASSWORD)
        token = browser.csrf(f"/clients/{client_id}/runs/new")
        users.append(VirtualUser(f"runner-{number}", browser.cookie_header, runner_plan(client_id, token)))
    return users


def smoke(port: int, users: list[VirtualUser], tag: str) -> None:
    """Each distinct operation once, so a broken form fails here, plainly, before the load."""
    seen: set[str] = set()
    for user in users:
        for op in user.ops:
            key = op.kind.split(":")[0] + " " + re.sub(r"\d+", "N", op.path.split("?")[0])
            if key in seen:
                continue
            seen.add(key)
            status, _ = send(port, user.cookie, op, f"{tag}-smoke-{len(seen)}")
            if status != op.expect:
                raise RuntimeError(f"smoke test: {op.method} {op.path} answered {status}, not {op.expect}")


def send(port: int, cookie: str, op: Op, marker: str, connection: http.client.HTTPConnection | None = None
         ) -> tuple[int, bytes]:
    own = connection is None
    connection = connection or http.client.HTTPConnection(HOST, port, timeout=120)
    headers = {"Cookie": cookie}
    body = None
    if op.method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = op.body + (f"&{op.field}={marker}" if op.field else "")
    try:
        connection.request(op.method, op.path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


# ------------------------------------------------------------------ drivers: wrk + Lua, or Python threads


LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } mix_timespec;
int clock_gettime(int clk_id, mix_timespec *tp);
]]
local ts = ffi.new("mix_timespec")
local function now() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9 end
local plans = %(plans)s
local cookies = %(cookies)s
local tag, limit, outdir = "%(tag)s", %(limit)d, "%(outdir)s"
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end
function init(args)
  sent, count = 0, 0
  plan = plans[index]
  out = io.open(outdir .. "/vu-" .. index .. ".log", "w")
  out:setvbuf("line")
  get_headers = {}
  get_headers["Cookie"] = cookies[index]
  post_headers = {}
  post_headers["Cookie"] = cookies[index]
  post_headers["Content-Type"] = "application/x-www-form-urlencoded"
end
-- One connection per thread: requests and responses alternate, so `op` is the answered request's.
function request()
  op = plan[(sent %% #plan) + 1]
  sent = sent + 1
  marker = "-"
  started = now()
  if op[2] == "POST" then
    local body = op[4]
    if op[5] ~= "" then
      marker = tag .. "-" .. index .. "-" .. sent
      body = body .. "&" .. op[5] .. "=" .. marker
    end
    return wrk.format("POST", op[3], post_headers, body)
  end
  return wrk.format("GET", op[3], get_headers, nil)
end
function response(status, headers, body)
  count = count + 1
  out:write(op[1] .. " " .. status .. " " .. string.format("%%.6f", now() - started) .. " " .. marker .. "\n")
  if count >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('MIXJSON {"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "timeout": %%d}\n', summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout))
end
"""


def _lua_string(value: str) -> str:
    return json.dumps(value)


def drive_wrk(users: list[VirtualUser], port: int, seconds: float, max_requests: int, outdir: Path,
              tag: str) -> dict[str, Any]:
    plans = "{" + ",".join("{" + ",".join("{" + ",".join(_lua_string(v) for v in (op.kind, op.method, op.path, op.body,
                                                                                  op.field)) + "}"
                                          for op in user.ops) + "}" for user in users) + "}"
    cookies = "{" + ",".join(_lua_string(user.cookie) for user in users) + "}"
    script = LUA % {"plans": plans, "cookies": cookies, "tag": tag, "limit": -(-max_requests // len(users)),
                    "outdir": str(outdir)}
    path = outdir / "mix.lua"
    path.write_text(script)
    count = str(len(users))
    result = subprocess.run(["wrk", "-t", count, "-c", count, "-d", f"{max(1, round(seconds))}s", "--timeout", "60s",
                             "-s", str(path), f"http://{HOST}:{port}/"],
                            capture_output=True, text=True, timeout=seconds + 180)
    line = next((line for line in result.stdout.splitlines() if line.startswith("MIXJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr[-2000:]}{result.stdout[-2000:]}")
    found = json.loads(line.removeprefix("MIXJSON "))
    return {"span": found["duration_us"] / 1e6,
            "connection_errors": found["connect"] + found["read"] + found["write"] + found["timeout"],
            "error_kinds": {k: found[k] for k in ("connect", "read", "write", "timeout") if found[k]}}


def drive_python(users: list[VirtualUser], port: int, seconds: float, max_requests: int, outdir: Path,
                 tag: str) -> dict[str, Any]:
    """The same drill without wrk: one thread and one keep-alive connection per virtual user."""
    limit = -(-max_requests // len(users))
    errors = Counter()
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds

    def user_loop(index: int, user: VirtualUser) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        with open(outdir / f"vu-{index}.log", "w") as out:
            sent = 0
            while time.perf_counter() < deadline and sent < limit:
                op = user.ops[sent % len(user.ops)]
                sent += 1
                marker = f"{tag}-{index}-{sent}" if op.field else "-"
                begin = time.perf_counter()
                try:
                    status, _ = send(port, user.cookie, op, marker, connection)
                except (OSError, http.client.HTTPException) as problem:
                    with lock:
                        errors[type(problem).__name__] += 1
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, port, timeout=60)
                    continue
                out.write(f"{op.kind} {status} {time.perf_counter() - begin:.6f} {marker}\n")
        connection.close()

    threads = [threading.Thread(target=user_loop, args=(index, user)) for index, user in enumerate(users, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"span": time.perf_counter() - started, "connection_errors": sum(errors.values()),
            "error_kinds": dict(errors)}


@dataclass
class Seen:
    """What the clients saw, from the per-user logs."""

    requests: int = 0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    bad: Counter[str] = field(default_factory=Counter)  # "kind status" answered other than 2xx/3xx
    unexpected: Counter[str] = field(default_factory=Counter)  # 2xx/3xx but not the expected status
    ok_markers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # kind -> markers
    ok_writes: Counter[str] = field(default_factory=Counter)  # "kind:client" -> successes
    last_edit: dict[int, tuple[int, str]] = field(default_factory=dict)  # client -> (seq, marker)
    plan_client: dict[str, int] = field(default_factory=dict)  # planned-session marker -> client


def read_logs(outdir: Path) -> Seen:
    seen = Seen()
    for path in sorted(outdir.glob("vu-*.log")):
        for line in path.read_text().splitlines():
            kind, status_text, elapsed, marker = line.split(" ")
            status = int(status_text)
            base = kind.split(":")[0]
            seen.requests += 1
            seen.latencies[base].append(float(elapsed))
            seen.statuses[f"{base} {status}"] += 1
            expect = 200 if base == "page" else 302
            if not 200 <= status < 400:
                seen.bad[f"{base} {status}"] += 1
                continue
            if status != expect:
                seen.unexpected[f"{base} {status}"] += 1
                continue
            if base == "page":
                continue
            seen.ok_writes[kind] += 1
            if marker != "-":
                seen.ok_markers[base].add(marker)
            if base == "plan":
                seen.plan_client[marker] = int(kind.split(":")[1])
            if base == "edit":
                client_id, seq = int(kind.split(":")[1]), int(marker.rsplit("-", 1)[1])
                if seq > seen.last_edit.get(client_id, (0, ""))[0]:
                    seen.last_edit[client_id] = (seq, marker)
    return seen


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * p / 100) - 1)] if ordered else float("nan")


# ------------------------------------------------------------------ checks on the database


@dataclass
class Snapshot:
    activities: int
    sessions: dict[int, int]  # client id -> planned sessions
    source_week: dict[int, int]  # client id -> sessions in the copied week
    notes: dict[int, str]
    runs: set[str]  # run-log markers found in the activities
    plans: dict[int, set[str]]  # client id -> planned-session markers found


def snapshot(where: generate.Instance, world: World, tag: str) -> Snapshot:
    from sqlalchemy import func, select

    from coachsite.extensions import db
    from coachsite.models import Activity, Client, PlannedSession

    app = generate.make_app(where)
    ids = world.summary.client_ids
    week_end = world.source_week + timedelta(days=6)
    with app.app_context():
        activities = db.session.scalar(select(func.count()).select_from(Activity)) or 0
        sessions = dict(db.session.execute(select(PlannedSession.client_id, func.count()).where(
            PlannedSession.client_id.in_(ids)).group_by(PlannedSession.client_id)).all())
        source = dict(db.session.execute(select(PlannedSession.client_id, func.count()).where(
            PlannedSession.client_id.in_(ids), PlannedSession.on.between(world.source_week, week_end))
            .group_by(PlannedSession.client_id)).all())
        notes = dict(db.session.execute(select(Client.id, Client.notes).where(Client.id.in_(ids))).all())
        runs = set(db.session.scalars(select(Activity.comment).where(Activity.comment.like(f"{tag}-%"))))
        plans: dict[int, set[str]] = defaultdict(set)
        for client_id, description in db.session.execute(select(PlannedSession.client_id, PlannedSession.description)
                                                         .where(PlannedSession.description.like(f"{tag}-%"))):
            plans[client_id].add(description)
        db.session.remove()
        db.engine.dispose()
    return Snapshot(activities, sessions, source, notes, runs, dict(plans))


def sqlite_checks(database_url: str) -> dict[str, str]:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    connection.close()
    return {"integrity_check": integrity, "foreign_key_check": "ok" if not foreign else f"{len(foreign)} rows"}


def compare(before: Snapshot, after: Snapshot, seen: Seen, connections: int) -> tuple[list[str], int]:
    """(problems, writes in flight): every write answered as saved is in the database, and the counts
    add up. Writes the clients never saw answered (in flight at the time bound, or cut) may or may not
    be there; they are counted, and there can be at most one per connection."""
    problems = []
    ok_runs = seen.ok_markers["run"]
    lost_runs = ok_runs - after.runs
    if lost_runs:
        problems.append(f"{len(lost_runs)} run logs answered as saved are missing: {sorted(lost_runs)[:5]}")
    unseen_runs = after.runs - ok_runs - before.runs
    if after.activities - before.activities != len(ok_runs) + len(unseen_runs):
        problems.append(f"activities grew by {after.activities - before.activities}; {len(ok_runs)} run logs were "
                        f"answered as saved (+ {len(unseen_runs)} unseen)")
    in_flight = len(unseen_runs)
    ok_plans = seen.ok_markers["plan"]
    for client_id, count in sorted(after.sessions.items()):
        found = after.plans.get(client_id, set())
        lost = {marker for marker in ok_plans if marker in seen.plan_client and seen.plan_client[marker] == client_id}
        lost -= found
        if lost:
            problems.append(f"client {client_id}: {len(lost)} planned sessions answered as saved are missing")
        unseen = len(found - ok_plans - before.plans.get(client_id, set()))
        week = before.source_week.get(client_id, 0)
        expected = before.sessions.get(client_id, 0) + seen.ok_writes[f"plan:{client_id}"] + unseen + \
            seen.ok_writes[f"copy:{client_id}"] * week
        in_flight += unseen
        if count == expected + week and week:
            in_flight += 1  # a week copy in flight at the end
        elif count != expected:
            problems.append(f"client {client_id}: {count} planned sessions, {expected} expected from the writes "
                            f"answered as saved")
    for client_id, (seq, marker) in seen.last_edit.items():
        note = after.notes.get(client_id, "")
        prefix = marker.rsplit("-", 1)[0] + "-"
        later = note.startswith(prefix) and note.removeprefix(prefix).isdigit() and int(note.removeprefix(prefix)) > seq
        if note != marker and not later:
            problems.append(f"client {client_id}: notes {note[:40]!r}, the last edit answered as saved was {marker!r}")
        in_flight += bool(later)
    if in_flight > connections:
        problems.append(f"{in_flight} writes found that no client saw answered (more than one per connection)")
    return problems, in_flight


# ------------------------------------------------------------------ one database


@dataclass
class Outcome:
    database: str
    version: str
    tool: str
    connections: int
    requests: int = 0
    span: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    per_kind: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    writes_ok: dict[str, int] = field(default_factory=dict)
    bad_statuses: dict[str, int] = field(default_factory=dict)
    unexpected: dict[str, int] = field(default_factory=dict)
    connection_errors: int = 0
    log_counts: dict[str, int] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    in_flight: int = 0  # writes committed that no client saw answered (in flight at the time bound)
    rows: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.span if self.span else 0.0

    @property
    def errors(self) -> int:
        return sum(self.bad_statuses.values()) + self.connection_errors

    @property
    def passed(self) -> bool:
        return not (self.problems or self.errors or self.unexpected or self.log_counts.get("locked")
                    or self.log_counts.get("traceback")) and all(v == "ok" for v in self.checks.values())


def drill_database(database_url: str | None, args: argparse.Namespace) -> Outcome:
    dialect = "PostgreSQL" if database_url else "SQLite"
    with generate.instance(database_url) as where:
        log(f"\n== {dialect}: data (bench/generate.py, {args.clients} clients over {args.trainers} trainers)")
        world = build_world(where, args.clients, args.trainers)
        version = bench.server_version(where.database_url) if database_url else sqlite3.sqlite_version
        outcome = Outcome(dialect, version, args.tool, 0, rows=world.summary.total)
        log(f"  {world.summary.total:,} rows; source week for copies: {world.source_week}")
        tag = "L" + secrets.token_hex(3)
        outdir = Path(tempfile.mkdtemp(prefix="coachsite-loadmix-", dir=where.path))
        with serve(site_spec(where), site_env(where, "drill-" + secrets.token_hex(16)), where.path) as server:
            users = virtual_users(server.port, world, args.virtual_trainers, args.virtual_runners)
            outcome.connections = len(users)
            smoke(server.port, users, tag)
            before = snapshot(where, world, tag)
            log(f"== {dialect}: load ({WORKERS} gunicorn workers, {args.tool}, {len(users)} virtual users: "
                f"{sum(u.name.startswith('trainer') for u in users)} trainers, "
                f"{sum(u.name.startswith('runner') for u in users)} runners; at most {args.seconds:g} s "
                f"or {args.max_requests:,} requests)")
            driver = drive_wrk if args.tool == "wrk" else drive_python
            driven = driver(users, server.port, args.seconds, args.max_requests, outdir, tag)
            time.sleep(1.0)  # let requests still in flight at the time bound finish
        outcome.log_counts = grep_log(server.log_file)
        seen = read_logs(outdir)
        after = snapshot(where, world, tag)
        if not database_url:
            outcome.checks = sqlite_checks(where.database_url)
        outcome.problems, outcome.in_flight = compare(before, after, seen, len(users))
        everything = [value for values in seen.latencies.values() for value in values]
        outcome.requests = seen.requests
        outcome.span = driven["span"]
        outcome.p50_ms, outcome.p95_ms = percentile(everything, 50) * 1000, percentile(everything, 95) * 1000
        outcome.per_kind = {kind: (len(values), percentile(values, 50) * 1000, percentile(values, 95) * 1000)
                            for kind, values in sorted(seen.latencies.items())}
        outcome.writes_ok = {kind: sum(n for k, n in seen.ok_writes.items() if k.startswith(kind + ":"))
                             for kind in ("plan", "copy", "edit", "run")}
        outcome.bad_statuses = dict(seen.bad)
        outcome.unexpected = dict(seen.unexpected)
        outcome.connection_errors = driven["connection_errors"]
        if driven["error_kinds"]:
            outcome.problems.append(f"connection errors: {driven['error_kinds']}")
        if args.keep_logs:
            kept = Path(args.keep_logs) / f"gunicorn-{dialect.lower()}.log"
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(server.log_file, kept)
        report(outcome)
        return outcome


def report(outcome: Outcome) -> None:
    log(f"  {outcome.requests:,} requests in {outcome.span:.1f} s = {outcome.rate:,.1f} req/s; "
        f"p50 {outcome.p50_ms:.1f} ms, p95 {outcome.p95_ms:.1f} ms")
    for kind, (count, p50, p95) in outcome.per_kind.items():
        log(f"    {kind:5} {count:7,} requests  p50 {p50:8.1f} ms  p95 {p95:8.1f} ms")
    log("  writes answered as saved: " + ", ".join(f"{kind} {count:,}" for kind, count in outcome.writes_ok.items()))
    log(f"  errors: {outcome.errors} (statuses other than 2xx/3xx: {outcome.bad_statuses or 0}; connection errors: "
        f"{outcome.connection_errors}); other unexpected statuses: {outcome.unexpected or 0}")
    log(f"  gunicorn log: 'database is locked' {outcome.log_counts.get('locked', 0)}, tracebacks "
        f"{outcome.log_counts.get('traceback', 0)}, busy pages {outcome.log_counts.get('busy', 0)}, "
        f"worker timeouts {outcome.log_counts.get('worker_timeout', 0)}")
    if outcome.checks:
        log("  " + ", ".join(f"{name}: {value}" for name, value in outcome.checks.items()))
    log(f"  rows match the writes answered as saved ({outcome.in_flight} more were in flight at the time bound and "
        "were committed)" if not outcome.problems else "  PROBLEMS:\n    " +
        "\n    ".join(outcome.problems))
    log(f"LOADMIX {outcome.database}: {'PASS' if outcome.passed else 'FAIL'} requests={outcome.requests} "
        f"rate={outcome.rate:.1f}/s p50={outcome.p50_ms:.1f}ms p95={outcome.p95_ms:.1f}ms errors={outcome.errors} "
        f"locked={outcome.log_counts.get('locked', 0)} tracebacks={outcome.log_counts.get('traceback', 0)}")


@contextmanager
def postgres_server(requested: bool) -> Iterator[tuple[str | None, str]]:
    """COACHSITE_DATABASE_URL's server, else a throwaway server of our own (stopped at the end)."""
    configured = os.environ.get("COACHSITE_DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql")):
        yield configured, "the server of COACHSITE_DATABASE_URL (a throwaway database on it)"
        return
    if not requested:
        yield None, "not asked for (--postgres)"
        return
    if not shutil.which("initdb"):
        yield None, "initdb is not installed"
        return
    with bench.throwaway_postgres() as url:
        yield url, "a throwaway server started for the drill (initdb, loopback, stopped at the end)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL (a throwaway server when "
                                                                "COACHSITE_DATABASE_URL names none)")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--seconds", type=float, default=60.0, help="time bound per database")
    parser.add_argument("--max-requests", type=int, default=200_000, help="count bound per database")
    parser.add_argument("--clients", type=int, default=48)
    parser.add_argument("--trainers", type=int, default=8)
    parser.add_argument("--virtual-trainers", type=int, default=6)
    parser.add_argument("--virtual-runners", type=int, default=10)
    parser.add_argument("--tool", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--keep-logs", help="copy each gunicorn log into this folder")
    parser.add_argument("--json", help="write the outcomes as JSON to this file")
    args = parser.parse_args()

    outcomes = [drill_database(None, args)]
    if not args.sqlite_only:
        with postgres_server(args.postgres) as (url, origin):
            if url:
                log(f"\nPostgreSQL: {origin}")
                outcomes.append(drill_database(url, args))
            else:
                log(f"\nPostgreSQL not drilled: {origin}")
    log("")
    for outcome in outcomes:
        log(f"{outcome.database} {outcome.version}: {'PASS' if outcome.passed else 'FAIL'}  "
            f"{outcome.requests:,} requests, {outcome.rate:,.1f} req/s, p50 {outcome.p50_ms:.1f} ms, "
            f"p95 {outcome.p95_ms:.1f} ms, errors {outcome.errors}, locked {outcome.log_counts.get('locked', 0)}")
    if args.json:
        Path(args.json).write_text(json.dumps([{**outcome.__dict__, "rate": outcome.rate, "errors": outcome.errors,
                                                "passed": outcome.passed} for outcome in outcomes], indent=2,
                                              default=str))
    sys.exit(0 if all(outcome.passed for outcome in outcomes) else 1)


if __name__ == "__main__":
    main()
