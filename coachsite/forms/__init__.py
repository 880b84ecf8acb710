"""Form fields shared by every blueprint: units-aware, with messages that say how to fix the input."""
from coachsite.forms.fields import DistanceField, DurationField, PaceField, StrippedStringField, TextAreaField, options

__all__ = ["DistanceField", "DurationField", "PaceField", "StrippedStringField", "TextAreaField", "options"]
