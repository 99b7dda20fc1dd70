"""Compatibility shim: the fact vocabulary now lives in :mod:`safeguards.facts`."""

from __future__ import annotations

from safeguards.facts import BY_NAME, DECLS, SCOPES, FactDecl, FactType, Scope, decl_of_variable, variables_for

__all__ = ["BY_NAME", "DECLS", "SCOPES", "FactDecl", "FactType", "Scope", "decl_of_variable", "variables_for"]
