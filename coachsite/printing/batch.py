"""Batch printing: one PDF of several clients (a page per client and month), made in a background
thread of the worker process that was asked, with its state in the print_jobs table.

- Asking again for the same batch (same trainer, clients, months and paper) finds the same job.
  A job still running is simply shown again; a finished one is checked again: its pages' HTML is
  rebuilt, and when it hashes to the same content key the file is kept and nothing renders.
- The thread commits progress as pages finish and a heartbeat at least every few seconds. A job
  whose heartbeat is older than PRINT_JOB_TIMEOUT seconds (its worker restarted, the thread died)
  reads as failed, and can be tried again.
- Files live in instance/print-jobs/<job id>.pdf; files older than PRINT_JOB_KEEP_DAYS are removed.

Services here flush() only; the thread (which has no request) commits its own progress rows.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from coachsite import authz, pdf
from coachsite.domain import print_calendar as rules
from coachsite.extensions import db
from coachsite.models import Client, PrintJob, User, utcnow
from coachsite.printing import calendar_pdf

log = logging.getLogger(__name__)

FOLDER = "print-jobs"
DEFAULT_TIMEOUT_S = 60
DEFAULT_KEEP_DAYS = 7
PROGRESS_EVERY_S = 0.5

_threads: dict[int, threading.Thread] = {}
_threads_lock = threading.Lock()


# ------------------------------------------------------------------ asking for a batch

def request_key(trainer: User, client_ids: list[int], wanted: rules.PrintRange) -> str:
    what = {"trainer": trainer.id, "clients": sorted(set(client_ids)), "start": wanted.first.isoformat(),
            "months": wanted.months, "paper": wanted.paper}
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()


def _timeout() -> timedelta:
    return timedelta(seconds=int(current_app.config.get("PRINT_JOB_TIMEOUT") or DEFAULT_TIMEOUT_S))


def request_batch(trainer: User, clients: list[Client], wanted: rules.PrintRange) -> tuple[PrintJob, bool]:
    """The job for this batch, and whether a thread must start for it (False: one is at work).

    The clients must be ones the trainer manages (authz.managed_clients: the form offers no others)."""
    if not clients or not all(authz.can_manage_client(trainer, client) for client in clients):
        raise ValueError("a batch prints clients the trainer manages")
    ids = sorted(client.id for client in clients)
    key = request_key(trainer, ids, wanted)
    job = db.session.scalar(select(PrintJob).where(PrintJob.trainer_id == trainer.id, PrintJob.request_key == key))
    if job is None:
        job = PrintJob(trainer_id=trainer.id, request_key=key, client_ids=ids, start_on=wanted.first,
                       months=wanted.months, paper=wanted.paper, pages_total=len(ids) * wanted.months)
        try:
            with db.session.begin_nested():
                db.session.add(job)
        except IntegrityError:  # the same batch asked at the same moment: theirs is ours
            job = db.session.scalar(select(PrintJob).where(PrintJob.trainer_id == trainer.id,
                                                           PrintJob.request_key == key))
            assert job is not None
            return job, False
        return job, True
    return job, _claim(job)


def retry(job: PrintJob) -> bool:
    """Run a failed or dead job again; False when it is at work after all."""
    return _claim(job)


def _claim(job: PrintJob) -> bool:
    """Queue the job again, atomically: only one request wins, so only one thread starts.
    Finished and failed jobs are claimed; queued or running ones only when their heartbeat stopped."""
    dead = PrintJob.heartbeat_at < utcnow() - _timeout()
    result = db.session.execute(
        update(PrintJob).where(PrintJob.id == job.id, or_(PrintJob.state.in_(("done", "failed")), dead))
        .values(state="queued", pages_done=0, error=None, heartbeat_at=utcnow(), finished_at=None)
        .execution_options(synchronize_session=False))
    db.session.expire(job)
    return bool(result.rowcount)  # type: ignore[attr-defined]


def state_of(job: PrintJob, now: datetime | None = None) -> str:
    """What the trainer is told: a job whose thread stopped beating reads as failed, and a
    finished job whose file was cleaned up as failed too (try again makes it afresh)."""
    now = now or utcnow()
    if job.state in ("queued", "running") and job.heartbeat_at < now - _timeout():
        return "failed"
    if job.state == "done" and not file_of(job).is_file():
        return "failed"
    return job.state


def status(job: PrintJob) -> dict[str, Any]:
    state = state_of(job)
    total = max(job.pages_total, 1)
    done = job.pages_total if state == "done" else min(job.pages_done, job.pages_total)
    message = {"queued": "Waiting to start…", "running": f"Printed {done} of {job.pages_total} pages…",
               "done": f"Ready: {job.pages_total} pages.",
               "failed": job.error or "The print stopped before it finished. Try again."}[state]
    return {"state": state, "done": done, "total": total, "percent": round(100 * done / total), "message": message}


def file_of(job: PrintJob) -> Path:
    return Path(current_app.instance_path) / FOLDER / f"{job.id}.pdf"


def recent_jobs(trainer: User, limit: int = 5) -> list[PrintJob]:
    return list(db.session.scalars(select(PrintJob).where(PrintJob.trainer_id == trainer.id)
                                   .order_by(PrintJob.created_at.desc(), PrintJob.id.desc()).limit(limit)))


# ------------------------------------------------------------------ the background thread

def start(job_id: int) -> threading.Thread:
    """Render the job in a thread of this process (after the request committed the job)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    thread = threading.Thread(target=_run, args=(app, job_id), name=f"print-job-{job_id}", daemon=True)
    with _threads_lock:
        _threads[job_id] = thread
    thread.start()
    return thread


def wait(job_id: int, timeout: float = 60) -> None:
    """Wait for this process's thread of a job (tests, the command line)."""
    with _threads_lock:
        thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)


def _run(app: Flask, job_id: int) -> None:
    # A request context too: the calendar extras other features register link with url_for.
    with app.test_request_context("/"):
        try:
            _work(job_id)
        except Exception:
            log.exception("print job %s failed", job_id)
            db.session.rollback()
            _set(job_id, state="failed", error="Something went wrong while printing. Try again.",
                 finished_at=utcnow())
        finally:
            db.session.remove()
            with _threads_lock:
                if _threads.get(job_id) is threading.current_thread():
                    del _threads[job_id]


def _set(job_id: int, **values: Any) -> None:
    """One short write of the job's row, with a heartbeat. The read transaction is ended first, so
    the write begins fresh (on SQLite a write on an old read snapshot fails instead of waiting)."""
    db.session.commit()
    db.session.execute(update(PrintJob).where(PrintJob.id == job_id).values(heartbeat_at=utcnow(), **values))
    db.session.commit()


def _work(job_id: int) -> None:
    job = db.session.get(PrintJob, job_id)
    if job is None or job.state != "queued":
        return
    wanted = rules.PrintRange(job.start_on.year, job.start_on.month, job.months, job.paper)
    trainer, previous_key, path = db.session.get(User, job.trainer_id), job.content_key, file_of(job)
    _set(job_id, state="running")
    clients = [] if trainer is None else list(db.session.scalars(  # those the trainer still manages
        authz.managed_clients(trainer).where(Client.id.in_(job.client_ids)).order_by(Client.name, Client.id)))
    pages: list[str] = []
    for number, client in enumerate(clients, 1):
        pages += calendar_pdf.htmls(client, wanted)
        if number % 5 == 0:
            _set(job_id)
    if not pages:
        _set(job_id, state="failed", error="None of these clients is on your roster any more.",
             finished_at=utcnow())
        return
    content_key = pdf.document_key(pages)
    if content_key == previous_key and path.is_file():
        _set(job_id, state="done", pages_done=len(pages), pages_total=len(pages), finished_at=utcnow())
        return
    _set(job_id, pages_total=len(pages))
    data = pdf.render_html_pages(pages, progress=_progress(job_id), cache_document=False)
    _store(path, data)
    _set(job_id, state="done", pages_done=len(pages), content_key=content_key, finished_at=utcnow())
    _clean(path.parent)


def _progress(job_id: int) -> pdf.Progress:
    last = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last
        if done < total and time.monotonic() - last < PROGRESS_EVERY_S:
            return
        last = time.monotonic()
        _set(job_id, pages_done=done)

    return report


def _store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _clean(folder: Path) -> None:
    days = int(current_app.config.get("PRINT_JOB_KEEP_DAYS") or DEFAULT_KEEP_DAYS)
    cutoff = time.time() - days * 86400
    for entry in os.scandir(folder):
        if entry.name.endswith(".pdf") and entry.stat().st_mtime < cutoff:
            os.remove(entry.path)
