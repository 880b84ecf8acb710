"""The roster: search, filter, sort, archive and restore, pages."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from coachsite.extensions import db
from coachsite.models import Client, PlannedSession, utcnow
from tests.web.pages import flashes, roster_names


@pytest.fixture
def trainer(client, make_trainer, login):  # type: ignore[no-untyped-def]
    trainer = make_trainer()
    login(client, trainer)
    return trainer


def names(client, **query: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get("/clients/", query_string=query)
    assert response.status_code == 200
    return roster_names(response.text)


def test_search_by_name_ignores_case(client, trainer, make_client):
    for name in ("Anna Berg", "Bert Anders", "Carl Cole"):
        make_client(trainer, name=name)
    assert names(client, q="ANNA") == ["Anna Berg"]
    assert names(client, q="and") == ["Bert Anders"]
    page = client.get("/clients/", query_string={"q": "zed"}).text
    assert "No active client matches “zed”." in page


def test_percent_and_underscore_are_searched_literally(client, trainer, make_client):
    for name in ("100% Effort", "Plain Name", "snake_case", "snakeXcase"):
        make_client(trainer, name=name)
    assert names(client, q="%") == ["100% Effort"]
    assert names(client, q="e_c") == ["snake_case"]


def test_only_your_own_clients_are_listed(client, trainer, make_trainer, make_client):
    make_client(trainer, name="Mine")
    make_client(make_trainer(), name="Not Mine")
    assert names(client) == ["Mine"]
    assert names(client, q="Mine") == ["Mine"]


def test_filter_active_and_archived(client, trainer, make_client):
    make_client(trainer, name="Active Ann")
    make_client(trainer, name="Archived Abe", archived_at=utcnow())
    assert names(client) == ["Active Ann"]
    assert names(client, status="active") == ["Active Ann"]
    assert names(client, status="archived") == ["Archived Abe"]


def test_sort_by_name_and_by_last_activity(client, trainer, make_client):
    make_client(trainer, name="bea", last_activity_on=date(2026, 11, 1))
    make_client(trainer, name="Adam")  # never ran: last when sorting by activity
    make_client(trainer, name="Cleo", last_activity_on=date(2026, 11, 20))
    assert names(client, sort="name") == ["Adam", "bea", "Cleo"]
    assert names(client, sort="activity") == ["Cleo", "bea", "Adam"]


def test_archive_and_restore_keep_the_client(client, trainer, make_client):
    kept = make_client(trainer, name="Kim Kept", notes="Strong finisher")
    response = client.post(f"/clients/{kept.id}/archive", follow_redirects=True)
    assert "Kim Kept is archived. Nothing was deleted; restore them from the archived list." in flashes(response.text)
    assert names(client) == [] and names(client, status="archived") == ["Kim Kept"]
    db.session.expire_all()
    row = db.session.get(Client, kept.id)
    assert row is not None and row.archived_at is not None and row.notes == "Strong finisher"

    response = client.post(f"/clients/{kept.id}/restore", follow_redirects=True)
    assert "Kim Kept is back on your active roster." in flashes(response.text)
    assert names(client) == ["Kim Kept"] and names(client, status="archived") == []
    db.session.expire_all()
    assert db.session.get(Client, kept.id).archived_at is None


def test_a_long_roster_comes_in_pages(app, client, trainer):
    size = app.config["ROSTER_PAGE_SIZE"]
    db.session.add_all(Client(trainer_id=trainer.id, name=f"Runner {n:03d}") for n in range(size + 2))
    db.session.commit()

    first = client.get("/clients/").text
    assert len(roster_names(first)) == size
    assert roster_names(first)[0] == "Runner 000"
    assert "Page 1 of 2" in first and 'rel="next"' in first

    second = client.get("/clients/", query_string={"page": 2}).text
    assert roster_names(second) == [f"Runner {size:03d}", f"Runner {size + 1:03d}"]
    assert "Page 2 of 2" in second and 'rel="prev"' in second and 'rel="next"' not in second

    past_the_end = client.get("/clients/", query_string={"page": 9}).text  # an old link after archiving, say
    assert roster_names(past_the_end) == roster_names(second) and "Page 2 of 2" in past_the_end
    assert roster_names(client.get("/clients/", query_string={"q": "Runner 001", "page": 3}).text) == ["Runner 001"]
    assert "No active client matches" in client.get("/clients/", query_string={"q": "Nobody", "page": 2}).text


def _columns(client, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The roster row of `name` as the trainer reads it: done 7 days, done 28 days, last run, attention."""
    html = client.get("/clients/").text
    row = re.search(rf">{re.escape(name)}</a>.*?</tr>", html, re.S)
    assert row, f"{name} is not on the roster"
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)][:4]


def test_the_compliance_columns_follow_logged_runs_and_the_date(client, trainer, make_client, monkeypatch):
    from coachsite import clock

    today = date(2026, 3, 12)
    monkeypatch.setattr(clock, "today", lambda: today)
    casey = make_client(trainer, name="Casey Client")
    for offset in (1, 3):
        db.session.add(PlannedSession(client_id=casey.id, on=today - timedelta(days=offset), kind="easy",
                                      distance_m=8000.0))
    db.session.commit()
    assert _columns(client, "Casey Client") == ["0 of 2", "0 of 2", "—", "⚑ Needs attention"]
    assert _columns(client, "Casey Client") == ["0 of 2", "0 of 2", "—", "⚑ Needs attention"]  # seen again
    logged = client.post(f"/clients/{casey.id}/runs/new", data={
        "on": (today - timedelta(days=1)).isoformat(), "distance_m": "8", "duration_s": "44:00", "effort": "4"})
    assert logged.status_code == 302
    assert _columns(client, "Casey Client") == ["1 of 2", "1 of 2", "Wed 11 Mar 2026", "OK"]
    today = date(2026, 3, 18)  # a week on: the 7-day window has emptied, and no run for 7 days is a flag
    assert _columns(client, "Casey Client") == ["—", "1 of 2", "Wed 11 Mar 2026", "⚑ Needs attention"]


def test_a_roster_seen_again_follows_every_change_to_its_clients(app, client, trainer, make_trainer, make_client):
    """The roster's pages are kept by the roster's stamp: each change below must show at once."""
    size = app.config["ROSTER_PAGE_SIZE"]
    ada = make_client(trainer, name="Ada Adams")
    make_client(trainer, name="Bo Brown")
    shelved = make_client(trainer, name="Cy Cole", archived_at=utcnow())
    other = make_trainer()
    make_client(other, name="Zed Zane")
    assert names(client) == ["Ada Adams", "Bo Brown"] and names(client, q="ada") == ["Ada Adams"]
    assert names(client, status="archived") == ["Cy Cole"]

    profile = {"name": "Aida Adams", "units": "km", "motivation": "mixed"}
    assert client.post(f"/clients/{ada.id}/edit", data=profile).status_code == 302
    assert names(client) == ["Aida Adams", "Bo Brown"]
    assert names(client, q="ada") == ["Aida Adams"]

    assert names(client, status="archived") == ["Cy Cole"]
    assert client.post(f"/clients/{shelved.id}/edit", data={**profile, "name": "Cyd Cole"}).status_code == 302
    assert names(client, status="archived") == ["Cyd Cole"]  # an archived client's change, on the archived list

    make_client(other, name="Abe Other")  # another trainer's roster changes: this one does not
    assert names(client) == ["Aida Adams", "Bo Brown"]

    assert client.post("/clients/new", data={"name": "Al Able", "units": "km", "motivation": "mixed"}).status_code == 302
    assert names(client) == ["Aida Adams", "Al Able", "Bo Brown"]
    db.session.add_all(Client(trainer_id=trainer.id, name=f"Runner {n:03d}") for n in range(size))
    db.session.commit()
    assert "Page 1 of 2" in client.get("/clients/").text
    assert client.post(f"/clients/{ada.id}/archive").status_code == 302
    assert "Aida Adams" not in names(client) and names(client, status="archived") == ["Aida Adams", "Cyd Cole"]
