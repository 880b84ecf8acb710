"""Printing: the PDF training calendar (a page per month, cached and rendered in parallel through
coachsite.pdf), batch printing for trainers, and iCalendar feeds and downloads."""
from coachsite.printing import batch_views  # noqa: F401  registers the batch routes
from coachsite.printing.views import bp

__all__ = ["bp"]
