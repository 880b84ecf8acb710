"""Sensitive account changes: each needs a recent password (fresh login) and ends other sessions."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from coachsite.auth import forms, services, sessions
from coachsite.auth.services import AccountProblem
from coachsite.auth.views import bp
from coachsite.forms.refusals import refuse
from coachsite.extensions import db


@bp.route("/account/confirm", methods=["GET", "POST"])
def confirm_password() -> Response | str | tuple[str, int]:
    form = forms.ConfirmPasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/confirm_password.html", form=form), 422 if form.is_submitted() else 200
    try:
        services.confirm_password(current_user, form.password.data)
    except AccountProblem as problem:
        return refuse(form, problem, "auth/confirm_password.html")
    sessions.confirmed()
    return redirect(sessions.safe_next(request.args.get("next")))


@bp.route("/account/email", methods=["GET", "POST"])
@sessions.fresh_login_required
def change_email() -> Response | str | tuple[str, int]:
    form = forms.ChangeEmailForm()
    if not form.validate_on_submit():
        return render_template("auth/change_email.html", form=form), 422 if form.is_submitted() else 200
    user = current_user._get_current_object()
    try:
        services.change_email(user, form.email.data, form.password.data)
    except AccountProblem as problem:
        return refuse(form, problem, "auth/change_email.html")
    db.session.commit()
    current_app.logger.info("Email changed: user %s", user.id)
    sessions.start(user)
    flash(f"Your email is now {user.email}. You were logged out everywhere else.", "success")
    return redirect(url_for("account.settings"))


@bp.route("/account/deactivate", methods=["GET", "POST"])
@sessions.fresh_login_required
def deactivate() -> Response | str | tuple[str, int]:
    form = forms.DeactivateForm()
    if not form.validate_on_submit():
        return render_template("auth/deactivate.html", form=form), 422 if form.is_submitted() else 200
    user = current_user._get_current_object()
    try:
        services.deactivate(user, form.password.data)
    except AccountProblem as problem:
        return refuse(form, problem, "auth/deactivate.html")
    db.session.commit()
    current_app.logger.info("Account deactivated: user %s", user.id)
    logout_user()
    session.clear()
    flash("Your account is deactivated and every session has ended. Your data is kept.", "success")
    return redirect(url_for("auth.login"))
