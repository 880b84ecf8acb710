"""Goal pages: the list, proposing and editing (trainer), accepting (runner), cancelling.

Milestones, excuses and rewards, comments and the questionnaire live in their own view modules
on the same blueprint. Every view loads the client once (before_request) through authz."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock
from coachsite.extensions import db
from coachsite.goals import forms, motivation, progress, services, settling
from coachsite.models import Goal

bp = Blueprint("goals", __name__, url_prefix="/clients/<int:client_id>/goals")


@bp.before_request
def load_client() -> None:
    g.client = authz.visible_client_or_404(int((request.view_args or {})["client_id"]))


@bp.app_template_global()
def describe_target(row: Any, goal: Goal | None = None, race_name: str | None = None) -> str:
    return progress.describe(row, goal, race_name)


def trainer_only() -> None:
    if not authz.can_manage_goals(current_user, g.client):
        abort(404)


def runner_only() -> None:
    if not authz.can_accept_goal(current_user, g.client):
        abort(404)


def goal_or_404(goal_id: int) -> Goal:
    return services.goal_or_none(g.client, goal_id) or abort(404)


def week_start() -> int:
    return settling.week_starts([g.client.id]).get(g.client.id, 0)


def settle_on_view() -> None:
    """Deadlines that passed settle when someone looks (and runs not yet settled, if any)."""
    if settling.settle_client(g.client, clock.today()):
        db.session.commit()


def warn_if_bare(row: Any, what: str) -> None:
    if services.no_carrot_or_stick(row):
        flash(f"This {what} has no carrot or stick: no reward and no consequence. That is allowed; add them "
              "if you want one.", "warning")


def show_page(goal: Goal, code: int = 200, **given: Any) -> tuple[str, int]:
    """The goal page; a form passed in (with its errors) replaces the blank one."""
    today, starts = clock.today(), week_start()
    subjects = services.excusable(goal)
    page_forms = {
        "milestone_form": forms.MilestoneForm(formdata=None, goal_kind=goal.kind, start=goal.start_on,
                                              due=goal.due_on, week_start=starts),
        "excuse_form": forms.ExcuseForm(formdata=None, subjects=services.subject_label(subjects, describe_target)),
        "comment_form": forms.CommentForm(formdata=None),
        **given,
    }
    return render_template(
        "goals/show.html", client=g.client, goal=goal, race_name=services.race_name(goal),
        standings=progress.standings([goal], today, starts, chart=True), excuses=services.excuses(goal),
        comments=services.comments(goal), can_excuse=bool(subjects), action=forms.ActionForm(), today=today,
        **page_forms), code


@bp.get("/")
def index(client_id: int) -> str:
    settle_on_view()
    goals = list(db.session.scalars(services.goals_query(g.client)))
    return render_template("goals/index.html", client=g.client, goals=goals, latest=motivation.latest_score(g.client),
                           standings=progress.standings(goals, clock.today(), week_start()))


@bp.route("/new", methods=["GET", "POST"])
def new(client_id: int) -> Response | tuple[str, int]:
    if not authz.can_propose_goal(current_user, g.client):
        abort(404)
    form = forms.GoalForm(races=services.races_for(g.client), week_start=week_start(),
                          start_on=clock.today() if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_template("goals/form.html", client=g.client, form=form,
                               suggestion=motivation.suggestions(g.client)), 422 if form.is_submitted() else 200
    goal = services.propose_goal(g.client, form.draft(), proposed_by=current_user)
    db.session.commit()
    flash(f"Goal proposed to {g.client.name}: it counts once they accept it. Add milestones below.", "success")
    warn_if_bare(goal, "goal")
    return redirect(url_for("goals.show", client_id=client_id, goal_id=goal.id))


@bp.get("/<int:goal_id>")
def show(client_id: int, goal_id: int) -> tuple[str, int]:
    settle_on_view()
    return show_page(goal_or_404(goal_id))


@bp.route("/<int:goal_id>/edit", methods=["GET", "POST"])
def edit(client_id: int, goal_id: int) -> Response | tuple[str, int]:
    trainer_only()
    goal = goal_or_404(goal_id)
    form = forms.GoalForm(obj=goal, races=services.races_for(g.client, keep=goal.race_id), week_start=week_start(),
                          fixed_kind=goal.kind)
    if form.validate_on_submit():
        try:
            services.update_goal(goal, form.draft(), clock.today())
        except services.GoalError as problem:
            db.session.rollback()
            form[problem.field or "title"].errors.append(problem.message)
        else:
            db.session.commit()
            flash(f"Saved “{goal.title}”.", "success")
            warn_if_bare(goal, "goal")
            return redirect(url_for("goals.show", client_id=client_id, goal_id=goal.id))
    return render_template("goals/form.html", client=g.client, form=form, goal=goal,
                           suggestion=None), 422 if form.is_submitted() else 200


@bp.post("/<int:goal_id>/accept")
def accept(client_id: int, goal_id: int) -> Response:
    runner_only()
    goal = goal_or_404(goal_id)
    return step(goal, services.accept_goal, f"You accepted “{goal.title}”. Your runs settle it from now on.")


@bp.post("/<int:goal_id>/cancel")
def cancel(client_id: int, goal_id: int) -> Response:
    trainer_only()
    goal = goal_or_404(goal_id)
    return step(goal, services.cancel_goal, f"Cancelled “{goal.title}”.")


def step(goal: Goal, action: Any, message: str, *args: Any) -> Response:
    """A one-button step: do it and commit, or say why not; back to the goal either way."""
    try:
        action(*args) if args else action(goal)
    except services.GoalError as problem:
        db.session.rollback()
        flash(problem.message, "error")
    else:
        db.session.commit()
        flash(message, "success")
    return back_to(goal)


def back_to(goal: Goal) -> Response:
    """Actions offered on the roster or the runner's home go back there; all others to the goal."""
    back = request.args.get("back")
    if back == "roster":
        return redirect(url_for("clients.index"))
    if back == "home":
        return redirect(url_for("home.my_plan"))
    return redirect(url_for("goals.show", client_id=goal.client_id, goal_id=goal.id))
