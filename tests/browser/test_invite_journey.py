"""A new trainer signs up, adds a client and copies the invite; the runner joins and sees My plan."""
import re

from playwright.sync_api import expect


def test_trainer_invites_a_runner_who_joins(new_page):
    trainer = new_page()
    trainer.goto("/signup")
    trainer.get_by_label("Name").fill("Pat Coach")
    trainer.get_by_label("Email").fill("pat.coach@example.com")
    trainer.get_by_label("Password").fill("tempo intervals hills")
    trainer.get_by_role("button", name="Create account").click()
    expect(trainer.get_by_role("heading", level=1)).to_have_text("Clients")
    expect(trainer.get_by_text("Your roster is empty")).to_be_visible()

    trainer.get_by_role("link", name="Add a client").first.click()
    trainer.get_by_label("Name").fill("Robin Newrunner")
    trainer.get_by_label("Email").fill("robin@example.com")
    trainer.get_by_label("Best 5 km").fill("27:45")
    trainer.get_by_role("button", name="Save client").click()
    expect(trainer.get_by_text("Robin Newrunner is on your roster.")).to_be_visible()

    link = trainer.get_by_label("Invite link", exact=True).input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/invite/[\w-]{40,}", link)

    runner = new_page(width=390)
    runner.goto(link)
    expect(runner.get_by_role("heading", level=1)).to_have_text("Welcome, Robin Newrunner")
    runner.get_by_label("Choose a password").fill("river loop sunday")
    runner.get_by_label("Repeat password").fill("river loop sunday")
    runner.get_by_role("button", name="Join").click()
    expect(runner.get_by_role("heading", level=1)).to_have_text("My plan")
    expect(runner.get_by_text("What comes next")).to_be_visible()

    trainer.reload()
    expect(trainer.get_by_text("Joined")).to_be_visible()
    assert trainer.console_errors == [] and runner.console_errors == []
