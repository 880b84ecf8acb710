"""Running partners: suggestions and confirmed pairs for the club's owner and trainers; the
partner view and cheers for the partners' runner accounts (authz.partner_client_or_404)."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock
from coachsite.clubs import forms, partners
from coachsite.clubs.services import ClubProblem
from coachsite.clubs.views import _code, bp
from coachsite.forms.refusals import refuse
from coachsite.extensions import db
from coachsite.models import Club

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@bp.get("/<int:club_id>/partners")
def partner_list(club_id: int) -> tuple[str, int]:
    club, role = authz.club_or_404(club_id, *authz.CLUB_STAFF)
    form = forms.ToleranceForm(request.args)
    valid = form.validate()
    tolerance = form.tolerance.data if valid and form.tolerance.data is not None else partners.DEFAULT_TOLERANCE
    found = partners.suggestions(club, current_user, role, clock.today(), tolerance) if valid else []
    clients = {client.id: client for client in partners.active_clients(club)}
    pairs = [(pair, clients[pair.client_a_id], clients[pair.client_b_id]) for pair in partners.open_partnerships(club)
             if pair.client_a_id in clients and pair.client_b_id in clients]
    return render_template("clubs/partners.html", club=club, role=role, form=form, suggestions=found,
                           tolerance=tolerance, pairs=pairs, action=forms.ActionForm(), may_pair=authz.may_pair,
                           days=DAY_NAMES), 200 if valid else 422


def _pair_form(club: Club) -> tuple[forms.PairForm, dict[int, Any]]:
    clients = {client.id: client for client in partners.active_clients(club)}
    form = forms.PairForm()
    if not form.is_submitted():
        form.first_id.data = request.args.get("first", type=int)
        form.second_id.data = request.args.get("second", type=int)
    choices = [(client.id, client.name) for client in clients.values()]
    form.first_id.choices, form.second_id.choices = choices, choices
    return form, clients


@bp.route("/<int:club_id>/partners/new", methods=["GET", "POST"])
def new_pair(club_id: int) -> Response | tuple[str, int]:
    club, _ = authz.club_or_404(club_id, *authz.CLUB_STAFF)
    form, clients = _pair_form(club)
    if not form.validate_on_submit():
        return render_template("clubs/pair_form.html", form=form, club=club), _code(form)
    first, second = clients[form.first_id.data], clients[form.second_id.data]
    mentor = {"first": first, "second": second}.get(form.mentor.data or "") if form.kind.data == "mentor" else None
    try:
        partners.confirm(club, current_user, first, second, form.kind.data, mentor)
    except ClubProblem as problem:
        return refuse(form, problem, "clubs/pair_form.html", club=club)
    db.session.commit()
    flash(f"{first.name} and {second.name} are paired: "
          f"{'running partners' if mentor is None else mentor.name + ' mentors'}.", "success")
    return redirect(url_for("clubs.partner_list", club_id=club.id))


@bp.post("/<int:club_id>/partners/<int:partnership_id>/end")
def end_pair(club_id: int, partnership_id: int) -> Response:
    club, _ = authz.club_or_404(club_id, *authz.CLUB_STAFF)
    pair = partners.partnership_or_none(club, partnership_id) or abort(404)
    if not authz.can_pair(current_user, club.id, pair.client_a, pair.client_b):
        abort(404)
    partners.end(pair)
    db.session.commit()
    flash(f"{pair.client_a.name} and {pair.client_b.name} are no longer paired. Their cheers are kept.", "success")
    return redirect(url_for("clubs.partner_list", club_id=club.id))


# ------------------------------------------------------------------ the partners themselves


def _ids(form: forms.CheerForm, target: str) -> forms.CheerForm:
    """One page holds a cheer form per goal and milestone: give each its own ids."""
    for field, prefix in ((form.message, "cheer"), (form.target, "cheer-target")):
        field.id = field.label.field_id = f"{prefix}-{target}"
    return form


def _partner_page(partner: Any, partnership: Any, failed: forms.CheerForm | None = None,
                  code: int = 200) -> tuple[str, int]:
    def cheer_form(target: str, what: str) -> forms.CheerForm:
        form = failed if failed is not None and failed.target.data == target else \
            forms.CheerForm(formdata=None, target=target)
        form.message.label.text = f"Cheer for {what}"
        return _ids(form, target)

    page = partners.partner_page(partner, partnership)
    return render_template("clubs/partner.html", page=page, link=partners.PartnerLink(partner, partnership),
                           cheer_form=cheer_form), code


@bp.get("/partner/<int:client_id>")
def partner(client_id: int) -> tuple[str, int]:
    found, partnership = authz.partner_client_or_404(client_id)
    return _partner_page(found, partnership)


@bp.post("/partner/<int:client_id>/cheer")
def cheer(client_id: int) -> Response | tuple[str, int]:
    found, partnership = authz.partner_client_or_404(client_id)
    form = forms.CheerForm()
    target = form.parsed_target() or abort(404)
    if not form.validate_on_submit():
        return _partner_page(found, partnership, form, 422)
    if partners.cheer(partnership, current_user, found, target[0], target[1], form.message.data) is None:
        abort(404)
    db.session.commit()
    flash(f"Cheer sent to {found.name}.", "success")
    return redirect(url_for("clubs.partner", client_id=found.id))
