from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from coachsite import authz, clock, fragments
from coachsite.calendar import forms, grid, services
from coachsite.domain import calendar as cal
from coachsite.extensions import db
from coachsite.forms.dates import EARLIEST, LATEST
from coachsite.text import plural

bp = Blueprint("calendar", __name__, url_prefix="/clients/<int:client_id>/calendar")


@bp.before_request
def load_client() -> None:
    g.client = authz.visible_client_or_404(int((request.view_args or {})["client_id"]))


def _manage() -> None:
    if not authz.can_manage_client(current_user, g.client):
        abort(404)


def _month_arg() -> tuple[int, int]:
    try:
        year, number = cal.parse_month(request.args["month"]) if "month" in request.args else \
            (clock.today().year, clock.today().month)
    except ValueError:
        abort(400, "Use a month like 2027-03.")
    if not EARLIEST.year <= year <= LATEST.year:  # the grid's weeks stay within what a date can hold
        abort(400, "Choose a month between 2000 and 2100.")
    return year, number


def _day_arg(name: str) -> date:
    try:
        day = date.fromisoformat(request.args[name]) if name in request.args else clock.today()
    except ValueError:
        abort(400, "Use a date like 2027-03-01.")
    if not EARLIEST <= day <= LATEST:
        abort(400, "Choose a date between 2000 and 2100.")
    return day


def _shown(day: date | None) -> date:
    """The week to show again with a refused form: the one typed, if it is a date the calendar shows."""
    return day if day is not None and EARLIEST <= day <= LATEST else clock.today()


def _week_page(day: date, copy_form: forms.CopyWeekForm | None = None, shift_form: forms.ShiftForm | None = None,
               code: int = 200) -> tuple[str, int]:
    """The week view, which also holds the planning tools (copy, shift, templates)."""
    days = grid.week(g.client, day, current_user.week_start, clock.today())
    first = days[0].day
    copy_form = copy_form or forms.CopyWeekForm(source=first, target=first + timedelta(days=7))
    return render_template("calendar/week.html", client=g.client, days=days, copy_form=copy_form,
                           shift_form=shift_form or forms.ShiftForm(start=first),
                           previous=first - timedelta(days=7), following=first + timedelta(days=7),
                           action=forms.ActionForm()), code


@bp.get("/")
def month(client_id: int) -> str:
    year, number = _month_arg()
    first, today, week_start = date(year, number, 1), clock.today(), current_user.week_start

    def table() -> str:
        weeks = grid.month(g.client, year, number, week_start, today)
        return render_template("calendar/_month_table.html", client=g.client, weeks=weeks, first=first)

    # Everything the table shows comes from the client's data (its stamp), the month, the day and
    # the reader's units and week start.
    key = ("month", g.client.id, g.client.data_stamp, first, today, week_start, current_user.units)
    return render_template("calendar/month.html", client=g.client, table=fragments.cached(key, table), first=first,
                           prev=cal.add_months(year, number, -1), next=cal.add_months(year, number, 1))


@bp.get("/week")
def week(client_id: int) -> tuple[str, int]:
    return _week_page(_day_arg("day"))


@bp.route("/sessions/new", methods=["GET", "POST"])
def new_session(client_id: int) -> Response | str | tuple[str, int]:
    _manage()
    form = forms.SessionForm(on=_day_arg("on") if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_template("calendar/session_form.html", form=form, client=g.client), \
            422 if form.is_submitted() else 200
    session = services.add_session(g.client, form.draft())
    db.session.commit()
    flash(f"{session.kind_label} planned for {session.on:%A %-d %B}.", "success")
    return redirect(url_for("calendar.week", client_id=client_id, day=session.on.isoformat()))


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(client_id: int, session_id: int) -> Response | str | tuple[str, int]:
    _manage()
    session = services.session_or_none(g.client, session_id) or abort(404)
    form = forms.SessionForm(obj=session)
    if not form.validate_on_submit():
        return render_template("calendar/session_form.html", form=form, client=g.client, session=session), \
            422 if form.is_submitted() else 200
    services.update_session(session, form.draft())
    db.session.commit()
    flash(f"Saved the {session.kind_label.lower()} on {session.on:%A %-d %B}.", "success")
    return redirect(url_for("calendar.week", client_id=client_id, day=session.on.isoformat()))


@bp.post("/sessions/<int:session_id>/delete")
def delete_session(client_id: int, session_id: int) -> Response:
    _manage()
    session = services.session_or_none(g.client, session_id) or abort(404)
    day = session.on
    services.remove_session(session)
    db.session.commit()
    flash(f"Removed the {session.kind_label.lower()} on {day:%A %-d %B}.", "success")
    return redirect(url_for("calendar.week", client_id=client_id, day=day.isoformat()))


@bp.post("/copy-week")
def copy_week(client_id: int) -> Response | tuple[str, int]:
    _manage()
    form = forms.CopyWeekForm()
    if form.validate_on_submit():
        try:
            count = services.copy_week(g.client, form.source.data, form.target.data, current_user.week_start)
        except ValueError as problem:
            form.target.errors = [*form.target.errors, str(problem)]
        else:
            db.session.commit()
            flash(f"Copied {plural(count, 'session')} to the week of {form.target.data:%-d %B}.", "success")
            return redirect(url_for("calendar.week", client_id=client_id, day=form.target.data.isoformat()))
    return _week_page(_shown(form.source.data), copy_form=form, code=422)


@bp.post("/shift")
def shift(client_id: int) -> Response | tuple[str, int]:
    _manage()
    form = forms.ShiftForm()
    if not form.validate_on_submit():
        return _week_page(_shown(form.start.data), shift_form=form, code=422)
    count = services.shift_from(g.client, form.start.data, form.days.data)
    db.session.commit()
    flash(f"Moved {plural(count, 'session')} by {plural(form.days.data, 'day')}.", "success")
    return redirect(url_for("calendar.month", client_id=client_id, month=f"{form.start.data:%Y-%m}"))
