"""Compatibility shim: derivation now lives in :mod:`safeguards.facts` (one module per topic)."""

from __future__ import annotations

from safeguards.facts import DAY, HOUR, Fact, Instance, YamlPath, derive

__all__ = ["DAY", "HOUR", "Fact", "Instance", "YamlPath", "derive"]
