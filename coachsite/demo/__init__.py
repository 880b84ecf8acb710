"""Demo data: every feature filled in, so a newcomer sees the site working at once."""
from coachsite.demo.loader import ACCOUNTS, PASSWORD, load

__all__ = ["ACCOUNTS", "PASSWORD", "load"]
