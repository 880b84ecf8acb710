"""Typed SQLAlchemy models, one file per aggregate."""
from coachsite.models._time import utcnow
from coachsite.models.client import BEST_DISTANCES, MOTIVATIONS, Client
from coachsite.models.club import Club, Membership
from coachsite.models.feed_token import FeedToken
from coachsite.models.goal import (EXCUSE_REASONS, GOAL_KINDS, GOAL_STATES, Excuse, Goal, GoalComment, Milestone,
                                   MotivationScore)
from coachsite.models.login_attempt import LoginAttempt
from coachsite.models.note import AREAS, NOTE_STATUSES, TONES, TechniqueNote
from coachsite.models.print_job import PrintJob
from coachsite.models.race import PRIORITIES, STRATEGIES, Race
from coachsite.models.token import Token
from coachsite.models.training import (KIND_LABELS, PACE_ZONES, SESSION_KINDS, Activity, PlannedSession,
                                       PlanTemplate, TemplateSession)
from coachsite.models.user import User

__all__ = ["AREAS", "BEST_DISTANCES", "EXCUSE_REASONS", "GOAL_KINDS", "GOAL_STATES", "KIND_LABELS", "MOTIVATIONS",
           "NOTE_STATUSES", "PACE_ZONES", "PRIORITIES", "SESSION_KINDS", "STRATEGIES", "TONES", "Activity", "Client",
           "Club", "Excuse", "FeedToken", "Goal", "GoalComment", "LoginAttempt", "Membership", "Milestone",
           "MotivationScore", "PlanTemplate", "PlannedSession", "PrintJob", "Race", "TechniqueNote",
           "TemplateSession", "Token", "User", "utcnow"]

from coachsite.models.club_life import (CHALLENGE_METRICS, CHEER_MAX, INVITE_ROLES, PARTNERSHIP_KINDS,  # noqa: E402
                                        Challenge, Cheer, ClubInvite, Partnership)

__all__ += ["CHALLENGE_METRICS", "CHEER_MAX", "INVITE_ROLES", "PARTNERSHIP_KINDS", "Challenge", "Cheer", "ClubInvite",
            "Partnership"]
