from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_login import current_user
import wtforms
from wtforms import SelectChoice, StringField
from wtforms.validators import ValidationError

from coachsite.domain import units


def _refuse_control_characters(data: Any) -> None:
    """NUL and friends are never text a person meant (and PostgreSQL cannot store NUL at all)."""
    if isinstance(data, str) and any(ord(ch) < 32 and ch not in "\t\r\n" for ch in data):
        raise ValidationError("Remove the invisible control characters from this text.")


class StrippedStringField(StringField):
    """Text with surrounding spaces removed; control characters (NUL and friends) refused."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = self.data.strip()

    def pre_validate(self, form: Any) -> None:
        _refuse_control_characters(self.data)


class TextAreaField(wtforms.TextAreaField):
    """Several lines of text (line breaks and tabs kept); control characters refused, as above."""

    def pre_validate(self, form: Any) -> None:
        _refuse_control_characters(self.data)


class DurationField(StringField):
    """A time typed as h:mm:ss or mm:ss, stored as whole seconds (None when left empty)."""

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return units.format_duration(self.data) if self.data else ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        text = (valuelist[0] if valuelist else "") or ""
        if text.strip():
            try:
                self.data = units.parse_duration(text)
            except ValueError as error:
                raise ValueError(str(error)) from None


def _display_units(field: Any) -> str:
    """The units a form shows: set on the form as `display_units`, else the user's, else km."""
    explicit = getattr(getattr(field, "_form", None), "display_units", None)
    if explicit:
        return str(explicit)
    user = current_user if has_request_context() else None
    return getattr(user, "units", None) or "km"


class DistanceField(StringField):
    """A distance typed in the user's units (km or mi), stored in metres (None when left empty)."""

    @property
    def unit(self) -> str:
        return _display_units(self)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if self.data is None:
            return ""
        return f"{units.from_metres(self.data, self.unit):.2f}".rstrip("0").rstrip(".")

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        text = (valuelist[0] if valuelist else "") or ""
        if text.strip():
            try:
                self.data = units.parse_distance(text, self.unit)
            except ValueError as error:
                raise ValueError(str(error)) from None



class PaceField(StringField):
    """A pace typed as m:ss per km or per mile (the user's units), stored as seconds per km."""

    @property
    def unit(self) -> str:
        return _display_units(self)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if not self.data:
            return ""
        return units.format_duration(self.data * units.from_metres(units.UNITS[self.unit], "km"))

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        text = (valuelist[0] if valuelist else "") or ""
        if text.strip():
            try:
                per_unit = units.parse_pace(text, self.unit)
            except ValueError as error:
                raise ValueError(str(error)) from None
            self.data = round(per_unit / units.from_metres(units.UNITS[self.unit], "km"))


def options(*pairs: tuple[object, str]) -> list[SelectChoice]:
    """Choices for select and radio fields as (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[arg-type]
