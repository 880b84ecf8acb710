"""CoachSite: a self-hosted site for personal running trainers and running clubs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from coachsite import config as settings

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Wiring only: no migrations and no queries run here."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                instance_path=str((config or {}).get("INSTANCE_PATH") or ROOT / "instance"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.build(app.instance_path, config))

    from coachsite import web

    web.init(app)
    return app
