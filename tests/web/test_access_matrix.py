"""The access matrix (issue 8): every route and method of app.url_map, for every actor of
tests/security_world.py, with the URL filled by the ids of each owner's objects: club A's,
club B's and the independent trainer's.

Each cell is allowed exactly where the access model (tests/security_world.Facts, written from
the design, not from authz.py) says. A denied request answers 404 (a redirect to log in for the
anonymous visitor) and leaves every table's rows as they were. Objects of one owner asked for
under another owner's URL (/clients/<B client>/goals/<A goal>) answer 404 too.

Allowed GETs must answer below 400; allowed POSTs (run last, the rows put back after each) must
not answer 404 or 5xx. The module prints its figures: cells, routes, unexpected allows, changes
on denial.

A new route fails test_every_route_and_method_is_public_or_in_the_matrix until it is listed in
PUBLIC or given a rule in MATRIX."""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from werkzeug.routing import Rule

from coachsite import clock
from coachsite.domain import motivation
from tests.conftest import PASSWORD
from tests.security_world import (ACTORS, CLIENTS, Facts, Site, Things, World, changed_tables, open_site,
                                  take_snapshot)

TODAY = clock.today_for("UTC")
FIGURES: Counter[str] = Counter()

# (endpoint, method) reachable without logging in, by design. Everything else is in MATRIX.
PUBLIC = {("static", "GET"), ("home.index", "GET"), ("auth.signup", "GET"), ("auth.signup", "POST"),
          ("auth.login", "GET"), ("auth.login", "POST"), ("auth.forgot_password", "GET"),
          ("auth.forgot_password", "POST"), ("auth.reset_password", "GET"), ("auth.reset_password", "POST"),
          ("auth.accept_invite", "GET"), ("auth.accept_invite", "POST"), ("clubs.join", "GET"),
          ("clubs.join", "POST"), ("printing.feed", "GET")}

# ------------------------------------------------------------------ the expected-access model, per family
# Each takes the facts, the user id (None: anonymous) and the objects the URL is about.
Allowed = Callable[[Facts, "int | None", Things, World], bool]


def any_user(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.any_user(u)


def trainer(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.trainer(u)


def manager_of_client(f: Facts, u: int | None, t: Things, w: World) -> bool:
    """trainer_of_client, or owner_of_club of the client's club."""
    return f.manager_of_client(u, t.client)


def active_manager(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.active_manager(u, t.client)


def runner_of_client(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.runner_of_client(u, t.client)


def viewer_of_client(f: Facts, u: int | None, t: Things, w: World) -> bool:
    """manager_of_client, or the client's own runner account."""
    return f.viewer_of_client(u, t.client)


def active_viewer(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.active_viewer(u, t.client)


def partner(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.partner(u, t.client)


def club_member(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.club_member(u, t.club)


def club_staff(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.club_staff(u, t.club)


def owner_of_club(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.owner_of_club(u, t.club)


def club_staff_on_member(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.club_staff(u, t.club) and f.club_client(t.club, t.client)


def mover(f: Facts, u: int | None, t: Things, w: World) -> bool:
    assert t.club is not None
    return f.may_move(u, t.club, t.client)


def pair_ender(f: Facts, u: int | None, t: Things, w: World) -> bool:
    assert t.club is not None and t.partnership is not None
    return f.may_end_pair(u, t.club, t.partnership)


def template_owner(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.template_owner(u, t.template)


def job_owner(f: Facts, u: int | None, t: Things, w: World) -> bool:
    return f.job_owner(u, t.print_job)


def invitee(f: Facts, u: int | None, t: Things, w: World) -> bool:
    assert t.invite is not None
    return f.invitee(u, t.invite)


# ------------------------------------------------------------------ plausible form data
# (were a refused POST acted on, it would change something)
Data = Callable[[Things, World], dict[str, Any]]


def _day(days: int = 0) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _other_trainer(t: Things, w: World) -> dict[str, Any]:
    return {"trainer_id": w.people[f"trainer_{t.key[0]}{'2' if t.key.endswith('1') else '1'}"].id}


def _answers(_t: Things, _w: World) -> dict[str, Any]:
    return {f"q{n}": "3" for n in range(1, len(motivation.STATEMENTS) + 1)}


def _const(values: dict[str, Any]) -> Data:
    return lambda _t, _w: values


DATA: dict[str, Data] = {
    "clients.new": _const({"name": "Added By Someone", "units": "km", "motivation": "mixed"}),
    "clients.edit": _const({"name": "Renamed By Someone", "units": "mi", "motivation": "extrinsic", "notes": "x"}),
    "calendar.new_session": _const({"on": _day(5), "kind": "tempo", "distance_m": "10"}),
    "calendar.edit_session": _const({"on": _day(3), "kind": "long", "distance_m": "20"}),
    "calendar.copy_week": _const({"source": _day(), "target": _day(14)}),
    "calendar.shift": _const({"start": _day(-7), "days": "2"}),
    "plans.save": _const({"name": "Copied block", "first_day": _day(), "weeks": "1"}),
    "plans.apply": lambda t, w: {"template": str(t.template), "start": _day(7)},
    "runs.new": _const({"on": _day(), "distance_m": "5", "duration_s": "25:00"}),
    "runs.skip": lambda t, w: {f"skip-{t.session}-reason": "Sore calf"},
    "runs.confirm_import": _const({"payload": "not-a-signed-payload"}),
    "notes.new": _const({"on": _day(), "area": "posture", "observation": "Seen", "visibility": "shared",
                         "tone": "push", "status": "open"}),
    "notes.edit": _const({"on": _day(), "area": "posture", "observation": "Changed", "visibility": "shared",
                          "tone": "push", "status": "resolved"}),
    "races.new": _const({"name": "Added race", "on": _day(50), "distance": "10k", "priority": "B",
                         "strategy": "even"}),
    "races.edit": _const({"name": "Renamed race", "on": _day(41), "distance": "5k", "priority": "C",
                          "strategy": "even"}),
    "races.result": _const({"result_time_s": "48:00"}),
    "goals.new": _const({"title": "Added goal", "kind": "distance", "start_on": _day(), "due_on": _day(30),
                         "distance_m": "10"}),
    "goals.edit": _const({"title": "Changed goal", "start_on": _day(-30), "due_on": _day(61), "distance_m": "25"}),
    "goals.add_milestone": _const({"due_on": _day(10), "distance_m": "8"}),
    "goals.edit_milestone": _const({"due_on": _day(21), "distance_m": "14"}),
    "goals.ask_excuse": _const({"subject": "goal", "reason": "injury", "note": "knee"}),
    "goals.comment": _const({"body": "A comment from someone", "tone": "push"}),
    "goals.questionnaire": _answers,
    "printing.print_page": _const({"start": "2027-01", "months": "1", "paper": "a4"}),
    "printing.new_feed": _const({"back": "print"}),
    "printing.revoke_feed": _const({"back": "print"}),
    "printing.batch_form": lambda t, w: {"clients": [str(t.client)], "start": "2027-01", "months": "1",
                                         "paper": "a4"},
    "clubs.new": _const({"name": "Another club"}),
    "clubs.invite": _const({"email": "new.coach@example.com", "role": "trainer"}),
    "clubs.new_challenge": _const({"name": "Most runs", "metric": "runs", "starts_on": _day(),
                                   "ends_on": _day(6)}),
    "clubs.move_client": _other_trainer,
    "clubs.new_pair": lambda t, w: {"first_id": str(t.client), "second_id": str(w.things[t.key[0] + "2"].client),
                                    "kind": "mentor", "mentor": "first"},
    "clubs.cheer": lambda t, w: {"target": f"goal-{t.goal}", "message": "Go go go!"},
    "account.settings": _const({"name": "Renamed Account", "units": "mi", "week_start": "6", "paper": "letter"}),
    "auth.change_password": _const({"current_password": PASSWORD, "password": "another long passphrase",
                                    "confirm": "another long passphrase"}),
    "auth.change_email": _const({"email": "changed.address@example.com", "password": PASSWORD}),
    "auth.deactivate": _const({"password": PASSWORD, "understood": "y"}),
    "auth.confirm_password": _const({"password": PASSWORD}),
}


# ------------------------------------------------------------------ the matrix


@dataclass(frozen=True)
class Rules:
    """Who may use one endpoint with one method. `contexts`: the owners whose objects fill the URL
    ("A", "B": the first client of that club; "I": the independent trainer's client); `variants`:
    alternative objects for one URL argument, each with its own rule (a shared note, a private one)."""

    allowed: Allowed
    contexts: tuple[str, ...] = ("A", "B", "I")
    variants: tuple[tuple[str, str, Allowed], ...] = ()  # (argument, Things attribute, rule)
    query: str = ""


CLUB = ("A", "B")
NOTE_VARIANTS_READ = (("note_id", "shared_note", viewer_of_client), ("note_id", "private_note", manager_of_client))
NOTE_VARIANTS_EDIT = (("note_id", "shared_note", manager_of_client), ("note_id", "private_note", manager_of_client))

MATRIX: dict[tuple[str, str], Rules] = {
    # account and session: any logged-in user, about themselves only
    ("home.my_plan", "GET"): Rules(any_user, ("A",)),
    ("auth.logout", "POST"): Rules(any_user, ("A",)),
    ("auth.change_password", "GET"): Rules(any_user, ("A",)),
    ("auth.change_password", "POST"): Rules(any_user, ("A",)),
    ("auth.confirm_password", "GET"): Rules(any_user, ("A",)),
    ("auth.confirm_password", "POST"): Rules(any_user, ("A",)),
    ("auth.change_email", "GET"): Rules(any_user, ("A",)),
    ("auth.change_email", "POST"): Rules(any_user, ("A",)),
    ("auth.deactivate", "GET"): Rules(any_user, ("A",)),
    ("auth.deactivate", "POST"): Rules(any_user, ("A",)),
    ("account.settings", "GET"): Rules(any_user, ("A",)),
    ("account.settings", "POST"): Rules(any_user, ("A",)),
    ("account.export", "GET"): Rules(any_user, ("A",)),
    # the roster: trainers only, each their own
    ("clients.index", "GET"): Rules(trainer, ("A",)),
    ("clients.new", "GET"): Rules(trainer, ("A",)),
    ("clients.new", "POST"): Rules(trainer, ("A",)),
    ("clients.export_json", "GET"): Rules(trainer, ("A",)),
    ("clients.export_csv", "GET"): Rules(trainer, ("A",)),
    ("clients.show", "GET"): Rules(manager_of_client),
    ("clients.edit", "GET"): Rules(manager_of_client),
    ("clients.edit", "POST"): Rules(manager_of_client),
    ("clients.archive", "POST"): Rules(manager_of_client),
    ("clients.restore", "POST"): Rules(manager_of_client),
    ("clients.invite", "POST"): Rules(manager_of_client),
    # the calendar
    ("calendar.month", "GET"): Rules(viewer_of_client),
    ("calendar.week", "GET"): Rules(viewer_of_client),
    ("calendar.new_session", "GET"): Rules(manager_of_client),
    ("calendar.new_session", "POST"): Rules(manager_of_client),
    ("calendar.edit_session", "GET"): Rules(manager_of_client),
    ("calendar.edit_session", "POST"): Rules(manager_of_client),
    ("calendar.delete_session", "POST"): Rules(manager_of_client),
    ("calendar.copy_week", "POST"): Rules(manager_of_client),
    ("calendar.shift", "POST"): Rules(manager_of_client),
    # plan templates: each trainer's own
    ("plans.index", "GET"): Rules(trainer, ("A",)),
    ("plans.show", "GET"): Rules(template_owner),
    ("plans.archive", "POST"): Rules(template_owner),
    ("plans.save", "POST"): Rules(manager_of_client),
    ("plans.apply", "POST"): Rules(manager_of_client),
    # the run log: the runner and their trainer(s)
    ("runs.index", "GET"): Rules(viewer_of_client),
    ("runs.new", "GET"): Rules(active_viewer),
    ("runs.new", "POST"): Rules(active_viewer),
    ("runs.skip", "POST"): Rules(active_viewer),
    ("runs.unskip", "POST"): Rules(active_viewer),
    ("runs.import_file", "GET"): Rules(active_viewer),
    ("runs.import_file", "POST"): Rules(active_viewer),
    ("runs.confirm_import", "POST"): Rules(active_viewer),
    # technique notes: private ones for the trainer(s) only
    ("notes.index", "GET"): Rules(viewer_of_client),
    ("notes.show", "GET"): Rules(viewer_of_client, variants=NOTE_VARIANTS_READ),
    ("notes.new", "GET"): Rules(manager_of_client),
    ("notes.new", "POST"): Rules(manager_of_client),
    ("notes.edit", "GET"): Rules(manager_of_client, variants=NOTE_VARIANTS_EDIT),
    ("notes.edit", "POST"): Rules(manager_of_client, variants=NOTE_VARIANTS_EDIT),
    # races
    ("races.index", "GET"): Rules(viewer_of_client),
    ("races.show", "GET"): Rules(viewer_of_client),
    ("races.pace_band", "GET"): Rules(viewer_of_client),
    ("races.new", "GET"): Rules(manager_of_client),
    ("races.new", "POST"): Rules(manager_of_client),
    ("races.edit", "GET"): Rules(manager_of_client),
    ("races.edit", "POST"): Rules(manager_of_client),
    ("races.result", "POST"): Rules(manager_of_client),
    ("races.apply_taper", "POST"): Rules(manager_of_client),
    ("races.undo_taper", "POST"): Rules(manager_of_client),
    # goals: the trainer's steps, the runner's steps, and what both may do
    ("goals.index", "GET"): Rules(viewer_of_client),
    ("goals.show", "GET"): Rules(viewer_of_client),
    ("goals.new", "GET"): Rules(active_manager),
    ("goals.new", "POST"): Rules(active_manager),
    ("goals.edit", "GET"): Rules(manager_of_client),
    ("goals.edit", "POST"): Rules(manager_of_client),
    ("goals.cancel", "POST"): Rules(manager_of_client),
    ("goals.add_milestone", "POST"): Rules(manager_of_client),
    ("goals.edit_milestone", "GET"): Rules(manager_of_client),
    ("goals.edit_milestone", "POST"): Rules(manager_of_client),
    ("goals.remove_milestone", "POST"): Rules(manager_of_client),
    ("goals.reward_given", "POST"): Rules(manager_of_client),
    ("goals.consequence_done", "POST"): Rules(manager_of_client),
    ("goals.grant_excuse", "POST"): Rules(manager_of_client),
    ("goals.refuse_excuse", "POST"): Rules(manager_of_client),
    ("goals.accept", "POST"): Rules(runner_of_client),
    ("goals.ask_excuse", "POST"): Rules(runner_of_client),
    ("goals.comment", "POST"): Rules(active_viewer),
    ("goals.questionnaire", "GET"): Rules(active_viewer),
    ("goals.questionnaire", "POST"): Rules(active_viewer),
    # the journey
    ("journey.show", "GET"): Rules(viewer_of_client),
    ("journey.season_report", "GET"): Rules(manager_of_client, query="?start=2000-01-01&end=2100-12-31"),
    # printing and feeds
    ("printing.print_page", "GET"): Rules(viewer_of_client),
    ("printing.print_page", "POST"): Rules(viewer_of_client),
    ("printing.calendar_pdf", "GET"): Rules(viewer_of_client),
    ("printing.calendar_ics", "GET"): Rules(viewer_of_client),
    ("printing.new_feed", "POST"): Rules(viewer_of_client),
    ("printing.revoke_feed", "POST"): Rules(viewer_of_client),
    ("printing.batch_form", "GET"): Rules(trainer, ("A",)),
    ("printing.batch_form", "POST"): Rules(trainer),
    ("printing.batch_job", "GET"): Rules(job_owner),
    ("printing.batch_status", "GET"): Rules(job_owner),
    ("printing.batch_download", "GET"): Rules(job_owner),
    ("printing.batch_retry", "POST"): Rules(job_owner),
    # clubs
    ("clubs.index", "GET"): Rules(any_user, ("A",)),
    ("clubs.new", "GET"): Rules(trainer, ("A",)),
    ("clubs.new", "POST"): Rules(trainer, ("A",)),
    ("clubs.accept_invite", "POST"): Rules(invitee, CLUB),
    ("clubs.decline_invite", "POST"): Rules(invitee, CLUB),
    ("clubs.invite", "GET"): Rules(owner_of_club, CLUB),
    ("clubs.invite", "POST"): Rules(owner_of_club, CLUB),
    ("clubs.show", "GET"): Rules(club_member, CLUB),
    ("clubs.races", "GET"): Rules(club_member, CLUB),
    ("clubs.challenge_list", "GET"): Rules(club_member, CLUB),
    ("clubs.challenge", "GET"): Rules(club_member, CLUB),
    ("clubs.new_challenge", "GET"): Rules(club_staff, CLUB),
    ("clubs.new_challenge", "POST"): Rules(club_staff, CLUB),
    ("clubs.member", "GET"): Rules(club_staff_on_member, CLUB),
    ("clubs.move_client", "GET"): Rules(mover, CLUB),
    ("clubs.move_client", "POST"): Rules(mover, CLUB),
    ("clubs.partner_list", "GET"): Rules(club_staff, CLUB),
    ("clubs.new_pair", "GET"): Rules(club_staff, CLUB),
    ("clubs.new_pair", "POST"): Rules(club_staff, CLUB),
    ("clubs.end_pair", "POST"): Rules(pair_ender, CLUB),
    ("clubs.partner", "GET"): Rules(partner, CLUB),
    ("clubs.cheer", "POST"): Rules(partner, CLUB),
}

CONTEXT_CLIENT = {"A": "a1", "B": "b1", "I": "i"}
# URL argument -> the Things attribute that fills it
ARGUMENTS = {"client_id": "client", "goal_id": "goal", "milestone_id": "milestone", "excuse_id": "excuse",
             "race_id": "race", "session_id": "session", "template_id": "template", "job_id": "print_job",
             "club_id": "club", "challenge_id": "challenge", "partnership_id": "partnership", "invite_id": "invite",
             "note_id": "shared_note"}
PARENTS = ("club_id", "client_id")  # the argument that scopes the others, outermost first


@dataclass(frozen=True)
class Cell:
    rule: Rule
    method: str
    actor: str
    context: str
    variant: str  # "" or the Things attribute that filled the varied argument
    path: str
    allowed: bool
    data: dict[str, Any]

    @property
    def name(self) -> str:
        owner = f"{self.context} {self.variant}".strip()
        return f"{self.method} {self.rule.endpoint} {self.path} as {self.actor} ({owner})"


def methods_of(rule: Rule) -> list[str]:
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def _fill(rule: Rule, things: Things, overrides: dict[str, str] | None = None) -> dict[str, Any] | None:
    values = {}
    for argument in rule.arguments:
        attribute = (overrides or {}).get(argument, ARGUMENTS[argument])
        value = getattr(things, attribute)
        if value is None:
            return None
        values[argument] = value
    return values


def cells(site: Site, facts: Facts) -> Iterator[Cell]:
    world = site.world
    for rule in site.app.url_map.iter_rules():
        for method in methods_of(rule):
            rules = MATRIX.get((rule.endpoint, method))
            if rules is None:
                continue
            for context in rules.contexts:
                things = world.things[CONTEXT_CLIENT[context]]
                variants = [(v, attr, allowed) for v, attr, allowed in rules.variants if v in rule.arguments] \
                    or [("", "", rules.allowed)]
                for argument, attribute, allowed in variants:
                    values = _fill(rule, things, {argument: attribute} if argument else None)
                    assert values is not None, (rule, context)
                    path = site.app.url_map.bind("localhost").build(rule.endpoint, values) + rules.query
                    data = DATA[rule.endpoint](things, world) if method == "POST" and rule.endpoint in DATA else {}
                    for actor in ACTORS:
                        user = world.people[actor].id if actor != "anon" else None
                        yield Cell(rule, method, actor, context, attribute, path,
                                   allowed(facts, user, things, world), data)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with open_site() as opened:
        yield opened


@pytest.fixture(scope="module")
def facts(site: Site) -> Facts:
    return Facts.load()


def _refused(cell: Cell, response: Any) -> str | None:
    """Why a response to a denied cell is wrong, or None."""
    if cell.actor == "anon":
        if response.status_code != 302 or not response.location.startswith("/login?next="):
            return f"anonymous got {response.status_code} {response.location}"
        return None
    if response.status_code != 404:
        return f"got {response.status_code}, expected 404"
    return None


def _open(site: Site, cell: Cell) -> Any:
    return site.open(cell.actor, cell.path, cell.method, data=cell.data)


# ------------------------------------------------------------------ coverage of the map


def test_every_route_and_method_is_public_or_in_the_matrix(site):
    missing = [f"{method} {rule.endpoint} {rule.rule}" for rule in site.app.url_map.iter_rules()
               for method in methods_of(rule)
               if (rule.endpoint, method) not in PUBLIC and (rule.endpoint, method) not in MATRIX]
    assert missing == [], "add these to PUBLIC or give them rules in MATRIX"


def test_the_matrix_and_the_public_set_name_only_real_routes(site):
    real = {(rule.endpoint, method) for rule in site.app.url_map.iter_rules() for method in methods_of(rule)}
    assert set(MATRIX) - real == set()
    assert PUBLIC - real == set()
    assert set(MATRIX) & PUBLIC == set()
    from coachsite.authz import is_public

    marked = {endpoint for endpoint, view in site.app.view_functions.items() if is_public(view)} | {"static"}
    assert {endpoint for endpoint, _ in PUBLIC} == marked


# ------------------------------------------------------------------ the cells


def test_every_cell_answers_as_the_access_model_says(site, facts):
    """GETs of every cell, and POSTs of every denied cell (allowed POSTs: see below)."""
    problems: list[str] = []
    before = take_snapshot()
    for cell in cells(site, facts):
        FIGURES["cells"] += 1
        FIGURES[f"cells {'allowed' if cell.allowed else 'denied'}"] += 1
        if cell.method == "POST" and cell.allowed:
            continue  # run by test_allowed_posts_are_let_through, with the rows put back after each
        response = _open(site, cell)
        FIGURES["requests"] += 1
        if cell.allowed:
            if response.status_code >= 400:
                problems.append(f"{cell.name}: refused with {response.status_code}")
            response.close()
            before = take_snapshot()  # an allowed page view may settle goals that fell due
            continue
        why = _refused(cell, response)
        if why:
            FIGURES["unexpected allows"] += 1
            problems.append(f"{cell.name}: {why}")
        elif cell.actor != "anon":
            FIGURES["denials answered 404"] += 1
        if site.world.things[CONTEXT_CLIENT[cell.context]].secret_words.encode() in response.get_data():
            problems.append(f"{cell.name}: the refusal shows a private note")
        response.close()
        after = take_snapshot()
        FIGURES["denied requests with rows compared"] += 1
        if after != before:
            FIGURES["changes on denial"] += 1
            problems.append(f"{cell.name}: changed {changed_tables(before, after)}")
            site.reset()
            after = take_snapshot()
        before = after
    site.reset()
    assert problems == [], "\n".join(problems[:40])


def _wait_for_print_threads() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("print-job-"):
            thread.join(60)


def test_allowed_posts_are_let_through(site, facts):
    """Each allowed POST is sent with plausible data; it must not answer 404 (nor fail). The rows
    and the actor's login are put back after each, so every cell starts from the same world."""
    problems: list[str] = []
    for cell in cells(site, facts):
        if cell.method != "POST" or not cell.allowed:
            continue
        response = _open(site, cell)
        FIGURES["allowed POSTs sent"] += 1
        if response.status_code == 404 or response.status_code >= 500:
            problems.append(f"{cell.name}: {response.status_code}")
        response.close()
        _wait_for_print_threads()
        if site.reset(cell.actor):
            FIGURES["allowed POSTs that changed rows (put back)"] += 1
    assert problems == [], "\n".join(problems)


# ------------------------------------------------------------------ objects under another owner's URL


def crossed_cells(site: Site, facts: Facts) -> Iterator[Cell]:
    """For every route with two or more ids: the outer ids from one client's world, the inner ids
    from another's (another club, the same club, or the independent trainer), for each actor who
    may use the route on the outer client's own objects."""
    world = site.world
    for rule in site.app.url_map.iter_rules():
        arguments = [a for a in rule.arguments if a in ARGUMENTS]
        if len(arguments) < 2:
            continue
        order = sorted(arguments, key=lambda a: (PARENTS.index(a) if a in PARENTS else len(PARENTS),
                                                 rule.rule.index(f"<int:{a}>")))
        for method in methods_of(rule):
            rules = MATRIX[(rule.endpoint, method)]
            for context in rules.contexts:
                outer = world.things[CONTEXT_CLIENT[context]]
                for inner_key in CLIENTS:
                    inner = world.things[inner_key]
                    if inner.key == outer.key or (order[0] == "club_id" and inner.club == outer.club):
                        continue  # the same client, or a client of the same club under a club's URL
                    for split in range(1, len(order)):
                        values = _fill(rule, outer)
                        crossed = _fill(rule, inner)
                        if values is None or crossed is None:
                            continue
                        for argument in order[split:]:
                            values[argument] = crossed[argument]
                        if values == _fill(rule, outer):
                            continue  # the same object (a club-level id shared by both clients)
                        path = site.app.url_map.bind("localhost").build(rule.endpoint, values) + rules.query
                        data = DATA[rule.endpoint](outer, world) if method == "POST" and rule.endpoint in DATA \
                            else {}
                        for actor in ACTORS[1:]:
                            user = world.people[actor].id
                            if rules.allowed(facts, user, outer, world):
                                yield Cell(rule, method, actor, f"{context}<-{inner.key}", "", path, False, data)


def test_objects_of_one_owner_under_another_owners_url_answer_404(site, facts):
    problems: list[str] = []
    before = take_snapshot()
    for cell in crossed_cells(site, facts):
        FIGURES["crossed-owner cells"] += 1
        response = _open(site, cell)
        if response.status_code != 404:
            FIGURES["unexpected allows"] += 1
            problems.append(f"{cell.name}: {response.status_code}")
        response.close()
        after = take_snapshot()
        if after != before:
            FIGURES["changes on denial"] += 1
            problems.append(f"{cell.name}: changed {changed_tables(before, after)}")
            site.reset()
            after = take_snapshot()
        before = after
    site.reset()
    assert FIGURES["crossed-owner cells"] > 100
    assert problems == [], "\n".join(problems[:40])


def test_figures(site, capsys):
    if not FIGURES["cells"]:
        pytest.skip("the figures come from the matrix tests of this module: run them together")
    pairs = {(rule.rule, method, rule.endpoint) for rule in site.app.url_map.iter_rules()
             for method in methods_of(rule)}
    in_matrix = {(path, method) for path, method, endpoint in pairs if (endpoint, method) in MATRIX}
    endpoints = {endpoint for _, method, endpoint in pairs if (endpoint, method) in MATRIX}
    with capsys.disabled():
        print(f"\naccess matrix: {FIGURES['cells']} cells ({FIGURES['cells allowed']} allowed, "
              f"{FIGURES['cells denied']} denied) over {len(in_matrix)} of {len(pairs)} route-methods "
              f"({len(endpoints)} endpoints; the other {len(pairs) - len(in_matrix)} are public), {len(ACTORS)} actors "
              f"x 3 owners; {FIGURES['crossed-owner cells']} crossed-owner cells; {FIGURES['allowed POSTs sent']} "
              f"allowed POSTs sent; unexpected allows {FIGURES['unexpected allows']}; "
              f"changes on denial {FIGURES['changes on denial']}")
    assert FIGURES["cells"] > 0 and FIGURES["crossed-owner cells"] > 0
    assert FIGURES["unexpected allows"] == 0 and FIGURES["changes on denial"] == 0
