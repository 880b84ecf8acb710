"""Absolute links that leave the site (mails, invite and feed URLs).

With COACHSITE_BASE_URL set (e.g. https://coach.example.org) they always use it, so a request
sent with a forged Host header can never make the site mail out a link to another server; without
it they follow the request's host, which TRUSTED_HOSTS then restricts."""
from __future__ import annotations

from typing import Any

from flask import current_app, url_for


def external(endpoint: str, **values: Any) -> str:
    base = current_app.config.get("BASE_URL")
    if base:
        return str(base).rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)
