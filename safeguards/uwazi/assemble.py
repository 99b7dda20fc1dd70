"""Rows of the four CSV files, grouped by case, into case-file data; then checked and turned into YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from safeguards.casefile import load
from safeguards.message import N_
from safeguards.model.case import EVENT_TYPES, SCHEMA_VERSION, Case, Episode, EventBase, Person, Place, Source
from safeguards.problems import Level, Problem
from safeguards.schema_errors import pydantic_message
from safeguards.uwazi.reader import _EVENT_MODELS, CellError, Row, Table, Where, decode
from safeguards.uwazi.template import CASE, EVENT, PERSON, SOURCE, Column, Template

HEADER = ("# Imported from Uwazi CSV files by `safeguards uwazi import`: what those files cannot carry is absent\n"
          "# (unknown); see docs/uwazi.md.\n")
_HINTS = {"people": N_("add the case's people to {file}"), "sources": N_("add the case's sources to {file}")}
_SUFFIXES = {"people": PERSON.suffix, "sources": SOURCE.suffix}
_TAGS = frozenset({*EVENT_TYPES, "source-id", "source-mapping"})


@dataclass
class Built:
    """The data of one case file, where each part of it came from, and whether a cell could not be read."""

    row: Row
    data: dict[str, Any]
    origin: dict[tuple[Any, ...], Where] = field(default_factory=dict)
    failed: bool = False
    episodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    places: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def _key(attr: str) -> str:
    return "sources" if attr == "cited" else attr


def _fill(built: Built, target: dict[str, Any], base: tuple[Any, ...], template: Template, row: Row,
          problems: list[Problem], skip: tuple[str, ...] = ()) -> None:
    """Set the fields of ``target`` from the cells of ``row`` that carry a field (not derived, not ``skip``)."""
    for column in template.columns:
        if column.field is None or column.field.split(".")[0] in skip:
            continue
        keys = tuple(_key(k) for k in column.field.split("."))
        for depth in range(1, len(keys) + 1):
            built.origin.setdefault((*base, *keys[:depth]), row.at(column.name))
        value = _decode(built, column, row, problems)
        if value is None:
            continue
        if column.event_types and target.get("type") not in column.event_types:
            problems.append(Problem(*row.at(column.name), Level.ERROR, "uwazi-field-not-of-type",
                                    N_("{column} is a field of {types} events, not of {type}", column=column.name,
                                       types=", ".join(column.event_types),
                                       type=target.get("type") or N_("this event")), N_("leave the cell empty")))
            built.failed = True
            continue
        node = target
        for k in keys[:-1]:
            node = node.setdefault(k, {})
        node[keys[-1]] = value


def _decode(built: Built, column: Column, row: Row, problems: list[Problem]) -> Any:
    try:
        return decode(column, row)
    except CellError as exc:
        problems.append(Problem(*exc.where, Level.ERROR, "uwazi-cell", exc.message, exc.hint))
        built.failed = True
        return None


def assemble(tables: dict[str, Table], problems: list[Problem]) -> list[Built]:
    """The cases of the case file, each with the rows of the other files that name its ``case_id``."""
    cases: dict[str, Built] = {}
    for row in tables[CASE.name].rows:
        cid = row.get("case_id").strip()
        if not cid:
            problems.append(Problem(*row.at("case_id"), Level.ERROR, "uwazi-missing", N_("case_id is empty"),
                                    N_("give every case its stable id")))
            continue
        if cid in cases:
            problems.append(Problem(*row.at("case_id"), Level.ERROR, "uwazi-duplicate-case",
                                    N_("case {id!r} is already in row {row}", id=cid, row=cases[cid].row.number),
                                    N_("give each case one row")))
            continue
        built = Built(row, {"schema_version": SCHEMA_VERSION, "id": cid})
        _fill(built, built.data, (), CASE, row, problems)
        cases[cid] = built
    for template, key in ((PERSON, "people"), (SOURCE, "sources"), (EVENT, "episodes")):
        for row in tables[template.name].rows:
            cid = row.get("case_id").strip()
            owner = cases.get(cid)
            if owner is None:
                problems.append(Problem(*row.at("case_id"), Level.ERROR, "uwazi-unknown-case",
                                        N_("no case {id!r} in the case file", id=cid) if cid else
                                        N_("case_id is empty"), N_("give the id of a case of the case file")))
                continue
            if template is EVENT:
                _event(owner, row, problems)
            else:
                items = owner.data.setdefault(key, [])
                record: dict[str, Any] = {}
                owner.origin.setdefault((key, len(items)), row.at("case_id"))
                _fill(owner, record, (key, len(items)), template, row, problems)
                items.append(record)
    return list(cases.values())


def _same(built: Built, record: dict[str, Any], values: dict[str, Any], row: Row, columns: dict[str, str],
          problems: list[Problem]) -> None:
    """Set fields of an episode or place once; a later row giving another value is an error."""
    for key, value in values.items():
        if value is None:
            continue
        if key in record and record[key] != value:
            problems.append(Problem(*row.at(columns[key]), Level.ERROR, "uwazi-conflict",
                                    N_("{column} is {value!r} in an earlier row of the same episode",
                                       column=columns[key], value=record[key])
                                    if "authority" in columns.values() else
                                    N_("{column} is {value!r} in an earlier row of the same place",
                                       column=columns[key], value=record[key]),
                                    N_("give the same value in every row")))
            built.failed = True
        record[key] = value


def _event(built: Built, row: Row, problems: list[Problem]) -> None:
    episodes = built.data.setdefault("episodes", [])
    column = {c.name: c for c in EVENT.columns}
    eid = _decode(built, column["episode_id"], row, problems)
    if eid is None:
        problems.append(Problem(*row.at("episode_id"), Level.ERROR, "uwazi-missing", "episode_id is empty",
                                "give the id of the episode of custody the event belongs to"))
        built.failed = True
        return
    if eid not in built.episodes:
        built.episodes[eid] = {"id": eid}
        built.origin[("episodes", len(episodes))] = row.at("episode_id")
        episodes.append(built.episodes[eid])
    episode = built.episodes[eid]
    index = episodes.index(episode)
    _same(built, episode, {"authority": _decode(built, column["authority"], row, problems),
                           "state": _decode(built, column["episode_state"], row, problems)},
          row, {"authority": "authority", "state": "episode_state"}, problems)
    events = episode.setdefault("events", [])
    event_type = row.get("event_type").strip()
    event: dict[str, Any] = {}
    if event_type:
        if event_type not in _EVENT_MODELS:
            problems.append(Problem(*row.at("event_type"), Level.ERROR, "uwazi-cell",
                                    f"{event_type!r} is not an event type", "see docs/case-files.md#events"))
            built.failed = True
            return
        event["type"] = event_type
    base = ("episodes", index, "events", len(events))
    built.origin[base] = row.at("event_type")
    _fill(built, event, base, EVENT, row, problems, skip=("episode", "place", "type"))
    place_id = _decode(built, column["place_id"], row, problems)
    if place_id is not None:
        event["place"] = place_id
        places = episode.setdefault("places", [])
        if (eid, place_id) not in built.places:
            built.places[(eid, place_id)] = {"id": place_id}
            built.origin[("episodes", index, "places", len(places))] = row.at("place_id")
            for name in ("place_name", "place_type", "place_official", "place_locality", "place_region"):
                built.origin[("episodes", index, "places", len(places), name[6:])] = row.at(name)
            places.append(built.places[(eid, place_id)])
        fields = {n[6:]: _decode(built, column[n], row, problems)
                  for n in ("place_name", "place_type", "place_official", "place_locality", "place_region")}
        _same(built, built.places[(eid, place_id)], fields, row, {k: f"place_{k}" for k in fields}, problems)
    events.append(_order(event))


def _by_model(record: dict[str, Any], model: type[BaseModel], first: tuple[str, ...] = ()) -> dict[str, Any]:
    """``record`` with its keys in the order the model declares its fields (``first`` before them)."""
    order = [*first, *((info.alias or name) for name, info in model.model_fields.items())]
    rank = {k: i for i, k in enumerate(order)}
    return {k: record[k] for k in sorted(record, key=lambda k: rank.get(k, len(rank)))}


def _order(event: dict[str, Any]) -> dict[str, Any]:
    """An event's keys as a person writes them: type first, then the fields in the model's order."""
    return _by_model(event, _EVENT_MODELS.get(str(event.get("type")), EventBase), ("type", "id", "status"))


def _order_case(data: dict[str, Any]) -> dict[str, Any]:
    out = _by_model(data, Case)
    out["people"] = [_by_model(p, Person) for p in data.get("people", [])]
    out["sources"] = [_by_model(s, Source) for s in data.get("sources", [])]
    if "episodes" in data:
        out["episodes"] = [{**_by_model(e, Episode), "places": [_by_model(pl, Place) for pl in e["places"]]}
                           if "places" in e else _by_model(e, Episode) for e in data["episodes"]]
    return _by_model(out, Case)


class _Dumper(yaml.SafeDumper):
    """Quotes every string that a YAML 1.2 reader could take for another type (``0o17``, ``.inf``)."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    risky = re.fullmatch(r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[0-9][0-9_.eE+-]*)", value)
    style = '"' if risky else None
    if "\n" in value and not risky:
        style = "|" if not value.endswith((" ", "\n\n")) and "\r" not in value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(data: dict[str, Any]) -> bytes:
    text = yaml.dump(_order_case(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110,
                     default_flow_style=False)
    return (HEADER + text).encode("utf-8")


def _where(built: Built, loc: tuple[Any, ...]) -> Where:
    path = tuple(p for p in loc if p not in _TAGS)
    for end in range(len(path), 0, -1):
        if path[:end] in built.origin:
            return built.origin[path[:end]]
    return built.row.at("case_id")


def check(built: Built, yaml_path: str) -> tuple[bytes | None, list[Problem]]:
    """The case file's bytes when the case is valid; its problems, located in the CSV (errors) or the file."""
    problems: list[Problem] = []
    try:
        Case.model_validate(built.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            dotted = ".".join(str(p) for p in loc if p not in _TAGS)
            top = str(loc[0]) if loc else ""
            message = N_("{field}: {reason}", field=dotted, reason=pydantic_message(err))
            hint = N_("see docs/uwazi.md and docs/case-files.md")
            if top in _HINTS and len(loc) == 1:
                base = Path(built.row.path).name.removesuffix(".csv")
                message = N_("no {field} (a case file needs at least one)", field=top)
                hint = _HINTS[top].fill(file=f"{base}{_SUFFIXES[top]}.csv")
            problems.append(Problem(*_where(built, loc), Level.ERROR, "uwazi-invalid",
                                    N_("case {id}: {message}", id=built.data["id"], message=message), hint))
        return None, problems
    raw = to_yaml(built.data)
    loaded = load(yaml_path, raw)
    for p in loaded.problems:
        if p.level is Level.ERROR:
            problems.append(Problem(*built.row.at("case_id"), Level.ERROR, p.code,
                                    N_("case {id}: {message}", id=built.data["id"], message=p.message), p.hint))
        else:
            problems.append(p)
    if built.failed or not loaded.ok or any(p.level is Level.ERROR for p in problems):
        return None, problems
    return raw, problems
