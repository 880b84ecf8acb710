"""A client's printed calendar (print page, PDF), the .ics download and the calendar feeds."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, links, pdf
from coachsite.domain import print_calendar as rules
from coachsite.extensions import db
from coachsite.models import Client
from coachsite.printing import feeds, forms, services

bp = Blueprint("printing", __name__)


def _feed_key(client_id: int) -> str:
    """A new subscription URL waits in the session under its client and shows once."""
    return f"feed_link:{client_id}"


def feed_panel(client: Client, back: str) -> dict[str, Any]:
    """The viewer's own subscription URL for a client: status, the buttons, the new URL once."""
    return {"client": client, "token": feeds.active_token(current_user, client), "back": back,
            "link": session.pop(_feed_key(client.id), None), "form": forms.FeedForm(back=back)}


@bp.app_context_processor
def _settings_feed() -> dict[str, Any]:
    """templates/account/settings.html asks `calendar_feed_panel()` for the runner's own feed."""
    def calendar_feed_panel() -> dict[str, Any] | None:
        client = authz.own_client(current_user) if current_user.is_authenticated else None
        return feed_panel(client, "settings") if client else None

    return {"calendar_feed_panel": calendar_feed_panel}


def _print_page(client: Client, form: forms.PrintForm, code: int = 200) -> tuple[str, int]:
    return render_template("printing/print.html", client=client, form=form, feed=feed_panel(client, "print")), code


@bp.route("/clients/<int:client_id>/print", methods=["GET", "POST"])
def print_page(client_id: int) -> Response | tuple[str, int]:
    client = authz.visible_client_or_404(client_id)
    form = forms.PrintForm(start=f"{clock.today():%Y-%m}", paper=current_user.paper)
    if not form.validate_on_submit():
        return _print_page(client, form, 422 if form.is_submitted() else 200)
    wanted = form.wanted()
    return redirect(url_for("printing.calendar_pdf", client_id=client.id, start=f"{wanted.first:%Y-%m}",
                            months=wanted.months, paper=wanted.paper))


@bp.get("/clients/<int:client_id>/calendar.pdf")
def calendar_pdf(client_id: int) -> Response | tuple[str, int]:
    client = authz.visible_client_or_404(client_id)
    try:
        wanted = rules.print_range(request.args.get("start") or f"{clock.today():%Y-%m}",
                                   request.args.get("months") or "1",
                                   request.args.get("paper") or services.default_paper(current_user, client))
    except ValueError as problem:
        return render_template("errors/error.html", code=400, title="Cannot print that calendar",
                               message=f"{problem} For example: ?start=2027-01&months=3&paper=a4"), 400
    data = services.calendar_document(client, wanted)
    return pdf.pdf_response(data, pdf.filename(services.download_name(client, wanted)))


def _ics(data: bytes, download_name: str | None = None) -> Response:
    response = Response(data, mimetype="text/calendar")
    if download_name:
        response.headers.set("Content-Disposition", "attachment", filename=download_name)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/clients/<int:client_id>/calendar.ics")
def calendar_ics(client_id: int) -> Response:
    client = authz.visible_client_or_404(client_id)
    return _ics(feeds.calendar(client), pdf.filename("training plan", client.name, extension="ics"))


@bp.get("/feeds/<token>.ics")
@authz.public
def feed(token: str) -> Response:
    client = feeds.client_for(token) or abort(404)
    return _ics(feeds.calendar(client))


def _back(form: forms.FeedForm, client: Client) -> Response:
    if form.back.data == "settings":
        return redirect(url_for("account.settings"))
    return redirect(url_for("printing.print_page", client_id=client.id))


@bp.post("/clients/<int:client_id>/feed")
def new_feed(client_id: int) -> Response:
    client = authz.visible_client_or_404(client_id)
    form = forms.FeedForm()
    if not form.validate_on_submit():
        abort(400)
    secret = feeds.issue(current_user, client)
    db.session.commit()
    session[_feed_key(client.id)] = links.external("printing.feed", token=secret)
    flash("Your private calendar URL is ready. Copy it now: it is shown only this once.", "success")
    return _back(form, client)


@bp.post("/clients/<int:client_id>/feed/revoke")
def revoke_feed(client_id: int) -> Response:
    client = authz.visible_client_or_404(client_id)
    form = forms.FeedForm()
    if not form.validate_on_submit():
        abort(400)
    stopped = feeds.revoke(current_user, client)
    db.session.commit()
    flash("Your calendar URL no longer works." if stopped else "There was no calendar URL to stop.", "success")
    return _back(form, client)
