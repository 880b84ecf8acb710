"""A trainer adds a shared cue and an A race with a goal time; the runner sees the cue under
"Focus this week", the countdown to the race, and downloads the pace band."""
from datetime import timedelta
from io import BytesIO

from playwright.sync_api import expect
from pypdf import PdfReader

from coachsite import clock
from coachsite.extensions import db
from tests.conftest import PASSWORD


def log_in(page, email):
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_trainer_plans_a_race_and_the_runner_takes_the_pace_band(new_page, make_trainer, make_client, make_runner):
    trainer_account = make_trainer(name="Alex Morgan", email="alex@example.com")
    riley = make_client(trainer_account, name="Riley Runner", email="riley@example.com")
    make_runner(riley)
    client_id = riley.id
    db.session.rollback()  # end the test's read so the server's writes are not kept waiting
    race_day = clock.today_for("UTC") + timedelta(days=30)

    trainer = new_page()
    log_in(trainer, "alex@example.com")
    trainer.goto(f"/clients/{client_id}/notes/")
    trainer.get_by_role("link", name="Add a note").click()
    trainer.get_by_label("Area").select_option(label="Posture")
    trainer.get_by_label("What you saw").fill("Sitting back in the last km of long runs.")
    trainer.get_by_label("Cue", exact=True).fill("Run tall")
    trainer.get_by_label("Drill").fill("Wall lean drill, 3 x 30 s before each run.")
    trainer.get_by_label("Shared with the runner").check()
    trainer.get_by_role("button", name="Save note").click()
    expect(trainer.get_by_text("Note saved and shared with Riley Runner.")).to_be_visible()

    trainer.get_by_role("navigation", name="Riley Runner").get_by_role("link", name="Races").click()
    trainer.get_by_role("link", name="Add a race").click()
    trainer.get_by_label("Race name").fill("Riverside Half Marathon")
    trainer.get_by_label("Race date").fill(race_day.isoformat())
    trainer.get_by_label("Distance", exact=True).select_option(label="Half marathon")
    trainer.get_by_label("A: the goal race (gets a taper)").check()
    trainer.get_by_label("Goal time").fill("1:55:00")
    trainer.get_by_label("Pacing strategy").select_option("negative")
    trainer.get_by_label("Strategy percentage").fill("2")
    trainer.get_by_role("button", name="Save race").click()
    expect(trainer.get_by_role("heading", level=1)).to_have_text("Riverside Half Marathon")
    expect(trainer.get_by_role("table").filter(has_text="Per km")).to_contain_text("1:55:00")

    runner = new_page(width=390)
    log_in(runner, "riley@example.com")
    expect(runner.get_by_role("heading", level=1)).to_have_text("My plan")
    focus = runner.get_by_role("region", name="Focus this week")
    expect(focus).to_contain_text("Run tall")
    countdown = runner.get_by_role("region", name="Next race")
    expect(countdown).to_contain_text("Riverside Half Marathon in 30 days")

    countdown.get_by_role("link", name="Riverside Half Marathon").click()
    with runner.expect_download() as download_info:
        runner.get_by_role("link", name="Download the pace band (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "pace-band-riverside-half-marathon.pdf"
    with open(download.path(), "rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
    assert "Riverside Half" in text and "1:55:00" in text and "Run" in text
    assert trainer.console_errors == [] and runner.console_errors == []
