"""Batch printing: a trainer's clients in one PDF, made in a background thread with its state in
the database; the same batch asked twice is one job and renders once; only its trainer sees it."""
import re
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from coachsite import pdf
from coachsite.extensions import db
from coachsite.models import PlannedSession, PrintJob, utcnow
from coachsite.printing import batch


@pytest.fixture
def roster(make_trainer, make_client):
    trainer = make_trainer(name="Alex Morgan")
    riley, sam = make_client(trainer, name="Riley Runner"), make_client(trainer, name="Sam Patel")
    make_client(trainer, name="Old Client", archived_at=utcnow())
    for client in (riley, sam):
        db.session.add(PlannedSession(client_id=client.id, on=date(2027, 1, 5), kind="easy", distance_m=6000.0))
    db.session.commit()
    return trainer, riley, sam


@pytest.fixture
def renders(monkeypatch):
    pdf.clear_cache()
    count = []
    real = pdf.render_html
    monkeypatch.setattr(pdf, "render_html", lambda html, folder: count.append(1) or real(html, folder))
    yield count
    pdf.clear_cache()


def ask(browser, **fields):
    data = {"start": "2027-01", "months": "2", "paper": "a4", **fields}
    return browser.post("/print/batch", data=data)


def job_id_of(response):
    assert response.status_code == 302, response.text
    return int(re.fullmatch(r"/print/batch/(\d+)", response.location).group(1))


def download(browser, job_id):
    response = browser.get(f"/print/batch/{job_id}/download")
    try:
        return response.data
    finally:
        response.close()  # the file is streamed


def finished(browser, job_id):
    db.session.rollback()  # end the test's own transaction: the job's thread writes its progress
    batch.wait(job_id)
    return browser.get(f"/print/batch/{job_id}/status").get_json()


def test_a_batch_is_made_in_the_background_and_downloaded(client, login, roster, renders):
    trainer, riley, sam = roster
    login(client, trainer)
    form = client.get("/print/batch").text
    assert "Riley Runner" in form and "Sam Patel" in form and "Old Client" not in form
    job_id = job_id_of(ask(client, clients=[str(riley.id), str(sam.id)]))
    status = finished(client, job_id)
    assert status == {"state": "done", "done": 4, "total": 4, "percent": 100, "message": "Ready: 4 pages.",
                      "download_url": f"/print/batch/{job_id}/download"}
    page = client.get(f"/print/batch/{job_id}").text
    assert 'value="4" max="4"' in page and "Download the PDF" in page and "http-equiv" not in page
    response = client.get(f"/print/batch/{job_id}/download")
    response.close()
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"] == "attachment; filename=calendars-2027-01-2-months.pdf"
    texts = [page.extract_text() for page in PdfReader(BytesIO(download(client, job_id))).pages]
    assert len(texts) == 4 and len(renders) == 4
    assert ["Riley Runner" in t for t in texts] == [True, True, False, False]  # a page per client and month
    assert "January 2027" in texts[0] and "February 2027" in texts[1] and "Sam Patel" in texts[2]


def test_the_same_batch_asked_again_is_the_same_job_and_renders_nothing_new(client, login, roster, renders):
    trainer, riley, sam = roster
    login(client, trainer)
    first = job_id_of(ask(client, everyone="y"))
    assert finished(client, first)["state"] == "done" and len(renders) == 4
    again = job_id_of(ask(client, clients=[str(sam.id), str(riley.id)]))  # all active = these two, any order
    assert again == first
    assert finished(client, again)["state"] == "done" and len(renders) == 4  # checked, nothing rendered
    assert db.session.query(PrintJob).count() == 1
    session = db.session.query(PlannedSession).filter_by(client_id=sam.id).one()
    session.distance_m = 7000.0
    db.session.commit()
    assert job_id_of(ask(client, everyone="y")) == first
    assert finished(client, first)["state"] == "done" and len(renders) == 5  # Sam's January only
    assert "7.0 km" in PdfReader(BytesIO(download(client, first))).pages[2].extract_text()
    other = job_id_of(ask(client, everyone="y", months="1"))
    assert other != first
    finished(client, other)


def test_a_running_job_shows_progress_and_refreshes_without_javascript(client, login, roster):
    trainer, riley, _ = roster
    job = PrintJob(trainer_id=trainer.id, request_key="k" * 64, client_ids=[riley.id], start_on=date(2027, 1, 1),
                   months=3, paper="a4", state="running", pages_done=1, pages_total=3)
    db.session.add(job)
    db.session.commit()
    login(client, trainer)
    page = client.get(f"/print/batch/{job.id}").text
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert '<progress id="job-progress" value="1" max="3">33%</progress>' in page
    assert "Printed 1 of 3 pages" in page and "Download the PDF" not in page
    assert 'src="/static/js/print-progress.js"' in page and "<script>" not in page and "style=" not in page
    status = client.get(f"/print/batch/{job.id}/status")
    assert status.get_json()["state"] == "running" and status.headers["Cache-Control"] == "no-store"
    assert client.get(f"/print/batch/{job.id}/download").status_code == 302  # not ready: back to the page


def test_a_job_whose_thread_died_is_failed_and_can_be_tried_again(client, login, roster, renders):
    trainer, riley, _ = roster
    job = PrintJob(trainer_id=trainer.id, request_key="d" * 64, client_ids=[riley.id], start_on=date(2027, 1, 1),
                   months=1, paper="a4", state="running", pages_done=0, pages_total=1,
                   heartbeat_at=utcnow() - timedelta(minutes=10))
    db.session.add(job)
    db.session.commit()
    login(client, trainer)
    page = client.get(f"/print/batch/{job.id}").text
    assert "Try again" in page and "http-equiv" not in page
    assert client.get(f"/print/batch/{job.id}/status").get_json()["state"] == "failed"
    response = client.post(f"/print/batch/{job.id}/retry")
    assert response.status_code == 302
    assert finished(client, job.id)["state"] == "done" and len(renders) == 1


def test_a_finished_job_whose_file_was_cleaned_up_can_be_made_again(app, client, login, roster):
    trainer, riley, _ = roster
    login(client, trainer)
    job_id = job_id_of(ask(client, clients=[str(riley.id)], months="1"))
    assert finished(client, job_id)["state"] == "done"
    (Path(app.instance_path) / batch.FOLDER / f"{job_id}.pdf").unlink()
    assert client.get(f"/print/batch/{job_id}/status").get_json()["state"] == "failed"
    client.post(f"/print/batch/{job_id}/retry")
    assert finished(client, job_id)["state"] == "done"


def test_other_trainers_clients_are_refused_next_to_the_field(client, login, roster, make_trainer, make_client):
    trainer, riley, _ = roster
    stranger = make_client(make_trainer(name="Blake Hughes"), name="Dana Cruz")
    login(client, trainer)
    for ids in ([str(stranger.id)], [str(riley.id), str(stranger.id)], ["1 OR 1=1"]):
        response = ask(client, clients=ids)
        assert response.status_code == 422
        assert '<p class="error" id="clients-error">Choose only from your own active clients listed here.</p>' \
            in response.text
    response = ask(client, months="13")
    assert response.status_code == 422
    assert "Tick at least one client, or choose all your active clients." in response.text
    assert "Choose from 1 to 12 months." in response.text and 'value="13"' in response.text
    assert db.session.query(PrintJob).count() == 0


def test_jobs_belong_to_the_trainer_who_asked(client, login, roster, make_trainer, make_client, make_runner):
    trainer, riley, _ = roster
    login(client, trainer)
    job_id = job_id_of(ask(client, clients=[str(riley.id)], months="1"))
    finished(client, job_id)
    runner = make_runner(riley)
    for someone in (make_trainer(name="Blake Hughes"), runner):
        login(client, someone)
        for path in ("", "/status", "/download"):
            assert client.get(f"/print/batch/{job_id}{path}").status_code == 404
        assert client.post(f"/print/batch/{job_id}/retry").status_code == 404
    assert client.get("/print/batch").status_code == 404  # runners do not batch-print


def test_a_trainer_without_clients_is_told(client, login, make_trainer):
    login(client, make_trainer())
    assert "You have no active clients to print yet." in client.get("/print/batch").text


def test_the_clients_offered_are_those_authz_lets_the_trainer_manage(client, login, roster, make_trainer,
                                                                     make_client):
    """A club's owner manages every client of the club (coachsite.authz), so may print them too."""
    from coachsite.models import Club, Membership

    trainer, riley, _ = roster
    club = Club(name="Riverside Runners")
    db.session.add(club)
    db.session.flush()
    colleague = make_trainer(name="Blake Hughes")
    db.session.add_all([Membership(club_id=club.id, user_id=trainer.id, role="owner"),
                        Membership(club_id=club.id, user_id=colleague.id, role="trainer")])
    db.session.commit()
    theirs = make_client(colleague, name="Dana Cruz", club_id=club.id)
    login(client, trainer)
    assert "Dana Cruz" in client.get("/print/batch").text
    job_id = job_id_of(ask(client, clients=[str(theirs.id)], months="1"))
    assert finished(client, job_id)["state"] == "done"
    login(client, colleague)  # the colleague manages Dana too, but the job is the owner's
    assert client.get(f"/print/batch/{job_id}").status_code == 404
    assert "Riley Runner" not in client.get("/print/batch").text


def test_each_clients_pages_are_in_their_own_units(client, login, roster):
    """Per-request caches (the filters' units) must not carry one client's units to the next."""
    from coachsite.models import Race

    trainer, riley, sam = roster
    sam.units = "mi"
    for someone in (riley, sam):
        db.session.add(Race(client_id=someone.id, name=f"{someone.name} 15K", on=date(2027, 1, 24),
                            distance_m=15000.0, priority="B", goal_time_s=4500))
    db.session.commit()
    login(client, trainer)
    job_id = job_id_of(ask(client, clients=[str(riley.id), str(sam.id)], months="1"))
    assert finished(client, job_id)["state"] == "done"
    riley_page, sam_page = ["".join(page.extract_text().split())
                            for page in PdfReader(BytesIO(download(client, job_id))).pages]
    assert "Easy6.0km" in riley_page and "15.0km" in riley_page
    assert "Easy3.7mi" in sam_page and "9.3mi" in sam_page and "km" not in sam_page
