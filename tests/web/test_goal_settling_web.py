"""Runs settle goals, and both home pages say what just happened: "Reward unlocked: …" for the
runner and the trainer, "Consequence due: …" after a missed date, neither when excused."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from coachsite import clock
from coachsite.extensions import db
from coachsite.goals import settling
from coachsite.models import (Client, Excuse, Goal, GoalComment, Milestone, MotivationScore, Race, TechniqueNote,
                              User, utcnow)
from coachsite.runs import services as runs
from tests.web.goal_helpers import (TODAY, add_milestone, add_run, coach, day, fresh, iso, log_run, pair,  # noqa: F401
                                    propose, riley, today)
from tests.web.pages import flashes

SOCKS = "Reward unlocked: new socks"
HILLS = "Consequence due: extra hill session"


def _accepted(coach, riley, pair, **fields):  # type: ignore[no-untyped-def]
    goal = propose(coach, pair, **fields)
    assert add_milestone(coach, pair, goal).status_code == 302  # 12 km by day 10: socks or hills
    assert riley.post(f"{pair.goals}/{goal.id}/accept").status_code == 302
    return fresh(goal)


def test_a_run_logged_through_the_run_log_settles_and_both_homes_show_the_reward(coach, riley, pair):
    goal = _accepted(coach, riley, pair)
    logged = runs.log_run(pair.client, {"on": day(-1), "distance_m": 12100.0, "duration_s": 4200},
                          logged_by=pair.runner, today=TODAY)
    db.session.commit()
    milestone = fresh(goal).milestones[0]
    assert (milestone.state, milestone.settled_on, milestone.settled_by_activity_id) == \
        ("achieved", day(-1), logged.activity.id)
    assert fresh(goal).state == "accepted"  # 21.1 km still to go
    assert SOCKS in riley.get("/me").text
    roster = coach.get("/clients/").text
    assert SOCKS in roster and "Riley Runner" in roster
    assert HILLS not in roster


def test_an_inserted_run_settles_through_the_event_and_on_the_goals_page(coach, riley, pair):
    from coachsite import events

    goal = _accepted(coach, riley, pair)
    add_run(pair.client, day(-3), 12.5)
    events.runs_changed(pair.client, TODAY)
    assert fresh(goal).milestones[0].state == "achieved"

    other = _accepted(coach, riley, pair, title="Second")
    add_run(pair.client, day(-1), 21.3)  # no event (a bulk insert): the goals page settles it when viewed
    riley.get(f"{pair.goals}/")
    assert SOCKS in riley.get("/me").text
    assert fresh(other).state == "achieved" and fresh(goal).state == "achieved"
    assert "Reward unlocked: new shoes" in coach.get("/clients/").text


def test_a_missed_milestone_shows_the_consequence_due_on_both_homes(coach, riley, pair, monkeypatch):
    goal = _accepted(coach, riley, pair)
    add_run(pair.client, day(-1), 8)  # not far enough
    monkeypatch.setattr(clock, "today", lambda: day(11))  # the milestone's date has passed
    home = riley.get("/me").text
    assert HILLS in home and SOCKS not in home
    roster = coach.get("/clients/").text
    assert HILLS in roster and "Mark “extra hill session” as done" in roster
    milestone = fresh(goal).milestones[0]
    assert (milestone.state, milestone.settled_on) == ("missed", day(10))


def test_an_archived_client_s_deadlines_settle_when_the_roster_is_seen_but_give_no_notice(coach, riley, pair,
                                                                                             monkeypatch):
    goal = _accepted(coach, riley, pair)
    add_run(pair.client, day(-1), 8)  # not far enough
    db.session.get(Client, pair.client.id).archived_at = utcnow()
    db.session.commit()
    monkeypatch.setattr(clock, "today", lambda: day(11))  # the milestone's date has passed
    roster = coach.get("/clients/").text
    assert fresh(goal).milestones[0].state == "missed"  # settled: no longer among the site's overdue
    assert HILLS not in roster  # the roster's notices are its active clients'


def test_an_excused_milestone_shows_neither(coach, riley, pair, monkeypatch):
    goal = _accepted(coach, riley, pair)
    milestone = goal.milestones[0]
    riley.post(f"{pair.goals}/{goal.id}/excuses", data={"subject": f"m{milestone.id}", "reason": "illness"})
    excuse = db.session.scalar(select(Excuse))
    coach.post(f"{pair.goals}/{goal.id}/excuses/{excuse.id}/grant")
    add_run(pair.client, day(-1), 15)
    monkeypatch.setattr(clock, "today", lambda: day(11))
    for page in (riley.get("/me").text, coach.get("/clients/").text):
        assert "Reward unlocked" not in page and "Consequence due" not in page
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).state == "excused"


def test_the_trainer_marks_the_reward_given_from_the_roster(coach, riley, pair, monkeypatch):
    goal = _accepted(coach, riley, pair)
    log_run(pair.client, day(-1), 12)
    milestone = goal.milestones[0]
    roster = coach.get("/clients/").text
    assert "Mark “new socks” as given" in roster
    response = coach.post(f"{pair.goals}/{goal.id}/milestones/{milestone.id}/reward-given?back=roster")
    assert response.status_code == 302 and response.location == "/clients/"
    roster = coach.get(response.location).text
    assert "Marked “new socks” as given." in flashes(roster)
    assert "Reward given: new socks" in roster and "Mark “new socks” as given" not in roster
    assert "Reward given: new socks" in riley.get("/me").text
    monkeypatch.setattr(clock, "today", lambda: day(-1 + 15))  # two weeks on, given: no longer news
    assert "new socks" not in coach.get("/clients/").text


def test_an_ungiven_reward_stays_until_it_is_given(coach, riley, pair, monkeypatch):
    _accepted(coach, riley, pair)
    log_run(pair.client, day(-1), 12)
    coach.get("/clients/")
    monkeypatch.setattr(clock, "today", lambda: day(30))
    assert SOCKS in coach.get("/clients/").text


def test_the_goal_page_shows_where_the_runner_stands_with_a_chart(coach, riley, pair):
    goal = _accepted(coach, riley, pair)
    add_run(pair.client, day(-10), 9)
    add_run(pair.client, day(-3), 16.2)
    page = riley.get(f"{pair.goals}/{goal.id}").text
    assert "Longest run so far: 16.2 km of 21.1 km." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert 'aria-label="Progress towards 21.1 km non-stop"' in page
    assert "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Where you stand" in page and "Where Riley Runner stands" in coach.get(f"{pair.goals}/{goal.id}").text


def test_weekly_volume_shows_weeks_done_of_weeks_needed(coach, riley, pair):
    # TODAY is a Wednesday; the runner's weeks start on Monday
    monday = TODAY - timedelta(days=TODAY.weekday())
    goal = propose(coach, pair, kind="weekly_volume", title="Build volume", distance_m="30", weeks="3",
                   start_on=(monday - timedelta(days=14)).isoformat(), due_on=(monday + timedelta(days=6)).isoformat())
    riley.post(f"{pair.goals}/{goal.id}/accept")
    add_run(pair.client, monday - timedelta(days=13), 31)
    add_run(pair.client, monday - timedelta(days=5), 15)
    add_run(pair.client, monday - timedelta(days=4), 15)
    add_run(pair.client, monday, 10)
    page = coach.get(f"{pair.goals}/{goal.id}").text
    assert "Weeks done: 2 of 3; this week 10.0 km of 30.0 km." in page
    assert page.count("<rect") == 3  # one bar per week


def test_a_race_goal_settles_when_the_race_has_a_result(coach, riley, pair):
    race = Race(client_id=pair.client.id, name="Riverside Half", on=day(-2), distance_m=21097.5)
    db.session.add(race)
    db.session.commit()
    goal = propose(coach, pair, kind="race", title="Finish Riverside", race_id=str(race.id), time_s="2:10:00",
                   distance_m="")
    riley.post(f"{pair.goals}/{goal.id}/accept")
    assert "No result yet" in riley.get(f"{pair.goals}/{goal.id}").text
    assert fresh(goal).state == "accepted"
    race = db.session.get(Race, race.id)
    race.result_time_s = 7500
    db.session.commit()
    page = riley.get(f"{pair.goals}/{goal.id}").text
    goal = fresh(goal)
    assert (goal.state, goal.settled_on) == ("achieved", day(-2))
    assert "Finish Riverside Half under 2:10:00" in page and "Finished in 2:05:00." in page


def test_milestones_show_on_both_calendar_views_with_the_reward(coach, riley, pair):
    goal = _accepted(coach, riley, pair)
    month = riley.get(f"/clients/{pair.client.id}/calendar/?month={day(10):%Y-%m}").text
    week = coach.get(f"/clients/{pair.client.id}/calendar/week?day={iso(10)}").text
    for page in (month, week):
        assert "Milestone: 12 km non-stop" in page and "Reward: new socks" in page
        assert f"/goals/{goal.id}" in page
    coach.post(f"{pair.goals}/{goal.id}/cancel")
    assert "Milestone: 12 km non-stop" not in coach.get(f"/clients/{pair.client.id}/calendar/week?day={iso(10)}").text


def test_settling_a_roster_is_a_fixed_number_of_queries(coach, riley, pair, make_client, app):
    from sqlalchemy import event

    for n in range(4):
        other = make_client(pair.trainer, name=f"Client {n}")
        db.session.add(Goal(client_id=other.id, kind="distance", title="10 km", start_on=day(-30), due_on=day(-1),
                            distance_m=10000, state="accepted", proposed_by_id=pair.trainer.id,
                            accepted_at=datetime(2027, 1, 1)))
        add_run(other, day(-5), 5)
    db.session.commit()
    ids = [row for row in db.session.scalars(select(Goal.client_id))]
    statements: list[str] = []

    def count(*args, **kwargs):  # type: ignore[no-untyped-def]
        statements.append(args[2])

    with db.engine.connect():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            changed = settling.settle_clients(ids, TODAY)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert changed == 4
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) <= 4  # goals, milestones, runs, week starts: not one per client


def _profile_panel(coach, pair) -> str:  # type: ignore[no-untyped-def]
    """The client's profile page, where the client_profile panel shows."""
    response = coach.get(f"/clients/{pair.client.id}")
    assert response.status_code == 200
    return response.text


def test_the_profile_shows_motivation_and_nudges_after_three_pushes(coach, riley, pair):
    goal = _accepted(coach, riley, pair)
    profile = _profile_panel(coach, pair)
    assert "No motivation questionnaire yet." in profile
    db.session.add(MotivationScore(client_id=pair.client.id, answered_by_id=pair.runner.id, score=72,
                                   answers=[4] * 10, answered_at=datetime(2027, 3, 1, 9)))
    long_ago = datetime.combine(TODAY - timedelta(days=40), datetime.min.time())
    db.session.add(GoalComment(goal_id=goal.id, author_id=pair.trainer.id, body="Old praise", tone="praise",
                               created_at=long_ago))
    for n, tone in enumerate(["praise", "push", "push"]):
        db.session.add(GoalComment(goal_id=goal.id, author_id=pair.trainer.id, body=f"c{n}", tone=tone,
                                   created_at=datetime(2027, 3, 1 + n, 12)))
    db.session.commit()
    profile = _profile_panel(coach, pair)
    assert "72 out of 100" in profile and "Mon 1 Mar 2027" in profile
    assert "1 praise</strong> · <strong>2 push" in profile and "pushes in a row" not in profile
    # a technique note tagged push (the notes feature) counts too
    db.session.add(TechniqueNote(client_id=pair.client.id, author_id=pair.trainer.id, on=day(-1), area="posture",
                                 tone="push"))
    db.session.commit()
    profile = _profile_panel(coach, pair)
    assert "1 praise</strong> · <strong>3 push" in profile
    assert "3 pushes in a row and no praise: find something Riley Runner did well and say so." in profile


def test_comments_are_tagged_praise_or_push_by_either(coach, riley, pair):
    goal = _accepted(coach, riley, pair)
    assert coach.post(f"{pair.goals}/{goal.id}/comments", data={"body": "Great long run!", "tone": "praise"}
                      ).status_code == 302
    assert riley.post(f"{pair.goals}/{goal.id}/comments", data={"body": "Thanks, legs tired", "tone": ""}
                      ).status_code == 302
    rows = db.session.scalars(select(GoalComment).order_by(GoalComment.id)).all()
    assert [(c.author_id, c.tone) for c in rows] == [(pair.trainer.id, "praise"), (pair.runner.id, None)]
    page = riley.get(f"{pair.goals}/{goal.id}").text
    assert "Great long run!" in page and "Thanks, legs tired" in page and "Praise" in page


def test_the_questionnaire_updates_the_profile(coach, riley, pair):
    answers = {f"q{n}": ("5" if n % 2 else "1") for n in range(1, 11)}  # odd statements lean extrinsic
    response = riley.post(f"/clients/{pair.client.id}/goals/motivation", data=answers)
    assert response.status_code == 302
    [row] = db.session.scalars(select(MotivationScore)).all()
    assert row.score == 100 and row.answered_by_id == pair.runner.id and row.answers == [5, 1] * 5
    db.session.expire_all()
    assert pair.client.motivation == "extrinsic"
    intrinsic = {f"q{n}": ("1" if n % 2 else "5") for n in range(1, 11)}
    coach.post(f"/clients/{pair.client.id}/goals/motivation", data=intrinsic)
    db.session.expire_all()
    assert pair.client.motivation == "intrinsic"
    assert "0 out of 100, intrinsic" in _profile_panel(coach, pair)
    assert "0 out of 100, intrinsic" in riley.get(f"/clients/{pair.client.id}/goals/").text


def test_proposed_goals_and_the_next_milestone_on_the_runner_home(coach, riley, pair):
    _accepted(coach, riley, pair)
    home = riley.get("/me").text
    assert "Next milestone: <strong>12 km non-stop, First half marathon</strong>" in home
    assert "to earn <strong>new socks</strong>" in home


@pytest.mark.parametrize(("week_start", "settled"), [(6, "achieved"), (0, "accepted")])
def test_a_weekly_goal_settles_by_the_runner_s_own_weeks(coach, riley, pair, week_start, settled):
    """A week of two runs, Sunday to the next Sunday. Runs on the first Sunday and the Monday after: the
    week judged holds both when weeks start on Sunday, only the Monday when they start on Monday."""
    sunday = TODAY - timedelta(days=TODAY.weekday() + 1)  # due the Sunday after: still open on the Monday
    goal = propose(coach, pair, kind="consistency", title="Two runs a week", distance_m="", runs_per_week="2",
                   weeks="1", start_on=sunday.isoformat(), due_on=(sunday + timedelta(days=7)).isoformat())
    riley.post(f"{pair.goals}/{goal.id}/accept")
    db.session.get(User, pair.runner.id).week_start = week_start
    db.session.commit()
    for on in (sunday, sunday + timedelta(days=1)):
        assert coach.post(f"/clients/{pair.client.id}/runs/new", data={
            "on": on.isoformat(), "distance_m": "6", "duration_s": "33:00", "effort": "3"}).status_code == 302
    assert fresh(goal).state == settled
