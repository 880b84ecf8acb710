"""The 12-month PDF calendar of a busy client: the project's way against a naive render.

In one run on this machine, with a throwaway SQLite instance holding a client with two years of
sessions and runs, goals with milestones, a race and technique notes:

  (a) the project's service (coachsite.printing.services.calendar_document): a document per month,
      cached on disk by its HTML, uncached months rendered in parallel by the worker pool, joined
      with pypdf; "cold" with empty caches (the pool already started, as in a running worker),
      "warm" when nothing changed (the HTML of 12 months and one cache read); also the warm
      request through the web endpoint;
  (b) the naive way: the same months' markup as ONE HTML document (a plain table per month, the
      same text and stylesheet), rendered by WeasyPrint in this process, no cache, no pool.

It prints the figures and the ratios cold/naive and warm/naive (medians of interleaved runs, so
that all meet the same load on a shared machine), the CPU time of each, the peak memory of the
pool's workers, how much parallel capacity the machine offers right now (pure Python in 1 and in
N processes), and a small batch (several clients, pool against one process).
Run: `.venv/bin/python bench/pdf_calendar.py [--repeat 3] [--batch-clients 8 --batch-months 3]`."""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from flask_migrate import upgrade
from pypdf import PdfReader
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coachsite import create_app, pdf  # noqa: E402
from coachsite.auth.passwords import hash_password  # noqa: E402
from coachsite.domain import print_calendar as rules  # noqa: E402
from coachsite.extensions import db  # noqa: E402
from coachsite.models import (Activity, Client, Goal, Milestone, PlannedSession, Race, TechniqueNote,  # noqa: E402
                              User)
from coachsite.printing import calendar_pdf, services  # noqa: E402

START = date(2027, 1, 1)
KINDS = ("rest", "intervals", "easy", "tempo", "easy", "long", "easy")
PACES = {"intervals": 270, "tempo": 295, "easy": 345, "long": 350}


def fill_client(trainer: User, name: str, first: date, days: int) -> Client:
    """Two years of daily sessions (the first year with runs), a goal with a milestone a month,
    an A race and a B race, shared notes and a private one."""
    client = Client(trainer_id=trainer.id, name=name, units="km")
    db.session.add(client)
    db.session.flush()
    sessions, runs = [], []
    for i in range(days):
        day, kind = first + timedelta(days=i), KINDS[i % 7]
        metres = None if kind == "rest" else 6000.0 + (i % 9) * 1000
        sessions.append({"client_id": client.id, "on": day, "kind": kind, "distance_m": metres,
                         "pace_s_per_km": PACES.get(kind), "title": kind.capitalize(),
                         "description": "Warm up 2 km; main set; cool down."})
        if metres and i < days // 2:
            runs.append({"client_id": client.id, "on": day, "distance_m": metres * 0.97,
                         "duration_s": int(metres / 1000 * 340), "source": "manual"})
    db.session.execute(insert(PlannedSession), sessions)
    db.session.execute(insert(Activity), runs)
    goal = Goal(client_id=client.id, kind="distance", title="First marathon", start_on=START,
                due_on=date(2027, 10, 17), distance_m=42195.0, reward="a weekend away", state="accepted",
                proposed_by_id=trainer.id)
    goal.milestones = [Milestone(due_on=date(2027, month, 14), distance_m=12000.0 + month * 2000,
                                 reward=f"reward number {month}", state="accepted") for month in range(1, 13)]
    db.session.add(goal)
    db.session.add_all([
        Race(client_id=client.id, name="City Marathon", on=date(2027, 10, 17), distance_m=42195.0, priority="A",
             goal_time_s=4 * 3600),
        Race(client_id=client.id, name="Spring Half", on=date(2027, 4, 11), distance_m=21097.5, priority="B",
             goal_time_s=6900)])
    for month in range(1, 13, 2):
        db.session.add(TechniqueNote(client_id=client.id, author_id=trainer.id, on=date(2027, month, 3),
                                     area="cadence", cue=f"Quick light feet {month}", status="open", shared=True))
    db.session.add(TechniqueNote(client_id=client.id, author_id=trainer.id, on=date(2027, 6, 1), area="mindset",
                                 cue="Private", status="open", shared=False))
    return client


def naive_html(pages: list[str]) -> str:
    """The same months as one document: each page's <body> content in a section, one page each."""
    head = re.search(r"<head>.*?</head>", pages[0], re.S)
    assert head
    bodies = [re.search(r"<body[^>]*>(.*)</body>", page, re.S) for page in pages]
    classes = [re.search(r'<body class="([^"]*)"', page) for page in pages]
    sections = "".join(f'<section class="{c.group(1) if c else ""}" style="break-after: page">{b.group(1)}</section>'
                       for b, c in zip(bodies, classes) if b)
    return f"<!doctype html><html lang=\"en\">{head.group(0)}<body>{sections}</body></html>"


def peak_rss_mb(pids: list[int]) -> list[float]:
    peaks = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return peaks


def cpu_seconds(pids: list[int]) -> float:
    """CPU time used so far by this process and the given ones (the pool's workers)."""
    total = time.process_time()
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def burn(loops: int) -> int:
    total = 0
    for number in range(loops):
        total += number * number
    return total


def parallel_capacity(workers: int, loops: int = 3_000_000) -> float:
    """How much faster `workers` processes do `workers` times the same pure-Python work than one
    process does it alone, one after another: about `workers` on free cores, 1.0 when the machine
    (shared, or vCPUs on one core) gives no more than one core's worth."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(workers, mp_context=get_context("forkserver")) as pool:
        list(pool.map(burn, [10] * workers))
        alone, _ = timed(lambda: [burn(loops) for _ in range(workers)])
        together, _ = timed(lambda: list(pool.map(burn, [loops] * workers)))
    return alone / together


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each cold and naive figure (median)")
    parser.add_argument("--warm", type=int, default=30, help="warm requests (median)")
    parser.add_argument("--batch-clients", type=int, default=8)
    parser.add_argument("--batch-months", type=int, default=3)
    args = parser.parse_args()
    workers = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    capacity = parallel_capacity(workers)
    with tempfile.TemporaryDirectory(prefix="coachsite-bench-") as tmp:
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
                          "INSTANCE_PATH": tmp, "WTF_CSRF_ENABLED": False, "PDF_WORKERS": workers,
                          "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
        with app.app_context():
            upgrade()
            trainer = User(name="Bench Trainer", email="bench@example.com", role="trainer",
                           password_hash=hash_password("bench-password", "pbkdf2:sha256:1000"))
            db.session.add(trainer)
            db.session.flush()
            started = time.perf_counter()
            busy = fill_client(trainer, "Busy Runner", START - timedelta(days=365), 730)
            others = [fill_client(trainer, f"Runner {n:02d}", START - timedelta(days=365), 730)
                      for n in range(args.batch_clients - 1)]
            db.session.commit()
            print(f"filled {1 + len(others)} clients with two years each in {time.perf_counter() - started:.1f} s")
            busy_id, other_ids = busy.id, [client.id for client in others]

        wanted = rules.print_range("2027-01", 12, "a4")
        with app.test_request_context():
            client = db.session.get(Client, busy_id)
            from weasyprint import HTML  # import and first layout outside the timings, as in a warm worker

            HTML(string="<p>warm</p>").write_pdf()
            pool_start, _ = timed(pdf.start_pool)
            print(f"pool of {workers} workers (forkserver, WeasyPrint preloaded) started in {pool_start:.2f} s, "
                  "once per web worker process")

            htmls = calendar_pdf.htmls(client, wanted)
            naive_document = naive_html(htmls)
            static = Path(app.static_folder or "").resolve()

            def naive_render() -> bytes:
                return HTML(string=naive_document, base_url=static.as_uri() + "/",
                            url_fetcher=pdf.url_fetcher(static)).write_pdf()

            cpu: dict[str, list[float]] = {"naive": [], "pool": [], "single": []}

            def cold(pool_workers: int) -> float:
                app.config["PDF_WORKERS"] = pool_workers
                pdf.clear_cache()
                before = cpu_seconds(pdf.pool_pids())
                seconds, _ = timed(lambda: services.calendar_document(client, wanted))
                cpu["pool" if pool_workers > 1 else "single"].append(cpu_seconds(pdf.pool_pids()) - before)
                app.config["PDF_WORKERS"] = workers
                return seconds

            # Interleaved, so that the three meet the same load on a shared machine.
            naives, colds, singles = [], [], []
            for _ in range(args.repeat):
                before = cpu_seconds([])
                seconds, naive = timed(naive_render)
                cpu["naive"].append(cpu_seconds([]) - before)
                naives.append(seconds)
                colds.append(cold(workers))
                singles.append(cold(1))
            data = services.calendar_document(client, wanted)
            pages = len(PdfReader(BytesIO(data)).pages)
            naive_pages = len(PdfReader(BytesIO(naive)).pages)  # type: ignore[arg-type]
            warms = [timed(lambda: services.calendar_document(client, wanted))[0] for _ in range(args.warm)]
            html_only = [timed(lambda: calendar_pdf.htmls(client, wanted))[0] for _ in range(10)]
            month_one, _ = timed(lambda: pdf.render_html(htmls[0], str(static)))
            worker_peaks = peak_rss_mb(pdf.pool_pids())

            # A batch: several clients' months, in the pool against one process (both cold).
            batch_pages = []
            for client_id in [busy_id, *other_ids]:
                batch_pages += calendar_pdf.htmls(db.session.get(Client, client_id),
                                                  rules.print_range("2027-01", args.batch_months, "a4"))
            pdf.clear_cache()
            pooled, _ = timed(lambda: pdf.render_html_pages(batch_pages, cache_document=False))
            pdf.clear_cache()
            app.config["PDF_WORKERS"] = 1
            sequential, _ = timed(lambda: pdf.render_html_pages(batch_pages, cache_document=False))
            app.config["PDF_WORKERS"] = workers
            worker_peaks = peak_rss_mb(pdf.pool_pids()) or worker_peaks
            pdf.clear_cache()

        browser = app.test_client()
        browser.post("/login", data={"email": "bench@example.com", "password": "bench-password"})
        url = f"/clients/{busy_id}/calendar.pdf?start=2027-01&months=12&paper=a4"
        assert browser.get(url).status_code == 200
        requests = [timed(lambda: browser.get(url))[0] for _ in range(args.warm)]
        pdf.shutdown_pool()

    cold, warm, naive_s = statistics.median(colds), statistics.median(warms), statistics.median(naives)
    print(f"\n12-month calendar of a busy client ({pages} pages; naive document {naive_pages} pages), "
          f"{workers} cores, SQLite, medians of {args.repeat} interleaved runs; load average before "
          f"{load_before:.1f}, after {os.getloadavg()[0]:.1f}:")
    print(f"  naive: one HTML document, WeasyPrint in process, no cache   {naive_s * 1000:8.0f} ms")
    print(f"  cold:  project service, empty caches, {workers} pool workers      {cold * 1000:8.0f} ms   "
          f"cold/naive = {cold / naive_s:.2f}")
    single = statistics.median(singles)
    print(f"  cold:  project service, empty caches, one process (no pool)  {single * 1000:8.0f} ms   "
          f"cold/naive = {single / naive_s:.2f}")
    print(f"  warm:  project service, nothing changed                    {warm * 1000:8.1f} ms   "
          f"warm/naive = {warm / naive_s:.3f}")
    print(f"  warm:  GET {url.split('?')[0].rsplit('/', 1)[1]} through the web app            "
          f"{statistics.median(requests) * 1000:8.1f} ms")
    print(f"  of which the 12 months' HTML (queries and templates)         {statistics.median(html_only) * 1000:8.1f} ms")
    print(f"  one month page rendered alone in this process                 {month_one * 1000:8.0f} ms")
    naive_cpu, pool_cpu, single_cpu = (statistics.median(cpu[key]) for key in ("naive", "pool", "single"))
    print(f"  CPU time (all processes): naive {naive_cpu * 1000:.0f} ms, cold one process {single_cpu * 1000:.0f} ms "
          f"({single_cpu / naive_cpu:.2f}), cold pool {pool_cpu * 1000:.0f} ms ({pool_cpu / naive_cpu:.2f}) "
          f"spread over {workers} workers")
    if worker_peaks:
        print(f"  pool workers' peak memory: {', '.join(f'{peak:.0f} MB' for peak in worker_peaks)}")
    print(f"\nparallel capacity of this machine now: {workers} processes work {capacity:.2f}x as fast as one "
          f"(pure Python; {workers:.0f} would be {workers} free cores)")
    print(f"\nbatch of {args.batch_clients} clients x {args.batch_months} months ({len(batch_pages)} pages), cold:")
    print(f"  one process {sequential:6.2f} s   pool of {workers} {pooled:6.2f} s   "
          f"pool/one process = {pooled / sequential:.2f}")


if __name__ == "__main__":
    main()
