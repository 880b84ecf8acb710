"""Plan templates: save a run of a client's weeks, apply it to another client. flush() only: the view commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, select

from coachsite.calendar import services as calendar
from coachsite.domain import calendar as cal
from coachsite.domain import plan_paces
from coachsite.extensions import db
from coachsite.models import Client, PlannedSession, PlanTemplate, TemplateSession, User, utcnow

# What a template session keeps of a planned session (the date becomes a day offset).
COPIED_FIELDS = ("kind", "title", "distance_m", "duration_s", "pace_s_per_km", "pace_zone", "effort", "description")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class PlanProblem(ValueError):
    """Input that is well formed but cannot be used; the message says how to fix it, `field` where to show it."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Summary:
    template: PlanTemplate
    sessions: int


@dataclass(frozen=True)
class Applied:
    template: PlanTemplate
    sessions: int
    first_day: date
    zoned: int  # sessions stating their pace as a zone
    paced: bool  # False when the client has no bests, so zones were left as zones


def _active(trainer: User) -> Select[tuple[PlanTemplate]]:
    return select(PlanTemplate).where(PlanTemplate.trainer_id == trainer.id, PlanTemplate.archived_at.is_(None))


def summaries(trainer: User) -> list[Summary]:
    """The trainer's templates that are not archived, by name, with their number of sessions."""
    count = (select(func.count(TemplateSession.id)).where(TemplateSession.template_id == PlanTemplate.id)
             .correlate(PlanTemplate).scalar_subquery())
    rows = db.session.execute(_active(trainer).add_columns(count).order_by(PlanTemplate.name, PlanTemplate.id))
    return [Summary(template, sessions) for template, sessions in rows]


def choices(trainer: User) -> list[tuple[int, str]]:
    """(id, name) of the templates the trainer may apply."""
    return [(t.id, t.name) for t in db.session.scalars(_active(trainer).order_by(PlanTemplate.name, PlanTemplate.id))]


def template_or_none(trainer: User, template_id: int, *, active_only: bool = False) -> PlanTemplate | None:
    """A template of this trainer only: ids of another trainer's templates find nothing."""
    query = _active(trainer) if active_only else select(PlanTemplate).where(PlanTemplate.trainer_id == trainer.id)
    return db.session.scalar(query.where(PlanTemplate.id == template_id))


def day_names(week_start: int) -> list[str]:
    """Short weekday names in the order of a week starting on `week_start` (0 = Monday)."""
    return [DAY_NAMES[(week_start + i) % 7] for i in range(7)]


def save_template(trainer: User, client: Client, name: str, first_day: date, weeks: int) -> PlanTemplate:
    """Copy the client's sessions of `weeks` weeks, from the week holding first_day, into a new template."""
    if db.session.scalar(_active(trainer).where(PlanTemplate.name == name)) is not None:
        raise PlanProblem(f"You already have a template called “{name}”. Choose another name.", "name")
    start = cal.start_of_week(first_day, trainer.week_start)
    last = start + timedelta(days=7 * weeks - 1)
    sessions = db.session.scalars(select(PlannedSession).where(
        PlannedSession.client_id == client.id, PlannedSession.on.between(start, last))
        .order_by(PlannedSession.on, PlannedSession.id)).all()
    if not sessions:
        raise PlanProblem(f"{client.name} has no sessions planned from {start:%-d %B %Y} to {last:%-d %B %Y}. "
                          "Choose weeks that hold sessions.", "first_day")
    template = PlanTemplate(trainer_id=trainer.id, name=name, weeks=weeks)
    for session in sessions:
        fields = {field: getattr(session, field) for field in COPIED_FIELDS}
        if session.pace_zone:  # the pace was this runner's; the next runner's comes from their own bests
            fields["pace_s_per_km"] = None
        template.sessions.append(TemplateSession(day=(session.on - start).days, **fields))
    db.session.add(template)
    db.session.flush()
    return template


def apply_template(trainer: User, client: Client, template_id: int, start: date) -> Applied:
    """Plan the template's sessions for the client from the week holding `start`, zones paced from their bests."""
    template = template_or_none(trainer, template_id, active_only=True)
    if template is None:
        raise PlanProblem("Choose one of your plan templates from the list.", "template")
    first = cal.start_of_week(start, trainer.week_start)
    vdot = plan_paces.best_vdot([(metres, seconds) for _label, metres, seconds in client.bests()])
    for item in template.sessions:
        draft = {field: getattr(item, field) for field in COPIED_FIELDS}
        draft["on"] = first + timedelta(days=item.day)
        if item.pace_zone:
            draft["pace_s_per_km"] = plan_paces.zone_pace(vdot, item.pace_zone)
        calendar.add_session(client, draft)
    zoned = sum(1 for item in template.sessions if item.pace_zone)
    return Applied(template, len(template.sessions), first, zoned, paced=vdot is not None)


def archive_template(template: PlanTemplate) -> None:
    """Off every list and no longer offered; its sessions stay in the database."""
    if template.archived_at is None:
        template.archived_at = utcnow()
