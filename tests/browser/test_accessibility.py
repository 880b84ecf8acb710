"""Every main page passes axe-core (WCAG 2.1 A/AA) in Chromium, has a title, a language and one h1,
and fits a 390 px wide phone without sideways scrolling. Demo data fills every page."""
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from coachsite import demo
from coachsite.extensions import db
from coachsite.models import Client, Goal, Race, User
from tests.conftest import FAST_HASH

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TODAY = date(2026, 11, 27)


@pytest.fixture
def demo_site(ctx):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does it).")
    demo.load(FAST_HASH, today=TODAY)
    db.session.commit()
    riley = db.session.scalar(select(Client).where(Client.email == "runner@example.com"))
    goal = db.session.scalar(select(Goal).where(Goal.client_id == riley.id))
    race = db.session.scalar(select(Race).where(Race.client_id == riley.id))
    ids = {"client": riley.id, "goal": goal.id, "race": race.id}
    db.session.rollback()  # the live server writes to the same database
    return ids


def _pages(ids):
    c = ids["client"]
    trainer = ["/clients/", f"/clients/{c}", f"/clients/{c}/calendar/?month=2026-11", f"/clients/{c}/calendar/week",
               f"/clients/{c}/calendar/sessions/new", f"/clients/{c}/runs/", f"/clients/{c}/runs/new",
               f"/clients/{c}/goals/", f"/clients/{c}/goals/{ids['goal']}", f"/clients/{c}/goals/new",
               f"/clients/{c}/notes/", f"/clients/{c}/races/", f"/clients/{c}/races/{ids['race']}",
               f"/clients/{c}/journey", f"/clients/{c}/print", "/plans/", "/clubs/", "/account/settings",
               "/clients/new"]
    runner = ["/me", f"/clients/{c}/calendar/?month=2026-11", f"/clients/{c}/goals/", f"/clients/{c}/journey",
              f"/clients/{c}/runs/import"]
    public = ["/", "/login", "/signup", "/password/forgot"]
    return [("coach@example.com", url) for url in trainer] + [("runner@example.com", url) for url in runner] + \
        [(None, url) for url in public]


def _log_in(page, email):
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_main_pages_are_accessible_and_fit_a_phone(new_page, demo_site):
    problems = []
    pages = {}
    for who, url in _pages(demo_site):
        if who not in pages:
            pages[who] = new_page(width=390, inject_scripts=True)
            if who:
                _log_in(pages[who], who)
        page = pages[who]
        response = page.goto(url)
        assert response.status == 200, url
        facts = page.evaluate("""() => ({
            title: document.title, lang: document.documentElement.lang,
            h1: document.querySelectorAll('h1').length, main: document.querySelectorAll('main').length,
            overflow: document.documentElement.scrollWidth - window.innerWidth})""")
        if not facts["title"] or facts["lang"] != "en" or facts["h1"] != 1 or facts["main"] != 1:
            problems.append(f"{url}: {facts}")
        if facts["overflow"] > 0:
            problems.append(f"{url}: {facts['overflow']} px wider than a 390 px phone")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return {passes: r.passes.length,
                    violations: r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))};
        }""")
        assert result["passes"] > 10, f"axe-core did not really check {url}"
        problems += [f"{url}: {violation}" for violation in result["violations"]]
    assert problems == []
