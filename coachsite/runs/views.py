from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, filters
from coachsite.calendar import services as plan
from coachsite.extensions import db
from coachsite.importers import ImportProblem
from coachsite.models import PlannedSession
from coachsite.pagination import paginate
from coachsite.runs import forms, import_flow, services

bp = Blueprint("runs", __name__, url_prefix="/clients/<int:client_id>/runs")
PAGE_SIZE = 30


@bp.before_request
def load_client() -> None:
    g.client = authz.visible_client_or_404(int((request.view_args or {})["client_id"]))


def _may_log() -> None:
    if not authz.can_log_runs(current_user, g.client):
        abort(404)


@bp.app_context_processor
def skip_forms() -> dict[str, object]:
    """The week page's skip form for one session (calendar/_session_runner_actions.html)."""
    return {"skip_form_for": lambda session: forms.skip_form(session.id, formdata=None)}


@bp.get("/")
def index(client_id: int) -> str:
    page = paginate(services.log_query(g.client), request.args.get("page", 1, type=int) or 1, PAGE_SIZE)
    return render_template("runs/index.html", client=g.client, page=page)


@bp.route("/new", methods=["GET", "POST"])
def new(client_id: int) -> Response | str | tuple[str, int]:
    _may_log()
    form = forms.RunForm(on=clock.today() if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_template("runs/new.html", form=form, client=g.client), 422 if form.is_submitted() else 200
    logged = services.log_run(g.client, form.draft(), logged_by=current_user, today=clock.today())
    run = logged.activity
    matched = f", matched to {logged.matched.title or logged.matched.kind_label}" if logged.matched else ""
    # Worded before the commit, which expires every loaded row: after it, each would be read again.
    message = (f"Run logged: {filters.distance(run.distance_m)} in {filters.duration(run.duration_s)} "
               f"on {filters.day(run.on)}{matched}.")
    week = url_for("calendar.week", client_id=client_id, day=run.on.isoformat())
    db.session.commit()
    flash(message, "success")
    return redirect(week)


def _session(session_id: int) -> PlannedSession:
    _may_log()
    return plan.session_or_none(g.client, session_id) or abort(404)


@bp.post("/skip/<int:session_id>")
def skip(client_id: int, session_id: int) -> Response | str | tuple[str, int]:
    session = _session(session_id)
    form = forms.skip_form(session.id)
    if not form.validate_on_submit():
        return render_template("runs/skip.html", form=form, client=g.client, session=session), \
            422 if form.is_submitted() else 200
    services.skip_session(session, form.reason.data)
    db.session.commit()
    flash(f"Skipped the {session.kind_label.lower()} on {filters.day(session.on)}.", "success")
    return redirect(url_for("calendar.week", client_id=client_id, day=session.on.isoformat()))


@bp.post("/unskip/<int:session_id>")
def unskip(client_id: int, session_id: int) -> Response:
    session = _session(session_id)
    services.unskip_session(session)
    db.session.commit()
    flash(f"The {session.kind_label.lower()} on {filters.day(session.on)} is back on the plan.", "success")
    return redirect(url_for("calendar.week", client_id=client_id, day=session.on.isoformat()))


@bp.route("/import", methods=["GET", "POST"])
def import_file(client_id: int) -> str | tuple[str, int]:
    _may_log()
    form = forms.ImportForm(csv_units=current_user.units)
    if not form.validate_on_submit():
        return render_template("runs/import.html", form=form, client=g.client), 422 if form.is_submitted() else 200
    try:
        preview = import_flow.preview_upload(g.client, *form.read(), form.csv_units.data, clock.today())
    except ImportProblem as problem:
        form.file.errors = [*form.file.errors, problem.message]
        return render_template("runs/import.html", form=form, client=g.client), 422
    return render_template("runs/import_preview.html", client=g.client, preview=preview,
                           form=import_flow.confirm_form(preview, formdata=None))


@bp.post("/import/confirm")
def confirm_import(client_id: int) -> Response | tuple[str, int]:
    _may_log()
    preview = import_flow.preview_from_payload(g.client, request.form.get("payload", ""))
    form = import_flow.confirm_form(preview)
    if not form.validate_on_submit():
        return render_template("runs/import_preview.html", client=g.client, preview=preview, form=form), 422
    result = services.import_runs(g.client, preview.runs, current_user,
                                  durations=import_flow.typed_durations(preview, form), today=clock.today())
    db.session.commit()
    flash(import_flow.summary(result), "success")
    return redirect(url_for("runs.index", client_id=client_id))
