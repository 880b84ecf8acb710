from coachsite.plans.views import bp

__all__ = ["bp"]
