"""Importing GPX, FIT and CSV files: a preview first, then all or nothing, never twice.

Uses the real device files in the shared samples folder (see its README for the reference
figures); set COACHSITE_SAMPLES to read them from elsewhere.
"""
from __future__ import annotations

import io
import os
import re
from datetime import date, datetime, timedelta, timezone
from html import unescape
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import stream_encode_multipart

from coachsite.extensions import db
from coachsite.models import Activity, Client
from tests.web.pages import field_errors, flashes, path_of, rows, snapshot

SAMPLES = Path(os.environ.get("COACHSITE_SAMPLES") or Path(__file__).resolve().parents[2].parent / "shared" / "samples")


def sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample file {path} is not there (set COACHSITE_SAMPLES)")
    return path.read_bytes()


def upload(browser, client_id: int, name: str, data: bytes, units: str = "km"):  # type: ignore[no-untyped-def]
    return browser.post(f"/clients/{client_id}/runs/import", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(data), name), "csv_units": units})


def payload_of(html: str) -> str:
    match = re.search(r'<input [^>]*name="payload"[^>]*value="([^"]*)"', html)
    assert match, "no confirm form on the page"
    return unescape(match.group(1))


def confirm(browser, client_id: int, html: str, **fields: str):  # type: ignore[no-untyped-def]
    return browser.post(f"/clients/{client_id}/runs/import/confirm", data={"payload": payload_of(html), **fields})


def preview_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("</tr>")[:-1]]


@pytest.fixture
def trainer(make_trainer):  # type: ignore[no-untyped-def]
    return make_trainer()


@pytest.fixture
def casey(make_client, trainer) -> Client:  # type: ignore[no-untyped-def]
    return make_client(trainer, name="Casey Client")


@pytest.fixture
def runner(casey, make_runner, login, client):  # type: ignore[no-untyped-def]
    user = make_runner(casey)
    login(client, user)
    return user


def test_the_upload_form_sends_files(client, casey, runner):
    page = client.get(f"/clients/{casey.id}/runs/import").text
    assert 'enctype="multipart/form-data"' in page
    assert re.search(r'<input accept=".gpx,.fit,.csv"[^>]*id="file"[^>]*type="file"', page)
    assert '<label for="file">Activity file</label>' in page and "<legend>Distances in a CSV file are in</legend>" in page
    assert page.count("<h1>") == 1


def test_a_fit_run_is_previewed_then_imported(client, casey, runner):
    preview = upload(client, casey.id, "activity-small-fenix2-run.fit", sample("activity-small-fenix2-run.fit"))
    assert preview.status_code == 200
    assert preview_rows(preview.text) == ["Sat 15 Aug 2015 9.01 km 47:12 Run Will be imported"]
    assert "Nothing is saved yet" in preview.text and 'value="Import 1 run"' in preview.text
    assert rows(Activity) == []  # nothing before confirmation
    response = confirm(client, casey.id, preview.text)
    assert response.status_code == 302 and path_of(response.location) == f"/clients/{casey.id}/runs/"
    log = client.get(response.location).text
    assert flashes(log) == ["Imported 1 run (0 already there)."]
    assert "9.01 km" in log and "47:12" in log and "FIT file" in log
    [run] = rows(Activity)
    assert (run["on"], round(run["distance_m"]), run["duration_s"], run["sport"], run["source"]) == \
        (date(2015, 8, 15), 9008, 2832, "run", "fit")
    assert run["fingerprint"] and run["logged_by_id"] == runner.id
    assert db.session.get(Client, casey.id).last_activity_on == date(2015, 8, 15)
    week = client.get(f"/clients/{casey.id}/calendar/week?day=2015-08-15").text
    assert "Ran 9.0 km in 47:12" in week


def test_a_bike_ride_is_cross_training_not_a_run(client, casey, runner):
    preview = upload(client, casey.id, "garmin-fenix-5-bike.fit", sample("garmin-fenix-5-bike.fit"))
    assert preview_rows(preview.text) == \
        ["Mon 12 Jun 2017 0.46 km 1:00 Cross-training (cycling) Will be imported as cross-training"]
    assert "Not running (cycling): imported as cross-training" in preview.text
    response = confirm(client, casey.id, preview.text)
    log = client.get(response.location).text
    assert flashes(log) == ["Imported 0 runs and 1 cross-training session (0 already there)."]
    assert "Cross-training" in log
    [ride] = rows(Activity)
    assert (ride["sport"], ride["comment"], ride["source"]) == ("cross", "Cycling", "fit")
    assert db.session.get(Client, casey.id).last_activity_on is None  # not a run
    week = client.get(f"/clients/{casey.id}/calendar/week?day=2017-06-12").text
    assert "Ran " not in week and "Extra run" not in week


def test_a_truncated_fit_file_is_refused_and_nothing_saved(client, casey, runner):
    response = upload(client, casey.id, "activity-unexpected-eof.fit", sample("activity-unexpected-eof.fit"))
    assert response.status_code == 422
    assert field_errors(response.text, "file") == ["The FIT file is damaged (it ends too early); nothing was imported"]
    assert rows(Activity) == []


def test_a_gpx_with_times(client, casey, runner):
    preview = upload(client, casey.id, "cerknicko-jezero.gpx", sample("cerknicko-jezero.gpx"))
    assert preview_rows(preview.text) == ["Thu 5 Aug 2010 4.58 km 40:25 Run Will be imported"]
    confirm(client, casey.id, preview.text)
    [run] = rows(Activity)
    assert (run["on"], run["duration_s"], run["source"]) == (date(2010, 8, 5), 2425, "gpx")
    assert run["distance_m"] == pytest.approx(4580, abs=5)


def test_a_gpx_without_times_asks_for_the_duration(client, casey, runner):
    data = sample("cerknicko-without-times.gpx")
    preview = upload(client, casey.id, "cerknicko-without-times.gpx", data)
    assert preview.status_code == 200
    assert preview_rows(preview.text) == ["Thu 5 Aug 2010 4.58 km Not in the file Run Will be imported"]
    assert "The file has no times" in preview.text
    assert '<label for="duration_0">How long did the run on Thu 5 Aug 2010 take?</label>' in preview.text
    missing = confirm(client, casey.id, preview.text)
    assert missing.status_code == 422
    assert field_errors(missing.text, "duration_0") == ["Enter how long this run took, e.g. 45:00."]
    bad = confirm(client, casey.id, preview.text, duration_0="an hour")
    assert field_errors(bad.text, "duration_0") == ["Use h:mm:ss or mm:ss, e.g. 24:30"]
    assert rows(Activity) == []
    assert confirm(client, casey.id, preview.text, duration_0="1:10:00").status_code == 302
    [run] = rows(Activity)
    assert run["duration_s"] == 4200 and run["distance_m"] == pytest.approx(4580, abs=5)
    again = upload(client, casey.id, "cerknicko-without-times.gpx", data)  # the typed time does not hide it
    assert preview_rows(again.text) == ["Thu 5 Aug 2010 4.58 km Not in the file Run Already in the log: skipped"]
    assert "duration_0" not in again.text


def test_a_gpx_without_track_points_has_nothing_to_import(client, casey, runner):
    response = upload(client, casey.id, "unicode.gpx", sample("unicode.gpx"))
    assert response.status_code == 422
    assert field_errors(response.text, "file") == ["The file has no track points: nothing to import"]
    assert rows(Activity) == []


def test_a_track_with_an_empty_segment_imports(client, casey, runner):
    preview = upload(client, casey.id, "track-with-empty-segment.gpx", sample("track-with-empty-segment.gpx"))
    assert preview.status_code == 200 and "0.09 km" in preview.text


CSV = b"date,distance,duration,effort,comment\n2024-03-05,10,50:00,6,Easy\n2024-03-07,5.5,27:30,,Hills\n"


def test_a_csv_log_in_the_chosen_units(client, casey, runner):
    preview = upload(client, casey.id, "log.csv", CSV, units="mi")
    assert preview_rows(preview.text) == ["Tue 5 Mar 2024 (row 2) 16.09 km 50:00 Run Will be imported",
                                          "Thu 7 Mar 2024 (row 3) 8.85 km 27:30 Run Will be imported"]
    response = confirm(client, casey.id, preview.text)
    assert flashes(client.get(response.location).text) == ["Imported 2 runs (0 already there)."]
    assert [(r["on"], round(r["distance_m"]), r["effort"], r["comment"], r["source"]) for r in rows(Activity)] == \
        [(date(2024, 3, 5), 16093, 6, "Easy", "csv"), (date(2024, 3, 7), 8851, None, "Hills", "csv")]
    assert db.session.get(Client, casey.id).last_activity_on == date(2024, 3, 7)


def test_a_csv_with_a_bad_row_names_it_and_saves_nothing(client, casey, runner):
    response = upload(client, casey.id, "log.csv", CSV + b"03/04/2024,8,40:00,,\n")
    assert response.status_code == 422
    assert field_errors(response.text, "file") == \
        ["Row 4: date '03/04/2024' is not a date; use YYYY-MM-DD, e.g. 2024-03-05"]
    assert rows(Activity) == []


def test_a_csv_row_dated_in_the_future_is_refused(client, casey, runner):
    later = (datetime.now(timezone.utc).date() + timedelta(days=5)).isoformat()
    response = upload(client, casey.id, "log.csv", CSV + f"{later},8,40:00,,\n".encode())
    assert response.status_code == 422
    assert field_errors(response.text, "file") == [f"Row 4: the run is dated {later}, which is still to come; "
                                                   "check the date"]


def test_the_same_row_twice_in_a_file_is_imported_once(client, casey, runner):
    preview = upload(client, casey.id, "log.csv", CSV + b"2024-03-07,5.5,27:30,,Hills again\n")
    assert preview_rows(preview.text)[2].endswith("Twice in this file: imported once")
    response = confirm(client, casey.id, preview.text)
    assert flashes(client.get(response.location).text) == ["Imported 2 runs (1 already there)."]
    assert len(rows(Activity)) == 2


def test_importing_the_same_file_again_adds_nothing(client, casey, runner):
    data = sample("activity-small-fenix2-run.fit")
    first = upload(client, casey.id, "activity-small-fenix2-run.fit", data)
    confirm(client, casey.id, first.text)
    second = upload(client, casey.id, "renamed.fit", data)
    assert preview_rows(second.text) == ["Sat 15 Aug 2015 9.01 km 47:12 Run Already in the log: skipped"]
    assert "Everything in this file is already in the log" in second.text and 'name="payload"' not in second.text
    replayed = confirm(client, casey.id, first.text)  # the first preview's form, sent again
    assert flashes(client.get(replayed.location).text) == ["Imported 0 runs (1 already there)."]
    assert len(rows(Activity)) == 1


def test_a_changed_payload_is_refused(client, casey, make_client, trainer, login):
    other = make_client(trainer, name="Other Client")
    login(client, trainer)
    preview = upload(client, casey.id, "log.csv", CSV)
    payload = payload_of(preview.text)
    tampered = payload.replace(payload[5], "A" if payload[5] != "A" else "B", 1)
    before = snapshot()
    for path, sent in [(casey.id, tampered), (casey.id, ""), (casey.id, "not-a-payload"),
                       (other.id, payload)]:  # signed, but previewed for another client
        response = client.post(f"/clients/{path}/runs/import/confirm", data={"payload": sent})
        assert response.status_code == 400, (path, sent[:10])
    assert snapshot() == before


@pytest.mark.parametrize(("name", "data", "message"), [
    ("notes.txt", b"just some text", "'notes.txt' is not a GPX, FIT or CSV file"),
    ("empty.gpx", b"", "'empty.gpx' is empty: nothing to import"),
    ("broken.gpx", b"<gpx><trk><trkseg><trkpt", "The GPX file is damaged or is not a GPX file; nothing was imported"),
])
def test_files_that_are_not_activities(client, casey, runner, name, data, message):
    response = upload(client, casey.id, name, data)
    assert response.status_code == 422
    assert field_errors(response.text, "file") == [message]


def test_no_file_chosen(client, casey, runner):
    response = client.post(f"/clients/{casey.id}/runs/import", data={"csv_units": "km"},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert field_errors(response.text, "file") == ["Choose a GPX, FIT or CSV file to import."]


def test_a_file_over_5_mb_gets_a_clear_message(client, casey, runner):
    # Encoded in memory: the test client's own temporary file for a large body is never closed.
    body, length, boundary = stream_encode_multipart(
        MultiDict({"file": FileStorage(io.BytesIO(b"x" * (6 * 1024 * 1024)), "huge.csv"), "csv_units": "km"}),
        use_tempfile=False)
    response = client.post(f"/clients/{casey.id}/runs/import", input_stream=body,
                           content_type=f'multipart/form-data; boundary="{boundary}"', content_length=length)
    assert response.status_code == 422
    assert field_errors(response.text, "file") == [
        "The file is 6.0 MB; files of up to 5 MB can be imported. Export a single activity, "
        "or split the CSV into smaller files."]


@pytest.mark.parametrize("who", ["another trainer", "another runner"])
def test_strangers_get_404_and_nothing_is_saved(client, casey, make_trainer, make_client, make_runner, login, who):
    login(client, casey.trainer)
    preview = upload(client, casey.id, "log.csv", CSV)
    client.post("/logout")
    if who == "another trainer":
        login(client, make_trainer(name="Nosy Trainer"))
    else:
        login(client, make_runner(make_client(casey.trainer, name="Classmate")))
    before = snapshot()
    assert client.get(f"/clients/{casey.id}/runs/import").status_code == 404
    assert upload(client, casey.id, "log.csv", CSV).status_code == 404
    assert confirm(client, casey.id, preview.text).status_code == 404
    assert snapshot() == before


def test_the_import_goes_through_with_csrf_protection(csrf_app, casey, make_runner):
    from tests.conftest import PASSWORD, csrf_token

    client_id, email = casey.id, make_runner(casey).email
    db.session.rollback()  # no read left open while the other app's requests write
    browser = csrf_app.test_client()
    token = csrf_token(browser.get("/login").text)
    assert browser.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token}).status_code == 302
    token = csrf_token(browser.get(f"/clients/{client_id}/runs/import").text)
    preview = browser.post(f"/clients/{client_id}/runs/import", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(CSV), "log.csv"), "csv_units": "km", "csrf_token": token})
    assert preview.status_code == 200
    response = browser.post(f"/clients/{client_id}/runs/import/confirm",
                            data={"payload": payload_of(preview.text), "csrf_token": csrf_token(preview.text)})
    assert response.status_code == 302
    assert len(rows(Activity)) == 2


def test_a_confirm_racing_another_adds_only_what_is_missing(client, casey, runner, monkeypatch):
    """Two confirms at once (a double-click): the later one's first look misses the earlier one's rows."""
    from coachsite.runs import services

    preview = upload(client, casey.id, "log.csv", CSV)
    client.get(confirm(client, casey.id, preview.text).location)  # the first confirm, its message read
    real = services.existing_fingerprints
    looks = []

    def stale_first_look(*args):  # type: ignore[no-untyped-def]
        looks.append(args)
        return set() if len(looks) == 1 else real(*args)

    monkeypatch.setattr(services, "existing_fingerprints", stale_first_look)
    response = confirm(client, casey.id, preview.text)
    assert response.status_code == 302 and len(looks) == 2
    assert flashes(client.get(response.location).text) == ["Imported 0 runs (2 already there)."]
    assert len(rows(Activity)) == 2
