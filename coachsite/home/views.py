from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, fragments, panels
from coachsite.home import services

bp = Blueprint("home", __name__)


@bp.get("/")
@authz.public
def index() -> Response | str:
    if not current_user.is_authenticated:
        return render_template("home/welcome.html")
    if current_user.is_trainer:
        return redirect(url_for("clients.index"))
    return redirect(url_for("home.my_plan"))


@bp.get("/me")
def my_plan() -> str:
    client = authz.own_client(current_user)
    if client is None:
        return render_template("home/my_plan.html", client=None, plan="", panels=[])
    today, week_start = clock.today(), current_user.week_start

    def plan() -> str:
        overview = services.overview(client, today, week_start)
        return render_template("home/_plan.html", plan=overview) if overview.has_plan else ""

    key = ("home-plan", client.id, client.data_stamp, today, week_start, current_user.units)
    return render_template("home/my_plan.html", client=client, plan=fragments.cached(key, plan),
                           panels=panels.runner_home(client, current_user, today))
