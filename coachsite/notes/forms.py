from __future__ import annotations

import math
from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from coachsite.forms import StrippedStringField, TextAreaField, options
from coachsite.forms.dates import in_range

AREA_LABELS = {"cadence": "Cadence", "foot_strike": "Foot strike", "posture": "Posture", "arm_swing": "Arm swing",
               "breathing": "Breathing", "mindset": "Mindset", "other": "Other"}
STATUS_LABELS = {"open": "Open", "improving": "Improving", "resolved": "Resolved"}
TONE_LABELS = {"praise": "Praise (it went well)", "push": "Push (needs work)"}
MEASURE_HELP = "Enter a number, e.g. 168."
MEASURE_LIMIT = 1_000_000


class MeasureField(StringField):
    """An optional measured value (168, 7.5, 0,9): a finite number, None when left empty."""

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else f"{self.data:g}"

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        text = ((valuelist[0] if valuelist else "") or "").strip().replace(",", ".")
        if not text:
            return
        try:
            value = float(text)
        except ValueError:
            raise ValueError(MEASURE_HELP) from None
        if not math.isfinite(value) or abs(value) >= MEASURE_LIMIT:
            raise ValueError(MEASURE_HELP)
        self.data = value


class NoteForm(FlaskForm):
    on = DateField("Date", [DataRequired("Enter a date like 2027-03-01."), in_range])
    area = SelectField("Area", choices=options(*AREA_LABELS.items()), default="cadence")
    observation = TextAreaField("What you saw", [Length(max=4000)],
                                description="e.g. Overstriding on the downhill; heel lands well ahead of the hip.")
    cue = StrippedStringField("Cue", [Length(max=200)], description="A few words to think of while running, "
                                                                     "e.g. “quick light feet”.")
    drill = TextAreaField("Drill", [Length(max=4000)], description="With sets or time, e.g. 3 x 20 s high knees.")
    status = SelectField("Status", choices=options(*STATUS_LABELS.items()), default="open",
                         description="Resolved notes stay on the timeline as history.")
    visibility = RadioField("Who sees it", [InputRequired("Choose who sees the note.")],
                            choices=options(("private", "Trainer only"), ("shared", "Shared with the runner")),
                            default="private", description="Only shared notes reach the runner.")
    tone = RadioField("Tone", choices=options(*TONE_LABELS.items()), default="push")
    measure_value = MeasureField("Measured value", description="Optional, e.g. 168.")
    measure_unit = StrippedStringField("Unit of the measure", [Length(max=20)], description="e.g. spm.")
    submit = SubmitField("Save note")

    @classmethod
    def for_note(cls, note: Any) -> NoteForm:
        form = cls(obj=note)
        if not form.is_submitted():
            form.visibility.data = "shared" if note.shared else "private"
        return form

    def validate_cue(self, field: StrippedStringField) -> None:
        if not field.data and not (self.observation.data or "").strip():
            raise ValidationError("Write what you saw, or a cue for the runner.")

    def validate_measure_unit(self, field: StrippedStringField) -> None:
        if self.measure_value.data is not None and not field.data:
            raise ValidationError("Add the unit of the measured value, e.g. spm.")
        if field.data and self.measure_value.data is None and not self.measure_value.errors:
            raise ValidationError("Add the measured value too, or leave the unit empty.")

    def draft(self) -> dict[str, object]:
        has_measure = self.measure_value.data is not None
        return {"on": self.on.data, "area": self.area.data, "observation": (self.observation.data or "").strip(),
                "cue": self.cue.data or "", "drill": (self.drill.data or "").strip(), "status": self.status.data,
                "shared": self.visibility.data == "shared", "tone": self.tone.data,
                "measure_value": self.measure_value.data if has_measure else None,
                "measure_unit": self.measure_unit.data if has_measure else None}
