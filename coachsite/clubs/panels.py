"""What clubs put on other pages: the runner's running partners and the cheers they received
(runner's home), the client's club, partners and cheers (client profile), and whether the main
navigation shows "Club"."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask_login import current_user
from sqlalchemy import select

from coachsite import panels
from coachsite.clubs import partners
from coachsite.extensions import db
from coachsite.models import Client, Club, Membership, User


def runner_home(client: Client, viewer: User, today: date) -> dict[str, Any] | None:
    if client.club_id is None:
        return None
    links = partners.partners_of(client)
    cheers = partners.cheers_for(client, limit=5)
    if not (links or cheers):
        return None
    return {"client": client, "links": links, "cheers": cheers}


def client_profile(client: Client, viewer: User, today: date) -> dict[str, Any] | None:
    if client.club_id is None:
        return None
    club = db.session.get(Club, client.club_id)
    return {"client": client, "club": club, "links": partners.partners_of(client),
            "cheers": partners.cheers_for(client, limit=5)}


def show_club_link() -> bool:
    """Trainers (who can create a club) and anyone with a club membership: known from the login's own
    query (User.in_a_club), asked apart only when the user was loaded some other way."""
    if not current_user.is_authenticated:
        return False
    if current_user.is_trainer:
        return True
    if current_user.in_a_club is not None:
        return bool(current_user.in_a_club)
    return db.session.scalar(select(Membership.id).where(Membership.user_id == current_user.id).limit(1)) is not None


def _navigation() -> dict[str, Any]:
    return {"show_club_link": show_club_link}


def register() -> None:
    # Kept by the client's own stamp: partnerships stamp both their clients, and a partner's new name,
    # archiving or move, or a cheer author's new name, stamps the clients who show it (stamps.py).
    panels.register("runner_home", "clubs/_runner_panel.html", runner_home, order=30, own_data=True)
    panels.register("client_profile", "clubs/_profile_panel.html", client_profile, order=40)


def init_app_hooks(bp: Any) -> None:
    bp.app_context_processor(_navigation)
