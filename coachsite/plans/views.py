from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, filters
from coachsite.calendar.forms import ActionForm
from coachsite.extensions import db
from coachsite.models import KIND_LABELS, Client
from coachsite.plans import forms, services

bp = Blueprint("plans", __name__)


@bp.before_request
def trainers_only() -> None:
    authz.require_trainer()


@dataclass
class ClientTools:
    """The save and apply forms shown on a client's calendar."""

    save: forms.SaveTemplateForm
    apply: forms.ApplyTemplateForm


def client_tools(day: date | None = None, save: forms.SaveTemplateForm | None = None,
                 apply: forms.ApplyTemplateForm | None = None) -> ClientTools:
    """Fresh forms (formdata=None: never filled from another form's POST), or the ones given."""
    day = day or clock.today()
    return ClientTools(
        save=save or forms.SaveTemplateForm(formdata=None, first_day=day),
        apply=apply or forms.ApplyTemplateForm(formdata=None, start=day, templates=services.choices(current_user)))


@bp.app_context_processor
def _plan_tools() -> dict[str, object]:
    return {"plan_tools": client_tools}


def _tools_page(client: Client, tools: ClientTools) -> tuple[str, int]:
    return render_template("plans/client_tools.html", client=client, plan_forms=tools), 422


@bp.get("/plans/")
def index() -> str:
    return render_template("plans/index.html", summaries=services.summaries(current_user))


@bp.get("/plans/<int:template_id>")
def show(template_id: int) -> str:
    template = services.template_or_none(current_user, template_id) or abort(404)
    return render_template("plans/show.html", template=template, action=ActionForm(), kind_labels=KIND_LABELS,
                           day_names=services.day_names(current_user.week_start))


@bp.post("/plans/<int:template_id>/archive")
def archive(template_id: int) -> Response:
    template = services.template_or_none(current_user, template_id) or abort(404)
    services.archive_template(template)
    db.session.commit()
    flash(f"Archived '{template.name}': it is no longer offered when planning.", "success")
    return redirect(url_for("plans.index"))


@bp.post("/clients/<int:client_id>/plans/save")
def save(client_id: int) -> Response | tuple[str, int]:
    client = authz.managed_client_or_404(client_id)
    form = forms.SaveTemplateForm()
    if form.validate_on_submit():
        try:
            template = services.save_template(current_user, client, form.name.data, form.first_day.data,
                                              form.weeks.data)
        except services.PlanProblem as problem:
            form[problem.field].errors = [*form[problem.field].errors, str(problem)]
        else:
            db.session.commit()
            flash(f"Saved '{template.name}': {template.weeks} weeks, {len(template.sessions)} sessions.", "success")
            return redirect(url_for("plans.show", template_id=template.id))
    return _tools_page(client, client_tools(form.first_day.data, save=form))


@bp.post("/clients/<int:client_id>/plans/apply")
def apply(client_id: int) -> Response | tuple[str, int]:
    client = authz.managed_client_or_404(client_id)
    form = forms.ApplyTemplateForm(templates=services.choices(current_user))
    if form.validate_on_submit():
        try:
            applied = services.apply_template(current_user, client, form.template.data, form.start.data)
        except services.PlanProblem as problem:
            form[problem.field].errors = [*form[problem.field].errors, str(problem)]
        else:
            db.session.commit()
            flash(f"Applied '{applied.template.name}' to {client.name}: {applied.sessions} sessions from "
                  f"{filters.day(applied.first_day)}.", "success")
            if applied.zoned and not applied.paced:
                flash(f"No bests are recorded for {client.name}, so paces were left as zones.", "warning")
            return redirect(url_for("calendar.month", client_id=client_id, month=f"{form.start.data:%Y-%m}"))
    return _tools_page(client, client_tools(form.start.data, apply=form))
