"""The Python API: what the CLI uses, and what a notebook user calls.

>>> from safeguards import load_case, load_rules, evaluate
>>> result = evaluate(load_case("cases/kz-2007-gerasimov.yaml"), load_rules())
>>> [a.article for a in result.articles if a.outcome == "violation_indicated"][:2]
['1', '2']
"""

from __future__ import annotations

from pathlib import Path

from safeguards.casefile import Loaded, load
from safeguards.engine.articles import conclude
from safeguards.engine.evaluate import evaluate_case
from safeguards.engine.score import score
from safeguards.problems import InputError, Level, Problem
from safeguards.results import CaseResult, Text
from safeguards.rules.compile import RuleSet
from safeguards.rules.compile import load_rules as _load_rules
from safeguards.rules.profiles import CONVENTION


def load_case(path: str | Path) -> Loaded:
    """Read and check a case file; raise :class:`InputError` (located) if it has errors."""
    loaded = load(str(path))
    if not loaded.ok:
        first = loaded.errors[0] if loaded.errors else Problem(str(path), 0, 0, Level.ERROR, "invalid", "invalid", "")
        raise InputError(first)
    return loaded


def load_rules(directory: str | Path | None = None) -> RuleSet:
    """Load and compile the rule set (the bundled one by default)."""
    return _load_rules(directory)


def evaluate(loaded: Loaded, rules: RuleSet, profile: str = CONVENTION) -> CaseResult:
    """Evaluate a loaded case under ``profile`` and roll the Convention findings up to the articles."""
    assert loaded.case is not None
    case = loaded.case
    found = evaluate_case(case, rules, profile, loaded.document)
    findings = [f for f in found if f.law == "convention"]
    national = [f for f in found if f.law == "national"]
    note = None
    chosen = rules.profiles.get(profile)
    if chosen is not None and chosen.kind == "national" and not chosen.applies_to(case.jurisdiction):
        note = Text.assemble(key="engine.profile_not_applicable", params={
            "profile": chosen.id, "states": list(chosen.states), "jurisdiction": case.jurisdiction})
    return CaseResult(case_id=case.id, title=case.title, profile=profile, findings=findings, national=national,
                      national_note=note, articles=conclude(findings), score=score(findings))
