from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, RadioField, SelectField, SubmitField
from wtforms.validators import DataRequired, Length, StopValidation, ValidationError

from coachsite import clock
from coachsite.forms import DistanceField, DurationField, StrippedStringField, TextAreaField, options
from coachsite.forms.dates import in_range

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_COMMENT = 1000
MAX_REASON = 300
RPE_CHOICES = options(("", "Not recorded"), ("1", "1 – very light"), ("2", "2 – light"), ("3", "3 – light"),
                      ("4", "4 – moderate"), ("5", "5 – moderate"), ("6", "6 – moderate to hard"),
                      ("7", "7 – hard"), ("8", "8 – hard"), ("9", "9 – very hard"), ("10", "10 – all out"))


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def required(message: str) -> Any:
    """Required for the units-aware fields: an empty box gets `message`, a bad one keeps only its own error."""
    def check(_form: FlaskForm, field: Any) -> None:
        if field.data is None and not field.process_errors:
            raise StopValidation(message)
    return check


def not_in_future(_form: FlaskForm, field: DateField) -> None:
    if field.data and not field.errors and field.data > clock.today() + timedelta(days=1):
        raise ValidationError("That date is still to come: log a run on or after the day you ran it.")


def more_than_zero(_form: FlaskForm, field: DurationField) -> None:
    if field.data == 0:
        raise ValidationError("Enter how long the run took, e.g. 50:00 (not 0:00).")


def effort_value(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


class RunForm(FlaskForm):
    on = DateField("Date", [DataRequired("Enter the date of the run, like 2027-03-01."), in_range,
                            not_in_future])
    distance_m = DistanceField("Distance", [required("Enter the distance you ran, e.g. 10 or 10.5.")],
                               description="In your units (km or mi), e.g. 10.5.")
    duration_s = DurationField("Duration", [required("Enter how long the run took, e.g. 50:00 or 1:05:30."),
                                            more_than_zero],
                               description="h:mm:ss or mm:ss, e.g. 50:00 or 1:05:30.")
    effort = SelectField("Effort (RPE 1-10)", choices=RPE_CHOICES, coerce=effort_value, default="",
                         description="Optional: how hard it felt, 1 very light to 10 all out.")
    comment = TextAreaField("Comment", [Length(max=MAX_COMMENT, message=f"Keep the comment to {MAX_COMMENT} "
                                                                        "characters or fewer.")],
                            filters=[_strip], description="Optional: how it went, the route, the weather.")
    submit = SubmitField("Log run")

    def draft(self) -> dict[str, object]:
        return {"on": self.on.data, "distance_m": self.distance_m.data, "duration_s": self.duration_s.data,
                "effort": self.effort.data, "comment": self.comment.data or ""}


def at_most_upload_size(_form: FlaskForm, field: FileField) -> None:
    stream = getattr(field.data, "stream", None)
    if stream is None:
        return
    size = stream.seek(0, os.SEEK_END)
    stream.seek(0)
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(f"The file is {size / 1024 / 1024:.1f} MB; files of up to "
                              f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB can be imported. "
                              "Export a single activity, or split the CSV into smaller files.")


class ImportForm(FlaskForm):
    file = FileField("Activity file", [FileRequired("Choose a GPX, FIT or CSV file to import."), at_most_upload_size],
                     description="A .gpx or .fit file from a watch or app, or a .csv training log (up to 5 MB).",
                     render_kw={"accept": ".gpx,.fit,.csv"})
    csv_units = RadioField("Distances in a CSV file are in", choices=options(("km", "Kilometres"), ("mi", "Miles")),
                           default="km", description="Only used when a CSV header does not say, "
                                                     "e.g. “Distance (mi)”.")
    submit = SubmitField("Preview import")

    def read(self) -> tuple[str, bytes]:
        storage = self.file.data
        return storage.filename or "", storage.read()


class ConfirmImportForm(FlaskForm):
    """The preview's confirmation: the parsed runs travel signed in `payload`; subclasses add a
    duration field per run whose file had no times (see import_flow.confirm_form)."""

    payload = HiddenField()
    submit = SubmitField("Import")


def duration_field(label: str) -> DurationField:
    return DurationField(label, [required("Enter how long this run took, e.g. 45:00."), more_than_zero],
                         description="The file has no times. Use h:mm:ss or mm:ss, e.g. 45:00.")


class SkipForm(FlaskForm):
    reason = StrippedStringField("Reason for skipping", [DataRequired("Say why the session is skipped, e.g. “Sore calf”."),
                                            Length(max=MAX_REASON, message=f"Keep the reason to {MAX_REASON} "
                                                                           "characters or fewer.")])
    submit = SubmitField("Skip session")


def skip_form(session_id: int, **kwargs: Any) -> SkipForm:
    """A skip form for one session; the prefix keeps ids unique when a week lists many."""
    return SkipForm(prefix=f"skip-{session_id}", **kwargs)
