"""The journey (looking back): personal bests over time, longest-run progression, weekly volume,
the milestones and rewards earned, firsts, and the season report PDF a trainer hands over."""
from coachsite.journey.views import bp

__all__ = ["bp"]
