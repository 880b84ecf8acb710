from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import AnyOf, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, MonthInput, NumberInput

from coachsite.domain import print_calendar as rules
from coachsite.forms import options


class MonthStartField(StringField):
    """A month as YYYY-MM (a month picker where the browser has one)."""

    widget = MonthInput()

    def pre_validate(self, form: Any) -> None:
        try:
            rules.parse_start(self.data or "")
        except ValueError as problem:
            raise ValidationError(str(problem)) from None


class MonthsField(StringField):
    """How many months, 1 to 12 (kept as typed so a wrong value is shown back)."""

    widget = NumberInput(min=1, max=rules.MAX_MONTHS)

    def pre_validate(self, form: Any) -> None:
        try:
            rules.parse_months(self.data)
        except ValueError as problem:
            raise ValidationError(str(problem)) from None


class ClientsField(SelectMultipleField):
    """Clients as checkboxes. Anything not offered (another trainer's client, an archived one, a
    made-up id) is refused next to the field, never printed."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            self.data = [int(value) for value in valuelist]
        except ValueError:
            self.data = []
            self.process_errors.append("Choose only from your own active clients listed here.")

    def pre_validate(self, form: Any) -> None:
        offered = {choice.value for choice in self.choices or []}  # type: ignore[union-attr]
        if any(value not in offered for value in self.data or []):
            raise ValidationError("Choose only from your own active clients listed here.")


PAPER_CHOICES = options(*rules.PAPERS.items())


class PrintForm(FlaskForm):
    start = MonthStartField("Start month", description="The first month to print, e.g. 2027-01.")
    months = MonthsField("Months", default="1", description="From 1 to 12: one page each.")
    paper = RadioField("Paper", choices=PAPER_CHOICES, validate_choice=False,
                       validators=[AnyOf(list(rules.PAPERS), rules.PAPER_HELP)])
    submit = SubmitField("Download PDF")

    def wanted(self) -> rules.PrintRange:
        return rules.print_range(self.start.data, self.months.data, self.paper.data)


class BatchForm(FlaskForm):
    clients = ClientsField("Clients", coerce=int, description="Tick the clients to print, or choose all below.")
    everyone = BooleanField("All my active clients")
    start = MonthStartField("Start month", description="The first month to print, e.g. 2027-01.")
    months = MonthsField("Months", default="1", description="From 1 to 12: a page per client and month.")
    paper = RadioField("Paper", choices=PAPER_CHOICES, validate_choice=False,
                       validators=[AnyOf(list(rules.PAPERS), rules.PAPER_HELP)])
    submit = SubmitField("Start printing")

    def validate_clients(self, field: ClientsField) -> None:
        if not self.everyone.data and not field.data:
            raise ValidationError("Tick at least one client, or choose all your active clients.")

    def wanted(self) -> rules.PrintRange:
        return rules.print_range(self.start.data, self.months.data, self.paper.data)

    def chosen_ids(self) -> list[int]:
        offered = [choice.value for choice in self.clients.choices or []]  # type: ignore[union-attr]
        return offered if self.everyone.data else [value for value in offered if value in set(self.clients.data)]


class FeedForm(FlaskForm):
    """The buttons that make or stop a subscription URL; `back` says which page to return to."""

    back = HiddenField(validators=[AnyOf(("settings", "print"))], default="print")


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token (try a batch again)."""
