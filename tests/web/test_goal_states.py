"""The goal state machine through the pages: proposed -> accepted -> achieved | missed | excused,
or cancelled; and who may take each step (404 for everyone else, with nothing changed)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from coachsite.extensions import db
from coachsite.goals import settling
from coachsite.models import Excuse, Goal, Milestone
from tests.conftest import errors_in
from tests.web.goal_helpers import (TODAY, add_milestone, add_run, coach, day, fresh, iso, pair, propose,  # noqa: F401
                                    riley, today)
from tests.web.pages import flashes, snapshot


def _accepted_goal(coach, riley, pair, milestone_on=10, **fields):  # type: ignore[no-untyped-def]
    goal = propose(coach, pair, **fields)
    assert add_milestone(coach, pair, goal, due_on=iso(milestone_on)).status_code == 302
    assert riley.post(f"{pair.goals}/{goal.id}/accept").status_code == 302
    return fresh(goal)


def test_the_trainer_proposes_and_the_runner_accepts(coach, riley, pair):
    goal = propose(coach, pair)
    assert goal.state == "proposed" and goal.proposed_by_id == pair.trainer.id and goal.accepted_at is None
    assert add_milestone(coach, pair, goal).status_code == 302
    page = riley.get(f"{pair.goals}/{goal.id}").text
    assert "Accept this goal" in page and "21.1 km non-stop" in page and "new shoes" in page
    assert "Accept this goal" not in coach.get(f"{pair.goals}/{goal.id}").text

    response = riley.post(f"{pair.goals}/{goal.id}/accept", follow_redirects=True)
    assert "You accepted “First half marathon”. Your runs settle it from now on." in flashes(response.text)
    goal = fresh(goal)
    assert goal.state == "accepted" and goal.accepted_at is not None
    assert [m.state for m in goal.milestones] == ["accepted"]
    assert "Accept this goal" not in riley.get(f"{pair.goals}/{goal.id}").text


def test_the_runner_sees_a_waiting_goal_on_their_home(coach, riley, pair):
    goal = propose(coach, pair)
    home = riley.get("/me").text
    assert "New goal from your trainer" in home and f"/goals/{goal.id}" in home


def test_accepting_twice_or_a_cancelled_goal_changes_nothing(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    accepted_at = goal.accepted_at
    response = riley.post(f"{pair.goals}/{goal.id}/accept", follow_redirects=True)
    assert "This goal is accepted: there is nothing to accept." in flashes(response.text)
    assert fresh(goal).accepted_at == accepted_at

    other = propose(coach, pair, title="Second goal")
    assert coach.post(f"{pair.goals}/{other.id}/cancel").status_code == 302
    riley.post(f"{pair.goals}/{other.id}/accept")
    assert fresh(other).state == "cancelled" and fresh(other).accepted_at is None


def test_runner_cannot_do_the_trainers_steps(coach, riley, pair):
    goal = propose(coach, pair)
    add_milestone(coach, pair, goal)
    milestone = fresh(goal).milestones[0]
    riley.post(f"{pair.goals}/{goal.id}/accept")
    db.session.add(Excuse(goal_id=goal.id, reason="illness", requested_by_id=pair.runner.id))
    db.session.commit()
    excuse_id = db.session.scalar(select(Excuse.id))
    before = snapshot()
    base = f"{pair.goals}/{goal.id}"
    edits = {"title": "Easier", "start_on": iso(-20), "due_on": iso(40), "distance_m": "5"}
    for method, path, data in [
        ("GET", f"{pair.goals}/new", None), ("POST", f"{pair.goals}/new", {**edits, "kind": "distance"}),
        ("GET", f"{base}/edit", None), ("POST", f"{base}/edit", edits),
        ("POST", f"{base}/cancel", None), ("POST", f"{base}/milestones", {"due_on": iso(5), "distance_m": "1"}),
        ("GET", f"{base}/milestones/{milestone.id}/edit", None),
        ("POST", f"{base}/milestones/{milestone.id}/edit", {"due_on": iso(30), "distance_m": "1"}),
        ("POST", f"{base}/milestones/{milestone.id}/delete", None),
        ("POST", f"{base}/excuses/{excuse_id}/grant", None), ("POST", f"{base}/excuses/{excuse_id}/refuse", None),
        ("POST", f"{base}/reward-given", None), ("POST", f"{base}/consequence-done", None),
        ("POST", f"{base}/milestones/{milestone.id}/reward-given", None),
    ]:
        assert riley.open(path, method=method, data=data).status_code == 404, (method, path)
    assert snapshot() == before
    page = riley.get(base).text
    assert "Edit goal" not in page and "Cancel this goal" not in page and "/edit" not in page


def test_trainer_cannot_accept_or_ask_for_an_excuse(coach, riley, pair):
    goal = propose(coach, pair)
    before = snapshot()
    assert coach.post(f"{pair.goals}/{goal.id}/accept").status_code == 404
    assert coach.post(f"{pair.goals}/{goal.id}/excuses", data={"subject": "goal", "reason": "illness"}
                      ).status_code == 404
    assert snapshot() == before


def test_a_runner_cannot_accept_someone_elses_goal(coach, riley, pair, make_client, make_runner):
    classmate = make_client(pair.trainer, name="Carla Classmate")
    make_runner(classmate)
    theirs = coach.post(f"/clients/{classmate.id}/goals/new", data={
        "title": "Carla's 10 km", "kind": "distance", "start_on": iso(0), "due_on": iso(30), "distance_m": "10"})
    assert theirs.status_code == 302
    their_goal = db.session.scalar(select(Goal).where(Goal.client_id == classmate.id))
    before = snapshot()
    assert riley.post(f"/clients/{classmate.id}/goals/{their_goal.id}/accept").status_code == 404
    assert riley.get(f"/clients/{classmate.id}/goals/{their_goal.id}").status_code == 404
    # and not through their own client's address either
    assert riley.post(f"{pair.goals}/{their_goal.id}/accept").status_code == 404
    assert riley.get(f"{pair.goals}/{their_goal.id}").status_code == 404
    assert snapshot() == before


def test_another_trainer_gets_404_on_every_goal_route_and_changes_nothing(app, coach, riley, pair, make_trainer,
                                                                          login):
    goal = _accepted_goal(coach, riley, pair)
    milestone = goal.milestones[0]
    db.session.add(Excuse(goal_id=goal.id, reason="injury", requested_by_id=pair.runner.id))
    db.session.commit()
    excuse_id = db.session.scalar(select(Excuse.id))
    nosy = app.test_client()
    login(nosy, make_trainer(name="Bert Nosy"))
    before = snapshot()
    values = {"client_id": pair.client.id, "goal_id": goal.id, "milestone_id": milestone.id, "excuse_id": excuse_id}
    data = {"title": "Hijacked", "kind": "distance", "start_on": iso(0), "due_on": iso(9), "distance_m": "1",
            "body": "hello", "tone": "push", "subject": "goal", "reason": "other",
            **{f"q{n}": "5" for n in range(1, 11)}}
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("goals."):
            continue
        path = app.url_map.bind("localhost").build(rule.endpoint, {k: values[k] for k in rule.arguments})
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = nosy.open(path, method=method, data=data if method == "POST" else None)
            assert response.status_code == 404, (method, path)
            assert "Riley" not in response.text and "new shoes" not in response.text
            checked += 1
    assert checked >= 18
    assert snapshot() == before


def test_achieved_by_a_run_and_recorded_with_the_run(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    run = add_run(pair.client, day(-1), 21.2)
    assert settling.settle_client(pair.client, TODAY) == 2  # the goal and its 12 km milestone
    db.session.commit()
    goal = fresh(goal)
    assert (goal.state, goal.settled_on, goal.settled_by_activity_id) == ("achieved", day(-1), run.id)
    assert goal.milestones[0].state == "achieved"
    assert settling.settle_client(pair.client, TODAY) == 0  # settled once


def test_a_proposed_goal_never_settles(coach, pair):
    goal = propose(coach, pair, due_on=iso(-1), start_on=iso(-30))
    add_run(pair.client, day(-5), 25)
    coach.get(f"{pair.goals}/{goal.id}")
    assert fresh(goal).state == "proposed"


def test_missed_when_the_deadline_passes_on_page_view(coach, riley, pair, monkeypatch):
    goal = _accepted_goal(coach, riley, pair)
    from coachsite import clock

    monkeypatch.setattr(clock, "today", lambda: day(41))  # the deadline was yesterday
    page = riley.get(f"{pair.goals}/{goal.id}").text
    goal = fresh(goal)
    assert goal.state == "missed" and goal.settled_on == day(40) and goal.settled_by_activity_id is None
    assert goal.milestones[0].state == "missed" and goal.milestones[0].settled_on == day(10)
    assert "✗ Missed" in page


def test_excused_after_the_runner_asks_and_the_trainer_grants(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    milestone = goal.milestones[0]
    response = riley.post(f"{pair.goals}/{goal.id}/excuses",
                          data={"subject": f"m{milestone.id}", "reason": "injury", "note": "Sprained ankle"})
    assert response.status_code == 302
    coach_page = coach.get(f"{pair.goals}/{goal.id}").text
    assert "Sprained ankle" in coach_page and "Grant" in coach_page
    assert "asks to be excused (injury)" in coach.get("/clients/").text
    excuse = db.session.scalar(select(Excuse))
    assert coach.post(f"{pair.goals}/{goal.id}/excuses/{excuse.id}/grant").status_code == 302
    db.session.expire_all()
    excuse = db.session.get(Excuse, excuse.id)
    assert (excuse.decision, excuse.decided_by_id) == ("granted", pair.trainer.id) and excuse.decided_at
    assert db.session.get(Milestone, milestone.id).state == "excused"
    assert fresh(goal).state == "accepted"  # only the milestone
    # an excused milestone does not settle any more, whatever is run
    add_run(pair.client, day(-1), 13)
    settling.settle_client(pair.client, TODAY)
    db.session.commit()
    assert db.session.get(Milestone, milestone.id).state == "excused"
    assert "Granted" in riley.get(f"{pair.goals}/{goal.id}").text


def test_a_refused_excuse_is_recorded_and_the_target_stands(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    riley.post(f"{pair.goals}/{goal.id}/excuses", data={"subject": "goal", "reason": "other", "note": "Busy"})
    excuse = db.session.scalar(select(Excuse))
    response = coach.post(f"{pair.goals}/{goal.id}/excuses/{excuse.id}/refuse", follow_redirects=True)
    assert "Refused: the target stands." in flashes(response.text)
    db.session.expire_all()
    assert db.session.get(Excuse, excuse.id).decision == "refused"
    assert fresh(goal).state == "accepted"
    again = coach.post(f"{pair.goals}/{goal.id}/excuses/{excuse.id}/grant", follow_redirects=True)
    assert "This request was already refused." in flashes(again.text)
    assert fresh(goal).state == "accepted"


def test_excusing_the_whole_goal_excuses_its_open_milestones(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    riley.post(f"{pair.goals}/{goal.id}/excuses", data={"subject": "goal", "reason": "illness"})
    excuse = db.session.scalar(select(Excuse))
    coach.post(f"{pair.goals}/{goal.id}/excuses/{excuse.id}/grant")
    goal = fresh(goal)
    assert goal.state == "excused" and [m.state for m in goal.milestones] == ["excused"]


def test_one_open_request_at_a_time(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    riley.post(f"{pair.goals}/{goal.id}/excuses", data={"subject": "goal", "reason": "illness"})
    response = riley.post(f"{pair.goals}/{goal.id}/excuses", data={"subject": "goal", "reason": "illness"})
    assert response.status_code == 422
    assert "You have already asked about this one; your trainer has not decided yet." in errors_in(response.text)
    assert len(db.session.scalars(select(Excuse)).all()) == 1


def test_the_trainer_cancels_a_goal(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    response = coach.post(f"{pair.goals}/{goal.id}/cancel", follow_redirects=True)
    assert "Cancelled “First half marathon”." in flashes(response.text)
    goal = fresh(goal)
    assert goal.state == "cancelled" and goal.cancelled_at and [m.state for m in goal.milestones] == ["cancelled"]
    add_run(pair.client, day(-1), 22)
    settling.settle_client(pair.client, TODAY)
    assert fresh(goal).state == "cancelled"
    again = coach.post(f"{pair.goals}/{goal.id}/cancel", follow_redirects=True)
    assert "This goal is already cancelled." in flashes(again.text)


def test_an_achieved_goal_cannot_be_cancelled_or_edited(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    add_run(pair.client, day(-1), 22)
    coach.get(f"{pair.goals}/{goal.id}")  # settles on view
    assert fresh(goal).state == "achieved"
    before = snapshot()
    coach.post(f"{pair.goals}/{goal.id}/cancel")
    response = coach.post(f"{pair.goals}/{goal.id}/edit", data={**{"title": "X", "start_on": iso(-20),
                                                                    "due_on": iso(40), "distance_m": "30"}})
    assert response.status_code == 422
    assert "This goal is achieved: its terms can no longer change." in errors_in(response.text)
    assert snapshot() == before


def test_easing_is_frozen_within_seven_days_of_the_deadline(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair, milestone_on=5, due_on=iso(7), start_on=iso(-20))
    before = snapshot()
    base = {"title": "First half marathon", "start_on": iso(-20), "due_on": iso(7), "reward": "new shoes",
            "consequence": "buy the group coffee"}
    easier = coach.post(f"{pair.goals}/{goal.id}/edit", data={**base, "distance_m": "18"})
    assert easier.status_code == 422
    [message] = errors_in(easier.text)
    assert message.startswith("The runner has accepted this goal and its due date")
    assert "is 7 days away: within 7 days of it a target cannot be made easier" in message
    assert 'value="18"' in easier.text  # what was typed is kept
    later = coach.post(f"{pair.goals}/{goal.id}/edit", data={**base, "distance_m": "21.1", "due_on": iso(30)})
    assert later.status_code == 422  # more time is easier too
    assert snapshot() == before
    harder = coach.post(f"{pair.goals}/{goal.id}/edit", data={**base, "distance_m": "25"})
    assert harder.status_code == 302
    assert fresh(goal).distance_m == 25000


def test_easing_is_allowed_well_before_the_deadline_and_before_acceptance(coach, riley, pair):
    accepted = _accepted_goal(coach, riley, pair, milestone_on=5, due_on=iso(8))
    base = {"title": "First half marathon", "start_on": iso(-20), "due_on": iso(8)}
    assert coach.post(f"{pair.goals}/{accepted.id}/edit", data={**base, "distance_m": "15"}).status_code == 302
    proposed = propose(coach, pair, title="Draft", due_on=iso(2))
    data = {**base, "title": "Draft", "due_on": iso(2), "distance_m": "5"}
    assert coach.post(f"{pair.goals}/{proposed.id}/edit", data=data).status_code == 302
    assert fresh(proposed).distance_m == 5000


def test_a_milestone_target_is_frozen_near_its_own_date(coach, riley, pair):
    goal = propose(coach, pair)
    add_milestone(coach, pair, goal, due_on=iso(3))
    riley.post(f"{pair.goals}/{goal.id}/accept")
    milestone = fresh(goal).milestones[0]
    url = f"{pair.goals}/{goal.id}/milestones/{milestone.id}/edit"
    easier = coach.post(url, data={"due_on": iso(3), "distance_m": "8", "reward": "new socks"})
    assert easier.status_code == 422
    assert "accepted this milestone" in errors_in(easier.text)[0]
    assert coach.post(url, data={"due_on": iso(3), "distance_m": "14", "reward": "new socks"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).distance_m == 14000


def test_milestones_are_fixed_once_accepted(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    before = snapshot()
    refused = add_milestone(coach, pair, goal, due_on=iso(20))
    assert refused.status_code == 302
    response = coach.get(refused.location)
    assert ("The runner has already accepted this goal, so its milestones are fixed. Cancel it and propose a new "
            "goal to add milestones.") in flashes(response.text)
    assert "Add a milestone" not in response.text
    assert snapshot() == before
    coach.post(f"{pair.goals}/{goal.id}/milestones/{goal.milestones[0].id}/delete")
    assert snapshot() == before


def test_the_trainer_removes_a_milestone_before_acceptance(coach, pair):
    goal = propose(coach, pair)
    add_milestone(coach, pair, goal)
    milestone = fresh(goal).milestones[0]
    assert coach.post(f"{pair.goals}/{goal.id}/milestones/{milestone.id}/delete").status_code == 302
    assert fresh(goal).milestones == []


def test_rewards_and_consequences_are_marked_once_settled(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair)
    milestone = goal.milestones[0]
    early = coach.post(f"{pair.goals}/{goal.id}/milestones/{milestone.id}/reward-given", follow_redirects=True)
    assert "There is no unlocked reward to mark as given." in flashes(early.text)
    add_run(pair.client, day(-2), 12.5)
    coach.get(f"{pair.goals}/{goal.id}")
    response = coach.post(f"{pair.goals}/{goal.id}/milestones/{milestone.id}/reward-given", follow_redirects=True)
    assert "Marked “new socks” as given." in flashes(response.text)
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).reward_given_at is not None
    wrong = coach.post(f"{pair.goals}/{goal.id}/milestones/{milestone.id}/consequence-done", follow_redirects=True)
    assert "There is no consequence due to mark as done." in flashes(wrong.text)
    assert db.session.get(Milestone, milestone.id).consequence_done_at is None


def test_the_freeze_uses_the_old_deadline_not_the_new_one(coach, riley, pair):
    goal = _accepted_goal(coach, riley, pair, milestone_on=5, due_on=iso(6))
    data = {"title": "First half marathon", "start_on": iso(-20), "due_on": iso(6 + 30), "distance_m": "21.1"}
    response = coach.post(f"{pair.goals}/{goal.id}/edit", data=data)
    assert response.status_code == 422 and fresh(goal).due_on == TODAY + timedelta(days=6)
