from coachsite.account.views import bp

__all__ = ["bp"]
