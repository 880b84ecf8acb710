"""Small wording helpers for messages people read."""
from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """plural(1, "session") -> "1 session"; plural(3, "session") -> "3 sessions"."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
