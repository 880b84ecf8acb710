"""Excuses: the runner asks to be excused from the goal or a milestone (illness, injury, other);
the trainer grants (neither reward nor consequence) or refuses, on record with who and when."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite.extensions import db
from coachsite.goals import forms, services
from coachsite.goals.views import bp, describe_target, goal_or_404, runner_only, show_page, step, trainer_only


@bp.post("/<int:goal_id>/excuses")
def ask_excuse(client_id: int, goal_id: int) -> Response | tuple[str, int]:
    runner_only()
    goal = goal_or_404(goal_id)
    form = forms.ExcuseForm(subjects=services.subject_label(services.excusable(goal), describe_target))
    if form.validate_on_submit():
        try:
            services.ask_excuse(goal, form.subject.data, form.reason.data, form.note.data or "", current_user)
        except services.GoalError as problem:
            form[problem.field or "subject"].errors.append(problem.message)
        else:
            db.session.commit()
            flash(f"Asked {goal.proposed_by.name} to excuse you. You will see the decision here.", "success")
            return redirect(url_for("goals.show", client_id=client_id, goal_id=goal.id))
    return show_page(goal, 422, excuse_form=form)


def _decide(goal_id: int, excuse_id: int, grant: bool) -> Response:
    trainer_only()
    goal = goal_or_404(goal_id)
    excuse = services.excuse_or_none(goal, excuse_id) or abort(404)
    message = "Excused: neither reward nor consequence applies." if grant else "Refused: the target stands."
    return step(goal, services.decide_excuse, message, goal, excuse, grant, current_user)


@bp.post("/<int:goal_id>/excuses/<int:excuse_id>/grant")
def grant_excuse(client_id: int, goal_id: int, excuse_id: int) -> Response:
    return _decide(goal_id, excuse_id, True)


@bp.post("/<int:goal_id>/excuses/<int:excuse_id>/refuse")
def refuse_excuse(client_id: int, goal_id: int, excuse_id: int) -> Response:
    return _decide(goal_id, excuse_id, False)
