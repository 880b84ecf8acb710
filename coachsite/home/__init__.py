from coachsite.home.views import bp

__all__ = ["bp"]
