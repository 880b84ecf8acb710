"""Passwords are stored with PBKDF2-SHA256 at a million iterations unless configured otherwise."""
from __future__ import annotations

from sqlalchemy import select

from coachsite import create_app
from coachsite.config import DEFAULTS
from coachsite.extensions import db
from coachsite.models import User
from tests.conftest import PASSWORD, build_app


def test_the_default_method_is_pbkdf2_sha256_with_a_million_iterations(database_url, tmp_path, monkeypatch):
    monkeypatch.delenv("COACHSITE_PASSWORD_HASH_METHOD", raising=False)
    app = create_app({"SECRET_KEY": "k", "DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path)})
    method = app.config["PASSWORD_HASH_METHOD"]
    assert method == DEFAULTS["PASSWORD_HASH_METHOD"]
    algorithm, digest, iterations = method.split(":")
    assert (algorithm, digest) == ("pbkdf2", "sha256")
    assert int(iterations) >= 1_000_000
    with app.app_context():
        db.engine.dispose()


def test_a_sign_up_under_the_default_stores_such_a_hash(app, database_url, ctx):
    default_app = build_app(database_url, PASSWORD_HASH_METHOD=DEFAULTS["PASSWORD_HASH_METHOD"])
    try:
        response = default_app.test_client().post(
            "/signup", data={"name": "Terry", "email": "terry@example.com", "password": PASSWORD})
        assert response.status_code == 302
    finally:
        with default_app.app_context():
            db.engine.dispose()
    stored = db.session.scalar(select(User.password_hash).where(User.email == "terry@example.com"))
    assert stored.startswith("pbkdf2:sha256:1000000$")
