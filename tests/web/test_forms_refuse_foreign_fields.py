"""Forms ignore the fields a person may not set and refuse choices that belong to someone else.

Ownership (trainer, club, runner, client, author, role, state) never comes from a form: extra
fields posted next to the real ones change nothing but what the form is for. A select or checkbox
value that names another person's object (a plan template of another trainer, a race of another
client, a client of another trainer, a trainer of another club, ...) is refused with a message
next to the field, and nothing is saved (every table's rows compared).

Runs on the world of tests/security_world.py (its own database, built once for the module, the
rows put back after each test)."""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from sqlalchemy import select

from coachsite import clock
from coachsite.extensions import db
from coachsite.models import (Activity, Challenge, Client, ClubInvite, Goal, GoalComment, PlannedSession, Race,
                              TechniqueNote, User)
from tests.security_world import Site, changed_tables, open_site, take_snapshot
from tests.web.pages import field_errors

TODAY = clock.today_for("UTC")


def day(days: int = 0) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with open_site() as opened:
        yield opened


@pytest.fixture(autouse=True)
def fresh(site: Site) -> Iterator[None]:
    yield
    site.reset_all()


def ids(site: Site) -> dict[str, int]:
    w = site.world
    return {**{key: person.id for key, person in w.people.items()}, "club_a": w.clubs["A"], "club_b": w.clubs["B"]}


def foreign(site: Site) -> dict[str, Any]:
    """Ownership fields pointing at club B's people and objects."""
    w, b1 = site.world, site.world.things["b1"]
    return {"trainer_id": w.people["trainer_b1"].id, "club_id": w.clubs["B"], "runner_id": w.people["runner_b1"].id,
            "client_id": b1.client, "author_id": w.people["trainer_b1"].id, "role": "owner",
            "proposed_by_id": w.people["trainer_b1"].id, "created_by_id": w.people["owner_b"].id,
            "invited_by_id": w.people["owner_b"].id, "logged_by_id": w.people["trainer_b1"].id,
            "goal_id": b1.goal, "state": "achieved", "archived_at": "2020-01-01 00:00:00", "id": b1.client,
            "session_version": "99", "deactivated_at": "2020-01-01 00:00:00", "source": "gpx",
            "fingerprint": "f" * 64, "reward_given_at": "2020-01-01 00:00:00", "result_time_s": "40:00",
            "shared": "1", "is_trainer": "1"}


def newest(model: type) -> Any:
    db.session.remove()
    return db.session.scalars(select(model).order_by(model.id.desc())).first()  # type: ignore[attr-defined]


def get(model: type, row_id: int) -> Any:
    db.session.remove()
    return db.session.get(model, row_id)


# ------------------------------------------------------------------ extra fields change nothing they should not


def test_adding_a_client_takes_trainer_and_club_from_the_login_not_the_form(site):
    before_b1 = get(Client, site.world.things["b1"].client).__dict__.copy()
    response = site.post("trainer_a1", "/clients/new",
                         {"name": "Nina New", "units": "km", "motivation": "mixed", **foreign(site)})
    assert response.status_code == 302, response.text
    added = newest(Client)
    ours = ids(site)
    assert (added.name, added.trainer_id, added.club_id, added.runner_id, added.archived_at) == \
        ("Nina New", ours["trainer_a1"], ours["club_a"], None, None)
    after_b1 = get(Client, site.world.things["b1"].client).__dict__
    assert {k: v for k, v in after_b1.items() if not k.startswith("_")} == \
        {k: v for k, v in before_b1.items() if not k.startswith("_")}


def test_editing_a_client_cannot_move_link_or_archive_them(site):
    a1 = site.world.things["a1"]
    response = site.post("trainer_a1", f"/clients/{a1.client}/edit",
                         {"name": "Renamed A1", "email": site.world.people["runner_a1"].email, "units": "mi",
                          "motivation": "intrinsic", **foreign(site)})
    assert response.status_code == 302, response.text
    client = get(Client, a1.client)
    ours = ids(site)
    assert (client.name, client.units, client.trainer_id, client.club_id, client.runner_id, client.archived_at) == \
        ("Renamed A1", "mi", ours["trainer_a1"], ours["club_a"], ours["runner_a1"], None)


def test_a_new_goal_belongs_to_the_url_client_is_proposed_by_the_trainer_and_starts_proposed(site):
    a1 = site.world.things["a1"]
    response = site.post("trainer_a1", f"/clients/{a1.client}/goals/new",
                         {"title": "Ten km", "kind": "distance", "start_on": day(), "due_on": day(30),
                          "distance_m": "10", **foreign(site)})
    assert response.status_code == 302, response.text
    goal = newest(Goal)
    assert (goal.title, goal.client_id, goal.state, goal.proposed_by_id, goal.reward_given_at, goal.race_id) == \
        ("Ten km", a1.client, "proposed", ids(site)["trainer_a1"], None, None)


def test_editing_a_goal_keeps_its_client_state_and_kind(site):
    a1 = site.world.things["a1"]
    response = site.post("trainer_a1", f"/clients/{a1.client}/goals/{a1.goal}/edit",
                         {"title": "Run 25 km", "start_on": day(-30), "due_on": day(60), "distance_m": "25",
                          "kind": "time", "time_s": "2:00:00", **foreign(site)})
    assert response.status_code == 302, response.text
    goal = get(Goal, a1.goal)
    assert (goal.title, goal.client_id, goal.state, goal.kind, goal.time_s, goal.distance_m) == \
        ("Run 25 km", a1.client, "accepted", "distance", None, 25000.0)


def test_race_forms_keep_the_race_with_its_client_and_no_result_sneaks_in(site):
    a1 = site.world.things["a1"]
    fields = {"name": "Harbour 10K", "on": day(45), "distance": "10k", "priority": "B", "strategy": "even",
              **foreign(site)}
    assert site.post("trainer_a1", f"/clients/{a1.client}/races/new", fields).status_code == 302
    race = newest(Race)
    assert (race.name, race.client_id, race.result_time_s, race.archived_at) == ("Harbour 10K", a1.client, None, None)
    response = site.post("trainer_a1", f"/clients/{a1.client}/races/{a1.race}/edit", {**fields, "name": "Renamed 10K"})
    assert response.status_code == 302, response.text
    race = get(Race, a1.race)
    assert (race.name, race.client_id, race.result_time_s, race.archived_at) == ("Renamed 10K", a1.client, None, None)


def test_note_forms_keep_author_client_and_visibility_from_the_form_s_own_choice(site):
    a1 = site.world.things["a1"]
    fields = {"on": day(), "area": "posture", "observation": "Leaning forward", "visibility": "private",
              "tone": "push", "status": "open", **foreign(site)}
    assert site.post("trainer_a1", f"/clients/{a1.client}/notes/new", fields).status_code == 302
    note = newest(TechniqueNote)
    assert (note.client_id, note.author_id, note.shared, note.archived_at) == \
        (a1.client, ids(site)["trainer_a1"], False, None)
    response = site.post("owner_a", f"/clients/{a1.client}/notes/{a1.private_note}/edit",
                         {**fields, "observation": "Better"})
    assert response.status_code == 302, response.text
    note = get(TechniqueNote, a1.private_note)
    assert (note.observation, note.client_id, note.author_id, note.shared, note.archived_at) == \
        ("Better", a1.client, ids(site)["trainer_a1"], False, None)  # the author stays who wrote it


def test_a_planned_session_and_a_logged_run_belong_to_the_url_client(site):
    a1 = site.world.things["a1"]
    response = site.post("trainer_a1", f"/clients/{a1.client}/calendar/sessions/new",
                         {"on": day(6), "kind": "tempo", "distance_m": "8", "skipped_reason": "x", **foreign(site)})
    assert response.status_code == 302, response.text
    session = newest(PlannedSession)
    assert (session.client_id, session.kind, session.skipped_reason, session.skipped_at) == \
        (a1.client, "tempo", None, None)
    response = site.post("runner_a1", f"/clients/{a1.client}/runs/new",
                         {"on": day(), "distance_m": "6", "duration_s": "31:00", **foreign(site)})
    assert response.status_code == 302, response.text
    run = newest(Activity)
    assert (run.client_id, run.logged_by_id, run.source, run.fingerprint) == \
        (a1.client, ids(site)["runner_a1"], "manual", None)


def test_settings_cannot_make_a_runner_a_trainer_or_touch_the_session(site):
    response = site.post("runner_a1", "/account/settings",
                         {"name": "Rita Renamed", "units": "mi", "week_start": "6", "paper": "letter",
                          "email": "taken.over@example.com", **foreign(site)})
    assert response.status_code == 302, response.text
    user = get(User, ids(site)["runner_a1"])
    assert (user.name, user.role, user.email, user.session_version, user.deactivated_at) == \
        ("Rita Renamed", "runner", site.world.people["runner_a1"].email, 1, None)


def test_signing_up_always_makes_a_trainer_of_no_club(site):
    site.reset_all()
    browser = site.app.test_client()
    db.session.remove()
    response = browser.post("/signup", data={"name": "Sid Signup", "email": "sid@example.com",
                                             "password": "a long enough passphrase", **foreign(site)})
    db.session.remove()
    assert response.status_code == 302, response.text
    user = newest(User)
    assert (user.email, user.role, user.session_version) == ("sid@example.com", "trainer", 1)
    assert db.session.scalar(select(Client).where(Client.runner_id == user.id)) is None


def test_club_forms_keep_the_url_club_and_the_person_acting(site):
    club_a, people = site.world.clubs["A"], ids(site)
    response = site.post("trainer_a2", f"/clubs/{club_a}/challenges/new",
                         {"name": "Most runs", "metric": "runs", "starts_on": day(), "ends_on": day(6),
                          **foreign(site)})
    assert response.status_code == 302, response.text
    challenge = newest(Challenge)
    assert (challenge.club_id, challenge.created_by_id) == (club_a, people["trainer_a2"])
    response = site.post("owner_a", f"/clubs/{club_a}/invite",
                         {**foreign(site), "email": "fresh.coach@example.com", "role": "trainer"})
    assert response.status_code == 302, response.text
    invite = newest(ClubInvite)
    assert (invite.club_id, invite.invited_by_id, invite.role, invite.email) == \
        (club_a, people["owner_a"], "trainer", "fresh.coach@example.com")
    a1 = site.world.things["a1"]
    response = site.post("owner_a", f"/clubs/{club_a}/members/{a1.client}/move",
                         {**foreign(site), "trainer_id": people["trainer_a2"]})
    assert response.status_code == 302, response.text
    client = get(Client, a1.client)
    assert (client.trainer_id, client.club_id, client.runner_id) == (people["trainer_a2"], club_a, people["runner_a1"])


def test_a_comment_is_written_by_whoever_is_logged_in_on_the_url_goal(site):
    a1 = site.world.things["a1"]
    response = site.post("runner_a1", f"/clients/{a1.client}/goals/{a1.goal}/comments",
                         {"body": "Felt great", "tone": "praise", **foreign(site)})
    assert response.status_code == 302, response.text
    comment = newest(GoalComment)
    assert (comment.goal_id, comment.author_id, comment.body) == (a1.goal, ids(site)["runner_a1"], "Felt great")


# ------------------------------------------------------------------ choices that belong to someone else


def _csv_payload(site: Site, actor: str, client_id: int) -> str:
    csv = f"date,distance,duration\n{day(-3)},7,35:00\n".encode()
    preview = site.post(actor, f"/clients/{client_id}/runs/import", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(csv), "log.csv"), "csv_units": "km"})
    assert preview.status_code == 200, preview.text
    match = re.search(r'<input [^>]*name="payload"[^>]*value="([^"]*)"', preview.text)
    assert match
    return unescape(match.group(1))


def _foreign_choices(site: Site) -> list[tuple[str, str, str, Any, int, tuple[str, str] | None]]:
    """(what, actor, path, data, status, (field id, message) or None)."""
    w = site.world
    a1, a2, b1, i = (w.things[k] for k in ("a1", "a2", "b1", "i"))
    club_a = w.clubs["A"]
    template_msg = ("plan-template", "Choose one of your plan templates from the list.")
    race_msg = ("race_id", "Choose one of the listed races.")
    batch_msg = ("clients", "Choose only from your own active clients listed here.")
    race_goal = {"title": "Finish it", "kind": "race", "start_on": day(), "due_on": day(90)}
    return [
        ("template of another club's trainer", "trainer_a1", f"/clients/{a1.client}/plans/apply",
         {"template": str(b1.template), "start": day(7)}, 422, template_msg),
        ("template of a colleague in the club", "trainer_a1", f"/clients/{a1.client}/plans/apply",
         {"template": str(a2.template), "start": day(7)}, 422, template_msg),
        ("the client's trainer's template, applied by the club owner", "owner_a", f"/clients/{a1.client}/plans/apply",
         {"template": str(a1.template), "start": day(7)}, 422, template_msg),
        ("race of a client of another club", "trainer_a1", f"/clients/{a1.client}/goals/new",
         {**race_goal, "race_id": str(b1.race)}, 422, race_msg),
        ("race of another client of the same owner", "owner_a", f"/clients/{a1.client}/goals/new",
         {**race_goal, "race_id": str(a2.race)}, 422, race_msg),
        ("another trainer's client in a batch print", "trainer_a1", "/print/batch",
         {"clients": [str(a1.client), str(b1.client)], "start": "2027-01", "months": "1", "paper": "a4"},
         422, batch_msg),
        ("the independent trainer's client in a club owner's batch print", "owner_a", "/print/batch",
         {"clients": [str(i.client)], "start": "2027-01", "months": "1", "paper": "a4"}, 422, batch_msg),
        ("a trainer of another club as the new trainer", "owner_a", f"/clubs/{club_a}/members/{a1.client}/move",
         {"trainer_id": str(w.people["trainer_b1"].id)}, 422, ("trainer_id", "Not a valid choice.")),
        ("a trainer of no club as the new trainer", "trainer_a1", f"/clubs/{club_a}/members/{a1.client}/move",
         {"trainer_id": str(w.people["trainer_i"].id)}, 422, ("trainer_id", "Not a valid choice.")),
        ("a runner account as the new trainer", "owner_a", f"/clubs/{club_a}/members/{a1.client}/move",
         {"trainer_id": str(w.people["runner_a2"].id)}, 422, ("trainer_id", "Not a valid choice.")),
        ("a client of another club in a pair", "owner_a", f"/clubs/{club_a}/partners/new",
         {"first_id": str(a1.client), "second_id": str(b1.client), "kind": "partners"}, 422,
         ("second_id", "Not a valid choice.")),
        ("a milestone of another client's goal to be excused from", "runner_a1",
         f"/clients/{a1.client}/goals/{a1.goal}/excuses",
         {"subject": f"m{b1.milestone}", "reason": "illness"}, 422,
         ("subject", "Choose the goal or one of its open milestones.")),
        ("a cheer on a goal of someone who is not the partner", "runner_a2", f"/clubs/partner/{a1.client}/cheer",
         {"target": f"goal-{b1.goal}", "message": "Sneaky"}, 404, None),
        ("a cheer on the partner's goal with another goal's milestone", "runner_a2",
         f"/clubs/partner/{a1.client}/cheer",
         {"target": f"goal-{a1.goal}-milestone-{b1.milestone}", "message": "Sneaky"}, 404, None),
        ("a club invite in a role that is not offered", "owner_a", f"/clubs/{club_a}/invite",
         {"email": "someone.new@example.com", "role": "runner"}, 422, ("role", "Not a valid choice.")),
        ("a goal of a kind that is not offered", "trainer_a1", f"/clients/{a1.client}/goals/new",
         {"title": "Odd", "kind": "admin", "start_on": day(), "due_on": day(30), "distance_m": "5"}, 422,
         ("kind", "Not a valid choice.")),
    ]


FOREIGN_CHOICES = ["template of another club's trainer", "template of a colleague in the club",
                   "the client's trainer's template, applied by the club owner", "race of a client of another club",
                   "race of another client of the same owner", "another trainer's client in a batch print",
                   "the independent trainer's client in a club owner's batch print",
                   "a trainer of another club as the new trainer", "a trainer of no club as the new trainer",
                   "a runner account as the new trainer", "a client of another club in a pair",
                   "a milestone of another client's goal to be excused from",
                   "a cheer on a goal of someone who is not the partner",
                   "a cheer on the partner's goal with another goal's milestone",
                   "a club invite in a role that is not offered", "a goal of a kind that is not offered"]


def test_the_table_of_foreign_choices_is_run_whole(site):
    assert [case[0] for case in _foreign_choices(site)] == FOREIGN_CHOICES


@pytest.mark.parametrize("what", FOREIGN_CHOICES)
def test_a_choice_that_belongs_to_someone_else_is_refused_and_nothing_is_saved(site, what):
    [(_, actor, path, data, status, message)] = [case for case in _foreign_choices(site) if case[0] == what]
    before = take_snapshot()
    response = site.post(actor, path, data)
    assert response.status_code == status, (response.status_code, response.text[:300])
    if message is not None:
        field, text = message
        assert text in field_errors(response.text, field), re.findall(r'class="error"[^>]*>[^<]+', response.text)
    assert changed_tables(before, take_snapshot()) == []


def test_an_import_previewed_for_one_client_cannot_be_confirmed_for_another(site):
    a1, a2 = site.world.things["a1"], site.world.things["a2"]
    payload = _csv_payload(site, "owner_a", a1.client)  # the owner manages both a1 and a2
    before = take_snapshot()
    response = site.post("owner_a", f"/clients/{a2.client}/runs/import/confirm", {"payload": payload})
    assert response.status_code == 400
    assert changed_tables(before, take_snapshot()) == []
    assert site.post("owner_a", f"/clients/{a1.client}/runs/import/confirm", {"payload": payload}).status_code == 302
