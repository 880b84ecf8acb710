from coachsite.runs.views import bp

__all__ = ["bp"]
