"""Configuration: defaults, then COACHSITE_* variables, then the dict given to create_app."""
from __future__ import annotations

import pytest

from coachsite import create_app
from coachsite.config import DEFAULTS, ConfigError, build
from coachsite.extensions import db


def test_a_missing_secret_key_outside_development_stops_start_up(tmp_path):
    with pytest.raises(ConfigError) as refused:
        build(str(tmp_path), None, environ={})
    message = str(refused.value)
    assert "COACHSITE_SECRET_KEY is not set" in message
    assert "export COACHSITE_SECRET_KEY=" in message  # says how to fix it
    assert not (tmp_path / "secret_key").exists()


def test_development_keeps_one_local_key(tmp_path):
    first = build(str(tmp_path), None, environ={"COACHSITE_ENV": "development"})
    again = build(str(tmp_path), None, environ={"COACHSITE_ENV": "development"})
    assert len(first["SECRET_KEY"]) >= 32
    assert first["SECRET_KEY"] == again["SECRET_KEY"] == (tmp_path / "secret_key").read_text().strip()


def test_environment_variables_override_defaults_with_their_types(tmp_path):
    settings = build(str(tmp_path), None, environ={
        "COACHSITE_SECRET_KEY": "from-env", "COACHSITE_ROSTER_PAGE_SIZE": "7", "COACHSITE_MAIL_USE_TLS": "no",
        "COACHSITE_MAIL_SERVER": "smtp.example.com", "OTHER_SECRET_KEY": "ignored"})
    assert settings["SECRET_KEY"] == "from-env"
    assert settings["ROSTER_PAGE_SIZE"] == 7 != DEFAULTS["ROSTER_PAGE_SIZE"]
    assert settings["MAIL_USE_TLS"] is False
    assert settings["MAIL_SERVER"] == "smtp.example.com"
    assert settings["INVITE_DAYS"] == DEFAULTS["INVITE_DAYS"]


def test_the_create_app_dict_overrides_both(tmp_path):
    settings = build(str(tmp_path), {"ROSTER_PAGE_SIZE": 9, "SECRET_KEY": "from-dict"},
                     environ={"COACHSITE_SECRET_KEY": "from-env", "COACHSITE_ROSTER_PAGE_SIZE": "7"})
    assert (settings["SECRET_KEY"], settings["ROSTER_PAGE_SIZE"]) == ("from-dict", 9)


def test_a_yes_no_setting_refuses_other_words(tmp_path):
    with pytest.raises(ConfigError, match="yes/no"):
        build(str(tmp_path), None, environ={"COACHSITE_SECRET_KEY": "k", "COACHSITE_MAIL_USE_TLS": "maybe"})


def test_create_app_reads_the_environment(tmp_path, database_url, monkeypatch):
    monkeypatch.setenv("COACHSITE_INVITE_DAYS", "3")
    monkeypatch.setenv("COACHSITE_RESET_HOURS", "5")
    app = create_app({"SECRET_KEY": "k", "DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path),
                      "RESET_HOURS": 1})
    assert (app.config["INVITE_DAYS"], app.config["RESET_HOURS"]) == (3, 1)
    with app.app_context():
        db.engine.dispose()
