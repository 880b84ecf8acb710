from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SubmitField
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from coachsite.forms import DistanceField, DurationField, PaceField, StrippedStringField, TextAreaField, options
from coachsite.forms.dates import DATE_HELP, in_range
from coachsite.models import KIND_LABELS, PACE_ZONES


class SessionForm(FlaskForm):
    on = DateField("Date", [DataRequired(DATE_HELP), in_range])
    kind = SelectField("Kind", choices=options(*KIND_LABELS.items()), default="easy")
    title = StrippedStringField("Title", [Length(max=120)], description="Optional, e.g. “Progression run”.")
    distance_m = DistanceField("Distance", description="In your units (km or mi). Leave empty to plan by time.")
    duration_s = DurationField("Duration", description="h:mm:ss or mm:ss, e.g. 45:00.")
    pace_s_per_km = PaceField("Target pace", description="m:ss per km or mile, e.g. 5:30. Or use a zone or effort.")
    pace_zone = SelectField("Pace zone", choices=options(("", "None"), *((z, z.capitalize()) for z in PACE_ZONES)),
                            default="", validate_choice=False,
                            validators=[Optional(), AnyOf(PACE_ZONES, "Choose one of the pace zones listed.")], description="Filled from the runner's bests when a template is applied.")
    effort = IntegerField("Effort (RPE 1-10)", [Optional(), NumberRange(1, 10, "Use a whole number from 1 to 10.")])
    description = TextAreaField("Description for the runner", [Length(max=2000)],
                                description="e.g. 6 x 800 m at 5K pace, 90 s jog.")
    submit = SubmitField("Save session")

    def draft(self) -> dict[str, object]:
        return {"on": self.on.data, "kind": self.kind.data, "title": self.title.data or "",
                "distance_m": self.distance_m.data, "duration_s": self.duration_s.data,
                "pace_s_per_km": self.pace_s_per_km.data, "pace_zone": self.pace_zone.data or None,
                "effort": self.effort.data, "description": self.description.data or ""}


class CopyWeekForm(FlaskForm):
    source = DateField("Copy the week of", [DataRequired(DATE_HELP), in_range])
    target = DateField("To the week of", [DataRequired(DATE_HELP), in_range])
    submit = SubmitField("Copy week")


class ShiftForm(FlaskForm):
    start = DateField("Move every session from", [DataRequired(DATE_HELP), in_range])
    days = IntegerField("By days", [DataRequired("Enter a number of days, e.g. 3 or -2."),
                                    NumberRange(-90, 90, "Use a number of days between -90 and 90.")],
                        description="Positive moves later, negative earlier.")
    submit = SubmitField("Shift sessions")


class ActionForm(FlaskForm):
    submit = SubmitField("Confirm")
