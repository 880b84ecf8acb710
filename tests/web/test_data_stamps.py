"""A client's data stamp changes with every change to what is theirs, in the same transaction,
and only then: memoized figures (roster compliance, printed calendars, roster notices) are keyed
by it, so a stamp that failed to change would show a trainer stale figures."""
from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coachsite.extensions import db
from coachsite.models import (Activity, Client, Club, Goal, Milestone, Partnership, PlannedSession, Race, TechniqueNote,
                              User, utcnow)

DAY = date(2026, 11, 2)


def stamp_of(client_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(select(Client.data_stamp).where(Client.id == client_id))


def _changes(client_id: int, change) -> bool:  # type: ignore[no-untyped-def]
    before = stamp_of(client_id)
    change()
    db.session.commit()
    return stamp_of(client_id) != before


def test_every_kind_of_change_to_a_client_s_data_gives_a_new_stamp(make_trainer, make_client):
    client = make_client(make_trainer())
    other = make_client(client.trainer, name="Other Runner")
    other_stamp = stamp_of(other.id)
    session = PlannedSession(client_id=client.id, on=DAY, kind="easy", distance_m=8000.0)
    run = Activity(client_id=client.id, on=DAY, distance_m=8000.0, duration_s=2880, source="manual")
    goal = Goal(client_id=client.id, kind="distance", title="First half", start_on=DAY, due_on=DAY + timedelta(90),
                distance_m=21097.5, state="accepted", proposed_by_id=client.trainer_id)
    assert _changes(client.id, lambda: db.session.add(session))
    assert _changes(client.id, lambda: db.session.add(run))
    assert _changes(client.id, lambda: setattr(session, "distance_m", 9000.0))
    assert _changes(client.id, lambda: db.session.add(goal))
    milestone = Milestone(goal_id=goal.id, due_on=DAY + timedelta(30), distance_m=12000.0, reward="new socks")
    assert _changes(client.id, lambda: db.session.add(milestone))
    assert _changes(client.id, lambda: setattr(milestone, "reward", "a massage"))  # through the goal's client
    assert _changes(client.id, lambda: db.session.add(
        Race(client_id=client.id, name="City 10K", on=DAY + timedelta(40), distance_m=10000.0)))
    assert _changes(client.id, lambda: db.session.add(
        TechniqueNote(client_id=client.id, author_id=client.trainer_id, on=DAY, area="arm_swing", cue="Relax the shoulders")))
    assert _changes(client.id, lambda: setattr(db.session.get(Client, client.id), "name", "Casey Renamed"))
    assert _changes(client.id, lambda: db.session.delete(run))
    assert stamp_of(other.id) == other_stamp  # nothing of the other client's changed


def test_reading_or_saving_nothing_keeps_the_stamp(make_trainer, make_client):
    client = make_client(make_trainer())
    db.session.add(PlannedSession(client_id=client.id, on=DAY, kind="easy", distance_m=8000.0))
    db.session.commit()
    assert not _changes(client.id, lambda: list(db.session.scalars(select(PlannedSession))))
    loaded = db.session.get(Client, client.id)
    assert not _changes(client.id, lambda: setattr(loaded, "name", loaded.name))  # set to what it was


def test_a_rolled_back_change_rolls_its_stamp_back(make_trainer, make_client):
    client = make_client(make_trainer())
    before = stamp_of(client.id)
    db.session.add(PlannedSession(client_id=client.id, on=DAY, kind="easy", distance_m=8000.0))
    db.session.flush()
    assert db.session.scalar(select(Client.data_stamp).where(Client.id == client.id)) != before  # same transaction
    db.session.rollback()
    assert stamp_of(client.id) == before


def roster_stamp_of(trainer_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(select(User.roster_stamp).where(User.id == trainer_id))


def test_a_trainer_s_roster_stamp_changes_with_any_of_their_clients_and_only_then(make_trainer, make_client):
    trainer, other = make_trainer(), make_trainer(name="Other Trainer")
    mine, theirs = make_client(trainer), make_client(other, name="Their Runner")

    def changes(change) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
        before = roster_stamp_of(trainer.id), roster_stamp_of(other.id)
        change()
        db.session.commit()
        return roster_stamp_of(trainer.id) != before[0], roster_stamp_of(other.id) != before[1]

    def plan(client_id: int):  # type: ignore[no-untyped-def]
        return lambda: db.session.add(PlannedSession(client_id=client_id, on=DAY, kind="easy", distance_m=5000.0))

    assert changes(plan(mine.id)) == (True, False)
    assert changes(plan(theirs.id)) == (False, True)
    assert changes(lambda: db.session.add(Client(trainer_id=trainer.id, name="New Runner"))) == (True, False)
    assert changes(lambda: setattr(db.session.get(Client, mine.id), "archived_at", utcnow())) == (True, False)
    assert changes(lambda: setattr(db.session.get(Client, mine.id), "trainer_id", other.id)) == (True, True)
    assert changes(lambda: setattr(db.session.get(User, trainer.id), "units", "mi")) == (False, False)

    before = roster_stamp_of(other.id)
    loaded = db.session.get(User, other.id)
    plan(theirs.id)()
    db.session.flush()
    assert loaded.roster_stamp == db.session.scalar(select(User.roster_stamp).where(User.id == other.id))
    assert roster_stamp_of(other.id) != before  # in the same transaction as the change...
    db.session.rollback()
    assert roster_stamp_of(other.id) == before  # ...and rolled back with it


def test_new_clients_get_different_stamps(make_trainer, make_client):
    trainer = make_trainer()
    assert len({make_client(trainer, name=f"Runner {n}").data_stamp for n in range(5)}) == 5


def test_a_row_that_moves_to_another_client_changes_both_stamps(make_trainer, make_client):
    trainer = make_trainer()
    first, second = make_client(trainer, name="First Runner"), make_client(trainer, name="Second Runner")
    session = PlannedSession(client_id=first.id, on=DAY, kind="easy", distance_m=8000.0)
    goals = [Goal(client_id=owner.id, kind="distance", title="Half", start_on=DAY, due_on=DAY + timedelta(90),
                  distance_m=21097.5, state="proposed", proposed_by_id=trainer.id) for owner in (first, second)]
    db.session.add_all([session, *goals])
    db.session.flush()
    milestone = Milestone(goal_id=goals[0].id, due_on=DAY + timedelta(30), distance_m=12000.0)
    db.session.add(milestone)
    db.session.commit()

    def moved(change) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
        before = stamp_of(first.id), stamp_of(second.id)
        change()
        db.session.commit()
        return stamp_of(first.id) != before[0], stamp_of(second.id) != before[1]

    assert moved(lambda: setattr(db.session.get(PlannedSession, session.id), "client_id", second.id)) == (True, True)
    assert moved(lambda: setattr(db.session.get(Milestone, milestone.id), "goal",  # through the relationship
                                 db.session.get(Goal, goals[1].id))) == (True, True)


def test_a_partner_s_new_name_stamps_the_other_partner_but_their_runs_do_not(make_trainer, make_client):
    trainer = make_trainer()
    first, second = make_client(trainer, name="First Runner"), make_client(trainer, name="Second Runner")
    club = Club(name="Riverside Runners")
    db.session.add(club)
    db.session.flush()
    db.session.add(Partnership(club_id=club.id, client_a_id=first.id, client_b_id=second.id,
                               confirmed_by_id=trainer.id))
    db.session.commit()
    assert not _changes(first.id, lambda: db.session.add(
        Activity(client_id=second.id, on=DAY, distance_m=5000.0, duration_s=1500)))
    assert _changes(first.id, lambda: setattr(db.session.get(Client, second.id), "name", "Renamed Runner"))
    assert _changes(first.id, lambda: setattr(db.session.get(Client, second.id), "archived_at", utcnow()))


def _second_writer_waits_for_first(first: Session, second_work) -> None:  # type: ignore[no-untyped-def]
    """Run `second_work` in a thread while `first` holds its locks, make sure it waits for one of
    them, then commit `first` and let the second finish."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            second_work()
        except BaseException as error:  # reported below
            errors.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    waiting = False
    for _ in range(500):  # until the second transaction waits for a lock the first holds
        waiting = db.session.scalar(text("SELECT count(*) FROM pg_locks WHERE NOT granted")) > 0
        db.session.commit()
        if waiting:
            break
        time.sleep(0.01)
    assert waiting, "the second writer never waited for the first"
    first.commit()
    worker.join(10)
    assert not worker.is_alive() and not errors, errors


def test_a_run_logged_while_its_client_moves_to_another_trainer_stamps_the_new_trainer(database_url, make_trainer,
                                                                                        make_client):
    """PostgreSQL runs both at once: the run's stamping must wait for the move and stamp the trainer the
    client has once it commits, or the new trainer's kept roster would miss the run. (SQLite has one
    writer at a time, so the question does not arise.)"""
    if not database_url.startswith("postgresql"):
        pytest.skip("two writers at once: PostgreSQL only")
    old, new = make_trainer(name="Old Trainer"), make_trainer(name="New Trainer")
    moving = make_client(old, name="Moving Runner")
    client_id, new_id = moving.id, new.id
    db.session.commit()
    mover, logger = Session(db.engine), Session(db.engine)
    try:
        mover.get(User, new_id)
        mover.get(Client, client_id).trainer_id = new_id
        mover.flush()  # the move holds its client's row and both trainers' rows until it commits
        stamped_by_move = mover.get(User, new_id).roster_stamp

        def log_run() -> None:
            logger.add(Activity(client_id=client_id, on=DAY, distance_m=5000.0, duration_s=1500))
            logger.commit()

        _second_writer_waits_for_first(mover, log_run)
        assert roster_stamp_of(new_id) != stamped_by_move
    finally:
        mover.close()
        logger.close()


def test_a_client_renamed_while_a_partnership_is_made_stamps_the_new_partner(database_url, make_trainer, make_client):
    """The rename's stamping waits for the pairing and finds it, so the partner's club panel shows the
    new name."""
    if not database_url.startswith("postgresql"):
        pytest.skip("two writers at once: PostgreSQL only")
    trainer = make_trainer()
    first, second = make_client(trainer, name="First Runner"), make_client(trainer, name="Second Runner")
    club = Club(name="Riverside Runners")
    db.session.add(club)
    db.session.commit()
    first_id, second_id, club_id, trainer_id = first.id, second.id, club.id, trainer.id
    pairing, renaming = Session(db.engine), Session(db.engine)
    try:
        pairing.add(Partnership(club_id=club_id, client_a_id=first_id, client_b_id=second_id,
                                confirmed_by_id=trainer_id))
        pairing.flush()  # stamps both clients: holds their rows until it commits
        stamped_by_pairing = pairing.scalar(select(Client.data_stamp).where(Client.id == second_id))

        def rename() -> None:
            renaming.get(Client, first_id).name = "Renamed Runner"
            renaming.commit()

        _second_writer_waits_for_first(pairing, rename)
        assert stamp_of(second_id) != stamped_by_pairing
    finally:
        pairing.close()
        renaming.close()
