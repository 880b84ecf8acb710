"""A club-scale data set for the benchmarks: 20 trainers in 2 clubs, 1,000 clients, two years of
planned sessions and logged runs per client (about a million rows), goals with milestones, goal
comments, excuses, motivation scores, technique notes and races.

The schema comes from the real migrations (flask_migrate.upgrade) on SQLite (a file in a temporary
instance folder, WAL, as in production) or on PostgreSQL when a server URL is given: then a
throwaway database is created on that server and dropped at the end. Rows go in with bulk inserts
(sqlalchemy insert() with lists of dicts, executemany, in chunks). Goals are then settled by the
real settling code, so the data is in the steady state a live site would be in.

Accounts (all share one password, hashed once with the fast test method):
  bench-trainer-0@example.com    trainer of all 1,000 clients (the roster benchmark), owner of club 1
  bench-trainer-1..19@example.com  club members without clients (club 1: 0-9, club 2: 10-19)
  bench-runner-0..999@example.com  runners, each linked to one client (bench-runner-0: the home page)
With --big-roster N, bench-trainer-1 also gets N clients with four weeks of history (the 10,000-
client roster of issue 9).

    .venv/bin/python bench/generate.py [--clients 1000] [--big-roster 10000] [--database-url postgresql://...]
        [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time as clock_time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from sqlalchemy import insert, make_url, text, update  # noqa: E402

from coachsite import create_app  # noqa: E402
from coachsite.auth.passwords import hash_password  # noqa: E402
from coachsite.extensions import db  # noqa: E402
from coachsite.models import (Activity, Client, Club, Excuse, Goal, GoalComment, Membership, Milestone,  # noqa: E402
                              MotivationScore, PlannedSession, Race, TechniqueNote, User)

PASSWORD = "bench-password-1"
FAST_HASH = "pbkdf2:sha256:1000"  # the test suite's method: bench logins stay cheap
TRAINER_EMAIL = "bench-trainer-{}@example.com"
RUNNER_EMAIL = "bench-runner-{}@example.com"
CHUNK_CLIENTS = 50  # clients per batch of session/run rows (about 55,000 rows)
HISTORY_DAYS = 730  # two years of plan and runs up to today
AHEAD_DAYS = 91  # and a block of plan ahead

FIRST = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena", "Milo", "Nia",
         "Omar", "Pia", "Quin", "Rosa", "Sami", "Tess", "Uma", "Vik", "Wren", "Xia", "Yuri", "Zoe", "Amir", "Bea",
         "Cai", "Dana", "Ezra", "Frey")
LAST = ("Abbott", "Berg", "Costa", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan",
        "Lopez", "Meyer", "Novak", "Okafor", "Park", "Quinn", "Rossi", "Silva", "Tanaka", "Ueda", "Varga",
        "Weber", "Xu", "Young", "Zimmer", "Alder", "Brooks", "Chen", "Dubois", "Eriksen")
# weekday -> (kind, title, km for a runner of level 1.0, zone, description); Monday rest, Thursday off
WEEK = {
    0: ("rest", "Rest day", None, None, ""),
    1: ("intervals", "Intervals", 8.0, "interval", "Warm up 2 km; 6 x 800 m at 5K pace, 90 s jog; cool down."),
    2: ("easy", "Easy run", 6.0, "easy", "Conversational pace the whole way."),
    3: ("tempo", "Tempo run", 8.0, "threshold", "2 km easy, 4 km at threshold, 2 km easy."),
    5: ("easy", "Easy run", 5.0, "easy", "Relaxed; add 4 strides at the end."),
    6: ("long", "Long run", 14.0, "easy", "Steady and easy; practise drinking on the move."),
}
AREAS = ("cadence", "foot_strike", "posture", "arm_swing", "breathing", "mindset")
CUES = ("Quick light feet", "Land under your hips", "Tall through the crown", "Elbows back, hands relaxed",
        "Breathe out long on the hills", "One lamp post at a time")


@dataclass
class Summary:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    client_ids: list[int] = field(default_factory=list)  # in order: client_ids[0] is bench-runner-0's
    big_roster_ids: list[int] = field(default_factory=list)  # bench-trainer-1's clients, with --big-roster
    trainer_email: str = TRAINER_EMAIL.format(0)
    big_roster_email: str = TRAINER_EMAIL.format(1)
    runner_email: str = RUNNER_EMAIL.format(0)
    password: str = PASSWORD

    @property
    def total(self) -> int:
        return sum(self.rows.values())


# ------------------------------------------------------------------ the instance


@dataclass
class Instance:
    """A temporary instance folder and its database (SQLite file in it, or a throwaway PostgreSQL database)."""

    path: Path
    database_url: str  # as given to COACHSITE_DATABASE_URL
    dialect: str  # "sqlite" or "postgresql"

    def config(self, **overrides: Any) -> dict[str, Any]:
        config = {"INSTANCE_PATH": str(self.path), "DATABASE_URL": self.database_url,
                  "SECRET_KEY": "bench-" + secrets.token_hex(8), "PASSWORD_HASH_METHOD": FAST_HASH}
        config.update(overrides)
        return config


def _pg_admin(server_url: str) -> tuple[Any, str]:
    url = make_url(server_url.replace("postgres://", "postgresql://", 1)).set(drivername="postgresql")
    return url, url.set(database="postgres").render_as_string(hide_password=False)


@contextmanager
def instance(database_url: str | None = None, keep: str | None = None) -> Iterator[Instance]:
    """A fresh instance folder; on PostgreSQL (database_url given) a throwaway database on that server,
    dropped at the end whatever happens. `keep` names a folder to use and leave in place (SQLite only)."""
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="coachsite-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if not database_url or not database_url.startswith(("postgres://", "postgresql")):
        try:
            yield Instance(folder, f"sqlite:///{folder / 'coachsite.sqlite'}", "sqlite")
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
        return
    import psycopg

    server, admin = _pg_admin(database_url)
    name = f"coachsite_bench_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Instance(folder, server.set(database=name).render_as_string(hide_password=False), "postgresql")
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def make_app(where: Instance, **overrides: Any) -> Flask:
    return create_app(where.config(**overrides))


# ------------------------------------------------------------------ the data


def _name(index: int) -> str:
    return f"{FIRST[index % len(FIRST)]} {LAST[(index * 7 + index // len(FIRST)) % len(LAST)]} {index}"


def _quirk(client: int, day: date) -> str:
    """A stable pseudo-random choice per client and day: most runs done, some partial, missed or skipped."""
    n = (day.toordinal() * 7919 + client * 104729) % 23
    return "partial" if n == 3 else "missed" if n in (7, 15) else "skipped" if n == 11 else "done"


def _season(day: date, first: date) -> float:
    """A 16-week cycle: three weeks building 5 % each, an easier fourth week; then again."""
    week = (day - first).days // 7 % 16
    block, within = divmod(week, 4)
    factor = 1 + 0.05 * (block * 2 + min(within, 2))
    return factor * 0.8 if within == 3 else factor


def _profile(index: int) -> tuple[float, int]:
    """(level: distance factor, easy pace in s/km) of client `index`."""
    return 0.7 + (index % 7) * 0.1, 290 + (index * 37) % 100


def _training(index: int, client_id: int, runner_id: int, today: date, stamp: datetime,
              sessions: list[dict[str, Any]], runs: list[dict[str, Any]],
              history_days: int = HISTORY_DAYS, ahead_days: int = AHEAD_DAYS) -> date | None:
    """Append one client's plan and runs; return their last run date."""
    level, pace = _profile(index)
    lapsed = index % 10 == 9  # no runs in the last 18 days: the roster flags them
    never = index % 50 == 49  # never logged a run
    first = today - timedelta(days=history_days - 1)
    last_run: date | None = None
    for offset in range(history_days + ahead_days):
        day = first + timedelta(days=offset)
        kind, title, km, zone, description = WEEK.get(day.weekday(), (None, "", None, None, ""))
        if kind is None:
            continue
        metres = round(km * level * _season(day, first), 1) * 1000 if km else None
        quirk = _quirk(index, day) if day < today else "future"
        skipped = quirk == "skipped"
        sessions.append({"client_id": client_id, "on": day, "kind": kind, "title": title, "distance_m": metres,
                         "pace_zone": zone, "description": description,
                         "skipped_at": datetime.combine(day, clock_time(7)) if skipped else None,
                         "skipped_reason": "Work trip" if skipped else None, "created_at": stamp})
        if kind == "rest" or quirk in ("future", "missed", "skipped") or never or (
                lapsed and day > today - timedelta(days=18)):
            continue
        done = metres * (0.6 if quirk == "partial" else 1.0) if metres else 5000.0
        seconds = int(done / 1000 * (pace + {"intervals": -25, "tempo": -35}.get(kind, 0) + day.toordinal() % 9 * 3))
        runs.append({"client_id": client_id, "on": day, "sport": "run", "distance_m": done, "duration_s": seconds,
                     "effort": 3 + (day.toordinal() + index) % 6, "source": "manual",
                     "comment": "Felt strong" if day.weekday() == 6 else "", "fingerprint": None,
                     "logged_by_id": runner_id, "created_at": stamp})
        last_run = day
    return last_run


def _history(clients: list[tuple[int, int, int]], today: date, stamp: datetime, summary: Summary,
             history_days: int = HISTORY_DAYS, ahead_days: int = AHEAD_DAYS) -> None:
    """Plan and runs of (index, client id, who logs their runs) each, inserted in chunks; then each
    client's last run date, as the site keeps it."""
    last_runs: dict[int, date] = {}
    chunk_size = max(1, CHUNK_CLIENTS * HISTORY_DAYS // history_days)  # about the same rows per chunk
    for chunk in range(0, len(clients), chunk_size):
        sessions: list[dict[str, Any]] = []
        runs: list[dict[str, Any]] = []
        for index, client_id, logger_id in clients[chunk:chunk + chunk_size]:
            last = _training(index, client_id, logger_id, today, stamp, sessions, runs, history_days, ahead_days)
            if last:
                last_runs[client_id] = last
        _insert(sessions, PlannedSession, summary)
        _insert(runs, Activity, summary)
    db.session.execute(update(Client).execution_options(synchronize_session=False),
                       [{"id": client_id, "last_activity_on": day} for client_id, day in last_runs.items()])


def _insert(rows: Sequence[dict[str, Any]], model: Any, summary: Summary, returning: bool = False) -> list[int]:
    """Bulk insert (executemany); with `returning`, the new ids in the order of `rows`."""
    if not rows:
        return []
    name = model.__tablename__
    summary.rows[name] = summary.rows.get(name, 0) + len(rows)
    table = model.__table__  # Core, not the ORM's bulk path: that splits the rows by which values are None
    if returning:
        return list(db.session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows))
    db.session.execute(insert(table), rows)
    return []


def generate(clients: int = 1000, trainers: int = 20, today: date | None = None,
             echo: Callable[[str], None] = print, big_roster: int = 0) -> Summary:
    """Fill the (migrated, empty) database of the current app; returns what was made and how long it took."""
    started = time.perf_counter()
    today = today or date.today()
    stamp = datetime.combine(today - timedelta(days=HISTORY_DAYS), clock_time(8))
    summary = Summary()
    password_hash = hash_password(PASSWORD, FAST_HASH)  # once, shared by every bench account

    def user(email: str, name: str, role: str) -> dict[str, Any]:
        return {"email": email, "name": name, "password_hash": password_hash, "role": role, "units": "km",
                "week_start": 0, "time_zone": "UTC", "paper": "a4", "session_version": 1, "created_at": stamp}

    trainer_ids = _insert([user(TRAINER_EMAIL.format(n), f"Bench Trainer {n}", "trainer") for n in range(trainers)],
                          User, summary, returning=True)
    runner_ids = _insert([user(RUNNER_EMAIL.format(n), _name(n), "runner") for n in range(clients)],
                         User, summary, returning=True)
    club_ids = _insert([{"name": "Bench Riverside Runners", "created_at": stamp},
                        {"name": "Bench Hilltop Harriers", "created_at": stamp}], Club, summary, returning=True)
    half = max(1, trainers // 2)
    memberships = [{"club_id": club_ids[0 if n < half else 1], "user_id": trainer_id,
                    "role": "owner" if n in (0, half) else "trainer", "created_at": stamp}
                   for n, trainer_id in enumerate(trainer_ids)]
    memberships.append({"club_id": club_ids[1], "user_id": trainer_ids[0], "role": "trainer", "created_at": stamp})
    memberships += [{"club_id": club_ids[n % 2], "user_id": runner_id, "role": "runner", "created_at": stamp}
                    for n, runner_id in enumerate(runner_ids)]
    _insert(memberships, Membership, summary)

    # Clients first with no last run; it is filled in from the generated runs below.
    client_rows = []
    for n, runner_id in enumerate(runner_ids):
        level, pace = _profile(n)
        client_rows.append({
            "trainer_id": trainer_ids[0], "club_id": club_ids[n % 2], "runner_id": runner_id, "name": _name(n),
            "email": RUNNER_EMAIL.format(n), "units": "mi" if n % 10 == 3 else "km",
            "motivation": ("extrinsic", "intrinsic", "mixed")[n % 3],
            "best_5k_s": int(5 * pace * 0.85) if n % 4 else None,
            "best_10k_s": int(10 * pace * 0.88) if n % 3 else None,
            "best_half_s": int(21.0975 * pace * 0.93) if n % 5 == 0 else None, "best_marathon_s": None,
            "notes": "", "last_activity_on": None, "created_at": stamp, "archived_at": None})
    client_ids = _insert(client_rows, Client, summary, returning=True)
    summary.client_ids = client_ids
    echo(f"  users, clubs, clients: {time.perf_counter() - started:.1f} s")

    # Races: two past (with results), one ahead (a race goal points at it).
    race_rows = []
    for n, client_id in enumerate(client_ids):
        _, pace = _profile(n)
        for days, name, metres, priority, result in ((-300, "Spring Half", 21097.5, "A", True),
                                                     (-120, "Summer 10K", 10000.0, "B", True),
                                                     (30 + n % 90, "Autumn Half", 21097.5, "A", False)):
            goal_time = int(metres / 1000 * pace * 0.92)
            race_rows.append({"client_id": client_id, "name": name, "on": today + timedelta(days=days),
                              "distance_m": metres, "priority": priority, "goal_time_s": goal_time,
                              "location": "Riverside", "notes": "", "strategy": "even", "strategy_percent": 0.0,
                              "result_time_s": goal_time + (n % 7 - 3) * 20 if result else None,
                              "taper_applied_at": None, "created_at": stamp, "archived_at": None})
    race_ids = _insert(race_rows, Race, summary, returning=True)

    # Two years of plan and runs, in chunks.
    _history([(n, client_id, runner_ids[n]) for n, client_id in enumerate(client_ids)], today, stamp, summary)
    db.session.commit()
    echo(f"  planned sessions and runs: {time.perf_counter() - started:.1f} s")

    _goals(client_ids, runner_ids, trainer_ids[0], race_ids, today, stamp, summary)
    _notes(client_ids, trainer_ids[0], today, stamp, summary)
    db.session.commit()
    echo(f"  goals, notes: {time.perf_counter() - started:.1f} s")
    _settle(client_ids, today)
    echo(f"  goals settled: {time.perf_counter() - started:.1f} s")
    if big_roster:
        _big_roster(big_roster, trainer_ids[1], club_ids[0], today, stamp, summary)
        echo(f"  a roster of {big_roster:,} clients: {time.perf_counter() - started:.1f} s")
    _analyze()
    summary.seconds = time.perf_counter() - started
    return summary


def _big_roster(count: int, trainer_id: int, club_id: int, today: date, stamp: datetime, summary: Summary) -> None:
    """A second trainer's roster of `count` clients with a light history (four weeks of plan and runs
    and two ahead, one goal in progress with a milestone met and one to come), for the question of
    issue 9 whether the roster stays quick at 10,000 clients: what a roster page costs grows with
    the roster, not with each client's history. The trainer logs their runs (no runner accounts)."""
    offset = len(summary.client_ids)
    ids = _insert([{"trainer_id": trainer_id, "club_id": club_id, "runner_id": None, "name": _name(offset + n),
                    "email": None, "units": "km", "motivation": "mixed", "best_5k_s": None, "best_10k_s": None,
                    "best_half_s": None, "best_marathon_s": None, "notes": "", "last_activity_on": None,
                    "created_at": stamp, "archived_at": None} for n in range(count)], Client, summary, returning=True)
    summary.big_roster_ids = ids
    _history([(offset + n, client_id, trainer_id) for n, client_id in enumerate(ids)], today, stamp, summary,
             history_days=28, ahead_days=14)
    start, handed = today - timedelta(days=30), datetime.combine(today - timedelta(days=20), clock_time(9))
    goal_ids = _insert([{
        "client_id": client_id, "kind": "distance", "title": "First 15 km", "start_on": start,
        "due_on": today + timedelta(days=30), "distance_m": 15000.0, "time_s": None, "weeks": None,
        "runs_per_week": None, "race_id": None, "reward": "new socks", "consequence": "", "state": "accepted",
        "proposed_by_id": trainer_id, "proposed_at": datetime.combine(start, clock_time(9)),
        "accepted_at": datetime.combine(start, clock_time(20)), "settled_on": None, "settled_by_activity_id": None,
        "reward_given_at": None, "consequence_done_at": None, "cancelled_at": None} for client_id in ids],
        Goal, summary, returning=True)
    stone = {"time_s": None, "weeks": None, "runs_per_week": None, "consequence": "", "settled_by_activity_id": None,
             "consequence_done_at": None}
    _insert([row for goal_id in goal_ids for row in (
        {**stone, "goal_id": goal_id, "due_on": today - timedelta(days=21), "distance_m": 8000.0, "reward": "a gel",
         "state": "achieved", "settled_on": today - timedelta(days=22), "reward_given_at": handed},
        {**stone, "goal_id": goal_id, "due_on": today + timedelta(days=14), "distance_m": 12000.0,
         "reward": "a cap", "state": "accepted", "settled_on": None, "reward_given_at": None})],
        Milestone, summary)
    db.session.commit()


def _goals(client_ids: list[int], runner_ids: list[int], trainer_id: int, race_ids: list[int], today: date,
           stamp: datetime, summary: Summary) -> None:
    """Per client: four past goals (settled by the real rule below), one goal in progress with three
    milestones, every third client a proposal waiting; comments, a few excuses asked, a motivation score."""
    goal_rows, plans = [], []  # plans: (client index, milestone dicts without goal_id)

    def goal(n: int, kind: str, title: str, start: date, due: date, state: str = "accepted",
             **target: Any) -> dict[str, Any]:
        values = {"distance_m": None, "time_s": None, "weeks": None, "runs_per_week": None, "race_id": None}
        values.update(target)
        accepted = datetime.combine(start - timedelta(days=1), clock_time(20)) if state == "accepted" else None
        return {"client_id": client_ids[n], "kind": kind, "title": title, "start_on": start, "due_on": due,
                **values, "reward": "new running socks" if n % 2 else "a sports massage",
                "consequence": "an extra hill session" if n % 3 else "", "state": state,
                "proposed_by_id": trainer_id, "proposed_at": datetime.combine(start - timedelta(days=2), clock_time(9)),
                "accepted_at": accepted, "settled_on": None, "settled_by_activity_id": None,
                "reward_given_at": None, "consequence_done_at": None, "cancelled_at": None}

    def milestone(due: date, **target: Any) -> dict[str, Any]:
        values = {"distance_m": None, "time_s": None, "weeks": None, "runs_per_week": None}
        values.update(target)
        return {"due_on": due, **values, "reward": "a gel for race day", "consequence": "", "state": "accepted",
                "settled_on": None, "settled_by_activity_id": None, "reward_given_at": None,
                "consequence_done_at": None}

    for n in range(len(client_ids)):
        level, pace = _profile(n)
        for k in range(4):  # past goals, 160 days apart
            start = today - timedelta(days=700 - k * 160)
            due = start + timedelta(days=90)
            if k % 2 == 0:
                goal_rows.append(goal(n, "distance", f"Long run of {int(16 * level + k)} km", start, due,
                                      distance_m=(16 * level + k) * 1000))
                plans.append((n, [milestone(start + timedelta(days=30), distance_m=12000 * level),
                                  milestone(start + timedelta(days=60), distance_m=14000 * level)]))
            else:
                goal_rows.append(goal(n, "weekly_volume", "Steady weeks", start, due, distance_m=30000 * level,
                                      weeks=4))
                plans.append((n, [milestone(start + timedelta(days=34), distance_m=25000 * level, weeks=2),
                                  milestone(start + timedelta(days=62), distance_m=28000 * level, weeks=3)]))
        start, kind = today - timedelta(days=50), ("distance", "weekly_volume", "consistency", "race")[n % 4]
        due = today + timedelta(days=40 + n % 5 * 10)
        stones = [milestone(today - timedelta(days=20), distance_m=14000 * level),
                  milestone(today + timedelta(days=10), distance_m=17000 * level),
                  milestone(today + timedelta(days=30), distance_m=19000 * level)]
        if kind == "distance":
            goal_rows.append(goal(n, kind, "First 25 km", start, due, distance_m=25000.0))
        elif kind == "weekly_volume":
            goal_rows.append(goal(n, kind, "Six solid weeks", start, due, distance_m=45000 * level, weeks=6))
            stones = [milestone(m["due_on"], distance_m=35000 * level, weeks=2) for m in stones]
        elif kind == "consistency":
            goal_rows.append(goal(n, kind, "Five runs a week", start, due, runs_per_week=5, weeks=8))
            stones = [milestone(m["due_on"], runs_per_week=4, weeks=2) for m in stones]
        else:
            race_day = today + timedelta(days=30 + n % 90)
            goal_rows.append(goal(n, kind, "Finish the Autumn Half", start, race_day, race_id=race_ids[n * 3 + 2]))
            stones = [m for m in stones if m["due_on"] <= race_day]
        plans.append((n, stones))
        if n % 3 == 0:
            goal_rows.append(goal(n, "time", "10 km under 50:00", today, today + timedelta(days=70), state="proposed",
                                  distance_m=10000.0, time_s=3000))
            plans.append((n, [milestone(today + timedelta(days=28), distance_m=5000.0, time_s=1450)]))
    goal_ids = _insert(goal_rows, Goal, summary, returning=True)
    milestone_rows = [{**row, "goal_id": goal_id, "state": goal_rows[i]["state"]}
                      for i, (goal_id, (_, rows)) in enumerate(zip(goal_ids, plans)) for row in rows]
    _insert(milestone_rows, Milestone, summary)

    # The goal in progress of each client (one each, in client order).
    current = [goal_id for goal_id, row in zip(goal_ids, goal_rows)
               if row["state"] == "accepted" and row["start_on"] == today - timedelta(days=50)]
    comments, excuses = [], []
    for n, goal_id in enumerate(current):
        for days_ago, author, tone, body in ((40, trainer_id, "praise", "Great start. Keep the easy runs easy."),
                                             (12, trainer_id, "push", "Two runs missed: the long run needs them."),
                                             (10, runner_ids[n], None, "Busy week at work; back on it now.")):
            comments.append({"goal_id": goal_id, "author_id": author, "body": body, "tone": tone,
                             "created_at": datetime.combine(today - timedelta(days=days_ago), clock_time(19))})
        if n % 50 == 7:
            excuses.append({"goal_id": goal_id, "milestone_id": None, "reason": "illness", "note": "Flu for a week.",
                            "requested_by_id": runner_ids[n],
                            "requested_at": datetime.combine(today - timedelta(days=2), clock_time(10)),
                            "decision": None, "decided_by_id": None, "decided_at": None})
    _insert(comments, GoalComment, summary)
    _insert(excuses, Excuse, summary)
    _insert([{"client_id": client_id, "answered_by_id": runner_ids[n], "score": 20 + n % 60,
              "answers": [1 + (n + q) % 5 for q in range(10)],
              "answered_at": datetime.combine(today - timedelta(days=60 + n % 30), clock_time(21))}
             for n, client_id in enumerate(client_ids)], MotivationScore, summary)


def _notes(client_ids: list[int], trainer_id: int, today: date, stamp: datetime, summary: Summary) -> None:
    """Six technique notes per client over two years; the recent ones open, some shared."""
    rows = []
    for n, client_id in enumerate(client_ids):
        for k in range(6):
            on = today - timedelta(days=690 - k * 130 + n % 7)
            area = AREAS[(n + k) % len(AREAS)]
            rows.append({"client_id": client_id, "author_id": trainer_id, "on": on, "area": area,
                         "observation": f"Watched the {area.replace('_', ' ')} on the track session.",
                         "cue": CUES[(n + k) % len(CUES)], "drill": "A-skips, 2 x 20 m",
                         "status": ("resolved", "resolved", "improving", "resolved", "improving", "open")[k],
                         "shared": k % 2 == 1 or k == 5, "tone": "praise" if (n + k) % 3 == 0 else "push",
                         "measure_value": 168.0 + k * 2 if area == "cadence" else None,
                         "measure_unit": "spm" if area == "cadence" else None,
                         "created_at": datetime.combine(on, clock_time(18)), "archived_at": None})
    _insert(rows, TechniqueNote, summary)


def _settle(client_ids: list[int], today: date) -> None:
    """Settle with the site's own code, then hand out the rewards and consequences of all but the
    last two weeks, as a trainer keeping up would: the data is in a live site's steady state."""
    from coachsite.goals import settling

    for chunk in range(0, len(client_ids), 100):
        settling.settle_clients(client_ids[chunk:chunk + 100], today)
        db.session.commit()
    handed = datetime.combine(today - timedelta(days=10), clock_time(9))
    before = today - timedelta(days=14)
    for table in (Goal, Milestone):
        db.session.execute(update(table).where(table.state == "achieved", table.settled_on < before)
                           .values(reward_given_at=handed))
        db.session.execute(update(table).where(table.state == "missed", table.settled_on < before)
                           .values(consequence_done_at=handed))
    db.session.commit()


def _analyze() -> None:
    """Planner statistics, as after any bulk load (PostgreSQL's autovacuum would get there later)."""
    with db.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


def accounts_text(summary: Summary, trainers: int = 20) -> str:
    return (f"accounts (password {summary.password!r}):\n"
            f"  {TRAINER_EMAIL.format(0)}  trainer of all {len(summary.client_ids)} clients (roster), owner of club 1\n"
            f"  {TRAINER_EMAIL.format('1..' + str(trainers - 1))}  club members without clients"
            + (f" (bench-trainer-1: a roster of {len(summary.big_roster_ids):,} clients, light history)"
               if summary.big_roster_ids else "") + "\n"
            f"  {RUNNER_EMAIL.format(0)}  runner of client {summary.client_ids[0] if summary.client_ids else '-'} "
            f"(home page); bench-runner-1..{len(summary.client_ids) - 1} likewise")


def build(where: Instance, clients: int = 1000, echo: Callable[[str], None] = print, big_roster: int = 0) -> Summary:
    """Migrate the instance's database and fill it."""
    from flask_migrate import upgrade

    app = make_app(where)
    with app.app_context():
        upgrade()
        summary = generate(clients=clients, echo=echo, big_roster=big_roster)
        db.session.remove()
        db.engine.dispose()
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--database-url", default=os.environ.get("COACHSITE_DATABASE_URL"),
                        help="a PostgreSQL server (a throwaway database is made on it); default: SQLite")
    parser.add_argument("--keep", help="build in this folder and keep it (SQLite), e.g. for bench/profile_page.py")
    parser.add_argument("--big-roster", type=int, default=0,
                        help="also give bench-trainer-1 a roster of this many clients with a light history")
    args = parser.parse_args()
    with instance(args.database_url, args.keep) as where:
        summary = build(where, args.clients, big_roster=args.big_roster)
        print(f"generated {summary.total:,} rows in {summary.seconds:.1f} s on {where.dialect} "
              f"({summary.total / summary.seconds:,.0f} rows/s)")
        for table, count in sorted(summary.rows.items(), key=lambda item: -item[1]):
            print(f"  {table:20} {count:>9,}")
        print(accounts_text(summary))
        if args.keep:
            print(f"kept in {where.path}")


if __name__ == "__main__":
    main()
