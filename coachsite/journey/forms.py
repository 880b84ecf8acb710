from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, SubmitField
from wtforms.validators import StopValidation, ValidationError

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
DATE_HELP = "Enter a date like 2027-03-01."


def _required(message: str):  # type: ignore[no-untyped-def]
    def check(_form: FlaskForm, field: DateField) -> None:
        if field.data is None and not field.process_errors:
            raise StopValidation(message)
    return check


def _in_range(_form: FlaskForm, field: DateField) -> None:
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError("Choose a date between 2000 and 2100.")


class SeasonForm(FlaskForm):
    """The season a report covers (a GET form: nothing is saved, so no CSRF token)."""

    class Meta:
        csrf = False

    start = DateField("Season start", [_required("Enter the first day of the season."), _in_range],
                      invalid_value_message=DATE_HELP, id="season-start")
    end = DateField("Season end", [_required("Enter the last day of the season."), _in_range],
                    invalid_value_message=DATE_HELP, id="season-end")
    submit = SubmitField("Download the season report (PDF)")

    def validate_end(self, field: DateField) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The season ends before it starts: choose an end on or after the start.")
