from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, pdf
from coachsite.domain import races as rules
from coachsite.extensions import db
from coachsite.models import Race, utcnow
from coachsite.notes import services as notes
from coachsite.races import forms, panels, services
from coachsite.text import plural

bp = Blueprint("races", __name__, url_prefix="/clients/<int:client_id>/races")


@bp.before_request
def load_client() -> None:
    g.client = authz.visible_client_or_404(int((request.view_args or {})["client_id"]))


def _manage() -> None:
    if not authz.can_manage_client(current_user, g.client):
        abort(404)


def _form_page(form: forms.RaceForm, race: Race | None = None) -> tuple[str, int]:
    return render_template("races/form.html", form=form, client=g.client, race=race), \
        422 if form.is_submitted() else 200


def _race_page(race: Race, result_form: forms.ResultForm | None = None, code: int = 200) -> tuple[str, int]:
    result_form = result_form or forms.ResultForm(formdata=None, obj=race, race_distance_m=race.distance_m)
    days = rules.days_until(race.on, clock.today())
    return render_template("races/show.html", client=g.client, race=race, result_form=result_form,
                           plans=services.pacing_plans(race, current_user.units), taper=services.taper_table(race),
                           countdown=rules.countdown_phrase(days) if days >= 0 else None, is_over=days <= 0,
                           action=forms.ActionForm(),
                           distance_label=services.distance_label(race.distance_m),
                           strategies=forms.STRATEGY_LABELS), code


@bp.get("/")
def index(client_id: int) -> str:
    today = clock.today()
    races = services.races_of(g.client)
    return render_template("races/index.html", client=g.client, coming=[r for r in races if r.on >= today],
                           past=[r for r in reversed(races) if r.on < today],
                           equivalents=panels.equivalents(g.client, current_user, today),
                           distance_label=services.distance_label)


@bp.route("/new", methods=["GET", "POST"])
def new(client_id: int) -> Response | tuple[str, int]:
    _manage()
    form = forms.RaceForm()
    if not form.validate_on_submit():
        return _form_page(form)
    race = services.add_race(g.client, form.draft())
    db.session.commit()
    flash(f"{race.name} is on {g.client.name}'s calendar.", "success")
    if race.on < clock.today():
        flash(f"The date {race.on:%-d %B %Y} is in the past. The race was saved; enter its result on this page.",
              "warning")
    return redirect(url_for("races.show", client_id=client_id, race_id=race.id))


@bp.get("/<int:race_id>")
def show(client_id: int, race_id: int) -> tuple[str, int]:
    return _race_page(authz.visible_race_or_404(g.client, race_id))


@bp.route("/<int:race_id>/edit", methods=["GET", "POST"])
def edit(client_id: int, race_id: int) -> Response | tuple[str, int]:
    race = authz.managed_race_or_404(g.client, race_id)
    form = forms.RaceForm.for_race(race)
    if not form.validate_on_submit():
        return _form_page(form, race)
    try:
        services.update_race(race, form.draft())
    except services.RaceProblem as problem:
        db.session.rollback()
        form.on.errors = [*form.on.errors, str(problem)]
        return _form_page(form, race)
    db.session.commit()
    flash(f"Saved {race.name}.", "success")
    return redirect(url_for("races.show", client_id=client_id, race_id=race.id))


@bp.get("/<int:race_id>/pace-band.pdf")
def pace_band(client_id: int, race_id: int) -> Response:
    race = authz.visible_race_or_404(g.client, race_id)
    if not race.goal_time_s:
        abort(404)
    data = pdf.render_pdf("pdf/pace_band.html", race=race, client=g.client,
                          plans=services.pacing_plans(race, g.client.units),
                          distance_label=services.distance_label(race.distance_m),
                          strategies=forms.STRATEGY_SHORT, cues=notes.shared_focus_cues(g.client))
    return pdf.pdf_response(data, pdf.filename("pace band", race.name))


@bp.post("/<int:race_id>/result")
def result(client_id: int, race_id: int) -> Response | tuple[str, int]:
    race = authz.managed_race_or_404(g.client, race_id)
    form = forms.ResultForm(race_distance_m=race.distance_m)
    if form.validate_on_submit():
        try:
            improved = services.record_result(g.client, race, form.result_time_s.data, clock.today())
        except services.RaceProblem as problem:
            db.session.rollback()
            form.result_time_s.errors = [*form.result_time_s.errors, str(problem)]
        else:
            db.session.commit()
            flash(f"Saved the result of {race.name}." + (f" New {improved.lower()} best for {g.client.name}!"
                                                          if improved else ""), "success")
            return redirect(url_for("races.show", client_id=client_id, race_id=race.id))
    return _race_page(race, form, 422)


@bp.post("/<int:race_id>/taper")
def apply_taper(client_id: int, race_id: int) -> Response:
    return _taper_action(race_id, apply=True)


@bp.post("/<int:race_id>/taper/undo")
def undo_taper(client_id: int, race_id: int) -> Response:
    return _taper_action(race_id, apply=False)


def _taper_action(race_id: int, apply: bool) -> Response:
    race = authz.managed_race_or_404(g.client, race_id)
    try:
        count = services.apply_taper(race, clock.today(), utcnow()) if apply else services.undo_taper(race)
    except services.RaceProblem as problem:
        db.session.rollback()
        flash(str(problem), "warning")
    else:
        db.session.commit()
        flash(f"Taper applied: {plural(count, 'session')} shortened." if apply
              else f"Taper undone: {plural(count, 'session')} back to the planned distance.", "success")
    return redirect(url_for("races.show", client_id=g.client.id, race_id=race.id))
