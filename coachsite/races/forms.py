from __future__ import annotations

import math
from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, ValidationError

from coachsite import filters
from coachsite.domain import pacing, races, units
from coachsite.forms import DistanceField, DurationField, StrippedStringField, TextAreaField, options
from coachsite.forms.dates import in_range

DISTANCE_CHOICES = (*((key, label) for key, label, _ in races.STANDARD_DISTANCES), ("custom", "Other distance"))
PRIORITY_LABELS = {"A": "A: the goal race (gets a taper)", "B": "B: an important race", "C": "C: a training race"}
STRATEGY_LABELS = {"even": "Even pace", "negative": "Negative split (second half faster)",
                   "conservative": "Conservative start (first third slower)"}
STRATEGY_SHORT = {"even": "Even pace", "negative": "Negative split", "conservative": "Conservative start"}
PERCENT_HELP = f"Use a percentage from 0 to {pacing.PERCENT_MAX:g}, e.g. 2."


class PercentField(StringField):
    """A percentage from 0 to 20 (2, 2.5, 2%); empty means 0."""

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else f"{self.data:g}"

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = 0.0
        text = ((valuelist[0] if valuelist else "") or "").strip().removesuffix("%").strip().replace(",", ".")
        if not text:
            return
        try:
            value = float(text)
        except ValueError:
            self.data = None
            raise ValueError(PERCENT_HELP) from None
        if not math.isfinite(value) or not 0 <= value <= pacing.PERCENT_MAX:
            self.data = None
            raise ValueError(PERCENT_HELP)
        self.data = value


def _implausible(distance_m: float, seconds: int, what: str) -> str:
    shown = filters.distance(distance_m)
    return (f"{units.format_duration(seconds)} is not possible {what} over {shown}: it is faster than the world "
            f"record or slower than walking. Use h:mm:ss, e.g. 1:55:00.")


class RaceForm(FlaskForm):
    name = StrippedStringField("Race name", [DataRequired("Enter the race's name, e.g. Berlin Marathon."),
                                             Length(max=120)])
    on = DateField("Race date", [DataRequired("Enter a date like 2027-04-18."), in_range])
    distance = SelectField("Distance", choices=options(*DISTANCE_CHOICES), default="10k")
    custom_distance_m = DistanceField("Other distance", description="Only for “Other distance”: in your units "
                                                                    "(km or mi), e.g. 15.")
    priority = RadioField("Priority", choices=options(*PRIORITY_LABELS.items()), default="B")
    goal_time_s = DurationField("Goal time", description="h:mm:ss or mm:ss, e.g. 1:55:00. Leave empty if there is "
                                                         "no goal yet.")
    strategy = SelectField("Pacing strategy", choices=options(*STRATEGY_LABELS.items()), default="even")
    strategy_percent = PercentField("Strategy percentage", description="0 to 20: how much faster the second half "
                                                                       "(negative) or slower the start "
                                                                       "(conservative). Not used for even pace.")
    location = StrippedStringField("Location", [Length(max=120)])
    notes = TextAreaField("Notes", [Length(max=4000)], description="Travel, start time, kit, fuelling plan.")
    submit = SubmitField("Save race")

    @classmethod
    def for_race(cls, race: Any) -> RaceForm:
        form = cls(obj=race)
        if not form.is_submitted():
            key = races.standard_key(race.distance_m)
            form.distance.data = key or "custom"
            form.custom_distance_m.data = None if key else race.distance_m
        return form

    @property
    def distance_m(self) -> float | None:
        if self.distance.data == "custom":
            return self.custom_distance_m.data
        if self.distance.data in {key for key, _, _ in races.STANDARD_DISTANCES}:
            return races.standard_metres(self.distance.data)
        return None

    def validate_custom_distance_m(self, field: DistanceField) -> None:
        if self.distance.data == "custom" and field.data is None:
            raise ValidationError("Enter the distance in your units, e.g. 15.")

    def validate_goal_time_s(self, field: DurationField) -> None:
        metres = self.distance_m
        if field.data is not None and metres is not None and not pacing.is_plausible_time(metres, field.data):
            raise ValidationError(_implausible(metres, field.data, "as a goal"))

    def draft(self) -> dict[str, object]:
        strategy = self.strategy.data
        return {"name": self.name.data, "on": self.on.data, "distance_m": self.distance_m,
                "priority": self.priority.data, "goal_time_s": self.goal_time_s.data, "strategy": strategy,
                "strategy_percent": 0.0 if strategy == "even" else float(self.strategy_percent.data or 0.0),
                "location": self.location.data or "", "notes": (self.notes.data or "").strip()}


class ResultForm(FlaskForm):
    result_time_s = DurationField("Finish time", description="h:mm:ss or mm:ss, e.g. 1:52:41.")
    submit = SubmitField("Save result")

    def __init__(self, *args: Any, race_distance_m: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.race_distance_m = race_distance_m

    def validate_result_time_s(self, field: DurationField) -> None:
        if field.data is None:
            if not field.errors:
                raise ValidationError("Enter the finish time, e.g. 1:52:41.")
            return
        if not pacing.is_plausible_time(self.race_distance_m, field.data):
            raise ValidationError(_implausible(self.race_distance_m, field.data, "as a finish time"))


class ActionForm(FlaskForm):
    submit = SubmitField("Confirm")
