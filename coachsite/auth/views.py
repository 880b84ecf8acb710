from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from coachsite import links, mail
from coachsite.auth import forms, services, sessions, throttle
from coachsite.auth.services import AccountProblem
from coachsite.auth.tokens import TokenProblem
from coachsite.authz import public
from coachsite.extensions import db
from coachsite.forms.refusals import refuse
from coachsite.logsafe import clean

bp = Blueprint("auth", __name__)


def _hash() -> str:
    return str(current_app.config["PASSWORD_HASH_METHOD"])


def _limits() -> throttle.Limits:
    config = current_app.config
    return throttle.Limits(window=timedelta(minutes=config["LOGIN_WINDOW_MINUTES"]),
                           per_account=config["LOGIN_MAX_FAILURES"],
                           per_address=config["LOGIN_MAX_FAILURES_PER_ADDRESS"])




@bp.route("/signup", methods=["GET", "POST"])
@public
def signup() -> Response | str | tuple[str, int]:
    form = forms.SignupForm()
    if not form.validate_on_submit():
        return render_template("auth/signup.html", form=form), 422 if form.is_submitted() else 200
    try:
        user = services.sign_up(form.name.data, form.email.data, form.password.data, hash_method=_hash())
    except AccountProblem as problem:
        return refuse(form, problem, "auth/signup.html")
    db.session.commit()
    sessions.start(user)
    flash(f"Welcome, {user.name}. Your account is ready: add your first client.", "success")
    return redirect(url_for("clients.index"))


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Response | str | tuple[str, int]:
    form = forms.LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 422 if form.is_submitted() else 200
    address = request.remote_addr or "unknown"
    try:
        user = services.log_in(form.email.data, form.password.data, address, _limits())
    except throttle.Locked as locked:
        current_app.logger.warning("Login locked for %s from %s", clean(form.email.data), clean(address))
        flash(str(locked), "error")
        return render_template("auth/login.html", form=form), 429
    db.session.commit()
    if user is None:
        current_app.logger.info("Failed login for %s from %s", clean(form.email.data), clean(address))
        flash("That email and password do not match an account. Check both and try again.", "error")
        return render_template("auth/login.html", form=form), 401
    current_app.logger.info("Login: user %s from %s", user.id, clean(address))
    sessions.start(user)
    flash(f"Logged in as {user.name}.", "success")
    return redirect(sessions.safe_next(request.args.get("next")))


@bp.post("/logout")
def logout() -> Response:
    forms.LogoutForm().validate_on_submit()  # the CSRF check happens app-wide; nothing else to read
    services.end_sessions(current_user._get_current_object())
    db.session.commit()
    current_app.logger.info("Logout: user %s", current_user.id)
    logout_user()
    session.clear()
    flash("You are logged out.", "success")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@sessions.fresh_login_required
def change_password() -> Response | str | tuple[str, int]:
    form = forms.ChangePasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/change_password.html", form=form), 422 if form.is_submitted() else 200
    user = current_user._get_current_object()
    try:
        services.change_password(user, form.current_password.data, form.password.data, hash_method=_hash())
    except AccountProblem as problem:
        return refuse(form, problem, "auth/change_password.html")
    db.session.commit()
    current_app.logger.info("Password changed: user %s", user.id)
    sessions.start(user)  # this browser stays logged in; every other session has ended
    flash("Password changed. You were logged out everywhere else.", "success")
    return redirect(url_for("home.index"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
def forgot_password() -> Response | str | tuple[str, int]:
    form = forms.ForgotPasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/forgot_password.html", form=form), 422 if form.is_submitted() else 200
    hours = int(current_app.config["RESET_HOURS"])
    found = services.start_reset(form.email.data, timedelta(hours=hours))
    db.session.commit()
    if found:
        user, secret = found
        link = links.external("auth.reset_password", secret=secret)
        mail.send(user.email, "Reset your CoachSite password",
                  f"Hello {user.name},\n\nOpen this link within {hours} hours to choose a new password:\n{link}\n\n"
                  "If you did not ask for this, ignore this message.")
    # The same answer whether or not the address has an account.
    flash("If that email has an account, a reset link is on its way. Check your inbox.", "success")
    return redirect(url_for("auth.login"))


@bp.route("/password/reset/<secret>", methods=["GET", "POST"])
@public
def reset_password(secret: str) -> Response | str | tuple[str, int]:
    form = forms.ResetPasswordForm()
    try:
        services.check_reset(secret)
    except TokenProblem as problem:
        return render_template("auth/link_problem.html", message=str(problem)), 404
    if not form.validate_on_submit():
        return render_template("auth/reset_password.html", form=form), 422 if form.is_submitted() else 200
    try:
        user = services.reset_password(secret, form.password.data, hash_method=_hash())
    except AccountProblem as problem:
        return refuse(form, problem, "auth/reset_password.html")
    db.session.commit()
    current_app.logger.info("Password reset: user %s", user.id)
    sessions.start(user)
    flash("Your password is changed and you are logged in.", "success")
    return redirect(url_for("home.index"))


@bp.route("/invite/<secret>", methods=["GET", "POST"])
@public
def accept_invite(secret: str) -> Response | str | tuple[str, int]:
    try:
        invite = services.check_invite(secret)
    except TokenProblem as problem:
        return render_template("auth/link_problem.html", message=str(problem)), 404
    signed_in = current_user._get_current_object() if current_user.is_authenticated else None
    refusal = services.wrong_account(invite, signed_in)
    if refusal:
        return render_template("auth/link_problem.html", message=refusal), 403
    form = forms.LinkAccountForm() if invite.existing_account else forms.AcceptInviteForm()
    context = {"invite": invite}
    if not form.validate_on_submit():
        return render_template("auth/accept_invite.html", form=form, **context), 422 if form.is_submitted() else 200
    try:
        password = form.password.data if isinstance(form, forms.AcceptInviteForm) else ""
        runner = services.accept_invite(secret, password, hash_method=_hash(), signed_in=signed_in)
    except AccountProblem as problem:
        return refuse(form, problem, "auth/accept_invite.html", **context)
    db.session.commit()
    sessions.start(runner)
    flash(f"Welcome, {runner.name}. You are on {invite.client.trainer.name}'s roster.", "success")
    return redirect(url_for("home.index"))
