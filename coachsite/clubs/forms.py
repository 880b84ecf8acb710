from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (DateField, EmailField, HiddenField, IntegerField, PasswordField, RadioField, SelectField,
                     SubmitField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, \
    ValidationError

from coachsite.auth.passwords import MAX_LENGTH, MIN_LENGTH
from coachsite.forms import StrippedStringField, TextAreaField, options
from coachsite.forms.dates import DATE_HELP, in_range, required_day
from coachsite.models import CHEER_MAX


class ClubForm(FlaskForm):
    name = StrippedStringField("Club name", [DataRequired("Enter the club's name."),
                                             Length(max=120, message="Keep the name to 120 characters or fewer.")])
    submit = SubmitField("Create club")


class InviteForm(FlaskForm):
    email = EmailField("Trainer's email", [DataRequired("Enter the trainer's email address."),
                                           Email("Enter an email address like name@example.com."), Length(max=254)],
                       description="A trainer with an account sees the invite on their Club page; "
                                   "anyone else gets a link to join.")
    role = RadioField("Role", choices=options(("trainer", "Trainer: manages their own clients, reads the roster"),
                                              ("owner", "Owner: sees and manages every client of the club")),
                      default="trainer")
    submit = SubmitField("Send invite")


class ActionForm(FlaskForm):
    """A bare button (accept, decline, end a pair): only the CSRF token is posted."""

    submit = SubmitField("Confirm")


class JoinForm(FlaskForm):
    """Joining a club through a link without an account: a trainer account is made for the invited email."""

    name = StrippedStringField("Your name", [DataRequired("Enter your name."), Length(max=120)],
                               render_kw={"autocomplete": "name"})
    password = PasswordField("Choose a password", [DataRequired("Choose a password."), Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "new-password"},
                             description=f"At least {MIN_LENGTH} characters. "
                                         "A few unrelated words make a strong password.")
    submit = SubmitField("Create my account and join")


class MoveClientForm(FlaskForm):
    trainer_id = SelectField("New trainer", coerce=int, validators=[InputRequired("Choose a trainer.")],
                             description="Sessions, runs, goals, notes and races move with the client.")
    submit = SubmitField("Move client")


class ChallengeForm(FlaskForm):
    name = StrippedStringField("Challenge name", [DataRequired("Name the challenge, e.g. Most km in March."),
                                                  Length(max=120, message="Keep it to 120 characters or fewer.")])
    metric = RadioField("Who wins", choices=options(("distance", "Most distance"), ("runs", "Most runs")),
                        default="distance")
    starts_on = DateField("Start date", [required_day("Enter the first day of the challenge."), in_range],
                          invalid_value_message=DATE_HELP)
    ends_on = DateField("End date", [required_day("Enter the last day of the challenge."), in_range],
                        invalid_value_message=DATE_HELP, description="Runs on the end date count.")
    submit = SubmitField("Create challenge")

    def validate_ends_on(self, field: DateField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError("The challenge ends before it starts: choose an end date on or after the start.")


class ToleranceForm(FlaskForm):
    """How close two easy paces must be for a suggestion (a GET form: nothing is saved)."""

    class Meta:
        csrf = False

    tolerance = IntegerField("Pace tolerance (seconds per km)",
                             [Optional(), NumberRange(0, 120, "Enter a number of seconds from 0 to 120, e.g. 20.")],
                             default=20, description="Runners whose easy paces differ by at most this much.",
                             render_kw={"inputmode": "numeric"})
    submit = SubmitField("Suggest partners")


class PairForm(FlaskForm):
    first_id = SelectField("First runner", coerce=int, validators=[InputRequired("Choose the first runner.")])
    second_id = SelectField("Second runner", coerce=int, validators=[InputRequired("Choose the second runner.")])
    kind = RadioField("Kind of pair", choices=options(("partners", "Running partners: they run together"),
                                                      ("mentor", "Mentor and mentee")), default="partners")
    mentor = RadioField("Who mentors", choices=options(("first", "The first runner mentors the second"),
                                                       ("second", "The second runner mentors the first")),
                        validators=[Optional()], description="Only for mentor and mentee.")
    submit = SubmitField("Confirm pair")

    def validate_second_id(self, field: SelectField) -> None:
        if field.data is not None and field.data == self.first_id.data:
            raise ValidationError("Choose two different runners: a runner cannot be their own partner.")

    def validate_mentor(self, field: RadioField) -> None:
        if self.kind.data == "mentor" and field.data not in ("first", "second"):
            raise ValidationError("Choose which of the two is the mentor.")


class CheerForm(FlaskForm):
    target = HiddenField()
    message = TextAreaField("Cheer", [DataRequired("Write a few words of encouragement."),
                                      Length(max=CHEER_MAX, message=f"Keep it to {CHEER_MAX} characters or fewer.")],
                            render_kw={"rows": 2, "maxlength": CHEER_MAX})
    submit = SubmitField("Send cheer")

    def parsed_target(self) -> tuple[int, int | None] | None:
        """(goal id, milestone id or None) from "goal-12" or "goal-12-milestone-34"; None when malformed."""
        parts = (self.target.data or "").split("-")
        try:
            if len(parts) == 2 and parts[0] == "goal":
                return int(parts[1]), None
            if len(parts) == 4 and parts[0] == "goal" and parts[2] == "milestone":
                return int(parts[1]), int(parts[3])
        except ValueError:
            return None
        return None
