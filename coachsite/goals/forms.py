"""Goal, milestone, excuse, comment and questionnaire forms.

A goal's target lives in the fields of its kind; the form asks for the ones the kind needs
and ignores the rest. Milestones share the goal's kind (a race goal's milestones are single
runs of a distance: the long runs that build up to it)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, StopValidation, ValidationError

from coachsite.domain import goals as rules
from coachsite.domain import motivation
from coachsite.forms import DistanceField, DurationField, StrippedStringField, TextAreaField, options
from coachsite.forms.dates import DATE_HELP, EARLIEST, LATEST, in_range, required_day
from coachsite.goals.kinds import KIND_LABELS, TARGET_FIELDS, milestone_kind
from coachsite.models import Race

NEEDS: dict[str, tuple[str, ...]] = {
    "distance": ("distance_m",), "time": ("distance_m", "time_s"), "weekly_volume": ("distance_m", "weeks"),
    "consistency": ("runs_per_week", "weeks"), "race": ("race_id",)}
OPTIONAL: dict[str, tuple[str, ...]] = {"race": ("time_s",)}
MISSING = {"distance_m": "Enter the distance, e.g. 10 or 21.1.",
           "time_s": "Enter the time to beat, e.g. 50:00 or 1:55:00.",
           "weeks": "Enter how many weeks in a row, e.g. 4.",
           "runs_per_week": "Enter how many runs a week, e.g. 3.",
           "race_id": "Choose the race to finish (add it on the Races page first)."}
MAX_TEXT = 300


def _day_field(label: str, missing: str, description: str = "") -> DateField:
    return DateField(label, [required_day(missing), in_range], invalid_value_message=DATE_HELP,
                     description=description)


def _text(label: str, description: str) -> StrippedStringField:
    return StrippedStringField(label, [Length(max=MAX_TEXT, message=f"Keep it to {MAX_TEXT} characters or fewer.")],
                               description=description)


def _parsed(_form: FlaskForm, field: Any) -> None:
    """Stop after a parse error, so a box holding "three" gets one message, not two."""
    if field.process_errors:
        raise StopValidation()


def _race_id(value: Any) -> int | None:
    return int(value) if value not in (None, "", "None") else None


def _distance() -> DistanceField:
    return DistanceField("Distance")


def _time() -> DurationField:
    return DurationField("Time to beat",
                         description="h:mm:ss or mm:ss, e.g. 50:00. For time goals; optional for a race.")


def _weeks() -> IntegerField:
    return IntegerField("Weeks in a row",
                        [Optional(), _parsed, NumberRange(1, 104, "Use a number of weeks from 1 to 104.")],
                        invalid_value_message="Enter a whole number of weeks, e.g. 4.",
                        description="For weekly volume and runs-per-week goals, e.g. 4.")


def _runs_per_week() -> IntegerField:
    return IntegerField("Runs per week",
                        [Optional(), _parsed, NumberRange(1, 14, "Use a number of runs from 1 to 14.")],
                        invalid_value_message="Enter a whole number of runs, e.g. 3.",
                        description="For runs-per-week goals, e.g. 3.")


class _Targeted(FlaskForm):
    """Shared checks: the target fields a kind needs, and weekly targets that fit the dates."""

    def _keep_only(self, kind: str) -> None:
        for name in TARGET_FIELDS:
            if name in self._fields and name not in NEEDS[kind] + OPTIONAL.get(kind, ()):
                delattr(self, name)

    def _describe_distance(self, kinds: str) -> None:
        if "distance_m" in self._fields:
            self.distance_m.description = f"In {self.distance_m.unit}, e.g. 10 or 21.1.{kinds}"

    def _check_target(self, kind: str, start: date | None, due: date | None, week_start: int) -> bool:
        ok = True
        for name in NEEDS[kind]:
            field = self[name]
            if field.data is None and not field.errors:
                field.errors = [*field.errors, MISSING[name]]
                ok = False
        if not ok or kind not in ("weekly_volume", "consistency") or not (start and due and
                                                                          EARLIEST <= start <= due <= LATEST):
            return ok  # dates out of range carry their own error; weeks are only counted between good dates
        target = self.target(kind)
        if target is None:
            return ok
        fit = len(rules.target_weeks(rules.Contract("new", start, due, target), week_start))
        if fit < target.weeks:  # type: ignore[operator]
            self.weeks.errors = [*self.weeks.errors, f"Only {fit} full week{'s' if fit != 1 else ''} fit between "
                                 f"{start:%-d %b} and {due:%-d %b %Y}: ask for fewer weeks or move the dates."]
            return False
        return True

    def target_values(self, kind: str) -> dict[str, Any]:
        """The target columns: the kind's fields, None for the others."""
        wanted = NEEDS[kind] + OPTIONAL.get(kind, ())
        return {name: (self[name].data if name in wanted and name in self._fields else None)
                for name in TARGET_FIELDS}

    def target(self, kind: str) -> rules.Target | None:
        values = {k: v for k, v in self.target_values(kind).items() if k in rules.Target.__dataclass_fields__}
        try:
            return rules.Target(kind=rules.Kind(kind), **values)
        except ValueError:
            return None


class GoalForm(_Targeted):
    title = StrippedStringField("Title", [DataRequired("Give the goal a name, e.g. “First half marathon”."),
                                          Length(max=160, message="Keep the title to 160 characters or fewer.")])
    kind = SelectField("Kind of goal", choices=options(*KIND_LABELS.items()), default="distance")
    start_on = _day_field("Start date", "Enter the start date, like 2027-03-01.",
                          "Runs from this day on count.")
    due_on = _day_field("Deadline", "Enter the deadline, like 2027-06-01.", "The last day that counts.")
    distance_m = _distance()
    time_s = _time()
    weeks = _weeks()
    runs_per_week = _runs_per_week()
    race_id = SelectField("Race", coerce=_race_id, invalid_choice_message="Choose one of the listed races.",
                          description="For race goals: finished once the race has a result.")
    reward = _text("Reward (the carrot)", "e.g. the new jacket. Optional.")
    consequence = _text("Consequence (the stick)", "e.g. an extra hill session, buy the group coffee. Optional.")
    submit = SubmitField("Propose goal")

    def __init__(self, *args: Any, races: Sequence[Race] = (), week_start: int = 0, fixed_kind: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.week_start = week_start
        self.races = {race.id: race for race in races}
        self.race_id.choices = options((None, "Choose a race" if races else "No races yet"),
                                       *((race.id, f"{race.name}, {race.on:%-d %b %Y}") for race in races))
        self.fixed_kind = fixed_kind
        if fixed_kind:
            delattr(self, "kind")
            self._keep_only(fixed_kind)
            self.submit.label.text = "Save goal"
        self._describe_distance("" if fixed_kind else " For distance, time and weekly volume goals.")

    def goal_kind(self) -> str:
        return self.fixed_kind or self.kind.data

    def validate_due_on(self, field: DateField) -> None:
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(f"The deadline must be on or after the start date "
                                  f"({self.start_on.data:%-d %B %Y}).")

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        kind = self.goal_kind()
        if kind not in NEEDS:
            return False
        ok = self._check_target(kind, self.start_on.data, self.due_on.data, self.week_start) and ok
        race = self.races.get(self.race_id.data) if kind == "race" and "race_id" in self._fields else None
        if race and self.due_on.data and race.on > self.due_on.data:
            self.race_id.errors = [*self.race_id.errors, f"{race.name} is on {race.on:%-d %B %Y}, after the "
                                   "deadline: move the deadline to the race day or later."]
            ok = False
        return ok

    def draft(self) -> dict[str, Any]:
        kind = self.goal_kind()
        return {"kind": kind, "title": self.title.data, "start_on": self.start_on.data, "due_on": self.due_on.data,
                "reward": self.reward.data or "", "consequence": self.consequence.data or "",
                **self.target_values(kind)}


class MilestoneForm(_Targeted):
    due_on = _day_field("Due date", "Enter the milestone's date, like 2027-03-01.")
    distance_m = _distance()
    time_s = _time()
    weeks = _weeks()
    runs_per_week = _runs_per_week()
    reward = _text("Reward", "e.g. new socks. Optional.")
    consequence = _text("Consequence", "e.g. an extra hill session. Optional.")
    submit = SubmitField("Add milestone")

    def __init__(self, *args: Any, goal_kind: str, start: date, due: date, week_start: int = 0,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind, self.start, self.due, self.week_start = milestone_kind(goal_kind), start, due, week_start
        self._keep_only(self.kind)
        self._describe_distance("")
        self.due_on.description = f"Between {start:%-d %B} and {due:%-d %B %Y}, the goal's dates."

    def validate_due_on(self, field: DateField) -> None:
        if field.data and not self.start <= field.data <= self.due:
            raise ValidationError(f"Choose a date between {self.start:%-d %B %Y} and {self.due:%-d %B %Y}: "
                                  "a milestone sits between the goal's start and its deadline.")

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        due = self.due_on.data if self.due_on.data and self.start <= self.due_on.data else None
        return self._check_target(self.kind, self.start, due, self.week_start) and ok

    def draft(self) -> dict[str, Any]:
        values = {k: v for k, v in self.target_values(self.kind).items() if k != "race_id"}
        return {"due_on": self.due_on.data, "reward": self.reward.data or "",
                "consequence": self.consequence.data or "", **values}


REASONS = options(("illness", "Illness"), ("injury", "Injury"), ("other", "Other"))


class ExcuseForm(FlaskForm):
    subject = SelectField("Excuse me from", invalid_choice_message="Choose the goal or one of its open milestones.")
    reason = RadioField("Reason", choices=REASONS, invalid_choice_message="Choose illness, injury or other.")
    note = TextAreaField("Note for your trainer", [Length(max=1000, message="Keep the note to 1000 characters "
                                                                            "or fewer.")],
                         description="Optional: what happened and for how long.")
    submit = SubmitField("Ask to be excused")

    def __init__(self, *args: Any, subjects: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subject.choices = options(*subjects)


TONES = options(("praise", "Praise"), ("push", "Push"), ("", "Neither"))


class CommentForm(FlaskForm):
    body = TextAreaField("Comment", [DataRequired("Write a comment first."),
                                     Length(max=2000, message="Keep the comment to 2000 characters or fewer.")])
    tone = RadioField("Tone", choices=TONES, default="", invalid_choice_message="Choose praise, push or neither.",
                      description="Praise when it goes well, a push when it does not.")
    submit = SubmitField("Add comment")

    def draft(self) -> dict[str, Any]:
        return {"body": (self.body.data or "").strip(), "tone": self.tone.data or None}


def _questionnaire() -> type[FlaskForm]:
    fields: dict[str, Any] = {}
    for number, statement in enumerate(motivation.STATEMENTS, start=1):
        fields[f"q{number}"] = RadioField(statement.text, choices=options(*motivation.AGREEMENT), coerce=int,
                                          invalid_choice_message="Choose how much you agree, from 1 to 5.")
    fields["submit"] = SubmitField("Save answers")
    form = type("MotivationForm", (FlaskForm,), fields)

    def answers(self: FlaskForm) -> list[int]:
        return [self[f"q{n}"].data for n in range(1, len(motivation.STATEMENTS) + 1)]

    form.answers = answers  # type: ignore[attr-defined]
    return form


MotivationForm = _questionnaire()


class ActionForm(FlaskForm):
    """The CSRF token behind every one-button action (accept, cancel, grant, given, done)."""

    submit = SubmitField("Confirm")
