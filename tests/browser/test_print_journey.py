"""The runner prints their calendar from the month view; the trainer prints two clients at once
and waits on the progress page for the file."""
from datetime import date
from io import BytesIO

from playwright.sync_api import expect
from pypdf import PdfReader

from coachsite.extensions import db
from coachsite.models import PlannedSession
from tests.conftest import PASSWORD


def log_in(page, email):
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def pdf_pages(download):
    with open(download.path(), "rb") as handle:
        return [page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages]


def test_the_runner_downloads_their_calendar_and_the_trainer_a_batch(new_page, make_trainer, make_client,
                                                                      make_runner):
    trainer_account = make_trainer(name="Alex Morgan", email="alex.print@example.com")
    riley = make_client(trainer_account, name="Riley Runner", email="riley.print@example.com")
    sam = make_client(trainer_account, name="Sam Patel")
    make_runner(riley)
    for client in (riley, sam):
        db.session.add(PlannedSession(client_id=client.id, on=date(2027, 1, 5), kind="tempo", distance_m=8000.0))
    db.session.commit()
    riley_id = riley.id
    db.session.rollback()  # end the test's read so the server's writes are not kept waiting

    runner = new_page(width=390)
    log_in(runner, "riley.print@example.com")
    runner.goto(f"/clients/{riley_id}/calendar/")
    runner.get_by_role("link", name="Print", exact=True).click()
    expect(runner.get_by_role("heading", level=1)).to_have_text("Print Riley Runner’s calendar")
    runner.get_by_label("Start month").fill("2027-01")
    runner.get_by_label("Months").fill("2")
    with runner.expect_download() as download_info:
        runner.get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == "calendar-riley-runner-2027-01-2-months.pdf"
    pages = pdf_pages(download)
    assert len(pages) == 2 and "January 2027" in pages[0] and "Tempo" in pages[0]

    trainer = new_page()
    log_in(trainer, "alex.print@example.com")
    trainer.goto("/print/batch")
    trainer.get_by_label("Riley Runner").check()
    trainer.get_by_label("Sam Patel").check()
    trainer.get_by_label("Start month").fill("2027-01")
    trainer.get_by_label("Months").fill("1")
    trainer.get_by_role("button", name="Start printing").click()
    expect(trainer.get_by_role("heading", level=1)).to_have_text("Calendars from January 2027")
    expect(trainer.get_by_label("Progress")).to_be_visible()
    link = trainer.get_by_role("link", name="Download the PDF")
    expect(link).to_be_visible(timeout=30_000)  # the page follows the job and shows the link when ready
    with trainer.expect_download() as download_info:
        link.click()
    pages = pdf_pages(download_info.value)
    assert len(pages) == 2 and "Riley Runner" in pages[0] and "Sam Patel" in pages[1]
    assert runner.console_errors == [] and trainer.console_errors == []
