from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock
from coachsite.domain import technique
from coachsite.extensions import db
from coachsite.models import TechniqueNote
from coachsite.notes import forms, services

bp = Blueprint("notes", __name__, url_prefix="/clients/<int:client_id>/notes")


@bp.before_request
def load_client() -> None:
    g.client = authz.visible_client_or_404(int((request.view_args or {})["client_id"]))


@bp.context_processor
def _drawing() -> dict[str, object]:
    return {"sparkline": technique.sparkline}


def _manage() -> None:
    if not authz.can_manage_client(current_user, g.client):
        abort(404)


def _form_page(form: forms.NoteForm, note: TechniqueNote | None = None) -> tuple[str, int]:
    return render_template("notes/form.html", form=form, client=g.client, note=note), \
        422 if form.is_submitted() else 200


@bp.get("/")
def index(client_id: int) -> str:
    filters = services.Filters.parse(request.args.get("area"), request.args.get("status"))
    shown = services.timeline(g.client, current_user, filters)
    return render_template("notes/index.html", client=g.client, timeline=shown, filters=filters,
                           areas=forms.AREA_LABELS, statuses=forms.STATUS_LABELS)


@bp.get("/<int:note_id>")
def show(client_id: int, note_id: int) -> str:
    note = authz.visible_note_or_404(g.client, note_id)
    return render_template("notes/show.html", client=g.client, note=note, areas=forms.AREA_LABELS,
                           statuses=forms.STATUS_LABELS)


@bp.route("/new", methods=["GET", "POST"])
def new(client_id: int) -> Response | tuple[str, int]:
    _manage()
    form = forms.NoteForm(on=clock.today()) if request.method == "GET" else forms.NoteForm()
    if not form.validate_on_submit():
        return _form_page(form)
    note = services.add_note(g.client, current_user, form.draft())
    db.session.commit()
    flash(f"Note saved{' and shared with ' + g.client.name if note.shared else ' (trainer only)'}.", "success")
    return redirect(url_for("notes.index", client_id=client_id))


@bp.route("/<int:note_id>/edit", methods=["GET", "POST"])
def edit(client_id: int, note_id: int) -> Response | tuple[str, int]:
    note = authz.managed_note_or_404(g.client, note_id)
    form = forms.NoteForm.for_note(note)
    if not form.validate_on_submit():
        return _form_page(form, note)
    services.update_note(note, form.draft())
    db.session.commit()
    flash(f"Saved the note of {note.on:%-d %B %Y}.", "success")
    return redirect(url_for("notes.show", client_id=client_id, note_id=note.id))
