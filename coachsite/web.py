"""Binds extensions, blueprints, the login gate, filters and response headers to an app."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from coachsite import authz, cli, errors, filters, stamps
from coachsite.auth import sessions  # also registers the user loader
from coachsite.extensions import csrf, db, login_manager, migrate

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


def init(app: Flask) -> None:
    if app.logger.level == logging.NOTSET:
        # Logins, failed logins and account changes are logged at INFO; without a level of its own the
        # logger inherits the root's WARNING and production (gunicorn) would drop them.
        app.logger.setLevel(logging.INFO)
    if app.config["PROXY_COUNT"]:
        # Behind N reverse proxies, trust N hops of X-Forwarded-* so limits see the real address.
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]
    db.init_app(app)
    stamps.install()
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"

    from coachsite import account, auth, calendar, clients, goals, home, notes, plans, printing, races, runs

    for blueprint in (home.bp, auth.bp, account.bp, clients.bp, calendar.bp, plans.bp, runs.bp, notes.bp, races.bp,
                      goals.bp, printing.bp):
        app.register_blueprint(blueprint)
    from coachsite import clubs, journey

    app.register_blueprint(clubs.bp)
    app.register_blueprint(journey.bp)
    app.before_request(_login_gate)
    app.after_request(_headers)
    app.context_processor(authz.template_predicates)
    app.context_processor(_client_links)
    filters.register(app)
    errors.register(app)
    cli.register(app)


def _login_gate() -> Response | None:
    """Login is required everywhere except views marked public (and static files); a login lasts
    at most SESSION_MAX_DAYS, however often it is used."""
    if request.endpoint is None or request.endpoint == "static":
        return None
    if current_user.is_authenticated:
        if not sessions.expired(current_app.config["SESSION_MAX_DAYS"]):
            return None
        logout_user()
        session.clear()
        flash("Your login has expired. Log in again to continue.", "warning")
    if authz.is_public(current_app.view_functions.get(request.endpoint)):
        return None
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


# Pages about one client, shown in its sub-navigation when the feature is installed.
CLIENT_PAGES = (("runs.index", "Runs"), ("goals.index", "Goals"), ("notes.index", "Notes"),
                ("races.index", "Races"), ("journey.show", "Journey"))


def _client_links() -> dict[str, object]:
    links = [{"endpoint": e, "label": label} for e, label in CLIENT_PAGES if e in current_app.view_functions]
    return {"client_links": links}


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # A logged-in browser's pages are private. Read the session, not current_user: this must work
    # even when the database cannot be asked (the busy page).
    if session.get("_user_id") and request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:  # only over HTTPS: browsers then refuse plain HTTP to this host for a year
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response
