"""The facts rules are written in: declared and derived together, one module per topic.

Importing this package registers every fact; ``DECLS`` lists them in declaration order.
"""

from __future__ import annotations

from safeguards.facts import (  # noqa: F401  (imported to register their facts, in this order)
    accountability,
    burden,
    complaints,
    conditions,
    court,
    custody,
    deaths,
    family,
    ill_treatment,
    interrogation,
    investigations,
    lawyer,
    medical,
    monitoring,
    proceedings,
    records,
    redress,
    removals,
    reprisals,
    rights,
)
from safeguards.facts.build import derive
from safeguards.facts.intervals import DAY, HOUR
from safeguards.facts.registry import SCOPES, Fact, FactDecl, FactType, Instance, Scope, YamlPath, declared

DECLS: tuple[FactDecl, ...] = declared()
BY_NAME: dict[str, FactDecl] = {d.name: d for d in DECLS}


def variables_for(scope: Scope) -> dict[str, str]:
    """CEL variable name to CEL type name, for every fact available in ``scope``."""
    out: dict[str, str] = {}
    for decl in DECLS:
        if scope in decl.scopes:
            out.update(decl.variables())
    return out


def decl_of_variable(var: str) -> FactDecl | None:
    """The fact a CEL variable belongs to (``hours_to_court_min`` belongs to ``hours_to_court``)."""
    if var in BY_NAME:
        return BY_NAME[var]
    for suffix in ("_min", "_max"):
        if var.endswith(suffix) and var[: -len(suffix)] in BY_NAME:
            return BY_NAME[var[: -len(suffix)]]
    return None


__all__ = ["BY_NAME", "DAY", "DECLS", "HOUR", "SCOPES", "Fact", "FactDecl", "FactType", "Instance", "Scope",
           "YamlPath", "decl_of_variable", "derive", "variables_for"]
