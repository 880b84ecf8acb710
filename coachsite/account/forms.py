from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SubmitField
from wtforms.validators import DataRequired, Length

from coachsite.forms import StrippedStringField, options

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class SettingsForm(FlaskForm):
    name = StrippedStringField("Name", [DataRequired("Enter your name."), Length(max=120)])
    units = RadioField("Units", choices=options(("km", "Kilometres"), ("mi", "Miles")))
    week_start = SelectField("Weeks start on", choices=options(*enumerate(WEEKDAYS)), coerce=int)
    paper = RadioField("Paper size for printing", choices=options(("a4", "A4"), ("letter", "US Letter")))
    submit = SubmitField("Save settings")

    def draft(self) -> dict[str, object]:
        return {"name": self.name.data, "units": self.units.data, "week_start": self.week_start.data,
                "paper": self.paper.data}
