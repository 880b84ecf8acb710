"""Carrot-and-stick goals: milestones with rewards and consequences, settled by the runs themselves.

Importing the package registers its routes, its panels on other pages, its calendar marks and
its reaction to new runs (events.on_runs_changed, in settling)."""
from coachsite.goals import excuse_views, milestone_views, panels, settling, talk_views  # noqa: F401
from coachsite.goals.views import bp

panels.register()

__all__ = ["bp"]
