from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from coachsite.forms import DurationField, StrippedStringField, TextAreaField, options
from coachsite.models.client import BEST_DISTANCES

_BEST_HINT = "h:mm:ss or mm:ss, e.g. 24:30. Leave empty if unknown."


class ClientForm(FlaskForm):
    name = StrippedStringField("Name", [DataRequired("Enter the runner's name."), Length(max=120)])
    email = EmailField("Email", [Optional(), Email("Enter an email address like name@example.com."), Length(max=254)],
                       description="With an email you get an invite link the runner uses to log in.")
    units = RadioField("Units", choices=options(("km", "Kilometres"), ("mi", "Miles")), default="km")
    motivation = SelectField(
        "Motivation profile",
        choices=options(("mixed", "Mixed"), ("extrinsic", "Extrinsic: rewards, deadlines, accountability"),
                        ("intrinsic", "Intrinsic: personal targets, mastery, looking back")),
        default="mixed", description="A first guess; you can change it any time.")
    best_5k_s = DurationField("Best 5 km", description=_BEST_HINT)
    best_10k_s = DurationField("Best 10 km", description=_BEST_HINT)
    best_half_s = DurationField("Best half marathon", description=_BEST_HINT)
    best_marathon_s = DurationField("Best marathon", description=_BEST_HINT)
    notes = TextAreaField("Notes", [Length(max=5000)], description="Only you see these notes.")
    submit = SubmitField("Save client")

    def draft(self) -> dict[str, object]:
        """The fields a trainer may set; ownership (trainer, club) is never read from the form."""
        fields = ["name", "email", "units", "motivation", "notes", *(f"best_{key}_s" for key, _, _ in BEST_DISTANCES)]
        return {name: getattr(self, name).data for name in fields}


class ActionForm(FlaskForm):
    """A bare button (archive, restore, new invite): only the CSRF token is posted."""

    submit = SubmitField("Confirm")
