from coachsite.calendar.views import bp

__all__ = ["bp"]
