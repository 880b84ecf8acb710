"""Access stays right while the club changes (issue 8): a hypothesis state machine archives and
restores clients, moves them between the club's trainers (the move-client page), and pairs and
unpairs running partners, at random and as random people (who may or may not be allowed to), and
after every step checks that each person GETs exactly what the access model allows.

The world is tests/security_world.py plus a third client in club A (a3: trained by trainer_a1,
with runner account runner_a3), so that there are three possible pairs. Steps act on club A; the
people checked are club A's (owner, both trainers, three runners) and three outsiders (club B's
owner, a club B runner, the independent trainer).

The pages checked after each step, for each person and each of a1, a2, a3: one of the four pages
that share the viewer_of_client rule (calendar, goals list, notes list, journey: a different one
each step, so every run visits them all), the client profile for trainers (manager_of_client; a
runner is always refused the roster) and the partner page for runners (partner; a trainer is never
a partner). Club A's page (club_member) is checked at the start of each example: no step changes
who belongs to the club. After a step that changed no row (a refused one, verified), the pages are
not asked again: they answer from the same rows as at the last check. The rows are put back
between examples."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from coachsite.extensions import db
from coachsite.models import Client, Membership, Partnership, User
from tests.conftest import FAST_HASH, PASSWORD
from tests.security_world import Facts, Person, Site, changed_tables, open_site, take_snapshot

CLUB_PEOPLE = ("owner_a", "trainer_a1", "trainer_a2", "runner_a1", "runner_a2", "runner_a3")
OUTSIDERS = ("owner_b", "runner_b1")
CHECKED = CLUB_PEOPLE + OUTSIDERS
ACTING_TRAINERS = ("owner_a", "trainer_a1", "trainer_a2", "owner_b", "trainer_i")
NEW_TRAINERS = ("owner_a", "trainer_a1", "trainer_a2", "trainer_b1", "runner_a2")
TARGETS = ("a1", "a2", "a3")
VIEWER_PAGES = ("/clients/{id}/calendar/", "/clients/{id}/goals/", "/clients/{id}/notes/", "/clients/{id}/journey")
FIGURES = {"examples": 0, "steps": 0, "page checks": 0, "refused steps": 0, "checks skipped (rows as last checked)": 0}


def _add_a3(site: Site) -> int:
    from coachsite.auth.passwords import hash_password

    club = site.world.clubs["A"]
    runner = User(name="Runner A3", email="runner.a3@example.com", role="runner",
                  password_hash=hash_password(PASSWORD, FAST_HASH))
    db.session.add(runner)
    db.session.flush()
    client = Client(trainer_id=site.world.people["trainer_a1"].id, club_id=club, runner_id=runner.id,
                    name="Client A3 Quillfeather", email=runner.email)
    db.session.add_all([client, Membership(club_id=club, user_id=runner.id, role="runner")])
    db.session.commit()
    site.world.people["runner_a3"] = Person("runner_a3", runner.id, runner.email, "runner")
    browser = site.app.test_client()
    assert browser.post("/login", data={"email": runner.email, "password": PASSWORD}).status_code == 302
    cookie = browser.get_cookie("session", domain="localhost")
    assert cookie is not None
    site.browsers["runner_a3"], site.cookies["runner_a3"] = browser, cookie.value
    client_id = client.id
    db.session.remove()
    site.baseline = take_snapshot()
    return client_id


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[Site, dict[str, int]]]:
    with open_site() as opened:
        a3 = _add_a3(opened)
        clients = {"a1": opened.world.things["a1"].client, "a2": opened.world.things["a2"].client, "a3": a3}
        yield opened, clients


class ClubLife(RuleBasedStateMachine):
    site: Site
    clients: dict[str, int]

    @initialize()
    def start(self) -> None:
        self.site.reset_all()
        self.step = 0
        self.checked_rows: dict[str, Any] | None = None
        FIGURES["examples"] += 1

    # -- helpers
    def user(self, key: str) -> int:
        return self.site.world.people[key].id

    def expect(self, actor: str, path: str, data: dict[str, Any], allowed: bool, succeeds: bool) -> None:
        """POST as the actor: 302 when allowed and the step makes sense, 422 when allowed but refused
        by the form (with nothing saved), 404 when not allowed (nothing saved)."""
        before = take_snapshot()
        response = self.site.post(actor, path, data)
        FIGURES["steps"] += 1
        expected = 302 if allowed and succeeds else 422 if allowed else 404
        assert response.status_code == expected, (actor, path, data, response.status_code, response.text[:400])
        if expected != 302:
            FIGURES["refused steps"] += 1
            assert changed_tables(before, take_snapshot()) == [], (actor, path)

    def client(self, key: str) -> Client:
        db.session.remove()
        return db.session.get_one(Client, self.clients[key])

    # -- the steps
    @rule(who=st.sampled_from(TARGETS), actor=st.sampled_from(ACTING_TRAINERS), archive=st.booleans())
    def archive_or_restore(self, who: str, actor: str, archive: bool) -> None:
        facts = Facts.load()
        allowed = facts.manager_of_client(self.user(actor), self.clients[who])
        action = "archive" if archive else "restore"
        self.expect(actor, f"/clients/{self.clients[who]}/{action}", {}, allowed, True)
        if allowed:
            assert self.client(who).is_archived is archive

    @rule(who=st.sampled_from(TARGETS), actor=st.sampled_from(ACTING_TRAINERS), new=st.sampled_from(NEW_TRAINERS))
    def move(self, who: str, actor: str, new: str) -> None:
        facts = Facts.load()
        club, client_id, new_id = self.site.world.clubs["A"], self.clients[who], self.user(new)
        allowed = facts.may_move(self.user(actor), club, client_id)
        offered = facts.club_staff(new_id, club) and facts.clients[client_id].trainer != new_id
        self.expect(actor, f"/clubs/{club}/members/{client_id}/move", {"trainer_id": str(new_id)}, allowed, offered)
        if allowed and offered:
            assert self.client(who).trainer_id == new_id

    @rule(first=st.sampled_from(TARGETS), second=st.sampled_from(TARGETS), actor=st.sampled_from(ACTING_TRAINERS))
    def pair(self, first: str, second: str, actor: str) -> None:
        facts = Facts.load()
        club, user = self.site.world.clubs["A"], self.user(actor)
        a, b = self.clients[first], self.clients[second]
        low, high = sorted((a, b))
        makes_sense = a != b and facts.club_client(club, a) and facts.club_client(club, b) \
            and (low, high, club) not in facts.pairs \
            and (facts.owner_of_club(user, club) or user in (facts.clients[a].trainer, facts.clients[b].trainer))
        self.expect(actor, f"/clubs/{club}/partners/new", {"first_id": str(a), "second_id": str(b),
                                                           "kind": "partners"},
                    facts.club_staff(user, club), makes_sense)
        if facts.club_staff(user, club) and makes_sense:
            assert (low, high, club) in Facts.load().pairs

    @rule(actor=st.sampled_from(ACTING_TRAINERS), pick=st.integers(0, 5))
    def unpair(self, actor: str, pick: int) -> None:
        facts = Facts.load()
        club = self.site.world.clubs["A"]
        open_pairs = sorted(p for p, (pair_club, _, _) in facts.partnerships.items() if pair_club == club)
        if not open_pairs:
            return
        partnership = open_pairs[pick % len(open_pairs)]
        allowed = facts.may_end_pair(self.user(actor), club, partnership)
        self.expect(actor, f"/clubs/{club}/partners/{partnership}/end", {}, allowed, True)
        if allowed:
            db.session.remove()
            assert db.session.get_one(Partnership, partnership).ended_at is not None

    # -- after every step
    @invariant()
    def everyone_sees_exactly_what_the_model_allows(self) -> None:
        rows = take_snapshot()
        if rows == self.checked_rows:
            FIGURES["checks skipped (rows as last checked)"] += 1
            return  # a refused step left every row as it was: the pages answer as they did a moment ago
        self.checked_rows = rows
        facts = Facts.load()
        club = self.site.world.clubs["A"]
        viewer_page = VIEWER_PAGES[self.step % len(VIEWER_PAGES)]
        self.step += 1
        wrong: list[str] = []
        for actor in CHECKED:
            user = self.user(actor)
            # The club page depends on membership only, which no step changes: checked once per example.
            pages = [(f"/clubs/{club}", facts.club_member(user, club))] if self.step == 1 else []
            for target in TARGETS:
                client_id = self.clients[target]
                pages.append((viewer_page.format(id=client_id), facts.viewer_of_client(user, client_id)))
                if facts.trainer(user):  # a runner's answer here never varies: the roster is trainers' only
                    pages.append((f"/clients/{client_id}", facts.manager_of_client(user, client_id)))
                else:  # and only a runner account can be someone's partner
                    pages.append((f"/clubs/partner/{client_id}", facts.partner(user, client_id)))
            for path, allowed in pages:
                response = self.site.open(actor, path)
                FIGURES["page checks"] += 1
                if response.status_code != (200 if allowed else 404):
                    wrong.append(f"{actor} GET {path}: {response.status_code}, model says "
                                 f"{'allowed' if allowed else 'denied'}")
                response.close()
        assert wrong == [], "\n".join(wrong)


def test_access_follows_archiving_moving_and_pairing(site, capsys):
    opened, clients = site
    ClubLife.site, ClubLife.clients = opened, clients
    try:
        run_state_machine_as_test(ClubLife, settings=settings(max_examples=15, stateful_step_count=10, deadline=None,
                                                              suppress_health_check=[HealthCheck.too_slow]))
    finally:
        opened.reset_all()
    with capsys.disabled():
        print(f"\naccess state machine: {FIGURES['examples']} examples, {FIGURES['steps']} steps "
              f"({FIGURES['refused steps']} refused as expected, rows unchanged), {FIGURES['page checks']} page "
              f"checks; {FIGURES['checks skipped (rows as last checked)']} re-checks skipped (rows as last checked)")
    assert FIGURES["page checks"] > 0
