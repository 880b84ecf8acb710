"""No route escapes the access matrix: every endpoint is public or listed here with who may reach it.

Adding an endpoint makes this test fail until it is marked public or added to WHO_MAY.
"""
from __future__ import annotations

from flask import Flask

from coachsite.authz import is_public

# "user": any logged-in account. "trainer": trainers only. "viewer": whoever may see that client
# (its trainer, or the runner linked to it). "client": loaded through authz like "viewer", with finer
# rules per action that the feature's own tests check. "static": files served without a login by design.
# "club": members of that club (owner, trainer, runner), loaded through authz.club_or_404; "partner": the
# runner account of a running partner (authz.partner_client_or_404). tests/web/test_club_access.py walks
# every club, partner and journey route for every club role.
WHO_MAY = {
    "static": "static",
    "home.my_plan": "user",
    "auth.logout": "user",
    "auth.change_password": "user",
    "account.settings": "user",
    "account.export": "user",
    "auth.confirm_password": "user",
    "auth.change_email": "user",
    "auth.deactivate": "user",
    "clients.export_json": "trainer",
    "clients.export_csv": "trainer",
    "clients.index": "trainer",
    "clients.new": "trainer",
    "clients.show": "trainer",
    "clients.edit": "trainer",
    "clients.archive": "trainer",
    "clients.restore": "trainer",
    "clients.invite": "trainer",
    "calendar.month": "viewer",
    "calendar.week": "viewer",
    "calendar.new_session": "trainer",
    "calendar.edit_session": "trainer",
    "calendar.delete_session": "trainer",
    "calendar.copy_week": "trainer",
    "calendar.shift": "trainer",
    "plans.index": "trainer",
    "plans.show": "trainer",
    "plans.archive": "trainer",
    "plans.save": "trainer",
    "plans.apply": "trainer",
    "runs.index": "viewer",
    "runs.new": "viewer",
    "runs.skip": "viewer",
    "runs.unskip": "viewer",
    "runs.import_file": "viewer",
    "runs.confirm_import": "viewer",
    "notes.index": "client",
    "notes.show": "client",
    "notes.new": "client",
    "notes.edit": "client",
    "races.index": "client",
    "races.new": "client",
    "races.show": "client",
    "races.edit": "client",
    "races.pace_band": "client",
    "races.result": "client",
    "races.apply_taper": "client",
    "races.undo_taper": "client",
    "goals.index": "client",
    "goals.new": "client",
    "goals.show": "client",
    "goals.edit": "client",
    "goals.accept": "client",
    "goals.cancel": "client",
    "goals.ask_excuse": "client",
    "goals.grant_excuse": "client",
    "goals.refuse_excuse": "client",
    "goals.add_milestone": "client",
    "goals.edit_milestone": "client",
    "goals.remove_milestone": "client",
    "goals.reward_given": "client",
    "goals.consequence_done": "client",
    "goals.comment": "client",
    "goals.questionnaire": "client",
    "clubs.index": "user",
    "clubs.new": "trainer",
    "clubs.accept_invite": "trainer",
    "clubs.decline_invite": "trainer",
    "clubs.invite": "trainer",
    "clubs.show": "club",
    "clubs.races": "club",
    "clubs.challenge_list": "club",
    "clubs.challenge": "club",
    "clubs.member": "trainer",
    "clubs.move_client": "trainer",
    "clubs.new_challenge": "trainer",
    "clubs.partner_list": "trainer",
    "clubs.new_pair": "trainer",
    "clubs.end_pair": "trainer",
    "clubs.partner": "partner",
    "clubs.cheer": "partner",
    "journey.show": "viewer",
    "journey.season_report": "trainer",
    "printing.print_page": "viewer",
    "printing.calendar_pdf": "viewer",
    "printing.calendar_ics": "viewer",
    "printing.new_feed": "viewer",
    "printing.revoke_feed": "viewer",
    "printing.batch_form": "trainer",
    "printing.batch_job": "trainer",
    "printing.batch_status": "trainer",
    "printing.batch_download": "trainer",
    "printing.batch_retry": "trainer",
}


def request_for(app: Flask, endpoint: str, number: int = 1) -> tuple[str, str]:
    """(method, path) for one endpoint: GET when it has one, else its first other method; ints filled in."""
    [rule, *_] = app.url_map.iter_rules(endpoint)
    method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
    path = app.url_map.bind("localhost").build(endpoint, {name: number for name in rule.arguments})
    return method, path


def test_every_endpoint_is_public_or_in_the_matrix(app):
    unlisted = [endpoint for endpoint in app.view_functions
                if not is_public(app.view_functions[endpoint]) and endpoint not in WHO_MAY]
    assert unlisted == [], "mark these public or add them to WHO_MAY"


def test_the_matrix_lists_no_public_or_missing_endpoint(app):
    stale = [endpoint for endpoint in WHO_MAY
             if endpoint not in app.view_functions or is_public(app.view_functions[endpoint])]
    assert stale == []


def test_the_public_pages_are_the_expected_ones(app):
    public = {endpoint for endpoint, view in app.view_functions.items() if is_public(view)}
    assert public == {"home.index", "auth.signup", "auth.login", "auth.forgot_password", "auth.reset_password",
                      "auth.accept_invite", "clubs.join", "printing.feed"}


def test_anonymous_visitors_are_sent_to_log_in_for_every_protected_endpoint(app, client):
    for endpoint, who in WHO_MAY.items():
        if who == "static":
            continue
        method, path = request_for(app, endpoint)
        response = client.open(path, method=method)
        assert response.status_code == 302, endpoint
        assert response.location.startswith("/login?next="), endpoint


def test_static_files_need_no_login(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    response.close()


def test_a_runner_is_kept_from_trainer_routes_but_reaches_their_own(app, client, make_trainer, make_client,
                                                                   make_runner, login):
    own = make_client(make_trainer(), name="Rita Runner")
    login(client, make_runner(own))
    for endpoint, who in WHO_MAY.items():
        method, path = request_for(app, endpoint, own.id)
        if who == "trainer":
            assert client.open(path, method=method).status_code == 404, endpoint
        elif who in ("user", "viewer") and method == "GET":
            assert client.get(path).status_code == 200, endpoint
