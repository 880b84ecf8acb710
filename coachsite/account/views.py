from __future__ import annotations

import json

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import exports
from coachsite.account import forms
from coachsite.extensions import db

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/settings", methods=["GET", "POST"])
def settings() -> Response | str | tuple[str, int]:
    form = forms.SettingsForm(obj=current_user)
    if not form.validate_on_submit():
        return render_template("account/settings.html", form=form), 422 if form.is_submitted() else 200
    for name, value in form.draft().items():
        setattr(current_user, name, value)
    db.session.commit()
    flash("Settings saved.", "success")
    return redirect(url_for("account.settings"))


@bp.get("/export.json")
def export() -> Response:
    """All of the person's data, as a file they keep."""
    return download_json(exports.user_data(current_user), "coachsite-my-data.json")


def download_json(data: object, name: str) -> Response:
    response = Response(json.dumps(data, indent=2, ensure_ascii=False), mimetype="application/json")
    response.headers.set("Content-Disposition", "attachment", filename=name)
    response.headers["Cache-Control"] = "no-store"
    return response
