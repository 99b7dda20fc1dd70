"""Shared fixtures: paths, the loaded rule set, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from safeguards.rules.compile import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
RULES = ROOT / "rules"

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules(RULES)


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs are English unless a test asks for a language: the machine's locale never decides."""
    for name in ("SAFEGUARDS_LANG", "LANGUAGE", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
