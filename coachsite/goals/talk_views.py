"""Comments on a goal (tagged praise or push) and the motivation questionnaire: the runner or
the trainer may write either."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz
from coachsite.extensions import db
from coachsite.goals import forms, motivation, services
from coachsite.goals.views import bp, goal_or_404, show_page


def _may_discuss() -> None:
    if not authz.can_discuss_goals(current_user, g.client):
        abort(404)


@bp.post("/<int:goal_id>/comments")
def comment(client_id: int, goal_id: int) -> Response | tuple[str, int]:
    _may_discuss()
    goal = goal_or_404(goal_id)
    form = forms.CommentForm()
    if not form.validate_on_submit():
        return show_page(goal, 422, comment_form=form)
    services.add_comment(goal, form.draft(), author=current_user)
    db.session.commit()
    flash("Comment added.", "success")
    return redirect(url_for("goals.show", client_id=client_id, goal_id=goal.id, _anchor="comments-heading"))


@bp.route("/motivation", methods=["GET", "POST"])
def questionnaire(client_id: int) -> Response | tuple[str, int]:
    _may_discuss()
    form = forms.MotivationForm()
    if not form.validate_on_submit():
        return render_template("goals/motivation.html", client=g.client, form=form,
                               latest=motivation.latest_score(g.client)), 422 if form.is_submitted() else 200
    row = motivation.record_answers(g.client, form.answers(), answered_by=current_user)
    db.session.commit()
    flash(f"Saved: {row.score} out of 100, {g.client.motivation} motivation (0 is fully intrinsic, "
          "100 fully extrinsic).", "success")
    return redirect(url_for("goals.index", client_id=client_id))
