"""When a permission check itself fails, the answer is an error page, never the data."""
from datetime import date

from coachsite import authz
from coachsite.extensions import db
from coachsite.models import PlannedSession


def test_a_raising_permission_check_shows_an_error_page(client, make_trainer, make_client, login, monkeypatch):
    trainer = make_trainer()
    runner = make_client(trainer, name="Secretive Sam")
    db.session.add(PlannedSession(client_id=runner.id, on=date(2027, 3, 3), kind="tempo", title="Secret tempo"))
    db.session.commit()
    login(client, trainer)

    def broken(*_args):
        raise RuntimeError("permission store unavailable")

    monkeypatch.setattr(authz, "can_view_client", broken)
    monkeypatch.setattr(authz, "can_manage_client", broken)
    response = client.get(f"/clients/{runner.id}/calendar/?month=2027-03")
    assert response.status_code == 500
    assert "Secret tempo" not in response.text and "Secretive Sam" not in response.text
    assert "Something went wrong" in response.text and "Traceback" not in response.text
