"""The journey page (personal bests over time, longest-run progression, the weekly volume chart,
milestones and rewards earned, firsts) and the season report PDF."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from coachsite.extensions import db
from coachsite.models import Activity, Client, Goal, Milestone, Race, User
from tests.web.pages import counted, field_errors

START = date(2026, 3, 2)  # a Monday


@pytest.fixture
def riley(make_trainer, make_client, make_runner) -> tuple[User, Client, User]:  # type: ignore[no-untyped-def]
    coach = make_trainer(name="Alex Morgan")
    riley = make_client(coach, name="Riley Runner", email="riley.journey@example.com")
    runner = make_runner(riley)
    runs = [(0, 5.0, 30 * 60), (7, 5.02, 28 * 60), (9, 8.0, 48 * 60), (14, 10.0, 60 * 60), (16, 3.0, 17 * 60),
            (35, 21.1, 2 * 3600 + 5 * 60)]
    for day, km, seconds in runs:
        db.session.add(Activity(client_id=riley.id, on=START + timedelta(days=day), distance_m=km * 1000,
                                duration_s=seconds))
    db.session.add(Activity(client_id=riley.id, on=START + timedelta(days=1), distance_m=40000.0, duration_s=7200,
                            sport="cross"))  # a bike ride is not a run
    db.session.add_all([
        Race(client_id=riley.id, name="Spring 10K", on=START + timedelta(days=21), distance_m=10000.0,
             result_time_s=55 * 60),
        Race(client_id=riley.id, name="Future 5K", on=date(2099, 1, 1), distance_m=5000.0)])
    goal = Goal(client_id=riley.id, kind="distance", title="First half marathon", start_on=START,
                due_on=START + timedelta(days=60), distance_m=21100.0, reward="new running shoes",
                consequence="coffee", state="achieved", settled_on=START + timedelta(days=35),
                proposed_by_id=coach.id)
    goal.milestones = [Milestone(due_on=START + timedelta(days=15), distance_m=10000.0, reward="new socks",
                                 state="achieved", settled_on=START + timedelta(days=14)),
                       Milestone(due_on=START + timedelta(days=30), distance_m=16000.0, reward="a cap",
                                 state="missed", settled_on=START + timedelta(days=30))]
    db.session.add(goal)
    db.session.commit()
    return coach, riley, runner


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'<h2 id="{heading_id}">(.*?)</section>', html, re.S)
    assert match, heading_id
    return match.group(1)


def test_personal_bests_over_time_from_runs_and_races(client, login, riley):
    coach, runner_client, _ = riley
    login(client, coach)
    page = client.get(f"/clients/{runner_client.id}/journey").text
    bests = section(page, "bests-heading")
    assert "<strong>5 km:</strong> 28:00 on Mon 9 Mar 2026 (Run of 5.0 km)." in bests
    assert "<strong>10 km:</strong> 55:00 on Mon 23 Mar 2026 (Spring 10K)." in bests
    five = re.search(r"<caption>5 km: each new personal best</caption>(.*?)</table>", bests, re.S).group(1)
    assert re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>", five) == [("Mon 2 Mar 2026", "30:00"),
                                                                         ("Mon 9 Mar 2026", "28:00")]
    assert "Half marathon" in bests and "Marathon:" not in bests  # no marathon run: no chart for it


def test_longest_run_progression_and_the_weekly_chart(client, login, riley):
    coach, runner_client, _ = riley
    login(client, coach)
    page = client.get(f"/clients/{runner_client.id}/journey").text
    longest = section(page, "longest-heading")
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td></tr>", longest)
    assert rows == [("Mon 2 Mar 2026", "5.0 km"), ("Mon 9 Mar 2026", "5.0 km"), ("Wed 11 Mar 2026", "8.0 km"),
                    ("Mon 16 Mar 2026", "10.0 km"), ("Mon 6 Apr 2026", "21.1 km")]
    volume = section(page, "volume-heading")
    svg = re.search(r"<svg .*?</svg>", volume, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="weekly-volume-title weekly-volume-desc"' in svg
    assert '<title id="weekly-volume-title">Weekly volume</title>' in svg
    assert ">Week</text>" in svg and ">km per week</text>" in svg  # axis names
    labels = re.findall(r'<g class="tick">.*?>([^<>]+)</text></g>', svg)
    # weeks up to today: month ticks with the year on the x axis, round numbers on the y axis
    assert len(labels) >= 4 and all(re.fullmatch(r"[A-Z][a-z]{2} 20\d\d|\d+(\.\d+)?", label) for label in labels)
    assert any(re.fullmatch(r"[A-Z][a-z]{2} 20\d\d", label) for label in labels)
    assert "<path" in svg
    table = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td></tr>", volume)
    assert table[-1] == ("Mon 2 Mar 2026", "5.0 km") and ("Mon 9 Mar 2026", "13.0 km") in table
    assert " style=" not in page and "<style" not in page  # the CSP forbids inline styles: none used


def test_milestones_rewards_and_firsts(client, login, riley):
    _, runner_client, runner = riley
    login(client, runner)  # the runner sees their own journey
    page = client.get(f"/clients/{runner_client.id}/journey").text
    earned = section(page, "earned-heading")
    assert "Goal “First half marathon”" in earned and "Reward: new running shoes" in earned
    assert "Milestone 10 km non-stop of “First half marathon”" in earned and "Reward: new socks" in earned
    assert "a cap" not in earned  # missed
    firsts = re.findall(r"<li><strong>([^<]+)</strong>: ([^(]+) \(([^)]+)\)</li>", section(page, "firsts-heading"))
    assert firsts == [("First run logged", "Mon 2 Mar 2026", "Run of 5.0 km"),
                      ("First 5 km without stopping", "Mon 2 Mar 2026", "Run of 5.0 km"),
                      ("First 10 km", "Mon 16 Mar 2026", "Run of 10.0 km"),
                      ("First race", "Mon 23 Mar 2026", "Spring 10K"),
                      ("First half marathon", "Mon 6 Apr 2026", "Run of 21.1 km")]
    assert "Season report" not in page  # the trainer's to hand over


def test_an_empty_journey_says_what_will_fill_it(client, login, make_trainer, make_client):
    coach = make_trainer()
    newcomer = make_client(coach, name="Nell New")
    login(client, coach)
    page = client.get(f"/clients/{newcomer.id}/journey").text
    assert "Nothing to look back on yet." in page and "<svg" not in page


def test_the_journey_costs_a_fixed_handful_of_queries(client, login, riley):
    coach, runner_client, _ = riley
    login(client, coach)
    path = f"/clients/{runner_client.id}/journey"
    db.session.commit()
    with counted() as short:
        client.get(path)
    for day in range(400):
        db.session.add(Activity(client_id=runner_client.id, on=START - timedelta(days=day + 1),
                                distance_m=4000.0 + day, duration_s=1500 + day))
    db.session.commit()
    with counted() as long:
        response = client.get(path)
    assert response.status_code == 200
    assert len(long) == len(short) <= 10, long


def test_the_season_report_is_the_journey_in_print(client, login, riley):
    coach, runner_client, _ = riley
    login(client, coach)
    response = client.get(f"/clients/{runner_client.id}/journey/season-report?start=2026-03-01&end=2026-03-31")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Riley Runner" in text and "season report" in text
    assert "28:00" in text and "55:00" in text  # the 5 km and 10 km bests
    assert "Weekly volume" in text and "km per week" in text  # the chart's own labels, drawn as vectors
    assert "new socks" in text


def test_a_season_that_ends_before_it_starts_is_explained(client, login, riley):
    coach, runner_client, _ = riley
    login(client, coach)
    response = client.get(f"/clients/{runner_client.id}/journey/season-report?start=2026-06-01&end=2026-03-01")
    assert response.status_code == 422
    assert field_errors(response.text, "season-end") == [
        "The season ends before it starts: choose an end on or after the start."]
    assert 'value="2026-06-01"' in response.text
