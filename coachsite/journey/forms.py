from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SubmitField
from wtforms.validators import ValidationError

from coachsite.forms.dates import DATE_HELP, in_range, required_day


class SeasonForm(FlaskForm):
    """The season a report covers (a GET form: nothing is saved, so no CSRF token)."""

    class Meta:
        csrf = False

    start = DateField("Season start", [required_day("Enter the first day of the season."), in_range],
                      invalid_value_message=DATE_HELP, id="season-start")
    end = DateField("Season end", [required_day("Enter the last day of the season."), in_range],
                    invalid_value_message=DATE_HELP, id="season-end")
    submit = SubmitField("Download the season report (PDF)")

    def validate_end(self, field: DateField) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The season ends before it starts: choose an end on or after the start.")
