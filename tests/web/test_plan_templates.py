"""Plan templates: save a run of a client's weeks, apply it to another runner with their own paces."""
from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape

import pytest
from sqlalchemy import select

from coachsite.domain import pacing, units
from coachsite.extensions import db
from coachsite.models import PlannedSession, PlanTemplate, TemplateSession
from tests.web.pages import field_errors, flashes, path_of, rows

MON_4_JAN = date(2027, 1, 4)


def _plan(client, on, kind, **fields):
    db.session.add(PlannedSession(client_id=client.id, on=on, kind=kind, **fields))


def _sessions(client_id):
    db.session.expire_all()
    return db.session.scalars(select(PlannedSession).where(PlannedSession.client_id == client_id)
                              .order_by(PlannedSession.on, PlannedSession.id)).all()


def _template(trainer, name="Base block", *, archived=False):
    template = PlanTemplate(trainer_id=trainer.id, name=name, weeks=2,
                            archived_at=datetime(2026, 12, 1) if archived else None)
    template.sessions = [
        TemplateSession(day=0, kind="easy", distance_m=8000, pace_zone="easy", description="Conversational"),
        TemplateSession(day=2, kind="intervals", distance_m=9000, pace_zone="interval", description="5 x 1 km"),
        TemplateSession(day=6, kind="long", distance_m=18000, pace_zone="easy"),
        TemplateSession(day=8, kind="tempo", distance_m=10000, pace_s_per_km=270),
        TemplateSession(day=11, kind="tempo", distance_m=10000, pace_zone="threshold"),
        TemplateSession(day=13, kind="rest"),
    ]
    db.session.add(template)
    db.session.commit()
    return template


def _select_options(html, select_id):
    """(value, label) of each option of a select, as the browser offers them."""
    match = re.search(rf'<select [^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no select {select_id} on the page"
    return [(v, unescape(label)) for v, label in re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>',
                                                              match.group(1))]


# --- saving ------------------------------------------------------------------


def _riley_weeks(trainer, make_client):
    riley = make_client(trainer, name="Riley")
    _plan(riley, date(2027, 1, 3), "long", distance_m=20000)  # the Sunday before: not saved
    _plan(riley, MON_4_JAN, "easy", distance_m=8000, pace_zone="easy", pace_s_per_km=330, effort=3)
    _plan(riley, date(2027, 1, 6), "intervals", title="Eights", pace_zone="interval", description="6 x 800 m")
    _plan(riley, date(2027, 1, 10), "long", distance_m=18000, duration_s=6000)
    _plan(riley, date(2027, 1, 12), "tempo", distance_m=10000, pace_s_per_km=270)  # absolute pace, no zone
    _plan(riley, date(2027, 1, 17), "rest")
    _plan(riley, date(2027, 1, 18), "easy", distance_m=5000)  # the week after: not saved
    db.session.commit()
    return riley


def test_saving_two_weeks_copies_them_as_day_offsets(client, make_trainer, make_client, login):
    trainer = make_trainer()
    riley = _riley_weeks(trainer, make_client)
    login(client, trainer)
    week = client.get(f"/clients/{riley.id}/calendar/week?day=2027-01-04").text
    assert "Save weeks as a plan template" in week and 'id="plan-first-day"' in week

    response = client.post(f"/clients/{riley.id}/plans/save",
                           data={"name": "  Base block ", "first_day": "2027-01-07", "weeks": "2"})
    assert response.status_code == 302
    [template] = db.session.scalars(select(PlanTemplate)).all()
    assert path_of(response.location) == f"/plans/{template.id}"
    assert (template.trainer_id, template.name, template.weeks) == (trainer.id, "Base block", 2)
    saved = [(s.day, s.kind, s.pace_zone, s.pace_s_per_km) for s in template.sessions]
    assert saved == [(0, "easy", "easy", None),  # a zone keeps the zone; this runner's pace is not carried over
                     (2, "intervals", "interval", None),
                     (6, "long", None, None),
                     (8, "tempo", None, 270),  # an absolute pace without a zone stays
                     (13, "rest", None, None)]
    first = template.sessions[0]
    assert (first.distance_m, first.effort) == (8000, 3)
    assert (template.sessions[1].title, template.sessions[1].description) == ("Eights", "6 x 800 m")
    assert template.sessions[2].duration_s == 6000

    page = client.get(response.location).text
    assert "Saved 'Base block': 2 weeks, 5 sessions." in flashes(page)
    assert "<h1>Base block</h1>" in page and "Week 2" in page and "Interval effort" in page and "4:30 /km" in page
    listing = client.get("/plans/").text
    assert re.search(r"Base block</a></th>\s*<td>2</td>\s*<td>5</td>", listing)


def test_saving_follows_the_trainers_week_start(client, make_trainer, make_client, login):
    trainer = make_trainer(week_start=6)  # weeks start on Sunday
    riley = _riley_weeks(trainer, make_client)
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/plans/save",
                           data={"name": "Sunday block", "first_day": "2027-01-07", "weeks": "1"})
    assert response.status_code == 302
    [template] = db.session.scalars(select(PlanTemplate)).all()
    # The week of Thu 7 Jan runs Sun 3 - Sat 9 Jan.
    assert [(s.day, s.kind) for s in template.sessions] == [(0, "long"), (1, "easy"), (3, "intervals")]


# --- applying ----------------------------------------------------------------


def test_applying_plans_the_weeks_with_the_runners_own_paces(client, make_trainer, make_client, login):
    trainer = make_trainer()
    template = _template(trainer)
    sam = make_client(trainer, name="Sam", best_5k_s=1260, best_10k_s=2700, best_half_s=None, best_marathon_s=12400)
    login(client, trainer)
    week = client.get(f"/clients/{sam.id}/calendar/week?day=2027-01-04").text
    assert ("", "Choose a template") in _select_options(week, "plan-template")
    assert (str(template.id), "Base block") in _select_options(week, "plan-template")

    response = client.post(f"/clients/{sam.id}/plans/apply", data={"template": str(template.id),
                                                                   "start": "2027-01-07"})
    assert response.status_code == 302
    assert path_of(response.location) == f"/clients/{sam.id}/calendar/" and "month=2027-01" in response.location

    vdot = max(pacing.vdot(5000, 1260), pacing.vdot(10000, 2700), pacing.vdot(42195, 12400))
    expected = [
        (date(2027, 1, 4), "easy", "easy", round(pacing.zone_pace_s_per_km(vdot, "easy"))),
        (date(2027, 1, 6), "intervals", "interval", round(pacing.zone_pace_s_per_km(vdot, "interval"))),
        (date(2027, 1, 10), "long", "easy", round(pacing.zone_pace_s_per_km(vdot, "easy"))),
        (date(2027, 1, 12), "tempo", None, 270),
        (date(2027, 1, 15), "tempo", "threshold", round(pacing.zone_pace_s_per_km(vdot, "threshold"))),
        (date(2027, 1, 17), "rest", None, None),
    ]
    assert [(s.on, s.kind, s.pace_zone, s.pace_s_per_km) for s in _sessions(sam.id)] == expected
    assert _sessions(sam.id)[0].description == "Conversational"

    page = client.get(f"/clients/{sam.id}/calendar/week?day=2027-01-04").text
    assert f"@ {units.format_pace(expected[0][3], 'km')}" in page  # the runner's own easy pace
    assert flashes(page) == ["Applied 'Base block' to Sam: 6 sessions from Mon 4 Jan 2027."]


def test_applying_to_a_runner_without_bests_keeps_the_zones(client, make_trainer, make_client, login):
    trainer = make_trainer()
    template = _template(trainer)
    jamie = make_client(trainer, name="Jamie")
    login(client, trainer)
    response = client.post(f"/clients/{jamie.id}/plans/apply", data={"template": str(template.id),
                                                                     "start": "2027-01-04"})
    assert response.status_code == 302
    planned = _sessions(jamie.id)
    assert [(s.pace_zone, s.pace_s_per_km) for s in planned] == [
        ("easy", None), ("interval", None), ("easy", None), (None, 270), ("threshold", None), (None, None)]
    page = client.get(f"/clients/{jamie.id}/calendar/week?day=2027-01-04").text
    assert flashes(page)[-2:] == ["Applied 'Base block' to Jamie: 6 sessions from Mon 4 Jan 2027.",
                                      "No bests are recorded for Jamie, so paces were left as zones."]


def test_applying_adds_to_what_is_already_planned(client, make_trainer, make_client, login):
    trainer = make_trainer()
    template = _template(trainer)
    sam = make_client(trainer, name="Sam", best_5k_s=1500)
    _plan(sam, MON_4_JAN, "cross", description="Swim")
    db.session.commit()
    login(client, trainer)
    client.post(f"/clients/{sam.id}/plans/apply", data={"template": str(template.id), "start": "2027-01-04"})
    assert [s.kind for s in _sessions(sam.id) if s.on == MON_4_JAN] == ["cross", "easy"]


# --- who may do what ---------------------------------------------------------


def _plans_routes(app):
    return sorted((rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"})) for rule in app.url_map.iter_rules()
                  if rule.endpoint.startswith("plans."))


def test_every_plans_route_is_404_for_a_runner(app, client, make_trainer, make_client, make_runner, login):
    trainer = make_trainer()
    template = _template(trainer)
    riley = _riley_weeks(trainer, make_client)
    runner = make_runner(riley)
    login(client, runner)
    routes = _plans_routes(app)
    assert len(routes) == 5
    before = (rows(PlanTemplate), rows(TemplateSession), rows(PlannedSession))
    for rule, methods in routes:
        url = rule.replace("<int:client_id>", str(riley.id)).replace("<int:template_id>", str(template.id))
        for method in methods:
            data = {"name": "Mine", "first_day": "2027-01-04", "weeks": "2", "template": str(template.id),
                    "start": "2027-02-01"}
            response = client.open(url, method=method, data=data if method == "POST" else None)
            assert response.status_code == 404, (method, url)
    assert (rows(PlanTemplate), rows(TemplateSession), rows(PlannedSession)) == before
    week = client.get(f"/clients/{riley.id}/calendar/week?day=2027-01-04")
    assert week.status_code == 200 and "plan template" not in week.text


def test_another_trainers_template_is_invisible_and_never_applied(client, make_trainer, make_client, login):
    alex, blake = make_trainer(name="Alex"), make_trainer(name="Blake")
    template = _template(alex, "Alex's secret block")
    alex_client = _riley_weeks(alex, make_client)
    morgan = make_client(blake, name="Morgan", best_5k_s=1200)
    login(client, blake)
    before = (rows(PlanTemplate), rows(TemplateSession), rows(PlannedSession))

    assert client.get(f"/plans/{template.id}").status_code == 404
    assert client.post(f"/plans/{template.id}/archive").status_code == 404
    assert "secret" not in client.get("/plans/").text
    week = client.get(f"/clients/{morgan.id}/calendar/week").text
    assert "secret" not in week and "You have no plan templates yet." in week

    response = client.post(f"/clients/{morgan.id}/plans/apply", data={"template": str(template.id),
                                                                      "start": "2027-01-04"})
    assert response.status_code == 422
    assert field_errors(response.text, "plan-template") == ["Choose one of your plan templates from the list."]
    assert "secret" not in response.text
    # Nor can Blake save or apply on Alex's client.
    assert client.post(f"/clients/{alex_client.id}/plans/save",
                       data={"name": "Stolen", "first_day": "2027-01-04", "weeks": "2"}).status_code == 404
    assert client.post(f"/clients/{alex_client.id}/plans/apply",
                       data={"template": str(template.id), "start": "2027-01-04"}).status_code == 404
    assert (rows(PlanTemplate), rows(TemplateSession), rows(PlannedSession)) == before


# --- bad input -----------------------------------------------------------------


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name": "", "first_day": "2027-01-04", "weeks": "2"}, "plan-name",
     "Enter a name for the template, e.g. Base block."),
    ({"name": "x" * 121, "first_day": "2027-01-04", "weeks": "2"}, "plan-name", "Use at most 120 characters."),
    ({"name": "Block", "first_day": "4/1/2027", "weeks": "2"}, "plan-first-day", "Enter a date like 2027-03-01."),
    ({"name": "Block", "first_day": "1999-12-27", "weeks": "2"}, "plan-first-day",
     "Choose a date between 2000 and 2100."),
    ({"name": "Block", "first_day": "2027-01-04", "weeks": "0"}, "plan-weeks", "Enter a number of weeks from 1 to 26."),
    ({"name": "Block", "first_day": "2027-01-04", "weeks": "27"}, "plan-weeks", "Enter a number of weeks from 1 to 26."),
    ({"name": "Block", "first_day": "2027-01-04", "weeks": ""}, "plan-weeks", "Enter a number of weeks from 1 to 26."),
    ({"name": "Block", "first_day": "2027-02-01", "weeks": "2"}, "plan-first-day",
     "Riley has no sessions planned from 1 February 2027 to 14 February 2027. Choose weeks that hold sessions."),
])
def test_bad_save_input_is_explained_and_nothing_saved(client, make_trainer, make_client, login, data, field,
                                                       message):
    trainer = make_trainer()
    riley = _riley_weeks(trainer, make_client)
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/plans/save", data=data)
    assert response.status_code == 422
    assert message in field_errors(response.text, field)
    assert "<h1>Plan templates for Riley</h1>" in response.text and 'id="plan-template"' not in response.text
    assert rows(PlanTemplate) == [] and rows(TemplateSession) == []


def test_a_second_template_of_the_same_name_is_refused(client, make_trainer, make_client, login):
    trainer = make_trainer()
    _template(trainer, "Base block")
    riley = _riley_weeks(trainer, make_client)
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/plans/save",
                           data={"name": "Base block", "first_day": "2027-01-04", "weeks": "2"})
    assert response.status_code == 422
    assert field_errors(response.text, "plan-name") == [
        "You already have a template called “Base block”. Choose another name."]
    assert len(rows(PlanTemplate)) == 1


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"template": "", "start": "2027-01-04"}, "plan-template", "Choose a plan template."),
    ({"template": "abc", "start": "2027-01-04"}, "plan-template", "Choose a plan template."),
    ({"template": "999999", "start": "2027-01-04"}, "plan-template", "Choose one of your plan templates from the list."),
    ({"template": "<own>", "start": ""}, "plan-start", "Enter a date like 2027-03-01."),
    ({"template": "<own>", "start": "2101-01-03"}, "plan-start", "Choose a date between 2000 and 2100."),
])
def test_bad_apply_input_is_explained_and_nothing_planned(client, make_trainer, make_client, login, data, field,
                                                          message):
    trainer = make_trainer()
    template = _template(trainer)
    sam = make_client(trainer, name="Sam", best_5k_s=1500)
    login(client, trainer)
    data = {**data, "template": data["template"].replace("<own>", str(template.id))}
    response = client.post(f"/clients/{sam.id}/plans/apply", data=data)
    assert response.status_code == 422
    assert field_errors(response.text, field) == [message]
    assert 'id="plan-name"' in response.text  # the page shows both forms again
    assert _sessions(sam.id) == []


# --- archiving -----------------------------------------------------------------


def test_an_archived_template_is_not_listed_offered_or_applied(client, make_trainer, make_client, login):
    trainer = make_trainer()
    old = _template(trainer, "Old block")
    current = _template(trainer, "Current block")
    sam = make_client(trainer, name="Sam", best_5k_s=1500)
    login(client, trainer)
    response = client.post(f"/plans/{old.id}/archive", follow_redirects=True)
    assert "Archived 'Old block': it is no longer offered when planning." in flashes(response.text)
    assert "Old block" not in response.text.split("</h1>", 1)[1].replace("Archived 'Old block'", "")
    assert "Current block" in response.text

    week = client.get(f"/clients/{sam.id}/calendar/week").text
    assert [label for _, label in _select_options(week, "plan-template")] == ["Choose a template", "Current block"]
    refused = client.post(f"/clients/{sam.id}/plans/apply", data={"template": str(old.id), "start": "2027-01-04"})
    assert refused.status_code == 422
    assert field_errors(refused.text, "plan-template") == ["Choose one of your plan templates from the list."]
    assert _sessions(sam.id) == []

    kept = rows(PlanTemplate)  # nothing is deleted
    assert [(r["name"], r["archived_at"] is not None) for r in kept] == [("Old block", True), ("Current block", False)]
    assert len(rows(TemplateSession)) == 12
    assert "Archived" in client.get(f"/plans/{old.id}").text


def test_empty_list_explains_how_to_save_a_template(client, make_trainer, login):
    trainer = make_trainer()
    login(client, trainer)
    page = client.get("/plans/").text
    assert "<h1>Plan templates</h1>" in page and "No plan templates yet" in page
    assert "week view" in page and 'aria-current="page">Plans</a>' in page


# --- demo data -----------------------------------------------------------------


def test_demo_template_is_created_once_and_applies_with_paces(client, make_trainer, make_client, login):
    from coachsite.demo.plans import load_templates

    coach = make_trainer(email="coach@example.com")
    assert load_templates(coach) == ["plan template Base building for coach@example.com"]
    db.session.commit()
    assert load_templates(coach) == []
    [template] = db.session.scalars(select(PlanTemplate)).all()
    assert (template.name, template.weeks, len(template.sessions)) == ("Base building", 4, 28)
    assert {s.pace_zone for s in template.sessions} == {"easy", "threshold", "interval", None}
    assert {s.kind for s in template.sessions} >= {"easy", "long", "tempo", "intervals", "rest"}

    riley = make_client(coach, name="Riley", best_5k_s=1498)
    login(client, coach)
    client.post(f"/clients/{riley.id}/plans/apply", data={"template": str(template.id), "start": "2027-01-04"})
    planned = _sessions(riley.id)
    assert len(planned) == 28 and planned[-1].on == date(2027, 1, 31)
    assert all(s.pace_s_per_km for s in planned if s.pace_zone)
