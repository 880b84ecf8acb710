"""Typed SQLAlchemy models, one file per aggregate."""
from coachsite.models._time import utcnow
from coachsite.models.client import BEST_DISTANCES, MOTIVATIONS, Client
from coachsite.models.club import Club, Membership
from coachsite.models.token import Token
from coachsite.models.user import User

__all__ = ["BEST_DISTANCES", "MOTIVATIONS", "Client", "Club", "Membership", "Token", "User", "utcnow"]
