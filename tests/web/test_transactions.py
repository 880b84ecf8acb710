"""How page views use the database's transactions. On PostgreSQL a page view reads without a
transaction of its own (coachsite/postgres_reads.py), but whatever it writes or locks still runs in
one, so its writes commit or roll back together."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select, text, update

from coachsite.extensions import db
from coachsite.models import Client


@pytest.fixture
def postgres(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's transactions; SQLite page views read in a DEFERRED transaction")


def _in_transaction() -> bool:
    from psycopg.pq import TransactionStatus

    status = db.session.connection().connection.dbapi_connection.info.transaction_status
    return status != TransactionStatus.IDLE


def test_a_page_view_reads_outside_a_transaction_and_rolls_back_its_writes_whole(app, postgres, make_trainer,
                                                                                  make_client):
    trainer = make_trainer()
    kept = make_client(trainer, name="Kept Name")
    kept_id, trainer_id = kept.id, trainer.id
    db.session.rollback()
    with app.test_request_context("/clients/", method="GET"):
        assert db.session.scalar(select(func.count()).select_from(Client)) == 1
        assert not _in_transaction()  # no BEGIN, no ROLLBACK: two round trips fewer per page view
        db.session.add(Client(trainer_id=trainer_id, name="Half Saved"))
        db.session.execute(update(Client).where(Client.id == kept_id).values(name="Changed Name"))
        assert _in_transaction()  # the first write began one, before it ran
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Client)) == 1
        assert db.session.scalar(select(Client.name).where(Client.id == kept_id)) == "Kept Name"


def test_a_locking_read_in_a_page_view_runs_in_a_transaction(app, postgres, make_trainer, make_client):
    make_client(make_trainer())
    db.session.rollback()
    with app.test_request_context("/clients/", method="GET"):
        db.session.execute(select(Client).with_for_update()).all()
        assert _in_transaction()  # the lock lasts until the page view ends, not one statement
        db.session.rollback()


def test_a_form_post_runs_in_one_transaction_from_its_first_statement(app, postgres, make_trainer):
    make_trainer()
    db.session.rollback()
    with app.test_request_context("/clients/new", method="POST"):
        db.session.scalar(select(func.count()).select_from(Client))
        assert _in_transaction()
        db.session.rollback()


def test_code_that_asks_for_autocommit_keeps_it(app, postgres):
    """Maintenance such as VACUUM cannot run in a transaction: a connection asked for in autocommit
    keeps it, outside requests and in them."""
    for context in (app.app_context(), app.test_request_context("/", method="POST")):
        with context:
            with db.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
                connection.execute(text("VACUUM clients"))
