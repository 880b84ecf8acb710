"""Milestones on a goal: the trainer adds them while the goal is proposed, edits their terms
(easing frozen near the due date once accepted) and removes them before acceptance."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from werkzeug.wrappers import Response

from coachsite import clock
from coachsite.extensions import db
from coachsite.goals import forms, services
from coachsite.goals.views import bp, describe_target, goal_or_404, show_page, step, trainer_only, warn_if_bare, \
    week_start
from coachsite.models import Goal, Milestone


def _milestone_or_404(goal: Goal, milestone_id: int) -> Milestone:
    return services.milestone_or_none(goal, milestone_id) or abort(404)


def _form(goal: Goal, **kwargs: object) -> forms.MilestoneForm:
    return forms.MilestoneForm(goal_kind=goal.kind, start=goal.start_on, due=goal.due_on, week_start=week_start(),
                               **kwargs)


@bp.post("/<int:goal_id>/milestones")
def add_milestone(client_id: int, goal_id: int) -> Response | tuple[str, int]:
    trainer_only()
    goal = goal_or_404(goal_id)
    form = _form(goal)
    if not form.validate_on_submit():
        return show_page(goal, 422, milestone_form=form)
    try:
        milestone = services.add_milestone(goal, form.draft())
    except services.GoalError as problem:
        flash(problem.message, "error")
        return redirect(url_for("goals.show", client_id=client_id, goal_id=goal.id))
    db.session.commit()
    flash(f"Milestone added: {describe_target(milestone, goal)} by {milestone.due_on:%a %-d %b}.", "success")
    warn_if_bare(milestone, "milestone")
    return redirect(url_for("goals.show", client_id=client_id, goal_id=goal.id))


@bp.route("/<int:goal_id>/milestones/<int:milestone_id>/edit", methods=["GET", "POST"])
def edit_milestone(client_id: int, goal_id: int, milestone_id: int) -> Response | tuple[str, int]:
    trainer_only()
    goal = goal_or_404(goal_id)
    milestone = _milestone_or_404(goal, milestone_id)
    form = _form(goal, obj=milestone)
    form.submit.label.text = "Save milestone"
    if form.validate_on_submit():
        try:
            services.update_milestone(goal, milestone, form.draft(), clock.today())
        except services.GoalError as problem:
            db.session.rollback()
            form[problem.field or "due_on"].errors.append(problem.message)
        else:
            db.session.commit()
            flash(f"Saved the milestone due {milestone.due_on:%a %-d %b}.", "success")
            warn_if_bare(milestone, "milestone")
            return redirect(url_for("goals.show", client_id=client_id, goal_id=goal.id))
    return render_template("goals/milestone_form.html", client=g.client, goal=goal, milestone=milestone,
                           form=form), 422 if form.is_submitted() else 200


@bp.post("/<int:goal_id>/milestones/<int:milestone_id>/delete")
def remove_milestone(client_id: int, goal_id: int, milestone_id: int) -> Response:
    trainer_only()
    goal = goal_or_404(goal_id)
    milestone = _milestone_or_404(goal, milestone_id)
    return step(goal, services.remove_milestone, f"Removed the milestone due {milestone.due_on:%a %-d %b}.",
                goal, milestone)


@bp.post("/<int:goal_id>/reward-given")
@bp.post("/<int:goal_id>/milestones/<int:milestone_id>/reward-given")
def reward_given(client_id: int, goal_id: int, milestone_id: int | None = None) -> Response:
    trainer_only()
    goal = goal_or_404(goal_id)
    subject = goal if milestone_id is None else _milestone_or_404(goal, milestone_id)
    return step(goal, services.mark_reward_given, f"Marked “{subject.reward}” as given.", subject)


@bp.post("/<int:goal_id>/consequence-done")
@bp.post("/<int:goal_id>/milestones/<int:milestone_id>/consequence-done")
def consequence_done(client_id: int, goal_id: int, milestone_id: int | None = None) -> Response:
    trainer_only()
    goal = goal_or_404(goal_id)
    subject = goal if milestone_id is None else _milestone_or_404(goal, milestone_id)
    return step(goal, services.mark_consequence_done, f"Marked “{subject.consequence}” as done.", subject)
