"""A backup taken while the site writes holds every row committed before it; restore brings it back."""
import tempfile
import threading
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, select, text

from coachsite.extensions import db
from coachsite.models import Client, User
from tests.conftest import build_app, throwaway_database


def _writer(app, trainer_id, stop, committed):
    """Adds clients one commit at a time until told to stop, noting each committed id."""
    with app.app_context():
        number = 0
        while not stop.is_set():
            client = Client(trainer_id=trainer_id, name=f"Runner {number}")
            db.session.add(client)
            db.session.commit()
            committed.append(client.id)
            number += 1
        db.session.remove()
        db.engine.dispose()


def test_backup_during_writes_restores_every_committed_row():
    with tempfile.TemporaryDirectory() as tmp, throwaway_database(Path(tmp)) as source_url, \
            throwaway_database(Path(tmp)) as target_url:
        source = build_app(source_url)
        with source.app_context():
            upgrade()
            trainer = User(name="Backup Trainer", email="backup@example.com", role="trainer")
            db.session.add(trainer)
            db.session.commit()
            trainer_id = trainer.id
            db.session.remove()
        stop, committed = threading.Event(), []
        writer = threading.Thread(target=_writer, args=(source, trainer_id, stop, committed))
        writer.start()
        try:
            while len(committed) < 20:
                threading.Event().wait(0.01)
            before_backup = list(committed)
            result = source.test_cli_runner().invoke(args=["backup", f"{tmp}/site.backup"])
            assert result.exit_code == 0, result.output
        finally:
            stop.set()
            writer.join(timeout=30)
        assert len(committed) > len(before_backup)  # writes really went on around the backup

        target = build_app(target_url)
        with target.app_context():
            upgrade()  # a fresh instance as `make run` leaves it: migrated, empty
            result = target.test_cli_runner().invoke(args=["restore", f"{tmp}/site.backup"])
            assert result.exit_code == 0, result.output
            restored = set(db.session.scalars(select(Client.id)))
            assert set(before_backup) <= restored
            assert db.session.scalar(select(func.count()).select_from(User)) == 1
            if db.engine.dialect.name == "sqlite":
                assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            again = target.test_cli_runner().invoke(args=["restore", f"{tmp}/site.backup"])
            assert again.exit_code != 0 and "not empty" in again.output
            db.session.remove()
            db.engine.dispose()
        with source.app_context():
            db.engine.dispose()


def test_backup_refuses_to_overwrite(app, ctx, tmp_path):
    existing = tmp_path / "exists.backup"
    existing.write_text("keep me")
    result = app.test_cli_runner().invoke(args=["backup", str(existing)])
    assert result.exit_code != 0 and "already exists" in result.output
    assert existing.read_text() == "keep me"
