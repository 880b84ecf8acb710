"""Goal kinds and the target columns each one uses (shared by forms, services and settling)."""
from __future__ import annotations

TARGET_FIELDS = ("distance_m", "time_s", "weeks", "runs_per_week", "race_id")
KIND_LABELS = {"distance": "Single run of at least a distance", "time": "Time over a distance",
               "weekly_volume": "Weekly volume", "consistency": "Runs per week", "race": "Finish a race"}


def milestone_kind(goal_kind: str) -> str:
    """Milestones share the goal's kind, except a race goal's: those are long runs of a distance
    (the build-up), since a milestone cannot finish the race before the race."""
    return "distance" if goal_kind == "race" else goal_kind
