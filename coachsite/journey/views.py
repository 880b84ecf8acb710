"""The journey page of one client, and its season report in print. The client is loaded once
through authz.visible_client_or_404: the runner and their managing trainer(s) see it."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, g, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, pdf
from coachsite.domain import units
from coachsite.journey import charts, forms, services

bp = Blueprint("journey", __name__, url_prefix="/clients/<int:client_id>/journey")


@bp.before_request
def load_client() -> None:
    g.client = authz.visible_client_or_404(int((request.view_args or {})["client_id"]))


def _charts(journey: services.Journey) -> dict[str, Any]:
    """The journey's charts in the reader's units (None where there is nothing to draw)."""
    unit = current_user.units
    size = units.UNITS[unit]
    return {
        "volume": charts.weekly_volume_chart([(w.week, w.metres) for w in journey.weeks], unit, size),
        "longest": charts.longest_run_chart([(p.on, p.distance_m) for p in journey.longest], unit, size,
                                            journey.until),
        "bests": [charts.best_chart(d.label, [(p.on, p.seconds) for p in d.points], journey.until,
                                    f"best-{index}") for index, d in enumerate(journey.bests)],
    }


def _page(journey: services.Journey, form: forms.SeasonForm, code: int = 200) -> tuple[str, int]:
    return render_template("journey/show.html", client=g.client, journey=journey, charts=_charts(journey),
                           form=form, can_report=authz.can_manage_client(current_user, g.client)), code


def _load() -> services.Journey:
    return services.load(g.client, week_start=current_user.week_start, until=clock.today())


@bp.get("")
def show(client_id: int) -> tuple[str, int]:
    today = clock.today()
    form = forms.SeasonForm(formdata=None, start=date(today.year, 1, 1), end=today)
    return _page(_load(), form)


@bp.get("/season-report")
def season_report(client_id: int) -> Response | tuple[str, int]:
    """The journey in print, for the trainer to hand over: the client's managing trainer(s) only."""
    if not authz.can_manage_client(current_user, g.client):
        abort(404)
    form = forms.SeasonForm(request.args)
    journey = _load()
    if not form.validate():
        return _page(journey, form, 422)
    data = pdf.render_pdf("pdf/season_report.html", client=g.client, journey=journey, charts=_charts(journey),
                          season=journey.season(form.start.data, form.end.data), trainer=current_user,
                          today=clock.today())
    return pdf.pdf_response(data, pdf.filename("season report", g.client.name, f"{form.end.data:%Y}"))
