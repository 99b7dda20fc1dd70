"""Refuse rules whose met and breach conditions can both be true.

The engine decides an outcome in one place (breach when ``breach`` is true; met only when ``met``
is true and ``breach`` false), so a rule whose two conditions overlap would hide a breach behind
"met" in a fixture author's mind and silently never be met in the engine. This module generates
activations over the facts a rule reads (each fact absent or taking values around the constants
the rule compares it with) and looks for one where both conditions hold.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from safeguards.engine.facts import decl_of_variable

if TYPE_CHECKING:
    from safeguards.rules.compile import CompiledRule

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)")
_STRING = re.compile(r"'((?:\\.|[^'\\])*)'|\"((?:\\.|[^\"\\])*)\"")
ABSENT = object()


def _constants(rule: CompiledRule) -> tuple[list[float], list[str]]:
    numbers: set[float] = {0.0, 1.0}
    strings: set[str] = {"other"}
    for key in ("applies", "breach", "met"):
        expr = getattr(rule.rule, key) or ""
        strings.update(a or b for a, b in _STRING.findall(expr))
        numbers.update(float(x) for x in _NUMBER.findall(_STRING.sub("''", expr)))
    for p in rule.rule.params.values():
        if isinstance(p.value, (int, float)) and not isinstance(p.value, bool):
            numbers.add(float(p.value))
    points: set[float] = set()
    for n in numbers:
        points.update({n, n + 0.5, max(0.0, n - 0.5)})
    points.add(10_000.0)
    return sorted(points), sorted(strings)


def _choices(rule: CompiledRule) -> dict[str, list[Any]]:
    """For each fact the rule reads: the values to try (ABSENT first)."""
    numbers, strings = _constants(rule)
    facts: dict[str, list[Any]] = {}
    for var in sorted({v for vs in rule.reads.values() for v in vs}):
        decl = decl_of_variable(var)
        if decl is None or decl.name in facts:
            continue
        if decl.type == "bool":
            values: list[Any] = [True, False]
        elif decl.type in ("hours", "days"):
            values = [(lo, hi) for lo in numbers for hi in numbers if lo <= hi]
        elif decl.type == "double":
            values = numbers
        elif decl.type == "int":
            values = [int(n) for n in numbers if n == int(n)]
        elif decl.type == "string":
            values = strings
        else:
            values = [[], *([s] for s in strings), strings]
        facts[decl.name] = [ABSENT, *values]
    return facts


def activations(rule: CompiledRule, samples: int) -> Iterator[dict[str, Any]]:
    """CEL activations for ``rule``: every combination when there are few, else a seeded sample."""
    choices = _choices(rule)
    names = list(choices)
    total = 1
    for vals in choices.values():
        total *= len(vals)
    if total <= samples:
        combos: Iterator[tuple[Any, ...]] = itertools.product(*(choices[n] for n in names))
    else:
        rnd = random.Random(rule.rule.id)  # deterministic: the same rule always gets the same sample
        combos = (tuple(rnd.choice(choices[n]) for n in names) for _ in range(samples))
    for combo in combos:
        act: dict[str, Any] = {}
        for name, value in zip(names, combo, strict=True):
            if value is ABSENT:
                continue
            decl = decl_of_variable(name)
            assert decl is not None
            if decl.type in ("hours", "days"):
                act[f"{name}_min"], act[f"{name}_max"] = float(value[0]), float(value[1])
            elif decl.type == "double":
                act[name] = float(value)
            else:
                act[name] = value
        act.update({k: p.value for k, p in rule.rule.params.items()})
        yield act


def tri(program: Any, act: dict[str, Any]) -> bool | None:
    """A condition's three-valued result on an activation (None: undecided or failing)."""
    if program is None:
        return True
    try:
        value = program.eval(data=act)
    except Exception:  # an unknown variable CEL could not absorb: undecided
        return None
    if value.type().name() == "ERROR":
        return None
    return bool(value.value())


def _holds(program: Any, act: dict[str, Any]) -> bool:
    return tri(program, act) is True


def contradictions(rule: CompiledRule, samples: int = 4000) -> str | None:
    """A description of an activation where met and breach both hold, or None."""
    breach, met = rule.programs.get("breach"), rule.programs.get("met")
    if breach is None or met is None:
        return None
    for act in activations(rule, samples):
        if _holds(met, act) and _holds(breach, act):
            shown = {k: v for k, v in act.items() if k not in rule.rule.params}
            return ", ".join(f"{k} = {v}" for k, v in sorted(shown.items())) or "no fact is recorded"
    return None
