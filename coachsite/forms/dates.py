"""Date fields' shared rules: the calendar holds 2000-2100, and messages say how to type a date."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from wtforms.validators import StopValidation, ValidationError

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
DATE_HELP = "Enter a date like 2027-03-01."


def in_range(_form: Any, field: Any) -> None:
    """A validator: the date lies where the calendar can show it (far dates would overflow weeks)."""
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError("Choose a date between 2000 and 2100.")


def required_day(message: str) -> Callable[[Any, Any], None]:
    """A validator: a date is needed, unless the field already said why it could not read one."""

    def check(_form: Any, field: Any) -> None:
        if field.data is None and not field.process_errors:
            raise StopValidation(message)

    return check
