"""Contested facts: the case under each combination of versions, in an order the file cannot change.

Versions are put in a canonical order (by value, then sources), so listing them differently gives
byte-identical reports. Every combination is evaluated up to :data:`MAX_VARIANTS`; beyond that the
engine evaluates the plain case, each version of each item alone, and a seeded sample, and every
finding the evaluated combinations do not show to be contested is left undecided, saying so.

A version whose only sources are the State's (an official statement) and which denies an act of
ill-treatment is set aside where the presumption for injuries in custody stands and the State's
explanation does not rebut it: it is shown as an unrebutted denial, not as a competing account.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from safeguards.engine.derive import Instance
from safeguards.model.case import Case, Contested, Version
from safeguards.problems import InputError, Level, Problem
from safeguards.yamlsource import Document

MAX_VARIANTS = 256
STATE_CONNECTIONS = frozenset({"official", "perpetrator"})


@dataclass(frozen=True)
class Variant:
    """The case with one version chosen for each contested item."""

    case: Case
    choice: tuple[tuple[str, int], ...]  # (contested id, index in the canonical order)
    versions: Mapping[str, Sequence[Version]]


@dataclass(frozen=True)
class Plan:
    """The variants to evaluate, and how many combinations there are in all."""

    variants: list[Variant]
    total: int


def canonical(item: Contested) -> list[Version]:
    """The versions of ``item`` in an order that does not depend on the file."""
    return sorted(item.versions, key=lambda v: (json.dumps(v.value, sort_keys=True), sorted(v.sources),
                                                v.note or ""))


def _combos(sizes: Sequence[int], total: int) -> list[tuple[int, ...]]:
    if total <= MAX_VARIANTS:
        return list(itertools.product(*(range(n) for n in sizes)))
    base = tuple(0 for _ in sizes)
    out = [base]
    for i, n in enumerate(sizes):  # each version of each item alone
        for k in range(1, n):
            out.append(base[:i] + (k,) + base[i + 1:])
    rnd = random.Random(total)  # seeded: the same file always gets the same sample
    seen = set(out)
    while len(out) < MAX_VARIANTS:
        combo = tuple(rnd.randrange(n) for n in sizes)
        if combo not in seen:
            seen.add(combo)
            out.append(combo)
    return out


def variants(case: Case, doc: Document | None) -> Plan:
    """The case under the combinations of contested versions (the case itself when nothing is contested)."""
    if not case.contested:
        return Plan([Variant(case, (), {})], 1)
    items = sorted(case.contested, key=lambda c: c.id)
    versions = {c.id: canonical(c) for c in items}
    sizes = [len(versions[c.id]) for c in items]
    total = 1
    for n in sizes:
        total *= n
    base = case.model_dump(mode="python")
    out = []
    for combo in _combos(sizes, total):
        data = _copy(base)
        for item, k in zip(items, combo, strict=True):
            _set_field(data, item.target.record, item.target.field, versions[item.id][k].value)
        try:
            variant = Case.model_validate(data)
        except ValidationError as exc:
            raise _misfit(case, doc, items, combo, versions, exc) from None
        out.append(Variant(variant, tuple((c.id, k) for c, k in zip(items, combo, strict=True)), versions))
    return Plan(out, total)


def _misfit(case: Case, doc: Document | None, items: Sequence[Contested], combo: tuple[int, ...],
            versions: Mapping[str, Sequence[Version]], exc: ValidationError) -> InputError:
    bad = items[0]
    for item, k in zip(items, combo, strict=True):
        if versions[item.id][k] is not item.versions[0]:
            bad = item
            break
    i = case.contested.index(bad)
    line, col = doc.locate(("contested", i)) if doc else (0, 0)
    return InputError(Problem(doc.path if doc else case.id, line, col, Level.ERROR, "contested-value",
                              f"a version of contested fact {bad.id} does not fit its field: "
                              f"{exc.errors()[0]['msg']}", "give a value of the field's type"))


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _set_field(data: Any, record: str, field: str, value: Any) -> bool:
    if isinstance(data, dict):
        if data.get("id") == record and field in data:
            data[field] = value
            return True
        return any(_set_field(v, record, field, value) for v in data.values())
    if isinstance(data, list):
        return any(_set_field(v, record, field, value) for v in data)
    return False


def _ill_treatment_ids(case: Case) -> set[str]:
    return {e.id for ep in case.episodes for e in ep.events if e.type == "ill_treatment" and e.id}


def set_aside_denials(case: Case, case_instance: Instance | None, plan: Plan) -> frozenset[tuple[str, int]]:
    """Versions to set aside as unrebutted State denials (see the module docstring)."""
    if case_instance is None or not case.contested:
        return frozenset()
    facts = case_instance.facts
    injured = facts.get("injured_in_custody")
    rebuts = facts.get("explanation_rebuts")
    if injured is None or injured.value is not True or rebuts is None or rebuts.value is not False:
        return frozenset()
    state = {s.id for s in case.sources if s.connection in STATE_CONNECTIONS or s.kind == "official_statement"}
    acts = _ill_treatment_ids(case)
    versions = plan.variants[0].versions
    out: set[tuple[str, int]] = set()
    for item in case.contested:
        if item.target.record not in acts:
            continue
        for k, v in enumerate(versions[item.id]):
            ids = set(v.sources)
            if ids and ids <= state:
                out.add((item.id, k))
    if any(len(versions[cid]) <= sum(1 for c, _ in out if c == cid) for cid in versions):
        return frozenset()  # every version is the State's: nothing to weigh the denial against
    return frozenset(out)
