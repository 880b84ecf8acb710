"""The printed training calendar: a landscape page per month with the plan in the runner's units,
the goal and its reward, milestones with theirs, the race day; shared notes only; text people
typed printed as text, nothing fetched but bundled static files; cached by content."""
import re
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from coachsite import clock, pdf
from coachsite.domain import print_calendar as rules
from coachsite.extensions import db
from coachsite.models import Goal, Milestone, PlannedSession, Race, TechniqueNote, User
from coachsite.printing import calendar_pdf

HOSTILE_CUE = '<img src="file:///etc/hostname">'
HOSTILE_REWARD = '<a href="http://169.254.169.254/latest/meta-data">a free coffee</a>'
LONG_WORD = "Supercalifragilisticexpialidocious" * 8
URL = "/clients/{id}/calendar.pdf?start=2027-01&months=3&paper=a4"


def squeeze(text):
    return "".join(text.split())


def pages_text(data):
    return [squeeze(page.extract_text()) for page in PdfReader(BytesIO(data)).pages]


@pytest.fixture
def coached(make_trainer, make_client, make_runner):
    trainer = make_trainer(name="Alex Morgan")
    riley = make_client(trainer, name="Riley Runner")
    return trainer, riley, make_runner(riley)


@pytest.fixture
def renders(monkeypatch):
    """How many month pages were actually rendered (not served from the cache)."""
    count = []
    real = pdf.render_html
    monkeypatch.setattr(pdf, "render_html", lambda html, folder: count.append(1) or real(html, folder))
    return count


def plan(client_id, day, kind="easy", metres=10000.0, **fields):
    db.session.add(PlannedSession(client_id=client_id, on=day, kind=kind, distance_m=metres, **fields))


def season(trainer, riley):
    """Sessions in each of the three months, a goal with a reward and a milestone with its own,
    an A race with a goal time, and a shared cue."""
    for day in (date(2027, 1, 5), date(2027, 2, 9), date(2027, 3, 9)):
        plan(riley.id, day, "tempo", 8000.0, pace_s_per_km=300)
    plan(riley.id, date(2027, 1, 4), "rest", None)
    goal = Goal(client_id=riley.id, kind="distance", title="First half marathon", start_on=date(2027, 1, 1),
                due_on=date(2027, 4, 18), distance_m=21100.0, reward="new running shoes", state="accepted",
                proposed_by_id=trainer.id)
    goal.milestones = [Milestone(due_on=date(2027, 2, 14), distance_m=15000.0, reward="new running gloves",
                                 state="accepted")]
    db.session.add(goal)
    db.session.add(Race(client_id=riley.id, name="Frostbite 10K", on=date(2027, 3, 21), distance_m=10000.0,
                        priority="A", goal_time_s=52 * 60))
    db.session.add(TechniqueNote(client_id=riley.id, author_id=trainer.id, on=date(2026, 12, 1), area="posture",
                                 cue="Run tall", status="open", shared=True))
    db.session.commit()


def test_the_runner_prints_three_months_with_goal_rewards_race_and_cue(client, login, coached, asked):
    trainer, riley, runner = coached
    season(trainer, riley)
    login(client, runner)
    response = client.get(URL.format(id=riley.id))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == \
        "attachment; filename=calendar-riley-runner-2027-01-3-months.pdf"
    assert response.headers["Cache-Control"] == "no-store"
    reader = PdfReader(BytesIO(response.data))
    assert len(reader.pages) == 3
    assert all(float(page.mediabox.width) > float(page.mediabox.height) for page in reader.pages)  # landscape
    assert round(float(reader.pages[0].mediabox.width)) == 842  # A4
    january, february, march = pages_text(response.data)
    for page in (january, february, march):
        assert "RileyRunner" in page and "Trainer:AlexMorgan" in page
        assert "Goal:Firsthalfmarathon" in page and "Reward:newrunningshoes" in page
        assert "Techniquefocus:“Runtall”" in page
    assert "January2027" in january and "February2027" in february and "March2027" in march
    assert "Tempo8.0km@5:00/km" in january
    assert "Rest" in january
    assert "Milestone:15kmnon-stop" in february and "newrunninggloves" in february
    assert "RACEDAY" in march and "Race:Frostbite10K" in march and "goal52:00" in march
    static = Path(client.application.static_folder).resolve()
    assert asked and all(Path(url.removeprefix("file://")).resolve().is_relative_to(static) for url in asked)


def test_letter_paper_and_the_viewers_default(client, login, coached):
    trainer, riley, runner = coached
    runner.paper = "letter"
    db.session.commit()
    login(client, runner)
    data = client.get(f"/clients/{riley.id}/calendar.pdf?start=2027-01").data  # months: 1, paper: theirs
    [page] = PdfReader(BytesIO(data)).pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)


def test_no_embedded_files_or_attachments(client, login, coached):
    trainer, riley, runner = coached
    season(trainer, riley)
    login(client, trainer)
    reader = PdfReader(BytesIO(client.get(URL.format(id=riley.id)).data))
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"


def test_hostile_text_prints_escaped_and_fetches_nothing(app, client, login, coached, asked):
    trainer, riley, runner = coached
    season(trainer, riley)
    db.session.add(TechniqueNote(client_id=riley.id, author_id=trainer.id, on=date(2027, 1, 2), area="posture",
                                 cue=HOSTILE_CUE, status="open", shared=True))
    goal = db.session.query(Goal).one()
    goal.reward = HOSTILE_REWARD
    db.session.add(Race(client_id=riley.id, name=LONG_WORD[:120], on=date(2027, 1, 17), distance_m=5000.0,
                        priority="C"))
    goal.milestones[0].reward = LONG_WORD
    db.session.commit()
    login(client, runner)
    response = client.get(URL.format(id=riley.id))
    assert response.status_code == 200
    january, february, _ = pages_text(response.data)
    assert squeeze(HOSTILE_CUE) in january  # printed as the characters typed, not as markup
    assert squeeze(HOSTILE_REWARD) in january
    assert LONG_WORD[:40] in january and LONG_WORD[:30] in february  # long words wrap inside their day
    assert len(PdfReader(BytesIO(response.data)).pages) == 3  # and never push a month onto two pages
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    if len(hostname) > 5:
        assert hostname not in january
    static = Path(app.static_folder).resolve()
    assert asked, "the print stylesheet is fetched through the fetcher"
    for url in asked:
        assert url.startswith("file:///") and Path(url.removeprefix("file://")).resolve().is_relative_to(static), url


def test_private_notes_never_print_whoever_prints(client, login, coached):
    trainer, riley, runner = coached
    season(trainer, riley)
    db.session.add(TechniqueNote(client_id=riley.id, author_id=trainer.id, on=date(2027, 1, 3), area="mindset",
                                 cue="Private mantra", status="open", shared=False))
    db.session.commit()
    for person in (runner, trainer):
        login(client, person)
        text = "".join(pages_text(client.get(URL.format(id=riley.id)).data))
        assert "Privatemantra" not in text and "Runtall" in text


def test_who_may_print(client, login, coached, make_trainer, make_client, make_runner):
    trainer, riley, runner = coached
    other_trainer = make_trainer(name="Blake Hughes")
    other_runner = make_runner(make_client(other_trainer, name="Dana Cruz"))
    login(client, trainer)
    assert client.get(URL.format(id=riley.id)).status_code == 200
    assert client.get(f"/clients/{riley.id}/print").status_code == 200
    for stranger in (other_trainer, other_runner):
        login(client, stranger)
        assert client.get(URL.format(id=riley.id)).status_code == 404
        assert client.get(f"/clients/{riley.id}/print").status_code == 404
    assert client.get(URL.format(id=9999)).status_code == 404


@pytest.mark.parametrize("query, message", [
    ("start=2027-01&months=0", "Choose from 1 to 12 months."),
    ("start=2027-01&months=13", "Choose from 1 to 12 months."),
    ("start=2027-01&months=three", "Choose from 1 to 12 months."),
    ("start=2027-13&months=1", "Use a month like 2027-01."),
    ("start=January&months=1", "Use a month like 2027-01."),
    ("start=1850-01&months=1", "Choose a month between 2000 and 2100."),
    ("start=2027-01&paper=a3", "Choose A4 or US Letter."),
])
def test_bad_parameters_are_a_clear_400(client, login, coached, query, message):
    _, riley, runner = coached
    login(client, runner)
    response = client.get(f"/clients/{riley.id}/calendar.pdf?{query}")
    assert response.status_code == 400
    assert message in response.text and "Cannot print that calendar" in response.text


def test_a_client_with_no_sessions_prints_an_empty_calendar_with_a_friendly_line(client, login, coached):
    trainer, riley, _ = coached
    login(client, trainer)
    response = client.get(URL.format(id=riley.id))
    assert response.status_code == 200
    pages = pages_text(response.data)
    assert len(pages) == 3
    for page, month in zip(pages, ("January", "February", "March")):
        assert f"Nothingisplannedfor{month}yet" in page and "askAlexMorganforaplan" in page


def test_a_full_day_ends_in_more_instead_of_overflowing(client, login, coached):
    trainer, riley, runner = coached
    for kind in ("easy", "tempo", "intervals", "hills", "long", "cross", "easy", "easy"):
        plan(riley.id, date(2027, 5, 12), kind, 5000.0)  # May 2027: six week rows, the smallest days
    db.session.commit()
    login(client, runner)
    data = client.get(f"/clients/{riley.id}/calendar.pdf?start=2027-05").data
    [page] = pages_text(data)
    assert "Hills5.0km" in page and "Longrun" not in page and "+4more" in page  # four lines and "+4 more"
    assert len(PdfReader(BytesIO(data)).pages) == 1


def test_worded_for_the_runner_whoever_prints(client, login, coached):
    """Miles and a Sunday week start are the runner's; the trainer printing in km sees them too."""
    trainer, riley, runner = coached
    riley.units, runner.week_start = "mi", 6
    trainer.units = "km"
    plan(riley.id, date(2027, 1, 5), "tempo", 16093.44, pace_s_per_km=300)
    goal = Goal(client_id=riley.id, kind="distance", title="Long one", start_on=date(2027, 1, 1),
                due_on=date(2027, 2, 1), distance_m=16093.44, reward="socks", state="accepted",
                proposed_by_id=trainer.id)
    goal.milestones = [Milestone(due_on=date(2027, 1, 20), distance_m=16093.44, reward="cap", state="accepted")]
    db.session.add(goal)
    db.session.commit()
    outputs = []
    for person in (trainer, runner):
        login(client, person)
        outputs.append(client.get(f"/clients/{riley.id}/calendar.pdf?start=2027-01&paper=a4").data)
    assert outputs[0] == outputs[1]  # the same document, whoever prints it
    [page] = pages_text(outputs[0])
    assert "Tempo10.0mi@8:03/mi" in page and "Milestone:10minon-stop" in page
    assert page.index("Sunday") < page.index("Monday")
    assert "milesRiley" not in page and "distancesandpacesinmiles" in page


def test_the_document_is_cached_by_content_and_only_changed_months_render(app, client, login, coached, renders):
    trainer, riley, runner = coached
    season(trainer, riley)
    pdf.clear_cache()
    login(client, runner)
    first = client.get(URL.format(id=riley.id)).data
    assert len(renders) == 3
    assert client.get(URL.format(id=riley.id)).data == first and len(renders) == 3  # whole document cached
    session = db.session.query(PlannedSession).filter_by(on=date(2027, 2, 9)).one()
    session.distance_m = 9000.0
    db.session.commit()
    changed = client.get(URL.format(id=riley.id)).data
    assert changed != first and len(renders) == 4  # February only; January and March from the cache
    assert "Tempo9.0km" in pages_text(changed)[1]
    cache = Path(app.instance_path) / pdf.DISK_CACHE_FOLDER
    assert len(list(cache.glob("*.pdf"))) == 6  # 4 months and 2 documents, shared by every worker process
    pdf.clear_cache()


def test_a_warm_print_reads_the_cached_file_without_building_its_pages_again(client, login, coached, monkeypatch):
    trainer, riley, runner = coached
    season(trainer, riley)
    pdf.clear_cache()
    login(client, runner)
    built = []
    real = calendar_pdf.htmls
    monkeypatch.setattr(calendar_pdf, "htmls", lambda *args: built.append(1) or real(*args))
    first = client.get(URL.format(id=riley.id)).data
    assert client.get(URL.format(id=riley.id)).data == first and len(built) == 1
    db.session.get(User, trainer.id).name = "Terry Newname"  # not the client's data, printed all the same
    db.session.commit()
    renamed = client.get(URL.format(id=riley.id)).data
    assert len(built) == 2 and "TerryNewname" in pages_text(renamed)[0]
    plan(riley.id, date(2027, 3, 10), "long", 20000.0)
    db.session.commit()
    assert "Longrun20.0km" in pages_text(client.get(URL.format(id=riley.id)).data)[2] and len(built) == 3
    pdf.clear_cache()  # the file is gone: the print is made again, not lost
    assert client.get(URL.format(id=riley.id)).status_code == 200 and len(built) == 4
    pdf.clear_cache()


def test_the_disk_cache_is_bounded(app, client, login, coached, monkeypatch):
    trainer, riley, runner = coached
    pdf.clear_cache()
    monkeypatch.setitem(app.config, "PDF_CACHE_MAX_FILES", 3)
    login(client, runner)
    for month in ("2027-01", "2027-02", "2027-03"):
        client.get(f"/clients/{riley.id}/calendar.pdf?start={month}&months=2")
    assert len(list((Path(app.instance_path) / pdf.DISK_CACHE_FOLDER).glob("*.pdf"))) == 3
    pdf.clear_cache()


def test_months_render_in_a_pool_of_worker_processes_with_the_same_bytes(app, client, login, coached, monkeypatch):
    trainer, riley, runner = coached
    season(trainer, riley)
    login(client, runner)
    pdf.clear_cache()
    in_process = client.get(URL.format(id=riley.id)).data
    pdf.clear_cache()
    monkeypatch.setitem(app.config, "PDF_WORKERS", 2)
    try:
        pooled = client.get(URL.format(id=riley.id)).data
        assert len(pdf.pool_pids()) == 2
    finally:
        pdf.shutdown_pool()
        pdf.clear_cache()
    assert pooled == in_process


def test_the_print_page_form_keeps_values_and_explains(client, login, coached):
    trainer, riley, runner = coached
    runner.paper = "letter"
    db.session.commit()
    login(client, runner)
    page = client.get(f"/clients/{riley.id}/print").text
    assert re.search(r'<input checked[^>]* value="letter"', page)
    assert f'name="start" type="month" value="{clock.today_for(None):%Y-%m}"' in page
    response = client.post(f"/clients/{riley.id}/print", data={"start": "2027-1", "months": "14", "paper": "a4"})
    assert response.status_code == 422
    assert "Use a month like 2027-01." in response.text and "Choose from 1 to 12 months." in response.text
    assert 'value="2027-1"' in response.text and 'value="14"' in response.text
    response = client.post(f"/clients/{riley.id}/print", data={"start": "2027-01", "months": "3", "paper": "a4"})
    assert response.status_code == 302
    assert response.location == f"/clients/{riley.id}/calendar.pdf?start=2027-01&months=3&paper=a4"


def test_the_month_view_links_to_printing(client, login, coached):
    _, riley, runner = coached
    login(client, runner)
    assert f'href="/clients/{riley.id}/print"' in client.get(f"/clients/{riley.id}/calendar/").text


def test_the_page_context_names_no_viewer(app, coached):
    trainer, riley, _ = coached
    with app.test_request_context():
        contexts = calendar_pdf.page_contexts(riley, rules.print_range("2027-01", 2, "letter"))
    assert [c["month"].first for c in contexts] == [date(2027, 1, 1), date(2027, 2, 1)]
    assert {c["page_size"] for c in contexts} == {"letter"} and contexts[0]["weekdays"][0] == "Monday"
    assert not any(isinstance(value, datetime) for value in contexts[0].values())
