"""Login sessions carry the user's session version, so bumping it ends every copy of the cookie."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import session, url_for
from flask_login import login_user

from coachsite.extensions import db, login_manager
from coachsite.models import User


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    return user


def start(user: User) -> None:
    """A fresh session for a fresh login: nothing from before the login survives (fixation)."""
    session.clear()
    login_user(user)


def safe_next(target: str | None) -> str:
    """Only paths on this site; anything with a scheme, host or backslash goes home instead."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("home.index")
