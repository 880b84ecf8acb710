"""Login sessions carry the user's session version, so bumping it ends every copy of the cookie."""
from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import flash, redirect, request, session, url_for
from flask_login import login_user
from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import with_expression

from coachsite.extensions import db, login_manager
from coachsite.models import Membership, User

F = TypeVar("F", bound=Callable[..., Any])


# Every request's first query, built once (a statement built per call, or session.get, costs about
# twice the time in SQLAlchemy); whether they are in a club comes with it, for the navigation.
_USER = select(User).where(User.id == bindparam("user_id")).options(
    with_expression(User.in_a_club, exists().where(Membership.user_id == User.id)))


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.scalar(_USER, {"user_id": int(user_id)})
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    return user


FRESH_SECONDS = 10 * 60  # sensitive changes need a password typed this recently


def start(user: User) -> None:
    """A fresh session for a fresh login: nothing from before the login survives (fixation)."""
    session.clear()
    login_user(user)
    session["login_at"] = int(time.time())
    confirmed()


def expired(max_days: int) -> bool:
    """A login older than max_days ends, however active (an absolute session lifetime)."""
    return time.time() - float(session.get("login_at", 0)) > max_days * 86400


def confirmed() -> None:
    """The person just typed their password: sensitive changes are allowed for a while."""
    session["auth_at"] = int(time.time())


def is_fresh() -> bool:
    return time.time() - float(session.get("auth_at", 0)) < FRESH_SECONDS


def fresh_login_required(view: F) -> F:
    """Password and email changes (and deactivation) ask for the password again after a while."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not is_fresh():
            flash("For your security, confirm your password to continue.", "warning")
            return redirect(url_for("auth.confirm_password", next=request.path))
        return view(*args, **kwargs)

    return cast(F, wrapper)


def safe_next(target: str | None) -> str:
    """Only paths on this site; anything with a scheme, host or backslash goes home instead."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("home.index")
