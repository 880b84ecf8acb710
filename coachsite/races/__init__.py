"""Race plans: pacing plan and pace band, taper for A races, result and bests, equivalents."""
from coachsite.races import panels as _panels
from coachsite.races.views import bp

_panels.register()

__all__ = ["bp"]
