from coachsite.auth import account_views  # noqa: F401  adds the sensitive account pages to bp
from coachsite.auth.views import bp

__all__ = ["bp"]
