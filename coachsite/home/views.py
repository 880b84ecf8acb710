from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz

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
    return render_template("home/my_plan.html", client=client)
