"""Every client carries a `data_stamp` that changes whenever anything of theirs changes: the
client row, every row with a `client_id` (sessions, runs, goals, races, notes, ...) or a
`goal_id` (milestones, excuses, comments, cheers), the partnerships they are in, a partner's new
name, archiving or move to another club, and a new name of their runner account or of anyone who
cheered their goals (the runner's club panel shows those). Memos of derived figures (roster
compliance, a printed calendar, a month's table) are keyed by it, so they need no invalidating.

A trainer's `roster_stamp` changes in the same flush whenever any of their clients' stamps does, or
a client joins or leaves their roster: the roster's kept page and goals panel are keyed by it, and it
comes with the trainer's own row. (Writes of one trainer's clients so all update that one row: on
PostgreSQL, two of them at the same moment take turns for the rest of their transactions.)

The stamp is a random number, not a counter: a counter would start again at 0 after a restore
or in a test database emptied between tests, and name old figures again.

It is set in the same flush, so in the same transaction, as the change: a rolled-back change
rolls its stamp back too. Bulk UPDATE/DELETE statements bypass the unit of work: the only ones on
client-owned rows revoke feed tokens, which no kept part shows; any that touches what a page shows
must set the stamp itself (`bump`)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import Connection, bindparam, event, inspect, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from coachsite.models import Cheer, Client, Goal, Partnership, User
from coachsite.models._stamp import new_stamp

# The tables' columns, for the statements the flush hook sends itself (Core: they must not flush again).
_CLIENTS, _USERS, _GOALS, _CHEERS, _PAIRS = (model.__table__.c for model in (Client, User, Goal, Cheer, Partnership))


def _owners(obj: Any, column: str, relationship: str) -> set[int]:
    """The ids `obj` points at through `column` (client_id or goal_id), before and after this flush:
    the value now, the value it had (a row moved to another client changes both), and the objects
    set or unset through the relationship (whose key column the flush has not synced yet)."""
    state = inspect(obj)
    found: set[int] = set()
    if column in state.mapper.column_attrs:
        found |= {value for value in (getattr(obj, column), *state.attrs[column].history.deleted) if value is not None}
    if relationship in state.mapper.relationships:
        history = state.attrs[relationship].history
        found |= {other.id for other in chain(history.added, history.unchanged, history.deleted)
                  if other is not None and other.id is not None}
    return found


# What a client's partners show of them (their club panel): a change to one of these stamps the partners.
_SHOWN_TO_PARTNERS = ("name", "archived_at", "club_id")


@dataclass
class _Touched:
    clients: set[int] = field(default_factory=set)
    goals: set[int] = field(default_factory=set)
    renamed_users: set[int] = field(default_factory=set)
    partners_of: set[int] = field(default_factory=set)  # clients whose partners show a change of theirs
    trainers: set[int] = field(default_factory=set)  # rosters a client joins or leaves


def _touched(session: Session) -> _Touched:
    """What this flush inserts, changes or deletes, old owners included. A partnership belongs to
    both its clients."""
    found = _Touched()
    clients, goals = found.clients, found.goals
    for obj in chain(session.new, session.dirty, session.deleted):
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, Client):
            found.trainers |= _owners(obj, "trainer_id", "trainer")  # now and before: a move changes both
            if obj.id is not None:  # a new client gets its first stamp from the column default
                clients.add(obj.id)
                state = inspect(obj)
                if any(state.attrs[name].history.has_changes() for name in _SHOWN_TO_PARTNERS):
                    found.partners_of.add(obj.id)
            continue
        if isinstance(obj, User):
            if obj.id is not None and inspect(obj).attrs.name.history.has_changes():
                found.renamed_users.add(obj.id)
            continue
        for column in ("client_id", "client_a_id", "client_b_id"):
            clients |= _owners(obj, column, column.removesuffix("_id"))
        goals |= _owners(obj, "goal_id", "goal")
        goal = getattr(obj, "goal", None) if "goal" in inspect(obj).mapper.relationships else None
        if isinstance(goal, Goal) and goal.id is None and goal.client_id is not None:
            clients.add(goal.client_id)  # a milestone of a goal added in this same flush
    return found


def _shown_with(connection: Connection, renamed: set[int]) -> set[int]:
    """Clients whose pages show these people's names: their own client rows (a runner renamed in
    their account settings) and the owners of goals they cheered (the club panel names authors)."""
    own = select(_CLIENTS.id).where(_CLIENTS.runner_id.in_(sorted(renamed)))
    cheered = (select(_GOALS.client_id).join(Cheer.__table__, _CHEERS.goal_id == _GOALS.id)
               .where(_CHEERS.author_id.in_(sorted(renamed))))
    return set(connection.execute(own.union(cheered)).scalars())


def _partners(connection: Connection, client_ids: set[int]) -> set[int]:
    """The clients these clients are (or were) partnered with. Their rows are locked first, so a
    partnership being made with one of them (which stamps both) is waited for and then found."""
    wanted = sorted(client_ids)
    connection.execute(select(_CLIENTS.id).where(_CLIENTS.id.in_(wanted)).with_for_update())
    rows = connection.execute(select(_PAIRS.client_a_id, _PAIRS.client_b_id)
                              .where(or_(_PAIRS.client_a_id.in_(wanted), _PAIRS.client_b_id.in_(wanted))))
    return {client for row in rows for client in row} - client_ids


# Built once: every flush that writes anything of a client's sends them (an empty IN matches nothing).
_STAMP_CLIENTS = (update(Client.__table__).where(_CLIENTS.id.in_(bindparam("clients", expanding=True)))
                  .values(data_stamp=bindparam("stamp")))
# The clients' rows are locked as their trainers are read (PostgreSQL: FOR UPDATE; SQLite has one
# writer at a time): a client moved to another trainer by a transaction that has not committed yet is
# waited for, and its new trainer stamped, rather than the old one read and stamped instead.
_STAMP_ROSTERS = (update(User.__table__).where(or_(
    _USERS.id.in_(bindparam("trainers", expanding=True)),
    _USERS.id.in_(select(_CLIENTS.trainer_id).where(_CLIENTS.id.in_(bindparam("clients", expanding=True)))
                  .with_for_update())))
    .values(roster_stamp=bindparam("stamp")).returning(_USERS.id))


def bump(session: Session, client_ids: Iterable[int], trainers: Iterable[int] = ()) -> None:
    """Give these clients a new stamp in the session's transaction: a client being saved anyway takes
    it in its own UPDATE; the others get one UPDATE together (and loaded ones see the new value).
    Their trainers, and these `trainers`, get a new roster stamp."""
    ids = set(client_ids)
    if not ids and not trainers:
        return
    stamp = new_stamp()
    _stamp_rosters(session, ids, set(trainers), stamp)
    others = []
    for client_id in sorted(ids):
        loaded = session.identity_map.get(identity_key(Client, client_id))
        if loaded is not None and loaded in session.dirty:
            loaded.data_stamp = stamp
        else:
            others.append(client_id)
    if not others:
        return
    session.connection().execute(_STAMP_CLIENTS, {"clients": others, "stamp": stamp})
    _show_loaded(session, Client, others, "data_stamp", stamp)


def _show_loaded(session: Session, model: type, ids: Iterable[int], column: str, stamp: int) -> None:
    """Rows of `model` this session has loaded see the stamp just written: no reload, and they stay clean."""
    for row_id in ids:
        loaded = session.identity_map.get(identity_key(model, row_id))
        if loaded is not None:
            set_committed_value(loaded, column, stamp)


def _stamp_rosters(session: Session, client_ids: set[int], trainers: set[int], stamp: int) -> None:
    """A new roster stamp for the trainers of these clients (as the database has them before this
    flush) and for `trainers` (the ones this flush gives them); one UPDATE."""
    changed = session.connection().execute(
        _STAMP_ROSTERS, {"clients": sorted(client_ids), "trainers": sorted(trainers), "stamp": stamp}).scalars().all()
    _show_loaded(session, User, changed, "roster_stamp", stamp)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    touched = _touched(session)
    clients = touched.clients
    if touched.goals:
        clients |= set(session.connection().execute(
            select(_GOALS.client_id).where(_GOALS.id.in_(sorted(touched.goals)))).scalars())
    if touched.renamed_users:
        clients |= _shown_with(session.connection(), touched.renamed_users)
    if touched.partners_of:
        clients |= _partners(session.connection(), touched.partners_of)
    bump(session, clients, touched.trainers)


def install() -> None:
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
