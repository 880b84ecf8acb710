"""Technique notes: what the trainer saw, the cue, the drill, and how it is going."""
from coachsite.notes import panels as _panels
from coachsite.notes.views import bp

_panels.register()

__all__ = ["bp"]
