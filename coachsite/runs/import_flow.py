"""The two steps of an import: an upload becomes a preview, and the preview is confirmed.

Nothing is stored between the steps. The preview's confirm form carries the parsed runs in a
hidden field signed with the app's secret key (salt "run-import"), so what comes back is
exactly what was previewed; a changed payload is answered with 400.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import abort, current_app
from itsdangerous import BadData, URLSafeSerializer

from coachsite import filters
from coachsite.forms.dates import EARLIEST, LATEST
from coachsite.importers import ImportProblem, ParsedRun, fingerprint, is_running, parse_file
from coachsite.models import Client
from coachsite.runs import forms, services
from coachsite.runs.services import ImportResult

SALT = "run-import"
# Flask refuses a form field over 500 kB (MAX_FORM_MEMORY_SIZE): keep the signed runs well under it.
MAX_PAYLOAD_CHARS = 400_000


@dataclass(frozen=True)
class PreviewItem:
    position: int  # index in the parsed list, which names its duration field
    run: ParsedRun
    state: str  # "new", "already" (in the log) or "repeat" (earlier in this same file)

    @property
    def is_new(self) -> bool:
        return self.state == "new"

    @property
    def is_run(self) -> bool:
        return is_running(self.run.sport)

    @property
    def sport_label(self) -> str:
        return "Run" if self.is_run else f"Cross-training ({self.run.sport})"

    @property
    def needs_duration(self) -> bool:
        return self.is_new and self.run.duration_s is None

    @property
    def field_name(self) -> str:
        return f"duration_{self.position}"


@dataclass(frozen=True)
class Preview:
    items: list[PreviewItem]
    payload: str

    @property
    def runs(self) -> list[ParsedRun]:
        return [item.run for item in self.items]

    @property
    def new_runs(self) -> int:
        return sum(1 for item in self.items if item.is_new and item.is_run)

    @property
    def new_cross(self) -> list[PreviewItem]:
        return [item for item in self.items if item.is_new and not item.is_run]

    @property
    def skipped(self) -> int:
        return sum(1 for item in self.items if not item.is_new)

    @property
    def anything_new(self) -> bool:
        return any(item.is_new for item in self.items)

    @property
    def needs_durations(self) -> bool:
        return any(item.needs_duration for item in self.items)


def preview_upload(client: Client, filename: str, data: bytes, csv_units: str, today: date) -> Preview:
    """Parse an upload and list what confirming would import; raises ImportProblem."""
    runs = parse_file(filename, data, csv_units=csv_units)
    for run in runs:
        _check(run, today)
    payload = _serializer().dumps({"client": client.id, "runs": [_dump(run) for run in runs]})
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise ImportProblem(f"The file holds {len(runs)} activities, too many to import at once; "
                            "split it into smaller files")
    return _preview(client, runs, payload)


def preview_from_payload(client: Client, payload: str) -> Preview:
    """The preview again, from the signed payload of its confirm form (400 if it was changed)."""
    try:
        content = _serializer().loads(payload)
        if content["client"] != client.id:
            raise ValueError("previewed for another client")
        runs = [_load(values) for values in content["runs"]]
    except (BadData, KeyError, TypeError, ValueError):
        abort(400)
    return _preview(client, runs, payload)


def confirm_form(preview: Preview, **kwargs: Any) -> forms.ConfirmImportForm:
    """The confirm form, with a duration field for each new run whose file had no times."""
    fields = {item.field_name: forms.duration_field(
        f"How long did the {'run' if item.is_run else item.run.sport} on {filters.day(item.run.on)} take?")
        for item in preview.items if item.needs_duration}
    form_class = type("ConfirmImportForm", (forms.ConfirmImportForm,), fields) if fields \
        else forms.ConfirmImportForm
    form = form_class(payload=preview.payload, **kwargs)
    counts = [_count(preview.new_runs, "run")] if preview.new_runs or not preview.new_cross else []
    if preview.new_cross:
        counts.append(_count(len(preview.new_cross), "cross-training session"))
    form.submit.label.text = f"Import {' and '.join(counts)}"
    return form


def typed_durations(preview: Preview, form: forms.ConfirmImportForm) -> dict[int, int]:
    return {item.position: form[item.field_name].data for item in preview.items if item.needs_duration}


def summary(result: ImportResult) -> str:
    counts = [_count(result.runs, "run")]
    if result.cross:
        counts.append(_count(result.cross, "cross-training session"))
    return f"Imported {' and '.join(counts)} ({result.already} already there)."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _preview(client: Client, runs: list[ParsedRun], payload: str) -> Preview:
    keys = [fingerprint(run) for run in runs]
    seen = services.existing_fingerprints(client, keys)
    in_file: set[str] = set()
    items = []
    for position, (run, key) in enumerate(zip(runs, keys, strict=True)):
        items.append(PreviewItem(position, run, "already" if key in seen else "repeat" if key in in_file else "new"))
        in_file.add(key)
    return Preview(items, payload)


def _check(run: ParsedRun, today: date) -> None:
    """What a run typed by hand must satisfy, a file's run too (the importers check the rest)."""
    where = f"Row {run.row}: the run" if run.row else "The run"
    if not EARLIEST <= run.on <= LATEST:
        raise ImportProblem(f"{where} is dated {run.on.isoformat()}; only dates from 2000 to 2100 can be "
                            "imported", row=run.row)
    if run.on > today + timedelta(days=1):
        raise ImportProblem(f"{where} is dated {run.on.isoformat()}, which is still to come; check the date",
                            row=run.row)
    if len(run.comment) > forms.MAX_COMMENT:
        raise ImportProblem(f"{where} has a comment over {forms.MAX_COMMENT} characters; shorten it",
                            row=run.row)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _dump(run: ParsedRun) -> list[Any]:
    return [run.on.isoformat(), run.distance_m, run.duration_s, run.sport, run.source, run.effort, run.comment,
            run.row]


def _load(values: list[Any]) -> ParsedRun:
    on, distance_m, duration_s, sport, source, effort, comment, row = values
    return ParsedRun(on=date.fromisoformat(on), distance_m=float(distance_m), duration_s=duration_s, sport=sport,
                     source=source, effort=effort, comment=comment, row=row)
