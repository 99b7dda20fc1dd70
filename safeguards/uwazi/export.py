"""Case files to the CSV files of the Uwazi template: one file per template, one row per record."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from safeguards.model.case import Case, Citation, Episode, Place
from safeguards.privacy import Audience
from safeguards.uwazi.cells import date_cells, flag, guard, join
from safeguards.uwazi.consent import View, shown, view_for
from safeguards.uwazi.template import CASE, EVENT, PERSON, SOURCE, TEMPLATES, Column, Template

BOM = "\ufeff"


@dataclass
class Tables:
    """The rows of each template's file (header excluded), and the cases left out."""

    rows: dict[str, list[list[str]]] = field(default_factory=lambda: {t.name: [] for t in TEMPLATES})
    withheld: int = 0


def _owner(record: Any, path: str, context: dict[str, Any]) -> tuple[Any, str]:
    """The object holding the attribute ``path`` names (``consent.decision``: the consent) and its name."""
    *parents, attr = path.split(".")
    owner = record
    for i, part in enumerate(parents):
        owner = context.get(part) if i == 0 and part in context else getattr(owner, part, None)
    return owner, attr


def _is_default(owner: BaseModel, attr: str, value: Any) -> bool:
    info = type(owner).model_fields[attr]
    return not info.is_required() and value == info.get_default(call_default_factory=True)


def _cells(column: Column, value: Any, view: View) -> list[str]:
    """The cells of ``column`` for ``value`` as ``view``'s audience may see it."""
    kind = column.kind
    if kind == "date":
        return list(date_cells(value))
    if value is None or value == []:
        return [""]
    if kind in ("text", "markdown", "link"):
        return [view.text(value) or ""]
    if kind == "id":
        return [view.ident(value)]
    if kind == "ids":
        return [join([view.ident(v) for v in value])]
    if kind == "list":
        return [join([view.text(v) or "" for v in value])]
    if kind == "citations":
        return [join([f"{view.ident(c.source)}:{c.role}" if isinstance(c, Citation) else view.ident(c)
                      for c in value])]
    if kind == "flag":
        return [flag(value)]
    if kind == "multiselect":
        return [join([str(v) for v in value])]
    return [str(value)]  # select, numeric


def _row(template: Template, record: Any, view: View, derived: dict[str, Any],
         context: dict[str, Any] | None = None) -> list[str]:
    row: list[str] = []
    for column in template.columns:
        if column.field is None:
            row.extend(_cells(column, derived.get(column.name), view))
            continue
        owner, attr = _owner(record, column.field, context or {})
        if column.event_types and getattr(record, "type", None) not in column.event_types:
            owner = None
        value = getattr(owner, attr, None) if owner is not None else None
        if owner is not None and value is not None and _is_default(owner, attr, value):
            value = None
        if column.name == "name" and template is PERSON:
            value = view.name(record)
        elif column.name == "aliases":
            value = view.aliases(record)
        elif column.name == "name_known" and template is PERSON and view.name(record) is None:
            # The name stays out of this export: for whoever imports it, the name is not known.
            value = False if value is False or record.name or record.aliases else value
        row.extend(_cells(column, value, view))
    return row


def apprehended(case: Case) -> str | None:
    """The time of the first recorded apprehension that happened."""
    for episode in case.episodes:
        for event in episode.events:
            if event.type == "apprehension" and event.status == "happened" and event.at:
                return event.at
    return None


def _place(episode: Episode, pid: str | None) -> Place | None:
    return next((p for p in episode.places if p.id == pid), None) if pid else None


def add_case(tables: Tables, case: Case, audience: Audience) -> None:
    """Append the rows of ``case`` as ``audience`` may see it (none when it is withheld from them)."""
    if not shown(case, audience):
        tables.withheld += 1
        return
    view = view_for(case, audience)
    title = view.text(case.title) or ""
    code = view.ident(case.id)
    common = {"case": title, "case_id": case.id}
    tables.rows[CASE.name].append(_row(CASE, case, view, {"date_of_apprehension": apprehended(case)}))
    for person in case.people:
        tables.rows[PERSON.name].append(_row(PERSON, person, view, {**common, "title": view.label(person)}))
    for source in case.sources:
        tables.rows[SOURCE.name].append(_row(SOURCE, source, view, common))
    for episode in case.episodes:
        for event in episode.events:
            label = f"{event.type.replace('_', ' ')}{' ' + event.at if event.at else ''}, {code}"
            context = {"episode": episode, "place": _place(episode, event.place)}
            tables.rows[EVENT.name].append(_row(EVENT, event, view, {**common, "title": label}, context))


def csv_bytes(template: Template, rows: list[list[str]], bom: bool = False) -> bytes:
    """A CSV file: header of property names, every cell guarded against formulas, CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(template.headers())
    for row in rows:
        writer.writerow([guard(cell) for cell in row])
    return ((BOM if bom else "") + out.getvalue()).encode("utf-8")
