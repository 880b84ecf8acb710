"""Clubs: the roster with each client's trainer, invites, moving a client between trainers, the
race calendar, challenges with a live leaderboard, running partners and cheers.

Importing the package registers its routes, its panels on other pages (the runner's home, the
client's profile) and what the navigation asks (show_club_link)."""
from coachsite.clubs import challenge_views, panels, partner_views  # noqa: F401  (registers their routes)
from coachsite.clubs.views import bp

panels.register()
panels.init_app_hooks(bp)

__all__ = ["bp"]
