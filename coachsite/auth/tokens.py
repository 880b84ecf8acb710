"""Single-use, expiring links: only the SHA-256 of the secret is stored."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from coachsite.extensions import db
from coachsite.models import Token, utcnow


class TokenProblem(Exception):
    """The link cannot be used; the message says why in the reader's words."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(purpose: str, lifetime: timedelta, **owner: int | None) -> str:
    secret = secrets.token_urlsafe(32)
    db.session.add(Token(purpose=purpose, secret_hash=_digest(secret), expires_at=utcnow() + lifetime, **owner))
    db.session.flush()
    return secret


def find(purpose: str, secret: str) -> Token:
    """The usable token for a secret, or TokenProblem saying why not."""
    token = db.session.scalar(select(Token).where(Token.secret_hash == _digest(secret), Token.purpose == purpose))
    if token is None:
        raise TokenProblem("This link is not valid. Check that you copied all of it.")
    if token.used_at is not None:
        raise TokenProblem("This link has already been used. Ask for a new one.")
    if token.expires_at <= utcnow():
        raise TokenProblem("This link has expired. Ask for a new one.")
    return token


def spend(token: Token) -> None:
    token.used_at = utcnow()


def revoke_unused(purpose: str, **owner: int) -> None:
    """A newer link replaces older ones, so only the latest invite or reset works."""
    [(column, value)] = owner.items()
    for token in db.session.scalars(select(Token).where(Token.purpose == purpose, getattr(Token, column) == value,
                                                        Token.used_at.is_(None))):
        token.used_at = utcnow()
