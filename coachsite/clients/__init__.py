from coachsite.clients.views import bp

__all__ = ["bp"]
