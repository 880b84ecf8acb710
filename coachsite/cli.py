"""Thin click commands over services."""
from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from coachsite import demo
from coachsite.extensions import db
from coachsite.models import User


def register(app: Flask) -> None:
    app.cli.add_command(demo_command)


@click.command("demo")
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
