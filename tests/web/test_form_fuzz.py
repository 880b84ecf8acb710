"""Hostile values posted to every form of the site (issue 8's robustness drill), with hypothesis.

Each form's fields are discovered by GETting the page that shows it and reading the names of its
<input>, <select> and <textarea> elements (so a field added later is fuzzed too). Every field
gets, at random: a hostile value (NUL, right-to-left marks, emoji, 10,000 characters, boundary
numbers 0, -1, 1e308, NaN, boundary dates 0001-01-01, 9999-12-31, 2027-02-29, markup), one of
the form's own options, a plausible value, random text, or nothing at all. In about half of the
examples every field gets a value the form should accept instead, with the marker in each
free-text field, so that what is saved is shown back on the site.

After each post:
- never a 5xx;
- a 4xx answer left every table's rows as they were (the login form excepted for its own
  attempt log: counting failed logins is the point of it);
- the marker `<x-fuzz onmouseover=1>` never appears raw in the answer, nor in the page a success
  redirects to, nor on the pages that show what the form saved (it may appear escaped).

The rows and the actor's login are put back after every example. Query-string forms (filters,
months, days, the season report and the print range) get the same treatment. The module prints
its figures: examples, requests and 5xx answers."""
from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachsite import clock
from coachsite.auth import services as accounts
from coachsite.auth import tokens
from coachsite.clubs import services as clubs
from coachsite.extensions import db
from coachsite.models import Client, Club, Goal, Milestone, Race, User
from tests.conftest import PASSWORD
from tests.security_world import Site, changed_tables, open_site, take_snapshot

TODAY = clock.today_for("UTC")
MARKER = "<x-fuzz onmouseover=1>"
FIGURES: Counter[str] = Counter()
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

class Long(str):
    """A very long value that prints short in hypothesis' reports."""

    def __repr__(self) -> str:
        return f"Long({self[:1]!r} * {len(self)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


HOSTILE_TEXT = [
    "\x00", "runner\x00name", "\u202eevil\u202c", "\u200f\u200e\u061c", "🏃\u200d♀️🔥💪",
    "👨‍👩‍👧‍👦" * 50,
    Long("x" * 10_000), Long("1" * 10_000), Long("é" * 10_000), MARKER, f'"><{MARKER[1:]}', f"'{MARKER}", "",
    " ", "\t\r\n", "' OR '1'='1", "{{7*7}}", "%(name)s%s", "\\", "../../etc/passwd", "ﬁ", "e\u0301", "\ufeff",
    "a@b", "x@example.com\x00", "@", "😀@example.com", "\x1b[31m", "\ud7ff\ue000\uffff",
]
HOSTILE_NUMBERS = [
    "0", "-1", "1e308", "-1e308", "1e-308", "NaN", "nan", "inf", "-inf", "-0", "99999999999999999999999999",
    "9223372036854775808", "0.0000001", "1,5", "0x10", "٣", "99:99:99", "0:00", "-5:00", "100:00:00", "1:60",
    "23:59:59", "\x00:30", "999999:00", "1e3:00",
]
HOSTILE_DATES = [
    "0001-01-01", "9999-12-31", "2027-02-29", "2024-02-29", "10000-01-01", "2027-13-01", "2027-00-10",
    "0000-00-00", "1970-01-01T00:00:00Z", "0001-01", "9999-12", "2027-02", "1999-12-31", "2101-01-01",
    "2000-01-01", "2100-12-31", "-2027-01-01", "2027-1-1", "31/12/2027",
]
HOSTILE = HOSTILE_TEXT + HOSTILE_NUMBERS + HOSTILE_DATES


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def plausible(name: str) -> list[str]:
    """Values a person would type in a field of this name, so that the other fields of an example
    pass and the hostile one reaches the deeper checks."""
    key = name.rsplit("-", 1)[-1]
    if key in ("on", "start_on", "due_on", "first_day", "source", "target", "starts_on", "ends_on"):
        return [_day(0), _day(3), _day(-3), _day(40)]
    if key in ("start",):
        return [_day(0), f"{TODAY:%Y-%m}", "2027-01"]
    if "distance" in key:
        return ["10", "5.5", "21.1"]
    if key.endswith("_s") or key in ("duration",):
        return ["45:00", "1:55:00", "24:30"]
    if "pace" in key:
        return ["5:30"]
    if "percent" in key or key == "measure_value":
        return ["2", "2.5", "168"]
    if key == "measure_unit":
        return ["spm", "cm"]
    if "email" in key:
        return ["fuzzy.new@example.com"]
    if "password" in key or key in ("confirm",):
        return [PASSWORD, "a long enough passphrase"]
    if key in ("months", "weeks", "days", "effort", "runs_per_week", "tolerance", "page"):
        return ["1", "3"]
    return list(FREE_TEXT)


FREE_TEXT = ("Plain words", "Ünïcødé ☀")


@dataclass(frozen=True)
class Found:
    """One <form> of a page: where it posts and its fields (name -> kind, offered values)."""

    action: str
    method: str
    fields: dict[str, tuple[str, list[str]]] = field(default_factory=dict)


class FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self.form: dict[str, Any] | None = None
        self.select: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = {"action": found.get("action", ""), "method": found.get("method", "get").lower(),
                         "fields": {}}
            self.forms.append(self.form)
            return
        if self.form is None or tag not in ("input", "select", "option", "textarea"):
            return
        if tag == "option":
            if self.select is not None:
                self.select.append(found.get("value", ""))
            return
        name = found.get("name")
        if not name or name == "csrf_token":
            return
        kind = tag if tag != "input" else found.get("type", "text").lower()
        _, options = self.form["fields"].setdefault(name, (kind, []))
        if tag == "select":
            self.select = options
        elif "value" in found and kind not in ("password",):
            options.append(found["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def forms_on(html: str) -> list[Found]:
    reader = FormReader()
    reader.feed(html)
    return [Found(f["action"], f["method"], f["fields"]) for f in reader.forms]


@dataclass(frozen=True)
class Form:
    name: str
    actor: str
    page: str  # the page that shows the form
    action: str  # where it posts
    shows: tuple[str, ...] = ()  # pages that show what the form saved
    exempt: tuple[str, ...] = ()  # tables a refusal may write by design


@dataclass(repr=False)
class Fuzz:
    site: Site
    forms: dict[str, Form]
    fields: dict[str, Found] = field(default_factory=dict)

    def __repr__(self) -> str:  # hypothesis prints the test's arguments: keep the world out of it
        return f"Fuzz({len(self.forms)} forms)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def discover(self, form: Form) -> Found:
        if form.name not in self.fields:
            response = self.site.open(form.actor, form.page)
            assert response.status_code == 200, (form.name, form.page, response.status_code)
            wanted = urlsplit(form.action).path
            matches = [f for f in forms_on(response.text)
                       if urlsplit(urljoin(form.page, f.action)).path == wanted and f.method == "post"]
            assert matches, f"{form.name}: no form posting to {wanted} on {form.page}"
            self.fields[form.name] = matches[0]
            assert matches[0].fields, f"{form.name}: the form has no fields"
        return self.fields[form.name]


def _extras(site: Site) -> dict[str, Any]:
    """What some forms need besides the world: a proposed goal (milestones are added while a goal
    is proposed), a race that is over (its result form), a reset link, a runner invite and a club
    invite link for people without accounts."""
    w = site.world
    a1 = w.things["a1"]
    goal = Goal(client_id=a1.client, kind="distance", title="Proposed goal", start_on=TODAY, due_on=TODAY +
                timedelta(days=60), distance_m=10000.0, state="proposed", proposed_by_id=w.people["trainer_a1"].id,
                milestones=[Milestone(due_on=TODAY + timedelta(days=20), distance_m=5000.0)])
    db.session.add(goal)
    invitee = Client(trainer_id=w.people["trainer_i"].id, name="Ivy Invitee", email="ivy.invitee@example.com")
    db.session.add(invitee)
    db.session.flush()
    race = Race(client_id=a1.client, name="Past 10K", on=TODAY - timedelta(days=3), distance_m=10000.0,
                goal_time_s=2900)
    db.session.add(race)
    db.session.flush()
    found = {"proposed_goal": goal.id, "past_race": race.id, "proposed_milestone": goal.milestones[0].id,
             "reset": tokens.issue("reset", timedelta(days=1), user_id=w.people["trainer_b2"].id),
             "invite": accounts.issue_invite(invitee, timedelta(days=7))}
    club = db.session.get_one(Club, w.clubs["A"])
    owner = db.session.get_one(User, w.people["owner_a"].id)
    _, secret = clubs.invite(club, owner, "joiner.new@example.com", "trainer", timedelta(days=7))
    found["join"] = secret
    db.session.commit()
    db.session.remove()
    site.baseline = take_snapshot()
    return found


def _forms(site: Site, extra: dict[str, Any]) -> dict[str, Form]:
    w = site.world
    a1, a2 = w.things["a1"], w.things["a2"]
    c, club = a1.client, w.clubs["A"]
    goal, proposed = f"/clients/{c}/goals/{a1.goal}", f"/clients/{c}/goals/{extra['proposed_goal']}"
    week = f"/clients/{c}/calendar/week?day={_day(3)}"
    roster, calendar = "/clients/", f"/clients/{c}/calendar/?month={TODAY:%Y-%m}"
    forms = [
        Form("signup", "anon", "/signup", "/signup", ("/clients/",)),
        Form("login", "anon", "/login", "/login", exempt=("login_attempts",)),
        Form("forgot password", "anon", "/password/forgot", "/password/forgot"),
        Form("reset password", "anon", f"/password/reset/{extra['reset']}", f"/password/reset/{extra['reset']}"),
        Form("accept runner invite", "anon", f"/invite/{extra['invite']}", f"/invite/{extra['invite']}"),
        Form("join club by link", "anon", f"/clubs/join/{extra['join']}", f"/clubs/join/{extra['join']}"),
        Form("client add", "trainer_a1", "/clients/new", "/clients/new", (roster,)),
        Form("client edit", "trainer_a1", f"/clients/{c}/edit", f"/clients/{c}/edit", (roster, f"/clients/{c}")),
        Form("session add", "trainer_a1", f"/clients/{c}/calendar/sessions/new",
             f"/clients/{c}/calendar/sessions/new", (calendar,)),
        Form("session edit", "trainer_a1", f"/clients/{c}/calendar/sessions/{a1.session}/edit",
             f"/clients/{c}/calendar/sessions/{a1.session}/edit", (calendar,)),
        Form("copy week", "trainer_a1", week, f"/clients/{c}/calendar/copy-week"),
        Form("shift sessions", "trainer_a1", week, f"/clients/{c}/calendar/shift"),
        Form("plan save", "trainer_a1", week, f"/clients/{c}/plans/save", ("/plans/",)),
        Form("plan apply", "trainer_a1", week, f"/clients/{c}/plans/apply"),
        Form("run log", "runner_a1", f"/clients/{c}/runs/new", f"/clients/{c}/runs/new", (f"/clients/{c}/runs/",)),
        Form("skip session", "runner_a1", week, f"/clients/{c}/runs/skip/{a1.session}"),
        Form("run import", "runner_a1", f"/clients/{c}/runs/import", f"/clients/{c}/runs/import"),
        Form("goal new", "trainer_a1", f"/clients/{c}/goals/new", f"/clients/{c}/goals/new",
             (f"/clients/{c}/goals/", "/me")),
        Form("goal edit", "trainer_a1", f"{goal}/edit", f"{goal}/edit", (f"/clients/{c}/goals/",)),
        Form("milestone add", "trainer_a1", proposed, f"{proposed}/milestones"),
        Form("milestone edit", "trainer_a1", f"{goal}/milestones/{a1.milestone}/edit",
             f"{goal}/milestones/{a1.milestone}/edit"),
        Form("excuse", "runner_a1", goal, f"{goal}/excuses", (goal,)),
        Form("comment", "runner_a1", goal, f"{goal}/comments"),
        Form("questionnaire", "runner_a1", f"/clients/{c}/goals/motivation", f"/clients/{c}/goals/motivation"),
        Form("note new", "trainer_a1", f"/clients/{c}/notes/new", f"/clients/{c}/notes/new", (f"/clients/{c}/notes/",)),
        Form("note edit", "trainer_a1", f"/clients/{c}/notes/{a1.shared_note}/edit",
             f"/clients/{c}/notes/{a1.shared_note}/edit", (f"/clients/{c}/notes/",)),
        Form("race new", "trainer_a1", f"/clients/{c}/races/new", f"/clients/{c}/races/new",
             (f"/clients/{c}/races/", f"/clubs/{club}/races")),
        Form("race edit", "trainer_a1", f"/clients/{c}/races/{a1.race}/edit", f"/clients/{c}/races/{a1.race}/edit"),
        Form("race result", "trainer_a1", f"/clients/{c}/races/{extra['past_race']}",
             f"/clients/{c}/races/{extra['past_race']}/result", (f"/clients/{c}/races/", f"/clients/{c}/journey")),
        Form("settings", "runner_a1", "/account/settings", "/account/settings", (f"/clubs/{club}",)),
        Form("change password", "trainer_a2", "/account/password", "/account/password"),
        Form("change email", "trainer_a2", "/account/email", "/account/email"),
        Form("confirm password", "trainer_a2", "/account/confirm", "/account/confirm"),
        Form("deactivate", "trainer_b2", "/account/deactivate", "/account/deactivate"),
        Form("club new", "trainer_i", "/clubs/new", "/clubs/new", ("/clubs/",)),
        Form("club invite", "owner_a", f"/clubs/{club}/invite", f"/clubs/{club}/invite", ("/clubs/",)),
        Form("challenge new", "owner_a", f"/clubs/{club}/challenges/new", f"/clubs/{club}/challenges/new",
             (f"/clubs/{club}/challenges",)),
        Form("move client", "owner_a", f"/clubs/{club}/members/{c}/move", f"/clubs/{club}/members/{c}/move"),
        Form("pair runners", "owner_a", f"/clubs/{club}/partners/new", f"/clubs/{club}/partners/new",
             (f"/clubs/{club}/partners",)),
        Form("cheer", "runner_a2", f"/clubs/partner/{c}", f"/clubs/partner/{c}/cheer", (f"/clients/{c}/goals/",)),
        Form("batch print", "trainer_a1", "/print/batch", "/print/batch"),
        Form("print calendar", "runner_a1", f"/clients/{c}/print", f"/clients/{c}/print"),
        Form("calendar feed", "runner_a1", f"/clients/{c}/print", f"/clients/{c}/feed"),
    ]
    assert a2  # the partner of a1: runner_a2 cheers
    return {form.name: form for form in forms}


@pytest.fixture(scope="module")
def fuzz() -> Iterator[Fuzz]:
    with open_site() as site:
        yield Fuzz(site, _forms(site, _extras(site)))


FORM_NAMES = ["signup", "login", "forgot password", "reset password", "accept runner invite", "join club by link",
              "client add", "client edit", "session add", "session edit", "copy week", "shift sessions", "plan save",
              "plan apply", "run log", "skip session", "run import", "goal new", "goal edit", "milestone add",
              "milestone edit", "excuse", "comment", "questionnaire", "note new", "note edit", "race new",
              "race edit", "race result", "settings", "change password", "change email", "confirm password",
              "deactivate", "club new", "club invite", "challenge new", "move client", "pair runners", "cheer",
              "batch print", "print calendar", "calendar feed"]

OMIT = object()


def value_for(name: str, kind: str, options: list[str]) -> st.SearchStrategy[Any]:
    choices = [st.sampled_from(HOSTILE_TEXT), st.sampled_from(HOSTILE_NUMBERS), st.sampled_from(HOSTILE_DATES),
               st.sampled_from(plausible(name)), st.text(max_size=40),
               st.builds(lambda a, b: a + MARKER + b, st.text(max_size=8), st.text(max_size=8)), st.just(OMIT)]
    if options:
        choices.insert(0, st.sampled_from(options))
    one = st.one_of(*choices)
    if kind == "checkbox" and len(options) > 1:
        return st.one_of(one, st.lists(st.one_of(st.sampled_from(options), st.sampled_from(HOSTILE)), max_size=4))
    return one


def marked_value(name: str, kind: str, options: list[str]) -> st.SearchStrategy[Any]:
    """A value the form should accept, with the marker in every free-text field: what a person may
    save there is shown back to others, and must come back escaped."""
    offered = [option for option in options if option] or options
    if kind in ("select", "radio", "checkbox", "hidden", "submit") and offered:
        return st.sampled_from(offered)
    if kind == "textarea" or tuple(plausible(name)) == FREE_TEXT:
        return st.sampled_from(["", "Kind words ", "Ünï "]).map(lambda before: before + MARKER + " end")
    return st.sampled_from(plausible(name) + [option for option in offered if option not in HOSTILE])


def csv_upload() -> st.SearchStrategy[tuple[io.BytesIO, str]]:
    header = st.sampled_from(["date,distance,duration,effort,comment", "Date,Distance (mi),Time", "a,b,c", "",
                              MARKER])
    cell = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(["2027-01-05", "10", "50:00", "6", "ok"]),
                     st.text(max_size=12))
    rows = st.lists(st.lists(cell, min_size=1, max_size=5).map(",".join), max_size=4)
    name = st.sampled_from(["log.csv", "run.gpx", "run.fit", "notes.txt", f"{MARKER}.csv", "\x00.csv", ".csv"])
    body = st.builds(lambda h, r: "\n".join([h, *r]).encode("utf-8", "surrogatepass"), header, rows)
    gpx = st.builds(lambda x: f'<?xml version="1.0"?><gpx><trk><name>{x}</name><trkseg><trkpt lat="{x}" lon="1">'
                              f"<time>{x}</time></trkpt></trkseg></trk></gpx>".encode(), st.sampled_from(HOSTILE))
    return st.builds(lambda content, filename: (io.BytesIO(content), filename), st.one_of(body, gpx, st.binary(
        max_size=200)), name)


def _check_page(fuzz: Fuzz, actor: str, path: str, where: str) -> None:
    response = fuzz.site.open(actor, path)
    FIGURES["requests"] += 1
    if response.status_code >= 500:
        FIGURES["5xx"] += 1
    body = response.get_data()
    response.close()
    assert response.status_code < 500, f"{where}: GET {path} answered {response.status_code}"
    assert MARKER[:7].encode() not in body, f"{where}: the marker appears raw on {path}"


def _followable(location: str) -> bool:
    path = urlsplit(location).path
    return not path.endswith((".pdf", ".ics", "/download")) and not urlsplit(location).netloc.strip("localhost")


@pytest.mark.parametrize("name", FORM_NAMES)
@SETTINGS
@given(data=st.data())
def test_hostile_values_never_break_a_form(fuzz, name, data):
    form = fuzz.forms[name]
    found = fuzz.discover(form)
    sent: dict[str, Any] = {}
    uploads = False
    marked = data.draw(st.booleans(), label="plausible values with the marker in free text")
    for field_name, (kind, options) in sorted(found.fields.items()):
        if kind == "file":
            sent[field_name] = data.draw(csv_upload(), label=field_name)
            uploads = True
            continue
        strategy = marked_value if marked else value_for
        value = data.draw(strategy(field_name, kind, options), label=field_name)
        if value is not OMIT:
            sent[field_name] = value
    site = fuzz.site
    FIGURES["examples"] += 1
    before = take_snapshot()
    try:
        response = site.post(form.actor, form.action, sent,
                             **({"content_type": "multipart/form-data"} if uploads else {}))
        FIGURES["requests"] += 1
        status, body, location = response.status_code, response.get_data(), response.location
        response.close()
        if status >= 500:
            FIGURES["5xx"] += 1
        assert status < 500, f"{name}: {status}"
        assert MARKER[:7].encode() not in body, f"{name}: the marker appears raw in the answer"
        if 400 <= status < 500:
            FIGURES["4xx answers"] += 1
            changed = [t for t in changed_tables(before, take_snapshot()) if t not in form.exempt]
            assert changed == [], f"{name}: answered {status} but changed {changed}"
        elif 300 <= status < 400:
            FIGURES["redirects (accepted)"] += 1
            FIGURES[f"accepted: {name}"] += 1
            if location and _followable(location):
                _check_page(fuzz, form.actor, location, name)
            for page in form.shows:
                _check_page(fuzz, form.actor, page, name)
    finally:
        _wait_for_print_threads()
        site.reset(form.actor)


def _wait_for_print_threads() -> None:
    import threading

    for thread in threading.enumerate():
        if thread.name.startswith("print-job-"):
            thread.join(60)


# ------------------------------------------------------------------ query-string forms (nothing saved)


def _queries(site: Site) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    w = site.world
    c, club = w.things["a1"].client, w.clubs["A"]
    return {
        "roster filters": ("trainer_a1", "/clients/", ("q", "status", "sort", "page")),
        "calendar month": ("runner_a1", f"/clients/{c}/calendar/", ("month",)),
        "calendar week": ("runner_a1", f"/clients/{c}/calendar/week", ("day",)),
        "new session day": ("trainer_a1", f"/clients/{c}/calendar/sessions/new", ("on",)),
        "run log page": ("runner_a1", f"/clients/{c}/runs/", ("page",)),
        "note filters": ("trainer_a1", f"/clients/{c}/notes/", ("area", "status")),
        "partner tolerance": ("owner_a", f"/clubs/{club}/partners", ("tolerance",)),
        "pair suggestion": ("owner_a", f"/clubs/{club}/partners/new", ("first", "second")),
        "season report": ("trainer_a1", f"/clients/{c}/journey/season-report", ("start", "end")),
        "print range": ("runner_a1", f"/clients/{c}/calendar.pdf", ("start", "months", "paper")),
        "login next": ("anon", "/login", ("next",)),
    }


QUERY_NAMES = ["roster filters", "calendar month", "calendar week", "new session day", "run log page",
               "note filters", "partner tolerance", "pair suggestion", "season report", "print range", "login next"]


@pytest.mark.parametrize("name", QUERY_NAMES)
@settings(SETTINGS, max_examples=15)
@given(data=st.data())
def test_hostile_query_strings_never_break_a_page(fuzz, name, data):
    actor, path, names = _queries(fuzz.site)[name]
    query = {}
    for key in names:
        value = data.draw(st.one_of(st.sampled_from(HOSTILE_TEXT), st.sampled_from(HOSTILE_NUMBERS),
                                    st.sampled_from(HOSTILE_DATES), st.text(max_size=30),
                                    st.sampled_from(plausible(key)), st.just(OMIT)), label=key)
        if value is not OMIT:
            query[key] = value
    FIGURES["examples"] += 1
    before = take_snapshot()
    try:
        response = fuzz.site.open(actor, path, query_string=query)
        FIGURES["requests"] += 1
        status, body = response.status_code, response.get_data()
        response.close()
        if status >= 500:
            FIGURES["5xx"] += 1
        assert status < 500, f"{name}: {status}"
        assert MARKER[:7].encode() not in body, f"{name}: the marker appears raw"
        assert changed_tables(before, take_snapshot()) == [] or status < 400
    finally:
        fuzz.site.reset(actor)


def test_every_form_was_found_and_the_figures(fuzz, capsys):
    assert sorted(fuzz.forms) == sorted(FORM_NAMES)
    assert sorted(_queries(fuzz.site)) == sorted(QUERY_NAMES)
    with capsys.disabled():
        print(f"\nform fuzz: {len(FORM_NAMES)} forms and {len(QUERY_NAMES)} query forms, {FIGURES['examples']} "
              f"examples, {FIGURES['requests']} requests ({FIGURES['4xx answers']} refused with 4xx, "
              f"{FIGURES['redirects (accepted)']} accepted), 5xx answers: {FIGURES['5xx']}")
        never = [name for name in FORM_NAMES if not FIGURES[f"accepted: {name}"]]
        print(f"forms that accepted no example in this run: {', '.join(never) or 'none'}")
    assert FIGURES["5xx"] == 0
