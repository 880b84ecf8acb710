"""Error pages: a friendly page for every 4xx/5xx, never a traceback."""
from __future__ import annotations

import sqlite3

from flask import Flask, render_template, request, session
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from coachsite.extensions import db
from coachsite.logsafe import clean

_TITLES = {
    400: ("Bad request", "The request could not be understood. Go back and try again."),
    403: ("Not allowed", "You do not have permission to do that."),
    404: ("Page not found", "This page does not exist, or you do not have access to it."),
    405: ("Not allowed", "That action is not possible here."),
    413: ("File too large", "The file is larger than the site accepts. Try a smaller one."),
    422: ("Check the form", "Some of what was sent could not be used."),
    429: ("Too many attempts", "Too many attempts. Wait a few minutes and try again."),
    500: ("Something went wrong", "Something went wrong on our side. Nothing you entered before was lost; try again."),
    503: ("Busy", "The site is busy right now and nothing was saved. Wait a moment and try again."),
    507: ("Storage full", "The site's storage is full, so nothing was saved. Try again later; "
                          "the people who run the site have been told."),
}

_DISK_FULL_SQLSTATE = "53100"  # PostgreSQL: disk_full


def _disk_full(error: OperationalError) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full": the disk, or max_page_count), or PostgreSQL's disk_full."""
    original = error.orig
    return (getattr(original, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            or getattr(original, "sqlstate", None) == _DISK_FULL_SQLSTATE
            or "database or disk is full" in str(original))


def _page(code: int, message: str | None = None) -> tuple[str, int]:
    title, default = _TITLES.get(code, (f"Error {code}", "Something went wrong."))
    return render_template("errors/error.html", code=code, title=title, message=message or default), code


def register(app: Flask) -> None:
    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError) -> tuple[str, int, dict[str, str]]:
        # The request names a host this site does not serve: no page (its links would use that host).
        return "Bad request: unknown host.", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        if error.code in (403, 404) and session.get("_user_id"):
            # Access is denied with 404, so a denial and a mistyped address look alike: log both.
            app.logger.info("Denied or not found: user %s %s %s", clean(session.get("_user_id")),
                            request.method, clean(request.path))
        if error.code == 400 and "CSRF" in (error.description or ""):
            return render_template("errors/error.html", code=400, title="Form expired",
                                   message="This form expired or came from elsewhere. Reload the page and try again."), 400
        # A view's own words for a bad request ("Use a month like 2027-03.") beat the generic ones.
        own = error.description if error.code in (400, 422) and error.description != type(error).description else None
        return _page(error.code or 500, own)

    @app.errorhandler(OperationalError)
    def database_busy(error: OperationalError) -> tuple[str, int, dict[str, str]] | tuple[str, int]:
        db.session.rollback()
        if "locked" in str(error.orig) or "busy" in str(error.orig):
            # Another writer held the database past the busy timeout: nothing was saved; try again.
            app.logger.warning("Database busy: %s", error.orig)
            # Rendered without context processors: they would ask the busy database for the user.
            return app.jinja_env.get_template("errors/busy.html").render(), 503, {"Retry-After": "5"}
        if _disk_full(error):
            # The write was refused and rolled back whole: say so, and tell the operator (an error, not a warning).
            app.logger.error("Database full, nothing was saved: %s", error.orig)
            return _page(507)
        return unexpected(error)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        return _page(InternalServerError.code)
