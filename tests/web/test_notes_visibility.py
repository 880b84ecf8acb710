"""Technique notes: the trainer sees every note, the runner only the shared ones (a private note's
URL is 404 for them), anyone else nothing at all, and a refused request changes nothing."""
from datetime import date

import pytest
from sqlalchemy import select

from coachsite import authz
from coachsite.extensions import db
from coachsite.models import Client, TechniqueNote
from tests.web.pages import field_errors, field_value, flashes, snapshot


def note_form(**fields):
    data = {"on": "2026-11-02", "area": "cadence", "observation": "Overstriding downhill.", "cue": "Quick light feet",
            "drill": "4 x 20 s quick feet", "status": "open", "visibility": "shared", "tone": "push",
            "measure_value": "", "measure_unit": ""}
    data.update(fields)
    return data


def add_note(client_id, on=date(2026, 11, 2), **fields):
    author_id = db.session.get_one(Client, client_id).trainer_id
    note = TechniqueNote(client_id=client_id, author_id=author_id, on=on, **{
        "area": "cadence", "cue": "Quick light feet", "status": "open", "shared": True, "tone": "push", **fields})
    db.session.add(note)
    db.session.commit()
    return note


@pytest.fixture
def coached(make_trainer, make_client, make_runner):
    trainer = make_trainer(name="Alex Morgan")
    riley = make_client(trainer, name="Riley Runner")
    runner = make_runner(riley)
    return trainer, riley, runner


def test_trainer_adds_shared_and_private_notes_and_sees_both(client, login, coached):
    trainer, riley, _ = coached
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/notes/new", data=note_form(), follow_redirects=True)
    assert "Note saved and shared with Riley Runner." in flashes(response.text)
    response = client.post(f"/clients/{riley.id}/notes/new", data=note_form(
        area="mindset", cue="", observation="Doubts herself before races; keep it private.", visibility="private"),
        follow_redirects=True)
    assert "Note saved (trainer only)." in flashes(response.text)
    page = client.get(f"/clients/{riley.id}/notes/").text
    assert "Quick light feet" in page and "Doubts herself" in page and "Trainer only" in page
    shared, private = db.session.scalars(select(TechniqueNote).order_by(TechniqueNote.id)).all()
    assert (shared.shared, private.shared, shared.author_id) == (True, False, trainer.id)


def test_the_runner_sees_shared_notes_only_and_a_private_note_is_404(client, login, coached):
    trainer, riley, runner = coached
    shared = add_note(riley.id, observation="Landing lighter.", cue="Quick light feet")
    private = add_note(riley.id, area="mindset", cue="Secret cue", observation="Private worry", shared=False)
    login(client, runner)
    page = client.get(f"/clients/{riley.id}/notes/").text
    assert "Quick light feet" in page and "Landing lighter." in page
    assert "Secret cue" not in page and "Private worry" not in page and "Trainer only" not in page
    assert client.get(f"/clients/{riley.id}/notes/{shared.id}").status_code == 200
    response = client.get(f"/clients/{riley.id}/notes/{private.id}")
    assert response.status_code == 404 and "Private worry" not in response.text
    assert client.get(f"/clients/{riley.id}/notes/?area=mindset").text.count("Private worry") == 0
    home = client.get("/me").text
    assert "Quick light feet" in home and "Secret cue" not in home


def test_the_runner_cannot_add_or_edit_notes(client, login, coached):
    _, riley, runner = coached
    note = add_note(riley.id)
    login(client, runner)
    before = snapshot()
    assert client.get(f"/clients/{riley.id}/notes/new").status_code == 404
    assert client.post(f"/clients/{riley.id}/notes/new", data=note_form()).status_code == 404
    assert client.get(f"/clients/{riley.id}/notes/{note.id}/edit").status_code == 404
    assert client.post(f"/clients/{riley.id}/notes/{note.id}/edit", data=note_form(cue="Changed")).status_code == 404
    assert snapshot() == before


def test_another_trainer_gets_404_everywhere_and_changes_nothing(client, login, make_trainer, coached):
    _, riley, _ = coached
    shared = add_note(riley.id, cue="Shared cue")
    private = add_note(riley.id, cue="Private cue", shared=False)
    login(client, make_trainer(name="Bert Nosy"))
    before = snapshot()
    for method, path in [("GET", f"/clients/{riley.id}/notes/"), ("GET", f"/clients/{riley.id}/notes/new"),
                         ("POST", f"/clients/{riley.id}/notes/new")] + [
            (method, f"/clients/{riley.id}/notes/{note.id}{suffix}") for note in (shared, private)
            for method, suffix in (("GET", ""), ("GET", "/edit"), ("POST", "/edit"))]:
        response = client.open(path, method=method, data=note_form(cue="Hijacked") if method == "POST" else None)
        assert response.status_code == 404, (method, path)
        assert "Riley" not in response.text and "Shared cue" not in response.text and "Private cue" not in response.text
    assert snapshot() == before


def test_a_note_id_of_another_client_is_404(client, login, make_client, coached):
    trainer, riley, _ = coached
    other = make_client(trainer, name="Sam Patel")
    note = add_note(other.id, cue="Sam's cue")
    login(client, trainer)
    assert client.get(f"/clients/{riley.id}/notes/{note.id}").status_code == 404
    assert client.post(f"/clients/{riley.id}/notes/{note.id}/edit", data=note_form()).status_code == 404


def test_the_visibility_rule_is_written_once_in_authz(ctx, make_trainer, coached):
    trainer, riley, runner = coached
    shared = add_note(riley.id)
    private = add_note(riley.id, shared=False)
    stranger = make_trainer(name="Stranger")
    ids = lambda user: set(db.session.scalars(authz.visible_notes(user, riley).with_only_columns(TechniqueNote.id)))
    assert ids(trainer) == {shared.id, private.id}
    assert ids(runner) == {shared.id}
    assert ids(stranger) == set()
    assert authz.can_see_note(trainer, private) and not authz.can_see_note(runner, private)
    assert authz.can_see_note(runner, shared) and not authz.can_see_note(stranger, shared)


def test_edit_keeps_history_and_private_stays_private_unless_shared(client, login, coached):
    trainer, riley, runner = coached
    note = add_note(riley.id, shared=False, cue="Hidden for now")
    login(client, trainer)
    response = client.get(f"/clients/{riley.id}/notes/{note.id}/edit")
    assert '<input checked id="visibility-0" name="visibility" required type="radio" value="private">' in response.text
    response = client.post(f"/clients/{riley.id}/notes/{note.id}/edit",
                           data=note_form(cue="Hidden for now", status="resolved", visibility="private"))
    assert response.status_code == 302
    db.session.expire_all()
    assert (note.status, note.shared) == ("resolved", False)
    assert "Hidden for now" in client.get(f"/clients/{riley.id}/notes/?status=resolved").text


def test_timeline_filters_by_area_and_status_and_keeps_resolved_notes(client, login, coached):
    trainer, riley, _ = coached
    add_note(riley.id, on=date(2026, 10, 1), area="posture", cue="Run tall", status="resolved")
    add_note(riley.id, on=date(2026, 10, 5), area="cadence", cue="Quick light feet", status="improving")
    add_note(riley.id, on=date(2026, 10, 9), area="breathing", cue="Belly breaths", status="open")
    login(client, trainer)
    everything = client.get(f"/clients/{riley.id}/notes/").text
    assert everything.index("Belly breaths") < everything.index("Quick light feet") < everything.index("Run tall")
    posture = client.get(f"/clients/{riley.id}/notes/?area=posture").text
    assert "Run tall" in posture and "Quick light feet" not in posture and "Belly breaths" not in posture
    resolved = client.get(f"/clients/{riley.id}/notes/?status=resolved").text
    assert "Run tall" in resolved and "Belly breaths" not in resolved
    assert "Run tall" in client.get(f"/clients/{riley.id}/notes/?area=nonsense&status=<script>").text


def test_measured_values_show_as_a_series(client, login, coached):
    trainer, riley, runner = coached
    for on, value in ((date(2026, 10, 12), 162), (date(2026, 11, 2), 168), (date(2026, 11, 23), 172)):
        add_note(riley.id, on=on, measure_value=value, measure_unit="spm")
    add_note(riley.id, on=date(2026, 11, 24), measure_value=150, measure_unit="spm", shared=False)
    login(client, trainer)
    page = client.get(f"/clients/{riley.id}/notes/").text
    assert ">172</span> → <span title=\"Tue 24 Nov 2026\">150</span> spm" in page  # the trainer sees every measure
    login(client, runner)
    runner_page = client.get(f"/clients/{riley.id}/notes/").text
    assert ">162</span> → <span title=\"Mon 2 Nov 2026\">168</span> → <span title=\"Mon 23 Nov 2026\">172</span> spm" \
        in runner_page
    assert "+10 spm" in runner_page and ">150<" not in runner_page


def test_focus_this_week_lists_open_and_improving_shared_cues_newest_first(client, login, coached):
    _, riley, runner = coached
    add_note(riley.id, on=date(2026, 10, 1), cue="Run tall", status="open")
    add_note(riley.id, on=date(2026, 10, 20), cue="Quick light feet", status="improving")
    add_note(riley.id, on=date(2026, 10, 25), cue="quick  light feet", status="open")  # the same cue again
    add_note(riley.id, on=date(2026, 10, 30), cue="Heel first", status="resolved")
    add_note(riley.id, on=date(2026, 11, 1), cue="Private push", status="open", shared=False)
    login(client, runner)
    home = client.get("/me").text
    focus = home[home.index("Focus this week"):]
    assert focus.index("quick  light feet") < focus.index("Run tall")
    assert "Quick light feet" not in focus  # shown once, newest wording
    assert "Heel first" not in home and "Private push" not in home


def test_bad_note_input_is_explained_kept_and_nothing_saved(client, login, coached):
    trainer, riley, _ = coached
    login(client, trainer)
    response = client.post(f"/clients/{riley.id}/notes/new", data=note_form(
        on="2026-13-40", cue="", observation="", measure_value="fast", measure_unit="spm", visibility="public"))
    assert response.status_code == 422
    html = response.text
    assert field_errors(html, "on") == ["Enter a date like 2027-03-01."] or field_errors(html, "on")
    assert field_errors(html, "cue") == ["Write what you saw, or a cue for the runner."]
    assert field_errors(html, "measure_value") == ["Enter a number, e.g. 168."]
    assert field_errors(html, "visibility") == ["Not a valid choice."]
    assert field_value(html, "measure_value") == "fast"
    response = client.post(f"/clients/{riley.id}/notes/new", data=note_form(measure_value="168", measure_unit=""))
    assert response.status_code == 422
    assert field_errors(response.text, "measure_unit") == ["Add the unit of the measured value, e.g. spm."]
    response = client.post(f"/clients/{riley.id}/notes/new", data=note_form(measure_value="nan", measure_unit="spm"))
    assert field_errors(response.text, "measure_value") == ["Enter a number, e.g. 168."]
    data = note_form()
    del data["visibility"]
    response = client.post(f"/clients/{riley.id}/notes/new", data=data)
    assert field_errors(response.text, "visibility") == ["Choose who sees the note."]
    assert db.session.scalars(select(TechniqueNote)).all() == []
