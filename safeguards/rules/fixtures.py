"""Rule fixtures: small case files, one per outcome, that each rule must decide as expected.

A fixture is ``{expect: OUTCOME | {profile: OUTCOME}, instance: ID?, case: {...}}``; the ``case``
keys replace the top-level keys of ``rules/fixtures/base.yaml``. ``safeguards rules test`` and
pytest run the same fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from safeguards.casefile import check_document
from safeguards.engine.evaluate import Evaluator, evaluate_case
from safeguards.problems import InputError, Level, Problem
from safeguards.rules.compile import SAMPLES_IN_RULES_TEST, CompiledRule, RuleSet, from_files
from safeguards.rules.consistency import contradictions
from safeguards.rules.profiles import CONVENTION
from safeguards.yamlsource import Document, load_file

OUTCOME_NAMES = ("breach", "met", "insufficient_information", "not_applicable", "contested")


@dataclass(frozen=True)
class FixtureResult:
    """One fixture run under one profile."""

    rule_id: str
    fixture: str
    profile: str
    expected: str
    actual: str
    detail: str

    @property
    def passed(self) -> bool:
        return self.expected == self.actual


def fixture_files(rules: RuleSet, rule: CompiledRule) -> list[Path]:
    """The fixture files of ``rule`` (``<rule dir>/fixtures/<rule id>/*.yaml``)."""
    folder = Path(rule.path).parent / "fixtures" / rule.rule.id
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _base(rules: RuleSet) -> dict[str, Any]:
    path = Path(rules.directory) / "fixtures" / "base.yaml"
    doc = load_file(str(path), path.read_bytes())
    if not isinstance(doc.data, dict):
        raise InputError(Problem(str(path), 1, 1, Level.ERROR, "fixture-base", "base fixture must be a mapping", ""))
    return doc.data


def run_fixture(rules: RuleSet, rule: CompiledRule, path: Path, base: dict[str, Any]) -> list[FixtureResult]:
    """Evaluate one fixture under each profile it names."""
    doc = load_file(str(path), path.read_bytes())
    data = doc.data if isinstance(doc.data, dict) else {}
    expect = data.get("expect")
    fragment = data.get("case") or {}
    expected: dict[str, str]
    if isinstance(expect, str):
        expected = {p: expect for p in fixture_profiles(rules, rule)}
    elif isinstance(expect, dict):
        expected = {str(k): str(v) for k, v in expect.items()}
    else:
        raise InputError(Problem(str(path), 1, 1, Level.ERROR, "fixture-expect", "fixture has no 'expect'",
                                 f"add expect: one of {', '.join(OUTCOME_NAMES)}"))
    merged = {**base, **fragment}
    loaded = check_document(Document(str(path), merged, None))
    if loaded.case is None or loaded.errors:
        first = loaded.errors[0] if loaded.errors else Problem(str(path), 1, 1, Level.ERROR, "fixture", "invalid", "")
        line, col = doc.locate(("case",))
        raise InputError(Problem(str(path), line, col, Level.ERROR, "fixture-invalid",
                                 f"fixture case is not a valid case file: {first.message}", first.hint))
    out = []
    for profile, want in sorted(expected.items()):
        got, detail = _outcome(rules, rule, loaded.case, profile, data.get("instance"))
        out.append(FixtureResult(rule.rule.id, path.name, profile, want, got, detail))
    return out


def fixture_profiles(rules: RuleSet, rule: CompiledRule) -> list[str]:
    """The profiles a fixture with a single expected outcome is run under."""
    if rule.rule.law == "national":
        return [rule.rule.profile or CONVENTION]
    national = [p.id for p in rules.profiles.values() if p.kind == "national" and rule.rule.id in p.params]
    return [CONVENTION, *national]


def _outcome(rules: RuleSet, rule: CompiledRule, case: Any, profile: str, instance: str | None) -> tuple[str, str]:
    """The outcome production gives: the whole engine on a rule set of this one rule."""
    single = RuleSet((rule,), rules.digest, rules.directory, rules.profiles, rules.origin)
    findings = evaluate_case(case, single, profile, evaluator=Evaluator(single, profile, strict=True))
    # Under a national profile a rule with a national reading is judged by that reading.
    law = "national" if any(f.law == "national" for f in findings) else "convention"
    chosen = [f for f in findings if f.law == law and (instance is None or f.instance == instance)]
    if len(chosen) != 1:
        return "error", f"{len(chosen)} instances of scope {rule.rule.scope}; name one with 'instance:'"
    from safeguards.publish.texts import Writer

    return chosen[0].outcome, Writer(rules).text(chosen[0].message)


def run_all(rules: RuleSet) -> tuple[list[FixtureResult], list[Problem]]:
    """Every fixture of every rule, plus problems (invalid fixtures, outcomes without a fixture)."""
    results: list[FixtureResult] = []
    problems: list[Problem] = []
    rules = from_files(rules)  # every condition type-checked again, even when the rules came from the cache
    base = _base(rules)
    for rule in rules.rules:
        clash = contradictions(rule, samples=SAMPLES_IN_RULES_TEST)
        if clash is not None:
            line, col = rule.locate("met")
            problems.append(Problem(rule.path, line, col, Level.ERROR, "rule-contradiction",
                                    f"met and breach can both be true, e.g. when {clash}",
                                    "make the met condition imply that the breach condition is false"))
        files = fixture_files(rules, rule)
        shown: set[str] = set()
        for path in files:
            try:
                got = run_fixture(rules, rule, path, base)
            except (InputError, ValidationError) as exc:
                problem = exc.problem if isinstance(exc, InputError) else Problem(
                    str(path), 1, 1, Level.ERROR, "fixture-invalid", str(exc), "")
                problems.append(problem)
                continue
            results.extend(got)
            shown.update(r.expected for r in got)
        for needed in required_outcomes(rule):
            if needed not in shown:
                line, col = rule.locate("id")
                problems.append(Problem(rule.path, line, col, Level.ERROR, "fixture-missing",
                                        f"rule {rule.rule.id} has no fixture showing outcome {needed!r}",
                                        f"add fixtures/{rule.rule.id}/{needed}.yaml beside the rule"))
    return results, problems


def required_outcomes(rule: CompiledRule) -> tuple[str, ...]:
    """Outcomes every rule must show: breach, met, insufficient information, and not applicable if it can."""
    base = ("breach", "met", "insufficient_information")
    return base + (("not_applicable",) if rule.rule.applies else ())
