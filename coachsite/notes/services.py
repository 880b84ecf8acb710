"""Technique notes: record, edit, read back as a timeline, series and focus cues. flush() only.

Who may read which note is decided in authz (visible_notes, shared_notes): every query here
starts from one of those, so the rule is written once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func

from coachsite import authz
from coachsite.domain import technique
from coachsite.extensions import db
from coachsite.models import AREAS, NOTE_STATUSES, Client, TechniqueNote, User

NOTE_FIELDS = ("on", "area", "observation", "cue", "drill", "status", "shared", "tone", "measure_value",
               "measure_unit")
FOCUS_STATUSES = ("open", "improving")
FOCUS_LIMIT = 5


@dataclass(frozen=True)
class Filters:
    area: str | None = None
    status: str | None = None

    @classmethod
    def parse(cls, area: str | None, status: str | None) -> Filters:
        """Unknown values are ignored (show everything) rather than refused."""
        return cls(area=area if area in AREAS else None, status=status if status in NOTE_STATUSES else None)


@dataclass(frozen=True)
class Timeline:
    notes: list[TechniqueNote]
    series: list[technique.Series]
    praise: int
    push: int


def add_note(client: Client, author: User, draft: dict[str, Any]) -> TechniqueNote:
    note = TechniqueNote(client_id=client.id, author_id=author.id,
                         **{name: draft[name] for name in NOTE_FIELDS if name in draft})
    db.session.add(note)
    db.session.flush()
    return note


def update_note(note: TechniqueNote, draft: dict[str, Any]) -> None:
    for name in NOTE_FIELDS:
        if name in draft:
            setattr(note, name, draft[name])
    db.session.flush()


def timeline(client: Client, viewer: User, filters: Filters) -> Timeline:
    """The notes this viewer may read, newest first, with the measured series and the tone balance.

    The series follow the area filter only: a resolved measure is still part of the history.
    """
    visible = authz.visible_notes(viewer, client)
    listed = visible
    if filters.area:
        listed = listed.where(TechniqueNote.area == filters.area)
    if filters.status:
        listed = listed.where(TechniqueNote.status == filters.status)
    notes = list(db.session.scalars(listed.order_by(TechniqueNote.on.desc(), TechniqueNote.id.desc())))
    measured = visible.where(TechniqueNote.measure_value.is_not(None))
    if filters.area:
        measured = measured.where(TechniqueNote.area == filters.area)
    series = technique.measure_series(
        technique.Measure(n.on, n.area, n.measure_unit or "", n.measure_value)  # type: ignore[arg-type]
        for n in db.session.scalars(measured.order_by(TechniqueNote.on, TechniqueNote.id)))
    tones = _tones(visible)
    return Timeline(notes=notes, series=series, praise=tones.get("praise", 0), push=tones.get("push", 0))


def _tones(visible: Any) -> dict[str, int]:
    """How many praise and push notes (the carrot-and-stick balance), in one query."""
    counted = visible.with_only_columns(TechniqueNote.tone, func.count()).group_by(TechniqueNote.tone)
    return {tone: count for tone, count in db.session.execute(counted)}


def _focus(readable: Select[tuple[TechniqueNote]], limit: int) -> list[TechniqueNote]:
    """Open and improving notes with a cue, newest first; a cue repeated over several notes shows once."""
    query = readable.where(TechniqueNote.status.in_(FOCUS_STATUSES), TechniqueNote.cue != "") \
        .order_by(TechniqueNote.on.desc(), TechniqueNote.id.desc())
    picked: dict[str, TechniqueNote] = {}
    for note in db.session.scalars(query):
        picked.setdefault(technique.text_key(note.cue), note)
        if len(picked) == limit:
            break
    return list(picked.values())


def focus_cues(client: Client, viewer: User, limit: int = FOCUS_LIMIT) -> list[TechniqueNote]:
    """The cues the viewer may read, for the runner's "Focus this week"."""
    return _focus(authz.visible_notes(viewer, client), limit)


def shared_focus_cues(client: Client, limit: int = 3) -> list[TechniqueNote]:
    """The same cues for something the runner prints (a pace band): shared ones, whoever prints."""
    return _focus(authz.shared_notes(client), limit)
