from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from coachsite.forms import StrippedStringField, options
from coachsite.forms.dates import in_range

_DATE_MESSAGE = "Enter a date like 2027-03-01."
MAX_WEEKS = 26


def _template_id(value: Any) -> int | None:
    """A posted template id, or None when it is empty or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# Field ids carry a "plan-" prefix: these forms share the week page with other tools.
class SaveTemplateForm(FlaskForm):
    name = StrippedStringField("Template name", [DataRequired("Enter a name for the template, e.g. Base block."),
                                                 Length(max=120, message="Use at most 120 characters.")],
                               id="plan-name")
    first_day = DateField("First week", [DataRequired(_DATE_MESSAGE), in_range], id="plan-first-day",
                          description="Any day of the first week to save; the template starts on that week's "
                                      "first day.")
    weeks = IntegerField("Number of weeks", [InputRequired("Enter a number of weeks from 1 to 26."),
                                             NumberRange(1, MAX_WEEKS, "Enter a number of weeks from 1 to 26.")],
                         id="plan-weeks", default=4)
    save_plan = SubmitField("Save as template")


class ApplyTemplateForm(FlaskForm):
    template = SelectField("Template", [DataRequired("Choose a plan template.")], coerce=_template_id,
                           validate_choice=False, id="plan-template")
    start = DateField("Start date", [DataRequired(_DATE_MESSAGE), in_range], id="plan-start",
                      description="The template's first day lands on the first day of this date's week. "
                                  "Zone paces are filled from the runner's current bests.")
    apply_plan = SubmitField("Apply template")

    def __init__(self, *args: Any, templates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template.choices = options(("", "Choose a template"), *templates)
        self._template_ids = {template_id for template_id, _name in templates}

    def validate_template(self, field: SelectField) -> None:
        # Only the trainer's own, active templates are offered; any other id is refused, never applied.
        if field.data not in self._template_ids:
            raise ValidationError("Choose one of your plan templates from the list.")
