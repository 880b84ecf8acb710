"""Batch printing: a trainer's clients in one PDF, made in the background with a progress page."""
from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, send_file, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, pdf
from coachsite.extensions import db
from coachsite.forms import options
from coachsite.models import Client, PrintJob
from coachsite.printing import batch, forms
from coachsite.printing.views import bp


def _form_page(form: forms.BatchForm, code: int = 200) -> tuple[str, int]:
    return render_template("printing/batch.html", form=form, jobs=batch.recent_jobs(current_user)), code


@bp.route("/print/batch", methods=["GET", "POST"])
def batch_form() -> Response | tuple[str, int]:
    authz.require_trainer()
    active = list(db.session.scalars(authz.managed_clients(current_user).where(Client.archived_at.is_(None))
                                     .order_by(Client.name, Client.id)))
    form = forms.BatchForm(start=f"{clock.today():%Y-%m}", paper=current_user.paper)
    form.clients.choices = options(*((client.id, client.name) for client in active))
    if not form.validate_on_submit():
        return _form_page(form, 422 if form.is_submitted() else 200)
    chosen = set(form.chosen_ids())
    job, start = batch.request_batch(current_user, [c for c in active if c.id in chosen], form.wanted())
    db.session.commit()
    if start:
        batch.start(job.id)
    return redirect(url_for("printing.batch_job", job_id=job.id))


def _download_url(job: PrintJob, state: str) -> str | None:
    return url_for("printing.batch_download", job_id=job.id) if state == "done" else None


@bp.get("/print/batch/<int:job_id>")
def batch_job(job_id: int) -> str:
    job = authz.own_print_job_or_404(job_id)
    status = batch.status(job)
    return render_template("printing/batch_job.html", job=job, status=status, action=forms.ActionForm(),
                           download_url=_download_url(job, status["state"]))


@bp.get("/print/batch/<int:job_id>/status")
def batch_status(job_id: int) -> Response:
    job = authz.own_print_job_or_404(job_id)
    status = batch.status(job)
    return jsonify({**status, "download_url": _download_url(job, status["state"])})


@bp.get("/print/batch/<int:job_id>/download")
def batch_download(job_id: int) -> Response:
    job = authz.own_print_job_or_404(job_id)
    if batch.state_of(job) != "done":
        return redirect(url_for("printing.batch_job", job_id=job.id))
    response = send_file(batch.file_of(job), mimetype="application/pdf", as_attachment=True, conditional=False,
                         download_name=pdf.filename("calendars", f"{job.start_on:%Y-%m}", f"{job.months} months"))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/print/batch/<int:job_id>/retry")
def batch_retry(job_id: int) -> Response:
    job = authz.own_print_job_or_404(job_id)
    if batch.retry(job):
        db.session.commit()
        batch.start(job.id)
        flash("Printing again.", "success")
    return redirect(url_for("printing.batch_job", job_id=job.id))
