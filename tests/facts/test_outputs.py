"""Outputs read the engine's facts: the annex's treatment class does not depend on episode order."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from safeguards.annex.build import _treatment


def _result(*outcomes: str) -> Any:
    return cast(Any, SimpleNamespace(findings=[SimpleNamespace(rule_id="ill-treatment-by-officials", outcome=o)
                                               for o in outcomes]))


def test_a_breach_in_any_episode_wins() -> None:
    # Old code: the last episode's outcome won, so breach-then-met was "not established".
    assert _treatment(_result("breach", "met")) == "other ill-treatment"
    assert _treatment(_result("met", "breach")) == "other ill-treatment"
    assert _treatment(_result("met")) == "not established"
