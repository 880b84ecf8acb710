"""Runners download all their data; trainers their roster, as JSON and CSV with formulas neutralised."""
import csv
import io
import json
from datetime import date

from coachsite.exports import neutralise
from coachsite.extensions import db
from coachsite.models import Activity, TechniqueNote


def test_runner_export_holds_their_runs_and_shared_notes_only(client, make_trainer, make_client, make_runner, login):
    trainer = make_trainer()
    record = make_client(trainer, email="riley@example.com")
    runner = make_runner(record)
    db.session.add_all([
        Activity(client_id=record.id, on=date(2027, 1, 2), distance_m=5000, duration_s=1500),
        TechniqueNote(client_id=record.id, author_id=trainer.id, on=date(2027, 1, 2), area="cadence",
                      cue="Quick light feet", shared=True, tone="push"),
        TechniqueNote(client_id=record.id, author_id=trainer.id, on=date(2027, 1, 3), area="mindset",
                      observation="Private worry about knee", shared=False, tone="push")])
    db.session.commit()
    login(client, runner)
    response = client.get("/account/export.json")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.data)
    assert data["account"]["email"] == "riley@example.com" and "password_hash" not in data["account"]
    assert [run["distance_m"] for run in data["training"]["runs"]] == [5000]
    assert [note["cue"] for note in data["training"]["technique_notes"]] == ["Quick light feet"]
    assert "Private worry" not in response.text


def test_trainer_roster_csv_neutralises_formulas_and_holds_only_their_clients(client, make_trainer, make_client,
                                                                              login):
    trainer, other = make_trainer(), make_trainer(name="Other")
    make_client(trainer, name="=HYPERLINK(\"http://evil.example\")", notes="@SUM(A1)")
    make_client(trainer, name="Plain Name", notes="-5 km today")
    make_client(other, name="Not Mine")
    login(client, trainer)
    rows = list(csv.DictReader(io.StringIO(client.get("/clients/export.csv").text)))
    assert sorted(row["name"] for row in rows) == ["'=HYPERLINK(\"http://evil.example\")", "Plain Name"]
    assert {row["notes"] for row in rows} == {"'@SUM(A1)", "'-5 km today"}
    roster = json.loads(client.get("/clients/export.json").data)
    assert sorted(c["client"]["name"] for c in roster["clients"]) == ["=HYPERLINK(\"http://evil.example\")",
                                                                     "Plain Name"]


def test_runner_cannot_export_a_roster(client, make_trainer, make_client, make_runner, login):
    runner = make_runner(make_client(make_trainer(), email="r@example.com"))
    login(client, runner)
    assert client.get("/clients/export.csv").status_code == 404


def test_neutralise():
    assert [neutralise(v) for v in ("=1+1", "+1", "-1", "@x", "\tx", "ok", None, 5)] == \
        ["'=1+1", "'+1", "'-1", "'@x", "'\tx", "ok", "", "5"]
