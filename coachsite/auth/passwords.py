"""Password policy and hashing, in one place."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 8
MAX_LENGTH = 256


@cache
def _common() -> frozenset[str]:
    lines = (Path(__file__).with_name("common_passwords.txt").read_text().splitlines())
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """What is wrong with a new password, in words a person can act on, or None."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    folded = password.lower()
    if folded in _common():
        return "This password is too common; choose one that is harder to guess."
    personal = {email.lower(), email.lower().split("@")[0], name.lower().replace(" ", "")} - {""}
    if folded in personal:
        return "Do not use your name or email as your password."
    return None


def hash_password(password: str, method: str) -> str:
    return generate_password_hash(password, method=method)


def verify(password_hash: str | None, password: str) -> bool:
    return bool(password_hash) and check_password_hash(password_hash or "", password)
