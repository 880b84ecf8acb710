"""A service refused what a form asked: its message goes next to the field it names, or at the top
of the page when it names none, and the form is shown again (422) with what the person typed."""
from __future__ import annotations

from typing import Any, Protocol

from flask import flash, render_template

from coachsite.extensions import db


class Problem(Protocol):
    """A service's refusal (AccountProblem, ClubProblem, ...): a message and perhaps a field name."""

    field: str | None


def refuse(form: Any, problem: Problem, template: str, **context: Any) -> tuple[str, int]:
    """Undo what the use-case began, put its message where it belongs and show the form again."""
    db.session.rollback()
    field = getattr(form, problem.field, None) if problem.field else None
    if field is not None:
        field.errors = [*field.errors, str(problem)]
    else:
        flash(str(problem), "error")
    return render_template(template, form=form, **context), 422
