"""Club pages: my clubs and invites, creating a club, inviting trainers, the roster with each
client's trainer, a client's read-only club summary, moving a client to another trainer, and the
race calendar. Challenges and partners have their own view modules on the same blueprint.

Every club page loads the club once through authz.club_or_404 (404 for non-members, and for
members whose role the page is not for)."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, links, mail
from coachsite.auth import services as accounts
from coachsite.auth import sessions
from coachsite.auth.services import AccountProblem
from coachsite.clubs import forms, partners, services
from coachsite.clubs.services import ClubProblem, InviteProblem
from coachsite.extensions import db
from coachsite.forms.refusals import refuse
from coachsite.models import Club

bp = Blueprint("clubs", __name__, url_prefix="/clubs")


def _code(form: Any) -> int:
    return 422 if form.is_submitted() else 200


# ------------------------------------------------------------------ my clubs, a new club


@bp.get("/")
def index() -> str:
    return render_template("clubs/index.html", clubs=services.my_clubs(current_user),
                           invites=services.pending_invites(current_user), action=forms.ActionForm())


@bp.route("/new", methods=["GET", "POST"])
def new() -> Response | tuple[str, int]:
    authz.require_trainer()
    form = forms.ClubForm()
    if not form.validate_on_submit():
        return render_template("clubs/new.html", form=form), _code(form)
    club, joined = services.create_club(current_user, form.name.data)
    db.session.commit()
    flash(f"{club.name} is ready and you own it." + (f" Your {joined} client{'s' if joined != 1 else ''} "
                                                     "without a club joined it." if joined else ""), "success")
    return redirect(url_for("clubs.show", club_id=club.id))


# ------------------------------------------------------------------ invites


@bp.route("/<int:club_id>/invite", methods=["GET", "POST"])
def invite(club_id: int) -> Response | tuple[str, int]:
    club, _ = authz.club_or_404(club_id, "owner")
    form = forms.InviteForm()
    if not form.validate_on_submit():
        return render_template("clubs/invite.html", form=form, club=club), _code(form)
    days = int(current_app.config["INVITE_DAYS"])
    try:
        row, secret = services.invite(club, current_user, form.email.data, form.role.data, timedelta(days=days))
    except ClubProblem as problem:
        return refuse(form, problem, "clubs/invite.html", club=club)
    db.session.commit()
    _send_invite(club, row.email, secret, days)
    flash(f"Invited {row.email} to {club.name} as {row.role}.", "success")
    return redirect(url_for("clubs.show", club_id=club.id))


def _invite_key(club_id: int) -> str:
    return f"club_invite_link:{club_id}"


def _send_invite(club: Club, email: str, secret: str | None, days: int) -> None:
    """Mail the invite (or log it without a mail server); a link is also shown once to the owner."""
    if secret is None:
        mail.send(email, f"{current_user.name} invites you to {club.name} on CoachSite",
                  f"{current_user.name} invites you to join {club.name}. Log in to CoachSite and open the Club "
                  f"page to accept within {days} days.\n")
        return
    link = links.external("clubs.join", secret=secret)
    session[_invite_key(club.id)] = link
    mail.send(email, f"{current_user.name} invites you to {club.name} on CoachSite",
              f"{current_user.name} invites you to join {club.name} as a trainer on CoachSite.\n"
              f"Open this link within {days} days to join:\n{link}\n")


@bp.post("/invites/<int:invite_id>/accept")
def accept_invite(invite_id: int) -> Response:
    row = services.pending_invite_or_none(current_user, invite_id) or abort(404)
    try:
        services.accept(row, current_user)
    except ClubProblem as problem:
        db.session.commit()  # the invite is closed all the same
        flash(str(problem), "error")
        return redirect(url_for("clubs.index"))
    db.session.commit()
    flash(f"You joined {row.club.name} as {row.role}.", "success")
    return redirect(url_for("clubs.show", club_id=row.club_id))


@bp.post("/invites/<int:invite_id>/decline")
def decline_invite(invite_id: int) -> Response:
    row = services.pending_invite_or_none(current_user, invite_id) or abort(404)
    services.decline(row)
    db.session.commit()
    flash(f"You declined the invite to {row.club.name}.", "success")
    return redirect(url_for("clubs.index"))


@bp.route("/join/<secret>", methods=["GET", "POST"])
@authz.public
def join(secret: str) -> Response | str | tuple[str, int]:
    """An invite link: accept it signed in with the invited trainer account, or make that account."""
    try:
        row = services.invite_by_secret(secret)
    except InviteProblem as problem:
        return render_template("auth/link_problem.html", message=str(problem)), 404
    signed_in = current_user._get_current_object() if current_user.is_authenticated else None
    if signed_in is not None and signed_in.email != row.email:
        return render_template("auth/link_problem.html",
                               message=f"This invite is for {row.email}. Log out, then open the link again."), 403
    existing = signed_in or accounts.find_by_email(row.email)
    form = forms.ActionForm() if existing else forms.JoinForm()
    context = {"invite": row, "existing": existing}
    if (existing and signed_in is None) or not form.validate_on_submit():
        return render_template("clubs/join.html", form=form, **context), _code(form)
    try:
        user = signed_in or accounts.sign_up(form.name.data, row.email, form.password.data,
                                             hash_method=str(current_app.config["PASSWORD_HASH_METHOD"]))
        services.accept(row, user)
    except (ClubProblem, AccountProblem) as problem:
        return refuse(form, problem, "clubs/join.html", **context)
    db.session.commit()
    sessions.start(user)
    flash(f"Welcome to {row.club.name}.", "success")
    return redirect(url_for("clubs.show", club_id=row.club_id))


# ------------------------------------------------------------------ the club, its roster, one client


@bp.get("/<int:club_id>")
def show(club_id: int) -> str:
    club, role = authz.club_or_404(club_id)
    today = clock.today()
    mine = authz.own_client(current_user) if role == "runner" else None
    return render_template(
        "clubs/show.html", club=club, role=role, is_staff=role in authz.CLUB_STAFF,
        roster=services.roster(club, today) if role in authz.CLUB_STAFF else None,
        names=services.roster_names(club) if role == "runner" else None,
        staff=services.staff(club), invite_link=session.pop(_invite_key(club.id), None) if role == "owner" else None,
        my_partners=partners.partners_of(mine) if mine and mine.club_id == club.id else [])


@bp.get("/<int:club_id>/members/<int:client_id>")
def member(club_id: int, client_id: int) -> str:
    club, role = authz.club_or_404(club_id, *authz.CLUB_STAFF)
    client = authz.club_client_or_404(club, client_id)
    return render_template("clubs/member.html", club=club, role=role, client=client,
                           races=services.races_of(client), goals=services.shared_goals(client),
                           links=partners.partners_of(client),
                           can_move=authz.can_move_client(current_user, client))


def _move_form(club: Club, client: Any) -> forms.MoveClientForm:
    form = forms.MoveClientForm()
    form.trainer_id.choices = [(user.id, f"{user.name} ({role})") for user, role in services.staff(club)
                               if user.id != client.trainer_id]
    return form


@bp.route("/<int:club_id>/members/<int:client_id>/move", methods=["GET", "POST"])
def move_client(club_id: int, client_id: int) -> Response | tuple[str, int]:
    club, _ = authz.club_or_404(club_id, *authz.CLUB_STAFF)
    client = authz.club_client_or_404(club, client_id)
    if not authz.can_move_client(current_user, client):
        abort(404)
    form = _move_form(club, client)
    if not form.validate_on_submit():
        return render_template("clubs/move.html", form=form, club=club, client=client), _code(form)
    try:
        trainer = services.move_client(client, form.trainer_id.data)
    except ClubProblem as problem:
        return refuse(form, problem, "clubs/move.html", club=club, client=client)
    db.session.commit()
    flash(f"{trainer.name} now trains {client.name}; their history moved with them.", "success")
    return redirect(url_for("clubs.member", club_id=club.id, client_id=client.id))


@bp.get("/<int:club_id>/races")
def races(club_id: int) -> str:
    club, role = authz.club_or_404(club_id)
    upcoming, past = services.race_calendar(club, clock.today())
    return render_template("clubs/races.html", club=club, role=role, upcoming=upcoming, past=past)
