"""Domain events between features, so a service never imports the feature that reacts to it.

`runs_changed` fires after runs are logged or imported (and before the view commits): goal
settling listens to it. Handlers take explicit arguments, like services."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from coachsite.models import Client

RunsHandler = Callable[[Client, date], None]
_runs_handlers: list[RunsHandler] = []


def on_runs_changed(handler: RunsHandler) -> RunsHandler:
    if handler not in _runs_handlers:
        _runs_handlers.append(handler)
    return handler


def runs_changed(client: Client, today: date) -> None:
    for handler in _runs_handlers:
        handler(client, today)
