"""Small case files for fact tests, built on rules/fixtures/base.yaml."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from safeguards.facts import Fact, Instance, derive
from safeguards.model.case import Case

BASE: dict[str, Any] = yaml.safe_load((Path(__file__).parents[2] / "rules" / "fixtures" / "base.yaml").read_text())
APPR: dict[str, Any] = {"type": "apprehension", "status": "happened", "at": "2020-03-01T10:00", "sources": ["s1"]}
RELEASE: dict[str, Any] = {"type": "release", "status": "happened", "at": "2020-03-05T10:00", "sources": ["s1"]}


def ev(type_: str, at: str | None = "2020-03-01T12:00", status: str = "happened", **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": type_, "status": status, "sources": ["s1"], **fields}
    if at is not None:
        out["at"] = at
    return out


def case(*events: dict[str, Any], places: list[dict[str, Any]] | None = None, release: bool = True,
         **top: Any) -> list[Instance]:
    """Derive a case with one episode holding the apprehension, ``events`` and (by default) a release."""
    data = copy.deepcopy(BASE)
    evs = [APPR, *events, *([RELEASE] if release else [])]
    data["episodes"] = [{"id": "ep-1", "events": evs, "places": places or []}]
    for k, v in top.items():
        if k == "person":
            data["people"][0].update(v)
        else:
            data[k] = v
    return derive(Case.model_validate(data))


def facts(instances: list[Instance], scope: str = "episode", index: int = 0) -> dict[str, Fact]:
    return dict([i for i in instances if i.scope == scope][index].facts)


def value(instances: list[Instance], name: str, scope: str = "episode", index: int = 0) -> object:
    """The value of a fact, or ``ABSENT``."""
    got = facts(instances, scope, index).get(name)
    return ABSENT if got is None else got.value


ABSENT = "<absent>"
