"""The benchmark suite (`make bench`): club-scale data, served the production way, measured on loopback.

For each database (SQLite; PostgreSQL too when COACHSITE_DATABASE_URL or a local server on
127.0.0.1:5432 answers, or with --postgres a throwaway server started here and stopped at the end):

1. bench/generate.py builds the data set (20 trainers, 1,000 clients, two years of history).
2. gunicorn serves it as the README recommends for production: one sync worker per core, bound to
   127.0.0.1 (a free port), COACHSITE_ENV=production, COACHSITE_SECRET_KEY set.
3. A bounded load tool (wrk when installed, else a Python client on http.client and threads), one
   connection per worker, each connection logged in with its own session, measures median and
   95th-percentile latency and requests per second of:
   a bare Flask "hello world" (bench/hello_app.py, same gunicorn configuration: the floor), the
   roster of the trainer with 1,000 clients, a client's month calendar, the runner's home page,
   logging a run (POST with a CSRF token, goal settling included), and the 12-month PDF calendar,
   cold (disk cache emptied, a client never printed before: no cache can answer) and warm.
4. Prints a table and writes docs/performance.md: machine, versions, command, figures and their
   ratio to the hello-world median of the same run, and the targets of issue 9, met or not.

    .venv/bin/python bench/run.py [--postgres] [--seconds 10] [--max-requests 2000] [--sqlite-only]
"""
from __future__ import annotations

import argparse
import http.client
import importlib.metadata
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import first_view  # noqa: E402  (bench/first_view.py)
import generate  # noqa: E402  (bench/generate.py)

HOST = "127.0.0.1"
PAGE_TARGET, POST_TARGET = 10.0, 20.0  # issue 9: pages within 10x of hello world's median, log-a-run within 20x
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def log(message: str) -> None:
    print(message, flush=True)


# ------------------------------------------------------------------ results


@dataclass
class Result:
    key: str
    label: str
    url: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    rps: float
    target: float | None  # ratio to the hello-world median that is the target (None: the floor itself)
    note: str = ""

    def ratio(self, hello: Result) -> float:
        return self.p50_ms / hello.p50_ms if hello.p50_ms else float("nan")

    def met(self, hello: Result) -> str:
        if self.target is None:
            return ""
        return "met" if self.ratio(hello) <= self.target else "not met"


@dataclass(frozen=True)
class Batch:
    pages: int
    single_s: float
    pooled_s: float
    capacity: float  # how many cores' worth of pure Python the machine gave at the time
    peak_mb: float  # the render workers' peak memory

    @property
    def ratio(self) -> float:
        return self.pooled_s / self.single_s


@dataclass
class Run:
    database: str
    version: str
    rows: int
    generate_s: float
    rows_by_table: dict[str, int]
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_views: list[first_view.PageCost] = field(default_factory=list)
    batch: Batch | None = None
    load: str = field(default_factory=lambda: ", ".join(f"{value:.2f}" for value in os.getloadavg()))

    @property
    def hello(self) -> Result:
        return next(r for r in self.results if r.key == "hello")


# ------------------------------------------------------------------ a small HTTP client with a cookie jar


class Browser:
    """One session (cookie jar) over http.client: log in, read CSRF tokens, follow redirects."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=300)
        headers = {"Cookie": self.cookie_header} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if value and "Max-Age=0" not in header and "01 Jan 1970" not in header:
                    self.cookies[name.strip()] = value
                else:
                    self.cookies.pop(name.strip(), None)
            return response.status, response.headers.get("Location", ""), data.decode("utf-8", "replace")
        finally:
            connection.close()

    def get(self, path: str, follow: bool = True) -> tuple[int, str]:
        status, location, text = self.request("GET", path)
        while follow and status in (301, 302, 303) and location:
            status, location, text = self.request("GET", urllib.parse.urlsplit(location)._replace(
                scheme="", netloc="").geturl())
        return status, text

    def csrf(self, path: str) -> str:
        status, text = self.get(path)
        match = CSRF.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"no CSRF token on {path} (status {status})")
        return match.group(1)

    def login(self, email: str, password: str) -> Browser:
        token = self.csrf("/login")
        status, location, text = self.request("POST", "/login", {"email": email, "password": password,
                                                                   "csrf_token": token})
        if status != 302:
            raise RuntimeError(f"login of {email} failed with {status}: {text[:300]}")
        self.get(urllib.parse.urlsplit(location).path or "/")  # shows (and so consumes) the welcome flash
        return self


def sessions(port: int, email: str, count: int) -> list[Browser]:
    return [Browser(port).login(email, generate.PASSWORD) for _ in range(count)]


# ------------------------------------------------------------------ load: wrk, or a bounded Python client


@dataclass
class Load:
    """What one measurement sends: cycled paths (and bodies), one cookie (and body suffix) per connection."""

    method: str
    paths: list[str]
    cookies: list[str]
    expect: int = 200
    bodies: list[str] | None = None
    suffixes: list[str] | None = None  # per connection, appended to each body (the session's CSRF token)


LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9 end
local paths = %(paths)s
local bodies = %(bodies)s
local cookies = %(cookies)s
local suffixes = %(suffixes)s
local method, expect, limit, connections = "%(method)s", %(expect)d, %(limit)d, %(connections)d
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end
function init(args)
  sent, count, bad, first, last = 0, 0, 0, 0, 0
  headers = {}
  headers["Cookie"] = cookies[index]
  if bodies then headers["Content-Type"] = "application/x-www-form-urlencoded" end
end
function request()
  if first == 0 then first = now() end
  local i = sent * connections + index - 1
  sent = sent + 1
  local body = nil
  if bodies then body = bodies[(i %% #bodies) + 1] .. suffixes[index] end
  return wrk.format(method, paths[(i %% #paths) + 1], headers, body)
end
function response(status, hdrs, body)
  count = count + 1
  last = now()
  if status ~= expect then bad = bad + 1 end
  if count >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local count, bad, first, last = 0, 0, nil, 0
  for _, t in ipairs(threads) do
    count = count + t:get("count")
    bad = bad + t:get("bad")
    local f = t:get("first")
    if f > 0 and (first == nil or f < first) then first = f end
    if t:get("last") > last then last = t:get("last") end
  end
  local e = summary.errors
  io.write(string.format('BENCHJSON {"requests": %%d, "span": %%.6f, "p50_us": %%d, "p95_us": %%d, "bad": %%d, ' ..
    '"errors": %%d}\n', count, last - (first or last), latency:percentile(50), latency:percentile(95), bad,
    e.connect + e.read + e.write + e.timeout))
end
"""


def _lua(values: list[str] | None) -> str:
    if values is None:
        return "nil"
    return "{" + ",".join(json.dumps(value) for value in values) + "}"


def run_wrk(load: Load, port: int, seconds: float, max_requests: int) -> tuple[int, float, float, float]:
    connections = len(load.cookies)
    script = LUA % {"paths": _lua(load.paths), "bodies": _lua(load.bodies), "cookies": _lua(load.cookies),
                    "suffixes": _lua(load.suffixes or [""] * connections), "method": load.method,
                    "expect": load.expect, "limit": -(-max_requests // connections), "connections": connections}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            ["wrk", "-t", str(connections), "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
             "--timeout", "120s", "-s", handle.name, f"http://{HOST}:{port}{load.paths[0]}"],
            capture_output=True, text=True, timeout=seconds + 180, check=True).stdout
    finally:
        os.unlink(handle.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCHJSON "))
    found = json.loads(line.removeprefix("BENCHJSON "))
    if found["bad"] or found["errors"]:
        raise RuntimeError(f"{found['bad']} unexpected statuses (wanted {load.expect}) and {found['errors']} "
                           f"socket errors on {load.method} {load.paths[0]}")
    return found["requests"], found["span"], found["p50_us"] / 1000, found["p95_us"] / 1000


def run_python(load: Load, port: int, seconds: float, max_requests: int) -> tuple[int, float, float, float]:
    """The same measurement without wrk: a thread per connection, bounded in time and count."""
    connections = len(load.cookies)
    timings: list[float] = []
    problems: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    ended = [started]
    issued = [0]

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=300)
        headers = {"Cookie": load.cookies[index]}
        if load.bodies:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        sent = 0
        while time.perf_counter() < deadline:
            with lock:
                if issued[0] >= max_requests:
                    break
                issued[0] += 1
            i = sent * connections + index
            sent += 1
            body = load.bodies[i % len(load.bodies)] + (load.suffixes or [""] * connections)[index] \
                if load.bodies else None
            begin = time.perf_counter()
            connection.request(load.method, load.paths[i % len(load.paths)], body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            finish = time.perf_counter()
            with lock:
                timings.append(finish - begin)
                ended[0] = max(ended[0], finish)
                if response.status != load.expect:
                    problems.append(str(response.status))
        connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if problems:
        raise RuntimeError(f"unexpected statuses {sorted(set(problems))} (wanted {load.expect}) on {load.paths[0]}")
    timings.sort()
    return len(timings), ended[0] - started, statistics.median(timings) * 1000, _p95(timings) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def measure(key: str, label: str, load: Load, port: int, args: argparse.Namespace, target: float | None,
            seconds: float | None = None, max_requests: int | None = None, note: str = "") -> Result:
    tool = run_wrk if args.tool == "wrk" else run_python
    tool(load, port, 2, 4 * len(load.cookies))  # warm up: templates, connection pools, every worker
    count, span, p50, p95 = tool(load, port, seconds or args.seconds, max_requests or args.max_requests)
    result = Result(key, label, load.paths[0], count, span, p50, p95, count / span if span else 0.0, target, note)
    log(f"  {label:44} {count:6} req  p50 {p50:9.2f} ms  p95 {p95:9.2f} ms  {result.rps:8.1f} req/s")
    return result


# ------------------------------------------------------------------ servers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def gunicorn(app_spec: str, env: dict[str, str], log_folder: Path, chdir: Path = ROOT) -> Iterator[tuple[int, int]]:
    """gunicorn as the README runs it in production (sync workers, one per core), in its own process
    group so that it, its workers and their PDF render processes all stop at the end."""
    port = free_port()
    log_file = log_folder / f"gunicorn-{port}.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers()), "--bind", f"{HOST}:{port}",
               "--chdir", str(chdir), "--error-logfile", str(log_file), app_spec]
    process = subprocess.Popen(command, env={**os.environ, **env}, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process, log_file)
        yield port, process.pid
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.5)
        try:  # PDF render processes left behind by a worker
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _wait_for(port: int, process: subprocess.Popen[bytes], log_file: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log_file.read_text()[-3000:] if log_file.exists() else ''}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/")
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def _run(command: list[str], as_user: str | None = None) -> None:
    if as_user:
        command = ["su", as_user, "-s", "/bin/sh", "-c", shlex.join(command)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server of our own on loopback (initdb in a temporary folder, a free port, default
    settings, fsync on), stopped and removed at the end whatever happens."""
    initdb = shutil.which("initdb")
    if not initdb:
        raise RuntimeError("initdb is not installed")
    bindir = Path(os.path.realpath(initdb)).parent
    data = Path(tempfile.mkdtemp(prefix="coachsite-bench-pg-"))
    port = free_port()
    user = "postgres" if os.geteuid() == 0 else None  # initdb refuses to run as root
    if user:
        shutil.chown(data, user)
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "coachsite", "--auth=trust", "-E", "UTF8"], user)
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w",
              "-o", f"-h {HOST} -p {port} -k {data}", "start"], user)
        yield f"postgresql://coachsite@{HOST}:{port}/postgres"
    finally:
        try:
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], user)
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(data, ignore_errors=True)


def local_postgres() -> str | None:
    """A PostgreSQL server that answers on 127.0.0.1:5432 without a password, if any."""
    import psycopg

    for user in ("postgres", os.environ.get("USER") or "root"):
        url = f"postgresql://{user}@{HOST}:5432/postgres"
        try:
            with psycopg.connect(url, connect_timeout=2):
                return url
        except psycopg.Error:
            continue
    return None


def server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as connection:
        return str(connection.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]


# ------------------------------------------------------------------ one database


def bench_database(database_url: str | None, args: argparse.Namespace, origin: str = "") -> Run:
    dialect = "PostgreSQL" if database_url else "SQLite"
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    log(f"\n== {dialect}: generating {args.clients:,} clients with two years of history")
    with generate.instance(database_url) as where:
        summary = generate.build(where, args.clients, echo=log, big_roster=args.big_roster)
        log(f"  {summary.total:,} rows in {summary.seconds:.1f} s")
        log("  " + generate.accounts_text(summary).replace("\n", "\n  "))
        version = server_version(where.database_url) if database_url else sqlite3.sqlite_version
        run = Run(dialect, version, summary.total, summary.seconds, dict(summary.rows), load=load)
        run.notes.append(origin or "A SQLite file in a temporary instance folder (WAL, synchronous=NORMAL, as the "
                                   "site configures it).")
        env = {"COACHSITE_ENV": "production", "COACHSITE_SECRET_KEY": "bench-" + os.urandom(16).hex(),
               "COACHSITE_DATABASE_URL": where.database_url}
        spec = f"coachsite:create_app({{'INSTANCE_PATH': {str(where.path)!r}}})"
        log(f"== {dialect}: measuring ({workers()} sync workers, {args.tool}, {args.connections} connections, "
            f"at most {args.seconds:g} s or {args.max_requests:,} requests each)")
        with gunicorn("hello_app:app", {}, where.path, chdir=ROOT / "bench") as (port, _):
            # The floor gets more requests: at thousands a second, 2,000 would be over in a fraction of a second.
            run.results.append(measure("hello", 'Hello world (bare Flask, same gunicorn)',
                                       Load("GET", ["/"], [""] * args.connections), port, args, None,
                                       max_requests=max(args.max_requests, 20000)))
        with gunicorn(spec, env, where.path) as (port, master):
            _site(run, summary, where, port, args)
            run.notes.append(server_memory(master))
        log(f"== {dialect}: pages in process, seen again and seen first (memos emptied)")
        run.first_views = first_view.page_costs(where, _first_view_pages(summary, args))
        for cost in run.first_views:
            log(f"  {cost.label:44} seen again {cost.warm_ms:8.2f} ms   seen first {cost.cold_ms:8.2f} ms")
        if not database_url and args.batch_clients:
            run.batch = batch_print(where, summary, args)
    return run


def _first_view_pages(summary: generate.Summary, args: argparse.Namespace) -> list[tuple[str, str, str]]:
    today = date.today()
    pages = [(f"Roster of {len(summary.client_ids):,} clients", "/clients/?sort=activity", summary.trainer_email)]
    if summary.big_roster_ids:
        pages.append((f"Roster of {len(summary.big_roster_ids):,} clients", "/clients/?sort=activity",
                      summary.big_roster_email))
    pages += [("Client's month calendar", f"/clients/{summary.client_ids[0]}/calendar/?month={today:%Y-%m}",
               summary.trainer_email),
              ("Runner's home page (/me)", "/me", summary.runner_email)]
    return pages


def server_memory(master: int) -> str:
    """Peak resident memory (VmHWM) of the server's processes: gunicorn's web workers (children of the
    master) and the PDF render workers (the web workers' forkserver and its children)."""
    web, render = [], []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == master:
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if int(stat[2]) != master:  # field 5: the process group; the server runs in its own
            continue
        peak = re.search(r"VmHWM:\s+(\d+) kB", status)
        if peak:
            (web if int(stat[1]) == master else render).append(int(peak.group(1)) / 1024)
    def listed(values: list[float]) -> str:
        return ", ".join(f"{value:.0f} MB" for value in sorted(values)) or "none"
    return (f"Peak memory (VmHWM) after the PDFs, a 12-month print included: web workers {listed(web)}; "
            f"PDF render processes {listed(render)} (target: under 300 MB each).")


def batch_print(where: generate.Instance, summary: generate.Summary, args: argparse.Namespace) -> Batch:
    """Batch printing (issue 9): the month of `batch_clients` clients as one document, every cache empty,
    in the render pool (one worker per core) against one process, alternately, medians."""
    import pdf_calendar  # bench/pdf_calendar.py: the machine's parallel capacity right now

    from coachsite import pdf
    from coachsite.domain import print_calendar as rules
    from coachsite.extensions import db
    from coachsite.models import Client
    from coachsite.printing import calendar_pdf

    log(f"== batch printing: {args.batch_clients} clients' month, pool of {workers()} against one process")
    app = generate.make_app(where, PDF_WORKERS=workers())
    wanted = rules.print_range(f"{date.today():%Y-%m}", 1, "a4")
    with app.test_request_context():
        pages = []
        for client_id in summary.client_ids[:args.batch_clients]:
            pages += calendar_pdf.htmls(db.session.get(Client, client_id), wanted)
        pdf.start_pool()
        pdf.render_html(pages[0], str(Path(app.static_folder or "")))  # WeasyPrint loaded here too
        pooled, single = [], []
        for _ in range(args.batch_repeat):
            for size, times in ((workers(), pooled), (1, single)):
                app.config["PDF_WORKERS"] = size
                pdf.clear_cache()
                begin = time.perf_counter()
                pdf.render_html_pages(pages, cache_document=False)
                times.append(time.perf_counter() - begin)
        capacity = pdf_calendar.parallel_capacity(workers())
        peaks = pdf_calendar.peak_rss_mb(pdf.pool_pids())
        pdf.shutdown_pool()
        pdf.clear_cache()
    batch = Batch(len(pages), statistics.median(single), statistics.median(pooled), capacity, max(peaks or [0.0]))
    log(f"  {batch.pages} pages: one process {batch.single_s:.2f} s, pool {batch.pooled_s:.2f} s "
        f"({batch.ratio:.2f}x); the machine's parallel capacity now {capacity:.2f}x of one core")
    return batch



def _site(run: Run, summary: generate.Summary, where: generate.Instance, port: int, args: argparse.Namespace) -> None:
    today = date.today()
    busy = summary.client_ids[0]
    trainers = [browser.cookie_header for browser in sessions(port, summary.trainer_email, args.connections)]
    runners = [browser.cookie_header for browser in sessions(port, summary.runner_email, args.connections)]
    month = f"{today:%Y-%m}"
    # The floor of a logged-in page on this stack: the session, the user's row, the CSRF token and the
    # base template with its navigation, and nothing else (a page that is not there).
    run.results.append(measure("floor_page", "Not found, logged in (the floor of a logged-in page)",
                               Load("GET", ["/no-such-page"], trainers, expect=404), port, args, None))
    # A small page of the site: one form of four fields (seven choices among them), no club data.
    run.results.append(measure("form_page", "Account settings (logged in, one form, no data)",
                               Load("GET", ["/account/settings"], trainers), port, args, None))
    run.results.append(measure("roster", f"Roster of {len(summary.client_ids):,} clients, by last activity",
                               Load("GET", ["/clients/?sort=activity"], trainers), port, args, PAGE_TARGET))
    if summary.big_roster_ids:
        big = [browser.cookie_header for browser in sessions(port, summary.big_roster_email, args.connections)]
        run.results.append(measure("roster_big", f"Roster of {len(summary.big_roster_ids):,} clients, by last activity",
                                   Load("GET", ["/clients/?sort=activity"], big), port, args, PAGE_TARGET))
    run.results.append(measure("month", "Client's month calendar",
                               Load("GET", [f"/clients/{busy}/calendar/?month={month}"], trainers), port, args,
                               PAGE_TARGET))
    run.results.append(measure("home", "Runner's home page (/me)", Load("GET", ["/me"], runners), port, args,
                               PAGE_TARGET))

    # Log a run: the trainer logs for each client in turn, on each of the last 8 weeks' days.
    browsers = sessions(port, summary.trainer_email, args.connections)
    tokens = [browser.csrf(f"/clients/{busy}/runs/new") for browser in browsers]
    days = [today - timedelta(days=n) for n in range(1, 57)]
    bodies = [urllib.parse.urlencode({"on": day.isoformat(), "distance_m": f"{6 + n % 9}.{n % 10}",
                                      "duration_s": f"{35 + n % 30}:{n % 60:02d}", "effort": str(3 + n % 6),
                                      "comment": "bench"}) for n, day in enumerate(days)]
    run.results.append(measure(
        "log_run", "Log a run (POST, goal settling)",
        Load("POST", [f"/clients/{client_id}/runs/new" for client_id in summary.client_ids],
             [browser.cookie_header for browser in browsers], expect=302, bodies=bodies,
             suffixes=["&csrf_token=" + urllib.parse.quote(token) for token in tokens]), port, args, POST_TARGET))

    _pdf(run, summary, where, port, args, trainers)


def _pdf(run: Run, summary: generate.Summary, where: generate.Instance, port: int, args: argparse.Namespace,
         trainers: list[str]) -> None:
    today = date.today()
    start_year, start_month = divmod(today.year * 12 + today.month - 1 - 8, 12)
    query = f"start={start_year}-{start_month + 1:02d}&months=12&paper=a4"
    url = "/clients/{}/calendar.pdf?" + query
    browser = Browser(port)
    browser.cookies = dict(part.split("=", 1) for part in trainers[0].split("; "))
    cache = where.path / "pdf-cache"

    def clear() -> None:
        if cache.is_dir():
            for entry in cache.iterdir():
                if entry.suffix in (".pdf", ".tmp"):
                    entry.unlink(missing_ok=True)

    def timed(client_id: int) -> float:
        begin = time.perf_counter()
        status, _, data = browser.request("GET", url.format(client_id))
        elapsed = time.perf_counter() - begin
        if status != 200 or not data.startswith("%PDF"):
            raise RuntimeError(f"the PDF of client {client_id} answered {status}: {data[:300]}")
        return elapsed * 1000

    # Start every worker's render pool (and its WeasyPrint) first: what "cold" measures is the render,
    # not a process start. The first request's time is kept as a note.
    clients = summary.client_ids
    first = timed(clients[-1])
    warmers = [threading.Thread(target=_fetch, args=(port, browser.cookies, url.format(c))) for c in clients[-5:-1]]
    for thread in warmers:
        thread.start()
    for thread in warmers:
        thread.join()
    cold = []
    for client_id in clients[1:1 + args.pdf_cold]:
        clear()
        cold.append(timed(client_id))
    cold.sort()
    rps = len(cold) / (sum(cold) / 1000)
    run.results.append(Result("pdf_cold", "12-month PDF, cold (sequential)", url.format(clients[1]), len(cold),
                              sum(cold) / 1000, statistics.median(cold), _p95(cold), rps, PAGE_TARGET,
                              note=f"{len(cold)} samples, each a client never printed, disk cache emptied"))
    log(f"  {'12-month PDF, cold (sequential)':44} {len(cold):6} req  p50 {statistics.median(cold):9.2f} ms  "
        f"p95 {_p95(cold):9.2f} ms  {rps:8.2f} req/s")
    run.notes.append(f"First PDF request after the server started (render pools starting): {first:,.0f} ms.")
    warm_client = clients[args.pdf_cold]  # the last cold one: the emptying of the cache spared its files
    timed(warm_client)
    run.results.append(measure("pdf_warm", "12-month PDF, warm (cached)",
                               Load("GET", [url.format(warm_client)], trainers), port, args, PAGE_TARGET,
                               max_requests=min(args.max_requests, 500)))


def _fetch(port: int, cookies: dict[str, str], path: str) -> None:
    browser = Browser(port)
    browser.cookies = dict(cookies)
    browser.request("GET", path)


# ------------------------------------------------------------------ report


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                             if line.startswith("MemTotal")))
        memory = f"{memory_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {"CPU": cpu, "Cores": f"{os.cpu_count()} ({workers()} usable: {workers()} gunicorn workers)",
            "Memory": memory, "OS": platform.platform(), "Load average at start": load}


def versions(runs: list[Run], tool: str) -> dict[str, str]:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    found = {"Python": platform.python_version(), "Flask": version("flask"), "SQLAlchemy": version("sqlalchemy"),
             "WeasyPrint": version("weasyprint"), "gunicorn": version("gunicorn"), "psycopg": version("psycopg"),
             "SQLite": sqlite3.sqlite_version}
    found["PostgreSQL"] = next((run.version for run in runs if run.database == "PostgreSQL"), "not measured")
    if tool == "wrk":
        out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        found["Load tool"] = (out.stdout or out.stderr).splitlines()[0].split(" [")[0]
    else:
        found["Load tool"] = "Python http.client client (wrk not installed)"
    return found


def table(run: Run) -> list[str]:
    hello = run.hello
    lines = ["| measurement | requests | median ms | p95 ms | req/s | median / hello | target | |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in run.results:
        target = f"≤ {r.target:g}x" if r.target else "floor" if r.key == "hello" else "reference"
        lines.append(f"| {r.label} | {r.requests:,} | {r.p50_ms:,.2f} | {r.p95_ms:,.2f} | {r.rps:,.1f} | "
                     f"{r.ratio(hello):,.1f}x | {target} | {r.met(hello)} |")
    return lines


def report(runs: list[Run], args: argparse.Namespace, started: float, skipped: str | None) -> str:
    wall = time.time() - started
    command = "make bench" if os.environ.get("MAKELEVEL") else "python " + shlex.join(sys.argv)
    lines = ["# Performance", "",
             "Written by `bench/run.py` (`make bench`); the figures of one run on one machine, not a promise. "
             "Regenerate with `make bench`.", "",
             f"Run on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. Command: `{command}` "
             f"(`bench/run.py {shlex.join(sys.argv[1:])}`). Wall time: **{wall / 60:.1f} min**"
             + (" including the virtualenv set-up." if args.started else "."), "", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in machine().items()]
    if os.getloadavg()[1] > workers():
        lines += ["", f"The machine was busy with other work (load average over {workers()} cores): every figure, "
                      "the floor included, is slower and noisier than on a quiet machine; compare ratios, not "
                      "milliseconds."]
    lines += ["", "## Versions", ""]
    lines += [f"- {key}: {value}" for key, value in versions(runs, args.tool).items()]
    lines += ["", "## Method", "",
              f"- Data (bench/generate.py): 20 trainers in 2 clubs, {args.clients:,} clients all on "
              "bench-trainer-0's roster, each with two years of planned sessions (and 13 weeks ahead) and logged "
              "runs, 4 settled goals and 1 in progress with milestones, races, technique notes, comments; "
              "bulk inserts, schema from the migrations, goals settled by the site's own code, then ANALYZE.",
              f"- Server: gunicorn, {workers()} sync workers (one per core, as the README recommends), "
              "127.0.0.1, COACHSITE_ENV=production. The hello-world app runs under the same gunicorn settings.",
              f"- Load: {args.tool}, {args.connections} connections (one per worker), each logged in with its own "
              f"session; every measurement stops after {args.seconds:g} s or {args.max_requests:,} requests "
              "(hello world: 20,000, so that it lasts long enough; PDF warm: 500), after a short warm-up. "
              "Median and p95 are per request latency; req/s is requests over the measured span.",
              "- Log a run: the trainer POSTs the run form (with the session's CSRF token) for each client in turn "
              "on each of the last 56 days; answered by the redirect (302), goal settling included.",
              f"- PDF: `/clients/<id>/calendar.pdf?start=<8 months ago>&months=12&paper=a4`. Cold: "
              f"{args.pdf_cold} requests one after another, each for a client never printed before and with the "
              "disk cache (instance/pdf-cache) emptied, so neither the disk cache nor any in-memory cache can "
              "answer; the render pools were started before. Warm: the same PDF again and again.",
              "- Two references, not targets: a page that is not there, answered to a logged-in trainer (session, "
              "user row, CSRF token, base template and navigation: the least any logged-in page costs), and "
              "account settings (the same and a form of four fields, no club data).",
              f"- Targets (issue 9): every page's median within {PAGE_TARGET:g}x of the hello-world median, "
              f"log-a-run within {POST_TARGET:g}x, on SQLite and PostgreSQL alike.",
              f"- The 10,000-client roster: bench-trainer-1's {args.big_roster:,} clients, each with four weeks of "
              "plan and runs, two ahead, and a goal in progress (bench/generate.py --big-roster): what a roster "
              "page costs grows with the roster, not with each client's history.",
              "- Memos: each worker keeps derived figures (roster compliance, a printed calendar's cache key) and "
              "rendered parts of pages (a month's table, the roster's rows and goals panel, the runner's plan and "
              "panels) in memory, keyed by the data they come from (coachsite/memo.py, coachsite/fragments.py, "
              "coachsite/stamps.py), so a page repeated by a load tool is mostly answered from them. \"Seen "
              "first\" below is the same page in process with every memo emptied before each request: what the "
              "first view after a change costs.",
              f"- Batch printing (SQLite run): the current month of {args.batch_clients} clients as one document, "
              f"every cache empty, rendered by the pool ({workers()} workers) and by one process, alternately, "
              f"{args.batch_repeat} times each, medians. Target: the pool at most 0.6x of one process.", ""]
    for run in runs:
        lines += [f"## {run.database} {run.version}", "", f"Load average when this database's run began: {run.load}.",
                  "", f"Generated {run.rows:,} rows in {run.generate_s:.1f} s "
                  f"({run.rows / run.generate_s:,.0f} rows/s): "
                  + ", ".join(f"{table} {count:,}" for table, count in
                              sorted(run.rows_by_table.items(), key=lambda item: -item[1])) + ".", ""]
        lines += table(run)
        lines += [""] + [f"- {note}" for note in run.notes] + [""]
        if run.first_views:
            lines += ["In process (no server, no network), medians of 30 requests:", "",
                      "| page | seen again ms | seen first ms |", "|---|---:|---:|"]
            lines += [f"| {cost.label} | {cost.warm_ms:,.2f} | {cost.cold_ms:,.2f} |" for cost in run.first_views]
            lines.append("")
        if run.batch:
            b = run.batch
            lines += [f"Batch printing: {b.pages} pages, one process {b.single_s:.2f} s, pool {b.pooled_s:.2f} s: "
                      f"**{b.ratio:.2f}x** (target ≤ 0.6x: **{'met' if b.ratio <= 0.6 else 'not met'}**). The "
                      f"machine gave {b.capacity:.2f} cores' worth of pure Python at the time (of {workers()}); "
                      f"render workers' peak memory {b.peak_mb:.0f} MB.", ""]
    if skipped:
        lines += ["## PostgreSQL", "", f"Not measured: {skipped}", ""]
    lines += ["## Targets", ""]
    for run in runs:
        hello = run.hello
        for r in run.results:
            if r.target:
                lines.append(f"- {run.database}, {r.label}: {r.ratio(hello):,.1f}x of hello world "
                             f"(target ≤ {r.target:g}x): **{r.met(hello)}**")
        if run.batch:
            lines.append(f"- {run.database}, batch printing of {run.batch.pages} pages: {run.batch.ratio:.2f}x of one "
                         f"process (target ≤ 0.6x): **{'met' if run.batch.ratio <= 0.6 else 'not met'}**")
    lines += ["", "A cold PDF cannot be within 10x of hello world on this stack: WeasyPrint lays out a month page in "
                  "about 0.25 s (DESIGN.md), so its figure is there to track, not to pass.", "",
              "Log a run is measured with both connections posting all the time: on SQLite one write holds the "
              "database at a time, so each post also waits for the other's (its median is about twice what one "
              "post alone takes, which bench/profile_page.py shows); on PostgreSQL both run at once but share "
              "the 2 cores with the database server and wrk.", ""]
    for run in runs:
        pages = [r for r in run.results if r.target and not r.key.startswith("pdf")]
        slowest = max(pages, key=lambda r: r.p50_ms)
        lines.append(f"Slowest page on {run.database} (PDFs aside): {slowest.label}, median {slowest.p50_ms:,.1f} ms. "
                     f"Profile it with `.venv/bin/python bench/profile_page.py {_profile_arguments(slowest, args)}`.")
    return "\n".join(lines) + "\n"


def _profile_arguments(result: Result, args: argparse.Namespace) -> str:
    """bench/profile_page.py's arguments for the page of `result` (on a data set it generates)."""
    url = re.sub(r"/clients/\d+/", "/clients/{client}/", result.url)
    if result.key == "log_run":
        return f"'{url}' --method POST --data 'on=<a date>&distance_m=8.2&duration_s=44:10&effort=4'"
    if result.key == "roster_big":
        return f"'{url}' --as {generate.TRAINER_EMAIL.format(1)} --big-roster {args.big_roster}"
    return f"'{url}'"


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true",
                        help="without COACHSITE_DATABASE_URL or a server on 127.0.0.1:5432, start a throwaway "
                             "PostgreSQL (initdb) for the PostgreSQL run")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0, help="each measurement's time bound")
    parser.add_argument("--max-requests", type=int, default=2000, help="each measurement's count bound")
    parser.add_argument("--connections", type=int, default=workers())
    parser.add_argument("--pdf-cold", type=int, default=3, help="cold PDF samples")
    parser.add_argument("--big-roster", type=int, default=10_000,
                        help="a second trainer's roster of this many clients (light history); 0: none")
    parser.add_argument("--batch-clients", type=int, default=50, help="batch printing: clients (SQLite run); 0: none")
    parser.add_argument("--batch-repeat", type=int, default=2, help="batch printing: runs of each way (median)")
    parser.add_argument("--tool", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--started", type=float, help="epoch seconds when `make bench` began (for the wall time)")
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = parser.parse_args()
    started = args.started or time.time()

    runs = [bench_database(None, args)]
    skipped: str | None = None
    configured = os.environ.get("COACHSITE_DATABASE_URL", "")
    if args.sqlite_only:
        skipped = "--sqlite-only was given."
    elif configured.startswith(("postgres://", "postgresql")):
        runs.append(bench_database(configured, args, "The server of COACHSITE_DATABASE_URL (a throwaway database "
                                                     "on it, dropped at the end)."))
    elif (local := local_postgres()) is not None:
        runs.append(bench_database(local, args, "The local server on 127.0.0.1:5432 (a throwaway database on it, "
                                                "dropped at the end)."))
    elif args.postgres:
        with throwaway_postgres() as url:
            runs.append(bench_database(url, args, "A throwaway server started by bench/run.py (initdb, default "
                                                  "settings, fsync on), on the same 2 cores, stopped at the end."))
    else:
        skipped = ("no COACHSITE_DATABASE_URL, no server on 127.0.0.1:5432, and --postgres not given "
                   "(make bench passes it when initdb is installed).")

    text = report(runs, args, started, skipped)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    log("")
    for run in runs:
        log(f"{run.database} {run.version}")
        log("\n".join(table(run)))
        log("")
    log(f"written to {output} ; wall time {(time.time() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
