"""The pace band PDF: splits for the goal, text people typed printed as text, and a renderer that
can read bundled static files only (no other file, no network), with its output cached."""
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from coachsite import clock, pdf
from coachsite.extensions import db
from coachsite.models import Race, TechniqueNote

HOSTILE_NAME = '<img src="file:///etc/hostname"> Half'
HOSTILE_PLACE = '<a href="http://169.254.169.254/latest/meta-data/">Park</a>'
HOSTILE_CUE = '<link rel="stylesheet" href="http://169.254.169.254/x.css">Run tall'


def pdf_text(data: bytes) -> str:
    """Every character printed, whitespace removed (narrow strips wrap long words anywhere)."""
    return "".join("".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).split())


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def coached(make_trainer, make_client, make_runner):
    trainer = make_trainer(name="Alex Morgan")
    riley = make_client(trainer, name="Riley Runner")
    return trainer, riley, make_runner(riley)


def add_race(client_id, **fields):
    race = Race(client_id=client_id, on=clock.today_for(None) + timedelta(days=30), **{
        "name": "Riverside Half Marathon", "distance_m": 21097.5, "priority": "A", "goal_time_s": 6900,
        "strategy": "negative", "strategy_percent": 2.0, "location": "Riverside Park", **fields})
    db.session.add(race)
    db.session.commit()
    return race


def add_cue(client_id, author_id, cue, shared=True):
    db.session.add(TechniqueNote(client_id=client_id, author_id=author_id, on=clock.today_for(None), area="posture",
                                 cue=cue, status="open", shared=shared, tone="push"))
    db.session.commit()


def test_the_runner_downloads_a_pace_band_with_the_splits(app, client, login, coached, asked):
    trainer, riley, runner = coached
    race = add_race(riley.id)
    add_cue(riley.id, trainer.id, "Run tall")
    add_cue(riley.id, trainer.id, "Private mantra", shared=False)
    login(client, runner)
    response = client.get(f"/clients/{riley.id}/races/{race.id}/pace-band.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=pace-band-riverside-half-marathon.pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data)
    assert "RiversideHalfMarathon" in text and "Goal1:55:00" in text
    assert "15:305:30" in text and "25:3111:01" in text  # km 1: split 5:30, total 5:30; km 2: 5:31, 11:01
    assert "21.10:321:55:00" in text and "13.110:571:55:00" in text  # both bands end exactly on the goal
    assert "Runtall" in text and "Privatemantra" not in text  # private notes never reach a runner's print
    static = Path(app.static_folder).resolve()
    assert asked and all(Path(url.removeprefix("file://")).resolve().is_relative_to(static) for url in asked)


def test_the_trainers_download_leaves_private_notes_out_too(client, login, coached):
    trainer, riley, _ = coached
    race = add_race(riley.id)
    add_cue(riley.id, trainer.id, "Private mantra", shared=False)
    login(client, trainer)
    assert "Privatemantra" not in pdf_text(client.get(f"/clients/{riley.id}/races/{race.id}/pace-band.pdf").data)


def test_hostile_text_prints_escaped_and_nothing_outside_static_is_asked_for(app, client, login, coached, asked):
    trainer, riley, runner = coached
    login(client, trainer)
    on = clock.today_for(None) + timedelta(days=30)
    response = client.post(f"/clients/{riley.id}/races/new", data={
        "name": HOSTILE_NAME, "on": on.isoformat(), "distance": "half", "priority": "A", "goal_time_s": "1:55:00",
        "strategy": "even", "strategy_percent": "0", "location": HOSTILE_PLACE, "notes": "<script>alert(1)</script>"})
    assert response.status_code == 302
    add_cue(riley.id, trainer.id, HOSTILE_CUE)
    page = client.get(response.location).text
    assert "&lt;img src=&#34;file:///etc/hostname&#34;&gt;" in page and "<img src=" not in page
    login(client, runner)
    race_id = int(response.location.rsplit("/", 1)[1])
    band = client.get(f"/clients/{riley.id}/races/{race_id}/pace-band.pdf")
    assert band.status_code == 200
    text = pdf_text(band.data)
    for hostile in (HOSTILE_NAME, HOSTILE_PLACE, HOSTILE_CUE):
        assert squeeze(hostile) in text  # printed as the characters typed, not as markup
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    if len(hostname) > 5:
        assert hostname not in text
    static = Path(app.static_folder).resolve()
    assert asked, "the print stylesheet is fetched through the fetcher"
    for url in asked:
        assert url.startswith("file:///") and Path(url.removeprefix("file://")).resolve().is_relative_to(static), url


def test_no_goal_time_means_no_pace_band(client, login, coached):
    trainer, riley, _ = coached
    race = add_race(riley.id, goal_time_s=None)
    login(client, trainer)
    assert client.get(f"/clients/{riley.id}/races/{race.id}/pace-band.pdf").status_code == 404
    assert "Add a goal time" in client.get(f"/clients/{riley.id}/races/{race.id}").text


# --------------------------------------------------------------------------
# The fetcher itself
# --------------------------------------------------------------------------

def test_the_fetcher_serves_bundled_static_files(app):
    static = Path(app.static_folder).resolve()
    css = (static / "css" / "print.css").as_uri()
    assert pdf.static_path(css, static) == static / "css" / "print.css"
    response = pdf.url_fetcher(static)(css)
    assert response.read() == (static / "css" / "print.css").read_bytes()
    assert response.content_type == "text/css"
    response.close()


@pytest.mark.parametrize("url", [
    "file:///etc/hostname",
    "FILE:///etc/passwd",
    "file://evil.example/static/css/print.css",
    "http://169.254.169.254/latest/meta-data/",
    "https://example.com/print.css",
    "data:text/css,body{color:red}",
    "data:image/png;base64,iVBORw0KGgo=",
    "ftp://example.com/x.css",
    "javascript:alert(1)",
    "css/print.css",
    "//example.com/x.css",
])
def test_the_fetcher_refuses_everything_else(app, url):
    static = Path(app.static_folder).resolve()
    with pytest.raises(pdf.RefusedURL):
        pdf.static_path(url, static)
    with pytest.raises(pdf.RefusedURL):
        pdf.url_fetcher(static)(url)


def test_the_fetcher_refuses_ways_out_of_the_static_folder(app, tmp_path):
    static = Path(app.static_folder).resolve()
    for escape in ("../pyproject.toml", "%2e%2e/pyproject.toml", "css/../../coachsite/pdf.py", "css/", "no-such.css"):
        with pytest.raises(pdf.RefusedURL):
            pdf.static_path(static.as_uri() + "/" + escape, static)
    folder = tmp_path / "static"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (folder / "link.css").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(pdf.RefusedURL):
        pdf.static_path((folder / "link.css").as_uri(), folder)


def test_weasyprint_gets_nothing_when_a_template_asks_for_more(app, caplog):
    """Even markup that escaped a template would be refused: the renderer reads no local file
    and opens no connection."""
    from weasyprint import HTML

    static = Path(app.static_folder).resolve()
    html = ('<link rel="stylesheet" href="http://169.254.169.254/x.css"><img src="file:///etc/hostname">'
            '<img src="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22/>"><p>ok</p>')
    fetcher = pdf.url_fetcher(static)
    asked = []
    original = fetcher.fetch
    fetcher.fetch = lambda url, headers=None: asked.append(url) or original(url, headers)
    data = HTML(string=html, base_url=static.as_uri() + "/", url_fetcher=fetcher).write_pdf()
    assert data.startswith(b"%PDF")
    assert set(asked) == {"http://169.254.169.254/x.css", "file:///etc/hostname",
                          "data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22/>"}
    assert "not a bundled static file" in caplog.text


def test_output_is_cached_by_content_in_a_bounded_lru(app, monkeypatch):
    pdf.clear_cache()
    monkeypatch.setattr(pdf, "CACHE_SIZE", 2)
    races = [Race(name=f"Race {n}", on=clock.today_for(None), distance_m=5000.0, goal_time_s=1500, strategy="even",
                  strategy_percent=0.0, priority="B", location="") for n in range(3)]
    with app.test_request_context():
        def band(race):
            return pdf.render_pdf("pdf/pace_band.html", race=race, plans=[], distance_label="5 km",
                                  strategies={"even": "Even pace"}, cues=[])
        first = band(races[0])
        assert band(races[0]) is first  # same HTML: the cached bytes
        band(races[1])
        band(races[2])
        assert len(pdf._cache) == 2
        assert band(races[0]) is not first  # the oldest was dropped, rendered again
        with pytest.raises(ValueError):
            pdf.render_pdf("races/show.html")
    pdf.clear_cache()


def test_filenames_are_safe():
    assert pdf.filename("Pace band", "Berlin Marathon") == "pace-band-berlin-marathon.pdf"
    assert pdf.filename("pace band", "Zürich ../../etc/passwd <x>") == "pace-band-zurich-etc-passwd-x.pdf"
    assert pdf.filename("***") == "document.pdf"
