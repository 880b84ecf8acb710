from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, exports, links, mail, panels
from coachsite.account.views import download_json
from coachsite.auth.services import AccountProblem
from coachsite.clients import forms, listing, services
from coachsite.extensions import db

bp = Blueprint("clients", __name__, url_prefix="/clients")


@bp.before_request
def trainers_only() -> None:
    authz.require_trainer()


def _roster_query() -> services.RosterQuery:
    args = request.args
    return services.RosterQuery(
        search=args.get("q", "").replace("\x00", "").strip()[:120],  # PostgreSQL cannot compare with NUL
        status=args.get("status") if args.get("status") in services.STATUSES else "active",
        sort=args.get("sort") if args.get("sort") in services.SORTS else "name",
        page=args.get("page", 1, type=int) or 1,
    )


@bp.get("/")
def index() -> str:
    query = _roster_query()
    today = clock.today()
    # Both are kept by the trainer's roster stamp, read with the trainer's row at the start of the
    # request: whatever they load on a miss is at least as new as their key.
    shown = panels.trainer_home(current_user, today)
    page = listing.roster_page(current_user, query, today, current_app.config["ROSTER_PAGE_SIZE"])
    return render_template("clients/index.html", page=page, query=query, panels=shown)


@bp.route("/new", methods=["GET", "POST"])
def new() -> Response | str | tuple[str, int]:
    form = forms.ClientForm()
    if not form.validate_on_submit():
        return render_template("clients/new.html", form=form), 422 if form.is_submitted() else 200
    try:
        client, secret = services.add_client(current_user, form.draft(),
                                             invite_days=current_app.config["INVITE_DAYS"])
    except AccountProblem as problem:
        db.session.rollback()
        form.email.errors = [*form.email.errors, str(problem)]
        return render_template("clients/new.html", form=form), 422
    db.session.commit()
    _share_invite(client.id, client.name, client.email, secret)
    flash(f"{client.name} is on your roster.", "success")
    return redirect(url_for("clients.show", client_id=client.id))


@bp.get("/<int:client_id>")
def show(client_id: int) -> str:
    client = authz.managed_client_or_404(client_id)
    invite_link = session.pop(_invite_key(client.id), None)
    return render_template("clients/show.html", client=client, invite_link=invite_link, action=forms.ActionForm(),
                           panels=panels.client_profile(client, current_user, clock.today()))


@bp.route("/<int:client_id>/edit", methods=["GET", "POST"])
def edit(client_id: int) -> Response | str | tuple[str, int]:
    client = authz.managed_client_or_404(client_id)
    form = forms.ClientForm(obj=client)
    if not form.validate_on_submit():
        return render_template("clients/edit.html", form=form, client=client), 422 if form.is_submitted() else 200
    try:
        services.update_client(client, form.draft())
    except AccountProblem as problem:
        db.session.rollback()
        form.email.errors = [*form.email.errors, str(problem)]
        return render_template("clients/edit.html", form=form, client=client), 422
    db.session.commit()
    flash(f"Saved {client.name}'s profile.", "success")
    return redirect(url_for("clients.show", client_id=client.id))


@bp.post("/<int:client_id>/archive")
def archive(client_id: int) -> Response:
    client = authz.managed_client_or_404(client_id)
    services.archive(client)
    db.session.commit()
    flash(f"{client.name} is archived. Nothing was deleted; restore them from the archived list.", "success")
    return redirect(url_for("clients.index"))


@bp.post("/<int:client_id>/restore")
def restore(client_id: int) -> Response:
    client = authz.managed_client_or_404(client_id)
    services.restore(client)
    db.session.commit()
    flash(f"{client.name} is back on your active roster.", "success")
    return redirect(url_for("clients.show", client_id=client.id))


@bp.post("/<int:client_id>/invite")
def invite(client_id: int) -> Response:
    client = authz.managed_client_or_404(client_id)
    try:
        secret = services.new_invite(client, invite_days=current_app.config["INVITE_DAYS"])
    except AccountProblem as problem:
        flash(str(problem), "error")
        return redirect(url_for("clients.show", client_id=client.id))
    db.session.commit()
    _share_invite(client.id, client.name, client.email, secret)
    flash("A new invite link is ready; older links no longer work.", "success")
    return redirect(url_for("clients.show", client_id=client.id))


def _invite_key(client_id: int) -> str:
    """The link waits in the session under its client, so it shows on that client's page only."""
    return f"invite_link:{client_id}"


def _share_invite(client_id: int, name: str, email: str | None, secret: str | None) -> None:
    """Show the link once to the trainer, and mail it (or log it when no mail server is set)."""
    if not (secret and email):
        return
    link = links.external("auth.accept_invite", secret=secret)
    session[_invite_key(client_id)] = link
    days = current_app.config["INVITE_DAYS"]
    mail.send(email, f"{current_user.name} invites you to CoachSite",
              f"Hello {name},\n\n{current_user.name} has added you to their roster on CoachSite.\n"
              f"Open this link within {days} days to set your password and see your plan:\n{link}\n")


@bp.get("/export.json")
def export_json() -> Response:
    return download_json(exports.roster_data(current_user), "coachsite-roster.json")


@bp.get("/export.csv")
def export_csv() -> Response:
    text = exports.to_csv(exports.roster_rows(current_user), exports.ROSTER_COLUMNS)
    response = Response(text, mimetype="text/csv")
    response.headers.set("Content-Disposition", "attachment", filename="coachsite-roster.csv")
    response.headers["Cache-Control"] = "no-store"
    return response
