"""Club challenges: the list and the live leaderboard for every member; creating one for the
club's owner and trainers."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock
from coachsite.clubs import challenges, forms
from coachsite.clubs.services import ClubProblem
from coachsite.clubs.views import _code, bp
from coachsite.forms.refusals import refuse
from coachsite.domain import challenges as rules
from coachsite.extensions import db


@bp.get("/<int:club_id>/challenges")
def challenge_list(club_id: int) -> str:
    club, role = authz.club_or_404(club_id)
    return render_template("clubs/challenges.html", club=club, role=role, challenges=challenges.of_club(club),
                           today=clock.today(), status=rules.status)


@bp.route("/<int:club_id>/challenges/new", methods=["GET", "POST"])
def new_challenge(club_id: int) -> Response | tuple[str, int]:
    club, _ = authz.club_or_404(club_id, *authz.CLUB_STAFF)
    form = forms.ChallengeForm()
    if not form.validate_on_submit():
        return render_template("clubs/challenge_form.html", form=form, club=club), _code(form)
    try:
        challenge = challenges.create(club, current_user, form.name.data, form.metric.data, form.starts_on.data,
                                      form.ends_on.data)
    except ClubProblem as problem:
        return refuse(form, problem, "clubs/challenge_form.html", club=club)
    db.session.commit()
    flash(f"Challenge “{challenge.name}” is on: every runner of {club.name} takes part.", "success")
    return redirect(url_for("clubs.challenge", club_id=club.id, challenge_id=challenge.id))


@bp.get("/<int:club_id>/challenges/<int:challenge_id>")
def challenge(club_id: int, challenge_id: int) -> str:
    club, role = authz.club_or_404(club_id)
    found = challenges.challenge_or_none(club, challenge_id) or abort(404)
    mine = authz.own_client(current_user) if role == "runner" else None
    return render_template("clubs/challenge.html", club=club, role=role, challenge=found,
                           board=challenges.leaderboard(found), mine=mine.id if mine else None,
                           state=rules.status(found.starts_on, found.ends_on, clock.today()))
