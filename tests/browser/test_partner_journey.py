"""Two runners of a club are suggested as partners; the trainer confirms the pair; one cheers the
other's milestone from their phone, and the other sees the cheer on My plan. The runner then
opens their journey and finds the weekly volume chart."""
from datetime import timedelta

from playwright.sync_api import expect

from coachsite import clock
from coachsite.extensions import db
from coachsite.models import Activity, Club, Goal, Membership, Milestone
from tests.conftest import PASSWORD


def log_in(page, email):  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_partners_are_suggested_confirmed_and_cheer_each_other(new_page, make_trainer, make_client, make_runner):
    today = clock.today_for("UTC")
    coach = make_trainer(name="Alex Morgan", email="alex.partners@example.com")
    club = Club(name="Riverside Runners")
    db.session.add(club)
    db.session.flush()
    db.session.add(Membership(club_id=club.id, user_id=coach.id, role="owner"))
    db.session.commit()
    riley = make_client(coach, name="Riley Runner", email="riley.partners@example.com", club_id=club.id)
    casey = make_client(coach, name="Casey Nguyen", email="casey.partners@example.com", club_id=club.id)
    make_runner(riley)
    make_runner(casey)
    for back in range(42):  # six weeks of Tuesday and Saturday runs at nearly the same easy pace
        day = today - timedelta(days=back)
        if day.weekday() in (1, 5):
            db.session.add(Activity(client_id=riley.id, on=day, distance_m=8000.0, duration_s=8 * 350))
            db.session.add(Activity(client_id=casey.id, on=day, distance_m=9000.0, duration_s=9 * 362))
    goal = Goal(client_id=riley.id, kind="distance", title="First half marathon", start_on=today - timedelta(days=30),
                due_on=today + timedelta(days=60), distance_m=21100.0, state="accepted", proposed_by_id=coach.id)
    goal.milestones = [Milestone(due_on=today + timedelta(days=14), distance_m=12000.0, reward="new socks",
                                 state="accepted")]
    db.session.add(goal)
    db.session.commit()
    riley_id = riley.id
    db.session.rollback()  # end the test's read so the server's writes are not kept waiting

    trainer = new_page()
    log_in(trainer, "alex.partners@example.com")
    trainer.get_by_role("navigation", name="Main").get_by_role("link", name="Club").click()
    trainer.get_by_role("link", name="Riverside Runners").click()
    trainer.get_by_role("link", name="Partners").click()
    expect(trainer.get_by_role("rowheader", name="Riley Runner and Casey Nguyen")).to_be_visible()
    trainer.get_by_role("link", name="Pair Riley Runner and Casey Nguyen").click()
    expect(trainer.get_by_label("First runner", exact=True)).to_have_value(str(riley_id))
    trainer.get_by_label("Running partners: they run together").check()
    trainer.get_by_role("button", name="Confirm pair").click()
    expect(trainer.get_by_text("Riley Runner and Casey Nguyen are paired: running partners.")).to_be_visible()
    expect(trainer.get_by_text("No pair within 20 s/km")).to_be_visible()

    casey_page = new_page(width=390)
    log_in(casey_page, "casey.partners@example.com")
    casey_page.get_by_role("link", name="Riley Runner").click()
    expect(casey_page.get_by_role("heading", level=1)).to_have_text("Riley Runner")
    cheer = casey_page.get_by_label("Cheer for the milestone 12 km non-stop")
    cheer.fill("Twelve is nothing for you. See you Saturday!")
    cheer.locator("xpath=ancestor::form").get_by_role("button", name="Send cheer").click()
    expect(casey_page.get_by_text("Cheer sent to Riley Runner.")).to_be_visible()
    expect(casey_page.get_by_text("“Twelve is nothing for you. See you Saturday!”")).to_be_visible()

    riley_page = new_page(width=390)
    log_in(riley_page, "riley.partners@example.com")
    expect(riley_page.get_by_role("heading", name="Cheers for you")).to_be_visible()
    expect(riley_page.get_by_text("“Twelve is nothing for you. See you Saturday!”")).to_be_visible()
    riley_page.goto(f"/clients/{riley_id}/journey")
    expect(riley_page.get_by_role("img", name="Weekly volume")).to_be_visible()
    expect(riley_page.get_by_role("img", name="Longest run")).to_be_visible()
    assert trainer.console_errors == [] and casey_page.console_errors == [] and riley_page.console_errors == []
