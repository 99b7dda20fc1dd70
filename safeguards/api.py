"""The Python API: what the CLI uses, and what a notebook user calls.

>>> from safeguards import load_case, load_rules, evaluate
>>> result = evaluate(load_case("cases/kz-2007-gerasimov.yaml"), load_rules("rules"))
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
from safeguards.results import CaseResult
from safeguards.rules.compile import RuleSet
from safeguards.rules.compile import load_rules as _load_rules


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


def evaluate(loaded: Loaded, rules: RuleSet, profile: str = "international") -> CaseResult:
    """Evaluate a loaded case under ``profile`` and roll the findings up."""
    assert loaded.case is not None
    findings = evaluate_case(loaded.case, rules, profile, loaded.document)
    return CaseResult(case_id=loaded.case.id, title=loaded.case.title, profile=profile, findings=findings,
                      articles=conclude(findings), score=score(findings))
