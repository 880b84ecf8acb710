"""Configuration: defaults, then COACHSITE_* environment variables, then the dict given to create_app."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "ENV": "production",
    "SECRET_KEY": None,
    "DATABASE_URL": None,  # None means the SQLite file in instance/
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000000",
    "INVITE_DAYS": 14,
    "RESET_HOURS": 2,
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_USE_TLS": True,
    "MAIL_SENDER": "CoachSite <no-reply@localhost>",
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    "LOGIN_WINDOW_MINUTES": 15,
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 30,
    "PROXY_COUNT": 0,  # how many reverse proxies in front set X-Forwarded-For (0: trust none)
    "TRUSTED_HOSTS": None,
    "BASE_URL": None,  # e.g. "https://coach.example.org": links in mails always point here
    "SESSION_MAX_DAYS": 14,  # a login lasts at most this long, then the password is asked again  # e.g. "coach.example.org,localhost"; None accepts any Host header
    "ROSTER_PAGE_SIZE": 50,
    "WTF_CSRF_ENABLED": True,
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
}

_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


class ConfigError(RuntimeError):
    """Raised at start-up when the configuration cannot run safely."""


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        if raw.lower() not in _BOOLEANS:
            raise ConfigError(f"Expected a yes/no value, got {raw!r}")
        return _BOOLEANS[raw.lower()]
    if isinstance(default, int):
        return int(raw)
    return raw


def from_environment(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    """Every COACHSITE_<KEY> variable, typed like its default."""
    found: dict[str, Any] = {}
    for name, raw in environ.items():
        if name.startswith("COACHSITE_"):
            key = name.removeprefix("COACHSITE_")
            found[key] = _coerce(raw, DEFAULTS.get(key))
    return found


def build(instance_path: str, overrides: dict[str, Any] | None, environ: dict[str, str] | None = None) -> dict[str, Any]:
    settings = dict(DEFAULTS)
    settings.update(from_environment(os.environ if environ is None else environ))
    settings.update(overrides or {})
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'coachsite.sqlite'}"
    if not settings["SECRET_KEY"]:
        settings["SECRET_KEY"] = _development_key(settings, instance_path)
    settings["SQLALCHEMY_DATABASE_URI"] = _normalise_url(settings["DATABASE_URL"])
    # Error messages never carry the statement's values (names, notes) into the logs.
    # No ping before every request: coachsite/server_ping.py pings a connection that sat idle instead.
    settings["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": False, "hide_parameters": True}
    if settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # Writers wait this long for the lock before giving up (and the site answers 503).
        settings["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] = {"timeout": settings["SQLITE_BUSY_TIMEOUT_MS"] / 1000}
    settings["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
    settings["SESSION_PROTECTION"] = None  # session versions end sessions; see auth.sessions
    if isinstance(settings["TRUSTED_HOSTS"], str):
        settings["TRUSTED_HOSTS"] = [host.strip() for host in settings["TRUSTED_HOSTS"].split(",") if host.strip()]
    return settings


def _normalise_url(url: str) -> str:
    # psycopg 3 is the driver; accept the plain postgres:// forms people paste.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _development_key(settings: dict[str, Any], instance_path: str) -> str:
    """Outside development a missing key is an error; in development keep one in instance/."""
    if settings["ENV"] != "development":
        raise ConfigError(
            "COACHSITE_SECRET_KEY is not set. Set it to a long random value, e.g.\n"
            "  export COACHSITE_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')\n"
            "or set COACHSITE_ENV=development for a local key kept in instance/."
        )
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
