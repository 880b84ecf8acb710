"""Running partners: suggestions from logged runs, confirming a pair (self-pairs and existing pairs
refused), what a partner sees (shared goals, never notes or runs) and cheers."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from coachsite import clock
from coachsite.extensions import db
from coachsite.models import Activity, Cheer, Client, Goal, Partnership, User, utcnow
from tests.web import club_world
from tests.web.pages import field_errors, flashes, snapshot


@pytest.fixture
def world(make_trainer, make_client, make_runner) -> club_world.World:  # type: ignore[no-untyped-def]
    return club_world.build(make_trainer, make_client, make_runner, clock.today_for("UTC"))


def log_weeks(client: Client, pace_s_per_km: int, weekdays: tuple[int, ...], weeks: int = 6) -> None:
    """Runs of 8 km at this pace on these weekdays over the last few weeks."""
    today = clock.today_for("UTC")
    for back in range(7 * weeks):
        day = today - timedelta(days=back)
        if day.weekday() in weekdays:
            db.session.add(Activity(client_id=client.id, on=day, distance_m=8000.0, duration_s=8 * pace_s_per_km))
    db.session.commit()


@pytest.fixture
def paced(world: club_world.World) -> club_world.World:
    log_weeks(world.x, 360, (1, 5))  # Xena and Zoe: close paces, Tuesday and Saturday
    log_weeks(world.z, 372, (1, 3, 5))
    log_weeks(world.y, 290, (1, 5))  # Yuri: much faster (and already Xena's partner)
    return world


def suggested(html: str) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+ and [^<]+)</th>', html)


def test_similar_pace_and_days_are_suggested_within_the_tolerance(client, login, paced):
    login(client, paced.owner)
    page = client.get(f"/clubs/{paced.club.id}/partners").text
    assert suggested(page) == ["Xena Runner and Zoe Runner"]  # Xena and Yuri are paired already
    assert re.search(r"<td>12 s/km</td>\s*<td>Tue, Sat</td>", page)
    assert suggested(client.get(f"/clubs/{paced.club.id}/partners?tolerance=5").text) == []
    wide = client.get(f"/clubs/{paced.club.id}/partners?tolerance=90").text
    assert suggested(wide) == ["Xena Runner and Zoe Runner", "Yuri Runner and Zoe Runner"]


def test_a_trainer_sees_the_suggestions_for_their_own_runners(client, login, paced):
    login(client, paced.trainer)  # Tess trains Yuri only
    assert suggested(client.get(f"/clubs/{paced.club.id}/partners?tolerance=90").text) == [
        "Yuri Runner and Zoe Runner"]
    login(client, paced.own_trainer)  # Tom trains Xena
    assert suggested(client.get(f"/clubs/{paced.club.id}/partners").text) == ["Xena Runner and Zoe Runner"]


def test_a_bad_tolerance_is_explained(client, login, paced):
    login(client, paced.owner)
    response = client.get(f"/clubs/{paced.club.id}/partners?tolerance=500")
    assert response.status_code == 422
    assert field_errors(response.text, "tolerance") == ["Enter a number of seconds from 0 to 120, e.g. 20."]


def test_the_trainer_confirms_a_suggested_pair_as_mentor_and_mentee(client, login, paced):
    login(client, paced.owner)
    page = client.get(f"/clubs/{paced.club.id}/partners").text
    [link] = re.findall(r'href="(/clubs/\d+/partners/new\?first=\d+&amp;second=\d+)"', page)
    form = client.get(link.replace("&amp;", "&")).text
    assert re.search(rf'<option selected value="{paced.x.id}">Xena Runner</option>', form)
    response = client.post(f"/clubs/{paced.club.id}/partners/new", data={
        "first_id": paced.x.id, "second_id": paced.z.id, "kind": "mentor", "mentor": "second"},
        follow_redirects=True)
    assert "Xena Runner and Zoe Runner are paired: Zoe Runner mentors." in flashes(response.text)
    pair = db.session.scalar(select(Partnership).where(Partnership.kind == "mentor"))
    assert (pair.client_a_id, pair.client_b_id, pair.mentor_client_id, pair.confirmed_by_id) == (
        min(paced.x.id, paced.z.id), max(paced.x.id, paced.z.id), paced.z.id, paced.owner.id)
    assert "Zoe Runner mentors Xena Runner" in response.text
    assert suggested(response.text) == []


def test_pairing_a_runner_with_themselves_is_refused(client, login, world):
    login(client, world.owner)
    before = snapshot()
    response = client.post(f"/clubs/{world.club.id}/partners/new",
                           data={"first_id": world.z.id, "second_id": world.z.id, "kind": "partners"})
    assert response.status_code == 422
    assert field_errors(response.text, "second_id") == [
        "Choose two different runners: a runner cannot be their own partner."]
    assert snapshot() == before


def test_an_existing_pair_is_refused(client, login, world):
    login(client, world.own_trainer)
    before = snapshot()
    response = client.post(f"/clubs/{world.club.id}/partners/new",
                           data={"first_id": world.y.id, "second_id": world.x.id, "kind": "partners"})
    assert response.status_code == 422
    assert field_errors(response.text, "second_id") == ["Yuri Runner and Xena Runner are already paired."]
    assert snapshot() == before


def test_a_mentor_pair_needs_its_mentor(client, login, world):
    login(client, world.owner)
    response = client.post(f"/clubs/{world.club.id}/partners/new",
                           data={"first_id": world.z.id, "second_id": world.x.id, "kind": "mentor"})
    assert response.status_code == 422
    assert field_errors(response.text, "mentor") == ["Choose which of the two is the mentor."]


def test_a_partner_sees_shared_goals_but_nothing_private(client, login, world):
    db.session.add_all([
        Goal(client_id=world.x.id, kind="distance", title="Secret proposal", start_on=world.goal.start_on,
             due_on=world.goal.due_on, distance_m=5000.0, state="proposed", proposed_by_id=world.own_trainer.id),
        Goal(client_id=world.x.id, kind="distance", title="Dropped goal", start_on=world.goal.start_on,
             due_on=world.goal.due_on, distance_m=5000.0, state="cancelled", proposed_by_id=world.own_trainer.id)])
    db.session.commit()
    login(client, world.partner)
    page = client.get(f"/clubs/partner/{world.x.id}").text
    assert "First half marathon" in page and "15 km non-stop" in page
    for private in ("Secret proposal", "Dropped goal", "PRIVATE", "quick feet", "new shoes", "coffee", "2:06:40",
                    "50:00", f"/clients/{world.x.id}"):
        assert private not in page, private
    x = world.x.id
    for path in (f"/clients/{x}/calendar/", f"/clients/{x}/runs/", f"/clients/{x}/notes/", f"/clients/{x}/goals/",
                 f"/clients/{x}/journey", f"/clubs/{world.club.id}/members/{x}"):
        assert client.get(path).status_code == 404, path


def test_a_cheer_on_a_milestone_shows_to_both_partners_and_the_trainer(app, client, login, world):
    login(client, world.partner)
    target = f"goal-{world.goal.id}-milestone-{world.milestone.id}"
    page = client.get(f"/clubs/partner/{world.x.id}").text
    assert f'<label for="cheer-{target}">Cheer for the milestone 15 km non-stop</label>' in page
    response = client.post(f"/clubs/partner/{world.x.id}/cheer",
                           data={"target": target, "message": "<b>Go</b> Xena! Hills on Saturday?"},
                           follow_redirects=True)
    assert "Cheer sent to Xena Runner." in flashes(response.text)
    assert "<strong>Yuri Runner</strong>: “&lt;b&gt;Go&lt;/b&gt; Xena! Hills on Saturday?”" in response.text
    cheer = db.session.scalar(select(Cheer))
    assert (cheer.goal_id, cheer.milestone_id, cheer.author_id, cheer.partnership_id) == (
        world.goal.id, world.milestone.id, world.partner.id, world.partnership.id)

    xena = app.test_client()
    login(xena, world.runner_x)
    home = xena.get("/me").text
    assert "&lt;b&gt;Go&lt;/b&gt; Xena! Hills on Saturday?" in home and "<b>Go</b>" not in home
    assert f'href="/clubs/partner/{world.y.id}">Yuri Runner</a>' in home  # My plan leads to the partner
    back = xena.get(f"/clubs/partner/{world.y.id}")
    assert back.status_code == 200 and "Yuri Runner is your running partner" in back.text

    tom = app.test_client()
    login(tom, world.own_trainer)
    assert "Xena! Hills on Saturday?" in tom.get(f"/clients/{world.x.id}").text


def test_a_cheer_on_something_not_shared_is_not_found_and_an_empty_one_is_explained(client, login, world):
    proposed = Goal(client_id=world.x.id, kind="distance", title="Secret proposal", start_on=world.goal.start_on,
                    due_on=world.goal.due_on, distance_m=5000.0, state="proposed",
                    proposed_by_id=world.own_trainer.id)
    db.session.add(proposed)
    db.session.commit()
    login(client, world.partner)
    before = snapshot()
    for target in (f"goal-{proposed.id}", "goal-999", f"goal-{world.goal.id}-milestone-999", "nonsense"):
        response = client.post(f"/clubs/partner/{world.x.id}/cheer", data={"target": target, "message": "Go!"})
        assert response.status_code == 404, target
    response = client.post(f"/clubs/partner/{world.x.id}/cheer",
                           data={"target": f"goal-{world.goal.id}", "message": "   "})
    assert response.status_code == 422
    assert field_errors(response.text, f"cheer-goal-{world.goal.id}") == ["Write a few words of encouragement."]
    assert snapshot() == before


def test_an_ended_pair_no_longer_opens_the_partner_page(client, login, world):
    login(client, world.trainer)  # Tess trains Yuri: she may end the pair
    response = client.post(f"/clubs/{world.club.id}/partners/{world.partnership.id}/end", follow_redirects=True)
    assert "Xena Runner and Yuri Runner are no longer paired. Their cheers are kept." in flashes(response.text) or \
        "Yuri Runner and Xena Runner are no longer paired. Their cheers are kept." in flashes(response.text)
    db.session.expire_all()
    assert db.session.get(Partnership, world.partnership.id).ended_at is not None
    login(client, world.partner)
    assert client.get(f"/clubs/partner/{world.x.id}").status_code == 404


def test_a_partner_whose_client_is_archived_is_not_shown(client, login, world):
    world.x.archived_at = utcnow()
    db.session.commit()
    login(client, world.partner)
    assert client.get(f"/clubs/partner/{world.x.id}").status_code == 404


def test_the_runner_s_partner_panel_follows_every_change_in_the_club(app, client, login, world):
    """The panel is kept by Xena's stamp, which follows all of it: each change below must show on her next view."""
    login(client, world.runner_x)

    def panel() -> str:
        home = client.get("/me").text
        found = re.search(r'<section class="today-card partners-panel".*?</section>', home, re.S)
        return re.sub(r"\s+", " ", found.group(0)) if found else ""

    assert f'href="/clubs/partner/{world.y.id}">Yuri Runner</a>' in panel()
    yuri = app.test_client()
    login(yuri, world.partner)
    assert yuri.post(f"/clubs/partner/{world.x.id}/cheer",
                     data={"target": f"goal-{world.goal.id}", "message": "Keep going"}).status_code == 302
    assert "<strong>Yuri Runner</strong> on “" in panel() and "Keep going" in panel()

    db.session.get(User, world.partner.id).name = "Yuri Account"  # the author renames their account
    db.session.commit()
    assert "<strong>Yuri Account</strong> on “" in panel()
    db.session.get(Client, world.y.id).name = "Yuri Roster"  # his trainer renames his roster entry
    db.session.commit()
    assert f'href="/clubs/partner/{world.y.id}">Yuri Roster</a>' in panel()

    db.session.add(Partnership(club_id=world.club.id, client_a_id=min(world.x.id, world.z.id),
                               client_b_id=max(world.x.id, world.z.id), confirmed_by_id=world.owner.id))
    db.session.commit()
    assert f'href="/clubs/partner/{world.z.id}">Zoe Runner</a>' in panel()
    db.session.get(Client, world.z.id).archived_at = utcnow()
    db.session.commit()
    assert "Zoe Runner" not in panel()

    tess = app.test_client()
    login(tess, world.trainer)
    assert tess.post(f"/clubs/{world.club.id}/partners/{world.partnership.id}/end").status_code == 302
    assert "Yuri Roster" not in panel() and "Keep going" in panel()  # the pair ended; its cheers are kept
