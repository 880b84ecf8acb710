"""Pages made of panels that features contribute: the runner's home, the trainer's roster and a
client's profile. A feature registers a template and a loader when its blueprint is imported;
the page's view asks for all panels at once, so pages never import features.

A panel that shows only the client's own rows (worded for the viewer, as of today) says so with
`own_data=True`: it is then kept as rendered HTML (coachsite.fragments) keyed by the client's data
stamp, the day and the viewer, and its loader runs again only when one of them changed. Panels
with forms (a CSRF token is one session's) or with other people's data that the client's stamp does
not follow (a partner's runs) must not; what it does follow is listed in coachsite/stamps.py."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import render_template
from markupsafe import Markup

from coachsite import fragments
from coachsite.models import Client, User


@dataclass(frozen=True)
class Panel:
    template: str
    loader: Callable[..., dict[str, Any] | None]  # None: nothing to show
    order: int = 50
    own_data: bool = False


_PAGES: dict[str, list[Panel]] = {"runner_home": [], "trainer_home": [], "client_profile": []}


def register(page: str, template: str, loader: Callable[..., dict[str, Any] | None], order: int = 50,
             own_data: bool = False) -> None:
    panels = _PAGES[page]
    if all(panel.template != template for panel in panels):
        panels.append(Panel(template, loader, order, own_data))
        panels.sort(key=lambda panel: panel.order)


# (template, data) to include, or (None, the panel's HTML) when it was kept as rendered HTML.
Shown = list[tuple[str | None, Any]]


def _render(page: str, *args: Any) -> Shown:
    shown: Shown = []
    for panel in _PAGES[page]:
        if panel.own_data:
            html = _kept(panel, *args)
            if html:
                shown.append((None, html))
            continue
        data = panel.loader(*args)
        if data is not None:
            shown.append((panel.template, data))
    return shown


def _kept(panel: Panel, client: Client, viewer: User, today: date) -> Markup:
    def render() -> str:
        data = panel.loader(client, viewer, today)
        return render_template(panel.template, data=data) if data is not None else ""

    key = ("panel", panel.template, client.id, client.data_stamp, today, viewer.id, viewer.units, viewer.week_start)
    return fragments.cached(key, render)


def runner_home(client: Client, viewer: User, today: date) -> Shown:
    return _render("runner_home", client, viewer, today)


def trainer_home(trainer: User, today: date) -> Shown:
    return _render("trainer_home", trainer, today)


def client_profile(client: Client, viewer: User, today: date) -> Shown:
    return _render("client_profile", client, viewer, today)
