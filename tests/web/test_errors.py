"""Error pages: a title and a way back, never a traceback."""
from __future__ import annotations

import logging

from coachsite.authz import public
from coachsite.extensions import db
from tests.conftest import build_app


def test_a_missing_page_says_so_without_a_traceback(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "<title>Page not found · CoachSite</title>" in response.text
    assert "<h1>Page not found</h1>" in response.text
    assert 'href="/"' in response.text
    assert "Traceback" not in response.text


def test_a_wrong_method_gets_the_site_page(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert "<h1>Not allowed</h1>" in response.text


def test_a_crash_shows_a_friendly_500_page_and_logs_the_error(database_url, caplog):
    crashing = build_app(database_url)

    @crashing.get("/boom")
    @public
    def boom() -> str:
        raise RuntimeError("secret internals")

    try:
        with caplog.at_level(logging.ERROR, logger="coachsite"):
            response = crashing.test_client().get("/boom")
    finally:
        with crashing.app_context():
            db.engine.dispose()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text
    assert "Traceback" not in response.text and "secret internals" not in response.text
    assert any(r.name == "coachsite" and r.exc_info for r in caplog.records)
