"""The journey (looking back) of one client: four queries whatever the history's length (runs,
race results, achieved goals, achieved milestones with their goals), then the pure rules of
coachsite.domain.journey. Read-only: nothing here writes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from coachsite.domain import journey as rules
from coachsite.extensions import db
from coachsite.models import Activity, Client, Goal, Milestone, Race

DISTANCE_LABELS = {1000.0: "1 km", rules.MILE_M: "1 mile", 5000.0: "5 km", 10000.0: "10 km",
                   rules.HALF_MARATHON_M: "Half marathon", rules.MARATHON_M: "Marathon"}


@dataclass(frozen=True)
class BestRow:
    """One personal best in a distance's progression, with what set it in words."""

    on: date
    seconds: int
    source: str  # "race" or "run"
    race_name: str | None  # the race that set it, or None for a run
    distance_m: float | None  # the run's (or race's) distance, shown in the reader's units
    whole: bool


@dataclass(frozen=True)
class DistanceBests:
    label: str
    metres: float
    points: list[BestRow]

    @property
    def current(self) -> BestRow:
        return self.points[-1]


@dataclass(frozen=True)
class FirstRow:
    label: str
    on: date
    race_name: str | None
    distance_m: float | None


@dataclass(frozen=True)
class Earned:
    """An achieved goal or milestone, with its reward (the carrot) if it had one."""

    on: date | None
    goal: Goal
    milestone: Milestone | None
    reward: str
    reward_given: bool


@dataclass(frozen=True)
class Season:
    first: date
    last: date
    runs: int
    metres: float
    bests: list[tuple[str, BestRow]]
    firsts: list[FirstRow]
    earned: list[Earned]


@dataclass
class Journey:
    client: Client
    until: date
    run_count: int
    total_m: float
    bests: list[DistanceBests]
    longest: list[rules.LongestRun]
    weeks: list[rules.WeekVolume]
    firsts: list[FirstRow]
    earned: list[Earned]
    runs: list[rules.RunRecord] = field(repr=False)

    @property
    def is_empty(self) -> bool:
        return not (self.run_count or self.bests or self.firsts or self.earned)

    def season(self, first: date, last: date) -> Season:
        """What happened between two dates (inclusive), from what is already loaded."""
        inside = [r for r in self.runs if first <= r.on <= last]
        return Season(
            first=first, last=last, runs=len(inside), metres=sum(r.distance_m or 0.0 for r in inside),
            bests=[(d.label, p) for d in self.bests for p in d.points if first <= p.on <= last],
            firsts=[f for f in self.firsts if first <= f.on <= last],
            earned=[e for e in self.earned if e.on is not None and first <= e.on <= last])


def load(client: Client, *, week_start: int, until: date) -> Journey:
    runs = [rules.RunRecord(id=row.id, on=row.on, distance_m=row.distance_m, seconds=row.duration_s)
            for row in db.session.execute(
                select(Activity.id, Activity.on, Activity.distance_m, Activity.duration_s)
                .where(Activity.client_id == client.id, Activity.sport == "run", Activity.on <= until)
                .order_by(Activity.on, Activity.id))]
    races = [rules.RaceResultRecord(race_id=row.id, name=row.name, on=row.on, distance_m=row.distance_m,
                                    seconds=row.result_time_s)
             for row in db.session.execute(
                 select(Race.id, Race.name, Race.on, Race.distance_m, Race.result_time_s)
                 .where(Race.client_id == client.id, Race.archived_at.is_(None), Race.result_time_s.is_not(None),
                        Race.on <= until).order_by(Race.on, Race.id))]
    by_run = {run.id: run for run in runs}
    by_race = {race.race_id: race for race in races}

    def what(source: rules.Source, source_id: rules.SourceId) -> tuple[str | None, float | None]:
        """(race name, distance) of what set a best or a first."""
        if source is rules.Source.RACE:
            race = by_race.get(source_id)  # type: ignore[arg-type]
            return (race.name, race.distance_m) if race else ("Race", None)
        run = by_run.get(source_id)  # type: ignore[arg-type]
        return None, run.distance_m if run else None

    bests = [DistanceBests(DISTANCE_LABELS.get(metres, f"{metres:g} m"), metres,
                           [BestRow(p.on, p.seconds, p.source.value, *what(p.source, p.source_id), p.whole)
                            for p in points])
             for metres, points in rules.personal_bests(runs, races).items() if points]
    firsts = [FirstRow(f.label, f.on, *what(f.source, f.source_id)) for f in rules.firsts(runs, races)]
    logged = [r for r in runs if (r.distance_m or 0) > 0 or (r.seconds or 0) > 0]
    return Journey(client=client, until=until, run_count=len(logged),
                   total_m=sum(r.distance_m or 0.0 for r in logged if (r.distance_m or 0) > 0),
                   bests=bests, longest=rules.longest_run_progression(runs),
                   weeks=rules.weekly_volume(runs, week_start, until) if logged else [],
                   firsts=firsts, earned=_earned(client), runs=runs)


def _earned(client: Client) -> list[Earned]:
    """Achieved goals and milestones (of goals not cancelled), newest first: two queries."""
    goals = db.session.scalars(select(Goal).where(Goal.client_id == client.id, Goal.state == "achieved")).all()
    rows = db.session.execute(
        select(Milestone, Goal).join(Goal, Milestone.goal_id == Goal.id)
        .where(Goal.client_id == client.id, Goal.state != "cancelled", Milestone.state == "achieved")).all()
    earned = [Earned(goal.settled_on, goal, None, goal.reward, goal.reward_given_at is not None) for goal in goals]
    earned += [Earned(m.settled_on, goal, m, m.reward, m.reward_given_at is not None) for m, goal in rows]
    earned.sort(key=lambda e: (e.on or date.min, e.goal.id, e.milestone.id if e.milestone else 0), reverse=True)
    return earned
