"""The trainer proposes a goal with a milestone; the runner accepts it, logs a qualifying run,
and the reward shows as unlocked for both of them."""
from datetime import timedelta

from playwright.sync_api import expect

from coachsite import clock
from coachsite.extensions import db
from tests.conftest import PASSWORD


def log_in(page, email):  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_goal_from_proposal_to_reward(new_page, make_trainer, make_client, make_runner):
    coach_account = make_trainer(name="Alex Morgan", email="alex.goals@example.com")
    riley = make_client(coach_account, name="Riley Runner", email="riley.goals@example.com", motivation="extrinsic")
    make_runner(riley)
    client_id = riley.id
    db.session.rollback()  # end the test's read so the server's writes are not kept waiting
    today = clock.today_for("UTC")

    trainer = new_page()
    log_in(trainer, "alex.goals@example.com")
    trainer.goto(f"/clients/{client_id}/goals/")
    trainer.get_by_role("link", name="Propose a goal").first.click()
    expect(trainer.get_by_text("A suggestion for Riley Runner (extrinsic motivation)")).to_be_visible()
    trainer.get_by_label("Title").fill("First half marathon")
    trainer.get_by_label("Kind of goal").select_option(label="Single run of at least a distance")
    trainer.get_by_label("Start date").fill((today - timedelta(days=7)).isoformat())
    trainer.get_by_label("Deadline").fill((today + timedelta(days=60)).isoformat())
    trainer.get_by_label("Distance", exact=True).fill("21.1")
    trainer.get_by_label("Reward (the carrot)").fill("new running shoes")
    trainer.get_by_label("Consequence (the stick)").fill("buy the group coffee")
    trainer.get_by_role("button", name="Propose goal").click()
    expect(trainer.get_by_text("Goal proposed to Riley Runner")).to_be_visible()

    trainer.get_by_label("Due date").fill((today + timedelta(days=14)).isoformat())
    trainer.get_by_label("Distance", exact=True).fill("12")
    trainer.get_by_label("Reward", exact=True).fill("new socks")
    trainer.get_by_label("Consequence", exact=True).fill("extra hill session")
    trainer.get_by_role("button", name="Add milestone").click()
    expect(trainer.get_by_text("Milestone added: 12 km non-stop")).to_be_visible()
    expect(trainer.get_by_role("img", name="Progress towards 21.1 km non-stop")).to_be_visible()

    runner = new_page(width=390)
    log_in(runner, "riley.goals@example.com")
    expect(runner.get_by_text("New goal from your trainer")).to_be_visible()
    runner.get_by_role("link", name="First half marathon").click()
    runner.get_by_role("button", name="Accept this goal").click()
    expect(runner.get_by_text("You accepted “First half marathon”.")).to_be_visible()

    runner.goto(f"/clients/{client_id}/runs/new")
    runner.get_by_label("Date").fill(today.isoformat())
    runner.get_by_label("Distance").fill("12.4")
    runner.get_by_label("Duration").fill("1:12:30")
    runner.get_by_role("button", name="Log run").click()
    expect(runner.get_by_text("Run logged")).to_be_visible()

    runner.goto("/me")
    expect(runner.get_by_text("Reward unlocked: new socks")).to_be_visible()
    trainer.goto("/clients/")
    expect(trainer.get_by_text("Reward unlocked: new socks")).to_be_visible()
    trainer.get_by_role("button", name="Mark “new socks” as given").click()
    expect(trainer.get_by_text("Reward given: new socks")).to_be_visible()

    runner.goto(f"/clients/{client_id}/goals/")
    runner.get_by_role("link", name="First half marathon").click()
    expect(runner.get_by_role("progressbar", name="Longest run so far: 12.4 km of 21.1 km.")).to_be_visible()
    expect(runner.get_by_role("img", name="Progress towards 21.1 km non-stop")).to_be_visible()
    assert trainer.console_errors == [] and runner.console_errors == []
