"""Printing use-cases shared by the web and the command line: explicit arguments, no request."""
from __future__ import annotations

from sqlalchemy import func, select

from coachsite.domain import print_calendar as rules
from coachsite.extensions import db
from coachsite.models import Client, User
from coachsite.printing import calendar_pdf


class NoSuchClient(LookupError):
    """The command line named a client that cannot be found; the message says what to do."""


def calendar_document(client: Client, wanted: rules.PrintRange) -> bytes:
    """The client's calendar PDF: the same bytes for the runner, the trainer and the command line."""
    return calendar_pdf.render(client, wanted)


def default_paper(viewer: User | None, client: Client) -> str:
    """The viewer's paper size; for the command line (no viewer), the runner's, else the trainer's."""
    return (viewer or client.runner or client.trainer).paper


def download_name(client: Client, wanted: rules.PrintRange) -> str:
    return f"calendar {client.name} {wanted.first:%Y-%m}" + (f" {wanted.months} months" if wanted.months > 1 else "")


def client_by_email(email: str, trainer_email: str | None = None) -> Client:
    """The client with this email (on the roster or as their runner account), for the command line."""
    wanted = email.strip().casefold()
    query = select(Client).outerjoin(User, Client.runner_id == User.id).where(
        (func.lower(Client.email) == wanted) | (User.email == wanted))
    if trainer_email:
        trainer = db.session.scalar(select(User.id).where(User.email == trainer_email.strip().casefold()))
        query = query.where(Client.trainer_id == (trainer or -1))
    found = list(db.session.scalars(query.order_by(Client.id)))
    if not found:
        raise NoSuchClient(f"No client has the email {email!r}. Check the address on the trainer's roster.")
    if len(found) > 1:
        raise NoSuchClient(f"{len(found)} clients have the email {email!r}; add --trainer EMAIL to choose one.")
    return found[0]
