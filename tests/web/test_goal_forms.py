"""Bad input on the goal forms: a clear message next to the field, what was typed kept, 422,
nothing saved. An empty reward and consequence is allowed, with a warning."""
from __future__ import annotations

from sqlalchemy import func, select

from coachsite.extensions import db
from coachsite.models import Excuse, Goal, GoalComment, Milestone, MotivationScore, Race
from tests.conftest import errors_in
from tests.web.goal_helpers import (GOAL, add_milestone, coach, day, fresh, iso, pair, propose,  # noqa: F401
                                    riley, today)
from tests.web.pages import field_errors, field_value, flashes, snapshot


def _count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_deadline_before_start(coach, pair):
    response = coach.post(f"{pair.goals}/new", data={**GOAL, "start_on": iso(10), "due_on": iso(5)})
    assert response.status_code == 422
    expected = f"The deadline must be on or after the start date ({day(10):%-d %B %Y})."
    assert field_errors(response.text, "due_on") == [expected]
    assert field_value(response.text, "title") == "First half marathon"
    assert field_value(response.text, "due_on") == iso(5) and field_value(response.text, "reward") == "new shoes"
    assert _count(Goal) == 0


def test_targets_that_do_not_parse(coach, pair):
    response = coach.post(f"{pair.goals}/new", data={**GOAL, "kind": "time", "distance_m": "ten",
                                                     "time_s": "50 minutes"})
    assert response.status_code == 422
    assert field_errors(response.text, "distance_m") == ["Enter a distance between 0 and 500 km"]
    assert field_errors(response.text, "time_s") == ["Use h:mm:ss or mm:ss, e.g. 24:30"]
    assert field_value(response.text, "distance_m") == "ten" and field_value(response.text, "time_s") == "50 minutes"
    weekly = coach.post(f"{pair.goals}/new", data={**GOAL, "kind": "consistency", "runs_per_week": "three",
                                                   "weeks": "0"})
    assert weekly.status_code == 422
    assert field_errors(weekly.text, "runs_per_week") == ["Enter a whole number of runs, e.g. 3."]
    assert field_errors(weekly.text, "weeks") == ["Use a number of weeks from 1 to 104."]
    assert _count(Goal) == 0


def test_a_kind_needs_its_target_fields(coach, pair):
    cases = {
        "distance": ({"distance_m": ""}, "distance_m", "Enter the distance, e.g. 10 or 21.1."),
        "time": ({"time_s": ""}, "time_s", "Enter the time to beat, e.g. 50:00 or 1:55:00."),
        "weekly_volume": ({"weeks": ""}, "weeks", "Enter how many weeks in a row, e.g. 4."),
        "consistency": ({"weeks": "4", "runs_per_week": ""}, "runs_per_week", "Enter how many runs a week, e.g. 3."),
        "race": ({}, "race_id", "Choose the race to finish (add it on the Races page first)."),
    }
    for kind, (fields, field, message) in cases.items():
        response = coach.post(f"{pair.goals}/new", data={**GOAL, "kind": kind, **fields})
        assert response.status_code == 422, kind
        assert message in field_errors(response.text, field), kind
    assert _count(Goal) == 0


def test_weekly_targets_must_fit_between_the_dates(coach, pair):
    # TODAY is Wednesday 10 March 2027: from then to Sunday 28 March only two full Monday weeks fit
    response = coach.post(f"{pair.goals}/new", data={**GOAL, "kind": "weekly_volume", "weeks": "4",
                                                     "start_on": iso(0), "due_on": iso(18)})
    assert response.status_code == 422
    assert field_errors(response.text, "weeks") == [
        "Only 2 full weeks fit between 10 Mar and 28 Mar 2027: ask for fewer weeks or move the dates."]
    assert _count(Goal) == 0


def test_the_race_must_be_by_the_deadline_and_the_clients_own(coach, pair, make_client):
    mine = Race(client_id=pair.client.id, name="Riverside Half", on=day(60), distance_m=21097.5)
    theirs = Race(client_id=make_client(pair.trainer, name="Other").id, name="Secret 10K", on=day(5),
                  distance_m=10000)
    db.session.add_all([mine, theirs])
    db.session.commit()
    late = coach.post(f"{pair.goals}/new", data={**GOAL, "kind": "race", "race_id": str(mine.id)})
    assert late.status_code == 422
    assert field_errors(late.text, "race_id") == [
        f"Riverside Half is on {day(60):%-d %B %Y}, after the deadline: move the deadline to the race day or later."]
    other = coach.post(f"{pair.goals}/new", data={**GOAL, "kind": "race", "race_id": str(theirs.id)})
    assert other.status_code == 422 and "Secret 10K" not in other.text
    assert field_errors(other.text, "race_id") == ["Choose one of the listed races."]
    assert _count(Goal) == 0


def test_no_carrot_and_no_stick_is_allowed_with_a_warning(coach, pair):
    response = coach.post(f"{pair.goals}/new", data={**GOAL, "reward": "", "consequence": ""}, follow_redirects=True)
    assert response.status_code == 200
    messages = flashes(response.text)
    assert any(m.startswith("This goal has no carrot or stick") for m in messages)
    assert "This goal has no carrot or stick: no reward for reaching it and no consequence for missing it." \
        in response.text
    assert _count(Goal) == 1
    goal = db.session.scalar(select(Goal))
    bare = add_milestone(coach, pair, goal, reward="", consequence="")
    page = coach.get(bare.location).text
    assert any(m.startswith("This milestone has no carrot or stick") for m in flashes(page))
    assert "No carrot or stick" in page


def test_a_milestone_outside_the_goals_dates(coach, pair):
    goal = propose(coach, pair)
    before = snapshot()
    for due in (iso(-21), iso(41)):
        response = add_milestone(coach, pair, goal, due_on=due, distance_m="12")
        assert response.status_code == 422
        assert field_errors(response.text, "due_on") == [
            f"Choose a date between {day(-20):%-d %B %Y} and {day(40):%-d %B %Y}: a milestone sits between the "
            "goal's start and its deadline."]
        assert field_value(response.text, "due_on") == due and field_value(response.text, "reward") == "new socks"
    bad = add_milestone(coach, pair, goal, due_on="next friday", distance_m="12km!")
    assert bad.status_code == 422
    assert field_errors(bad.text, "due_on") == ["Enter a date like 2027-03-01."]
    assert field_errors(bad.text, "distance_m") == ["Enter a distance between 0 and 500 km"]
    assert snapshot() == before


def test_milestones_take_only_the_goals_kind_of_target(coach, pair):
    goal = propose(coach, pair, kind="time", distance_m="10", time_s="50:00")
    page = coach.get(f"{pair.goals}/{goal.id}").text
    assert 'id="time_s"' in page and 'id="weeks"' not in page and 'id="runs_per_week"' not in page
    missing = add_milestone(coach, pair, goal, distance_m="5", time_s="")
    assert missing.status_code == 422
    assert field_errors(missing.text, "time_s") == ["Enter the time to beat, e.g. 50:00 or 1:55:00."]
    assert add_milestone(coach, pair, goal, distance_m="5", time_s="24:00").status_code == 302
    [milestone] = fresh(goal).milestones
    assert (milestone.distance_m, milestone.time_s, milestone.weeks) == (5000, 1440, None)


def test_editing_a_goal_keeps_milestones_inside_its_dates(coach, pair):
    goal = propose(coach, pair)
    add_milestone(coach, pair, goal, due_on=iso(30))
    before = snapshot()
    response = coach.post(f"{pair.goals}/{goal.id}/edit", data={**GOAL, "due_on": iso(20)})
    assert response.status_code == 422
    assert field_errors(response.text, "due_on") == [
        f"A milestone is due on {day(30):%-d %B %Y}, outside these dates: move or remove the milestone first."]
    assert field_value(response.text, "due_on") == iso(20)
    assert snapshot() == before


def test_the_edit_form_shows_only_the_kinds_fields(coach, pair):
    goal = propose(coach, pair)
    page = coach.get(f"{pair.goals}/{goal.id}/edit").text
    assert 'id="distance_m"' in page and field_value(page, "distance_m") == "21.1"
    assert 'id="kind"' not in page and 'id="weeks"' not in page and 'id="race_id"' not in page


def test_bad_excuse_comment_and_questionnaire_input(coach, riley, pair):
    goal = propose(coach, pair)
    riley.post(f"{pair.goals}/{goal.id}/accept")
    before = snapshot()
    excuse = riley.post(f"{pair.goals}/{goal.id}/excuses", data={"subject": "m999", "note": "x" * 1001})
    assert excuse.status_code == 422
    assert field_errors(excuse.text, "subject") == ["Choose the goal or one of its open milestones."]
    assert field_errors(excuse.text, "reason") == ["Choose illness, injury or other."]
    assert field_errors(excuse.text, "note") == ["Keep the note to 1000 characters or fewer."]
    comment = coach.post(f"{pair.goals}/{goal.id}/comments", data={"body": "  ", "tone": "shout"})
    assert comment.status_code == 422
    assert field_errors(comment.text, "body") == ["Write a comment first."]
    assert field_errors(comment.text, "tone") == ["Choose praise, push or neither."]
    partial = {f"q{n}": "4" for n in range(1, 9)} | {"q9": "7"}
    survey = riley.post(f"/clients/{pair.client.id}/goals/motivation", data=partial)
    assert survey.status_code == 422
    assert field_errors(survey.text, "q9") == ["Choose how much you agree, from 1 to 5."]
    assert field_errors(survey.text, "q10") == ["Choose how much you agree, from 1 to 5."]
    assert field_errors(survey.text, "q1") == []
    assert 'value="4" checked' in survey.text or "checked" in survey.text  # answers kept
    assert snapshot() == before
    assert (_count(Excuse), _count(GoalComment), _count(MotivationScore)) == (0, 0, 0)


def test_the_goal_form_suggests_a_style_from_the_motivation(coach, pair, make_client):
    page = coach.get(f"{pair.goals}/new").text
    assert "A suggestion for Riley Runner (extrinsic motivation)" in page
    assert "Make a race the deadline" in page and "not a rule" in page
    quiet = make_client(pair.trainer, name="Quinn Quiet", motivation="intrinsic")
    page = coach.get(f"/clients/{quiet.id}/goals/new").text
    assert "(intrinsic motivation)" in page and "partner" in page
    assert field_value(page, "start_on") == iso(0)


def test_every_error_message_is_shown_next_to_its_field(coach, pair):
    response = coach.post(f"{pair.goals}/new", data={"kind": "distance"})
    assert response.status_code == 422
    assert set(errors_in(response.text)) == {"Give the goal a name, e.g. “First half marathon”.",
                                             "Enter the start date, like 2027-03-01.",
                                             "Enter the deadline, like 2027-06-01.",
                                             "Enter the distance, e.g. 10 or 21.1."}
    assert _count(Milestone) == 0
