from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

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
