"""What technique notes put on other pages: "Focus this week" on the runner's home."""
from __future__ import annotations

from datetime import date
from typing import Any

from coachsite import panels
from coachsite.models import Client, User
from coachsite.notes import forms, services


def focus_this_week(client: Client, viewer: User, today: date) -> dict[str, Any] | None:
    cues = services.focus_cues(client, viewer)
    return {"client": client, "cues": cues, "areas": forms.AREA_LABELS} if cues else None


def register() -> None:
    panels.register("runner_home", "notes/_focus_panel.html", focus_this_week, order=20, own_data=True)
