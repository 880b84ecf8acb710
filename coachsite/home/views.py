from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, panels
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
    today = clock.today()
    plan = services.overview(client, today, current_user.week_start) if client else None
    shown = panels.runner_home(client, current_user, today) if client else []
    return render_template("home/my_plan.html", client=client, plan=plan, panels=shown)
