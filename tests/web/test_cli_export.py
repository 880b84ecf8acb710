"""`flask export-calendar`: the same PDF as the web, and clear errors with a non-zero exit."""
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from coachsite.extensions import db
from coachsite.models import PlannedSession


@pytest.fixture
def riley(make_trainer, make_client, make_runner):
    trainer = make_trainer(name="Alex Morgan", email="alex@example.com")
    client = make_client(trainer, name="Riley Runner", email="riley@example.com")
    make_runner(client)
    db.session.add(PlannedSession(client_id=client.id, on=date(2027, 1, 5), kind="tempo", distance_m=8000.0))
    db.session.commit()
    return client


def export(app, *args):
    return app.test_cli_runner().invoke(args=["export-calendar", *args])


def test_writes_the_same_pdf_as_the_web(app, client, login, riley, tmp_path):
    output = tmp_path / "riley.pdf"
    result = export(app, "--client", "RILEY@example.com", "--start", "2027-01", "--months", "3", "--paper", "a4",
                    "--output", str(output))
    assert result.exit_code == 0, result.output
    assert "Wrote Riley Runner's calendar, 3 month(s) from January 2027" in result.output
    data = output.read_bytes()
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 3 and "Riley Runner" in reader.pages[0].extract_text()
    login(client, riley.trainer)
    assert client.get(f"/clients/{riley.id}/calendar.pdf?start=2027-01&months=3&paper=a4").data == data


def test_paper_defaults_to_the_runners_setting(app, riley, tmp_path):
    riley.runner.paper = "letter"
    db.session.commit()
    output = tmp_path / "riley.pdf"
    assert export(app, "--client", "riley@example.com", "--start", "2027-01", "--output", str(output)).exit_code == 0
    [page] = PdfReader(BytesIO(output.read_bytes())).pages
    assert round(float(page.mediabox.width)) == 792


@pytest.mark.parametrize("args, message", [
    (["--client", "nobody@example.com"], "No client has the email 'nobody@example.com'"),
    (["--client", "riley@example.com", "--months", "13"], "Choose from 1 to 12 months."),
    (["--client", "riley@example.com", "--months", "0"], "Choose from 1 to 12 months."),
    (["--client", "riley@example.com", "--start", "2027-13"], "Use a month like 2027-01."),
    (["--client", "riley@example.com", "--start", "Jan 2027"], "Use a month like 2027-01."),
    (["--client", "riley@example.com", "--paper", "a3"], "Choose A4 or US Letter."),
])
def test_bad_input_is_a_clear_message_and_a_non_zero_exit(app, riley, tmp_path, args, message):
    output = tmp_path / "out.pdf"
    result = export(app, *args, "--output", str(output))
    assert result.exit_code == 2
    assert message in result.output
    assert not output.exists()


def test_an_email_shared_by_two_trainers_clients_asks_which(app, riley, make_trainer, make_client, tmp_path):
    other = make_trainer(email="blake@example.com")
    make_client(other, name="Riley at the other club", email="riley@example.com")
    output = tmp_path / "out.pdf"
    result = export(app, "--client", "riley@example.com", "--output", str(output))
    assert result.exit_code == 2 and "2 clients have the email" in result.output and "--trainer" in result.output
    result = export(app, "--client", "riley@example.com", "--trainer", "alex@example.com", "--start", "2027-01",
                     "--output", str(output))
    assert result.exit_code == 0, result.output
    assert "Riley Runner" in PdfReader(BytesIO(output.read_bytes())).pages[0].extract_text()


def test_an_unwritable_output_is_reported(app, riley, tmp_path):
    result = export(app, "--client", "riley@example.com", "--output", str(tmp_path / "missing" / "out.pdf"))
    assert result.exit_code == 1 and "Could not write" in result.output
