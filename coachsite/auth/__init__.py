from coachsite.auth.views import bp

__all__ = ["bp"]
