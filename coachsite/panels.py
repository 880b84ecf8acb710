"""Pages made of panels that features contribute: the runner's home, the trainer's roster and a
client's profile. A feature registers a template and a loader when its blueprint is imported;
the page's view asks for all panels at once, so pages never import features."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from coachsite.models import Client, User


@dataclass(frozen=True)
class Panel:
    template: str
    loader: Callable[..., dict[str, Any] | None]  # None: nothing to show
    order: int = 50


_PAGES: dict[str, list[Panel]] = {"runner_home": [], "trainer_home": [], "client_profile": []}


def register(page: str, template: str, loader: Callable[..., dict[str, Any] | None], order: int = 50) -> None:
    panels = _PAGES[page]
    if all(panel.template != template for panel in panels):
        panels.append(Panel(template, loader, order))
        panels.sort(key=lambda panel: panel.order)


def _render(page: str, *args: Any) -> list[tuple[str, dict[str, Any]]]:
    shown = []
    for panel in _PAGES[page]:
        data = panel.loader(*args)
        if data is not None:
            shown.append((panel.template, data))
    return shown


def runner_home(client: Client, viewer: User, today: date) -> list[tuple[str, dict[str, Any]]]:
    return _render("runner_home", client, viewer, today)


def trainer_home(trainer: User, today: date) -> list[tuple[str, dict[str, Any]]]:
    return _render("trainer_home", trainer, today)


def client_profile(client: Client, viewer: User, today: date) -> list[tuple[str, dict[str, Any]]]:
    return _render("client_profile", client, viewer, today)
