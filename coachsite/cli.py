"""Thin click commands over services."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from coachsite import backup, demo
from coachsite.auth import services as accounts
from coachsite.extensions import db
from coachsite.models import User


T = TypeVar("T")


def _checked(hint: str, parse: Callable[[str], T], value: str) -> T:
    """An option parsed by a domain rule; its message as a usage error (exit status 2)."""
    try:
        return parse(value)
    except ValueError as problem:
        raise click.BadParameter(str(problem), param_hint=hint) from None


def register(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(reactivate_command)
    app.cli.add_command(export_calendar_command)


@click.command("demo")
@with_appcontext
@click.option("--first-run", is_flag=True, help="Load only when the database has no users yet.")
def demo_command(first_run: bool) -> None:
    """Load the demo data (idempotent) and print the demo accounts."""
    if first_run and db.session.scalar(select(func.count()).select_from(User)):
        click.echo("Demo data: the database already has users, nothing loaded.")
    else:
        created = demo.load(current_app.config["PASSWORD_HASH_METHOD"])
        db.session.commit()
        click.echo(f"Demo data: {len(created)} new records." if created else "Demo data: already complete.")
    click.echo(f"Demo accounts (password for all: {demo.PASSWORD}):")
    for email, role, name in demo.ACCOUNTS:
        click.echo(f"  {role:8} {email:24} {name}")


@click.command("export-calendar")
@click.option("--client", "email", required=True, help="The client's email (on the roster, or their account's).")
@click.option("--trainer", "trainer_email", help="The trainer's email, when clients of two trainers share an address.")
@click.option("--start", help="The first month, YYYY-MM (default: this month).")
@click.option("--months", default="1", show_default=True, help="How many months, 1 to 12: a page each.")
@click.option("--paper", help="a4 or letter (default: the runner's setting, else the trainer's).")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The PDF file to write.")
@with_appcontext
def export_calendar_command(email: str, trainer_email: str | None, start: str | None, months: str, paper: str | None,
                            output: Path) -> None:
    """Write a client's training calendar as PDF: the same file the web page gives."""
    from coachsite import clock
    from coachsite.domain import print_calendar as rules
    from coachsite.printing import services

    try:
        client = services.client_by_email(email, trainer_email)
    except services.NoSuchClient as problem:
        raise click.BadParameter(str(problem), param_hint="--client") from None
    first = _checked("--start", rules.parse_start, start or f"{clock.today_for(None):%Y-%m}")
    wanted = rules.PrintRange(*first, _checked("--months", rules.parse_months, months),
                              _checked("--paper", rules.parse_paper, paper or services.default_paper(None, client)))
    data = services.calendar_document(client, wanted)
    try:
        output.write_bytes(data)
    except OSError as problem:
        raise click.ClickException(f"Could not write {output}: {problem.strerror}") from None
    click.echo(f"Wrote {client.name}'s calendar, {wanted.months} month(s) from {wanted.first:%B %Y}, to {output}.")


@click.command("backup")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write a consistent copy of the database to FILE, while the site keeps running."""
    try:
        backup.backup(db.engine, file)
    except backup.BackupProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Backup written to {file} ({file.stat().st_size:,} bytes).")


@click.command("restore")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Bring a backup made by `backup` back into an empty instance."""
    db.session.remove()
    try:
        backup.restore(db.engine, file)
    except backup.BackupProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Restored {file}.")


@click.command("reactivate")
@with_appcontext
@click.argument("email")
def reactivate_command(email: str) -> None:
    """Let a deactivated account log in again (its data was kept); it sets a new password by reset."""
    user = accounts.find_by_email(email)
    if user is None:
        raise click.ClickException(f"No account has the email {email}.")
    if user.deactivated_at is None:
        raise click.ClickException(f"{user.email} is already active.")
    user.deactivated_at = None
    db.session.commit()
    click.echo(f"{user.email} can log in again.")
