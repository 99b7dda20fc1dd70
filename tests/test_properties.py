"""Properties of the engine's logic: unknowns never become decisions, and the file's order never matters.

* Dropping a fact a rule reads can turn an outcome into "insufficient information", never the
  reverse, and never a breach into met or met into a breach (checked on generated activations of
  every rule, and on bundled cases whose recorded facts are made unknown one at a time).
* The share of safeguards shown met never rises when facts become unknown.
* Listing the versions of a contested fact in another order gives the same report, byte for byte.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguards import load_case, load_rules
from safeguards.casefile import check_document
from safeguards.engine.decide import decide
from safeguards.engine.evaluate import evaluate_case
from safeguards.engine.facts import decl_of_variable
from safeguards.engine.score import score
from safeguards.results import Finding
from safeguards.rules.compile import CompiledRule, RuleSet
from safeguards.rules.consistency import activations, contradictions, tri
from safeguards.yamlsource import Document
from tests.conftest import CASES, ROOT

ALLOWED = {  # outcome with the fact -> outcomes allowed once the fact is unknown
    "breach": {"breach", "insufficient_information", "contested"},
    "met": {"met", "insufficient_information", "contested"},
    "not_applicable": {"not_applicable", "insufficient_information", "contested"},
    "insufficient_information": {"insufficient_information", "contested"},
    "contested": {"contested", "insufficient_information"},
}


def _outcome(rule: CompiledRule, act: dict[str, Any]) -> str:
    p = rule.programs
    applies = tri(p.get("applies"), act)
    breach = tri(p["breach"], act) if applies else None
    met = tri(p["met"], act) if applies else None
    return decide(applies, breach, met)[0]


def _without(act: dict[str, Any], fact: str) -> dict[str, Any]:
    return {k: v for k, v in act.items() if (d := decl_of_variable(k)) is None or d.name != fact}


def test_dropping_a_fact_never_decides_or_reverses_a_rule(rules: RuleSet) -> None:
    for rule in rules.rules:
        for act in activations(rule, samples=150):
            before = _outcome(rule, act)
            facts = {d.name for k in act if (d := decl_of_variable(k)) is not None and k not in rule.rule.params}
            for fact in sorted(facts):
                after = _outcome(rule, _without(act, fact))
                assert after in ALLOWED[before], (rule.rule.id, fact, act, before, after)


def test_no_rule_can_be_met_and_breached_at_once(rules: RuleSet) -> None:
    clashes = {r.rule.id: c for r in rules.rules if (c := contradictions(r, samples=3000)) is not None}
    assert clashes == {}


@functools.cache
def _rules() -> RuleSet:
    return load_rules(ROOT / "rules")


BUNDLED = sorted(p.stem for p in CASES.glob("*.yaml"))


def _events(data: dict[str, Any]) -> list[tuple[int, int]]:
    return [(i, j) for i, ep in enumerate(data.get("episodes", [])) for j, _ in enumerate(ep.get("events", []))]


DATES = ("at", "opened_at", "victim_heard_at", "forensic_exam_at")


def _unknowing(name: str, pick_record: int, pick_field: int) -> tuple[dict[str, Any], str]:
    """A copy of bundled case ``name`` with one recorded fact made unknown."""
    loaded = load_case(CASES / f"{name}.yaml")
    data = copy.deepcopy(loaded.document.data)
    records: list[tuple[str, dict[str, Any]]] = []
    for i, j in _events(data):
        records.append((f"episodes.{i}.events.{j}", data["episodes"][i]["events"][j]))
    for section in ("complaints", "investigations", "reprisals", "redress", "removals", "proceedings", "notices"):
        for k, rec in enumerate(data.get(section, [])):
            records.append((f"{section}.{k}", rec))
    where, record = records[pick_record % len(records)]
    fields = sorted(k for k, v in record.items() if (k == "status" and v != "unknown") or isinstance(v, bool)
                    or (k in DATES and v))
    if not fields:
        return data, "nothing"
    field = fields[pick_field % len(fields)]
    if field == "status":
        record["status"] = "unknown"
    elif field in DATES:
        del record[field]
        record.pop("approximate", None)
    else:
        record[field] = None
    return data, f"{where}.{field}"


def _by_key(findings: list[Finding]) -> dict[tuple[str, str, str, str], str]:
    return {(f.law, f.rule_id, f.scope, f.instance): f.outcome for f in findings}


# Derandomized so CI sees the same examples every run; raise max_examples locally to search further.
@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BUNDLED), st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=50))
def test_making_a_recorded_fact_unknown_never_decides_or_reverses(name: str, pick_record: int,
                                                                  pick_field: int) -> None:
    rules = _rules()  # not a fixture: hypothesis would print the whole rule set with a failing example
    data, changed = _unknowing(name, pick_record, pick_field)
    before_case = load_case(CASES / f"{name}.yaml").case
    after = check_document(Document(f"{name}.yaml", data, None))
    if after.case is None:  # e.g. a record that no longer validates without its time: nothing to compare
        return
    assert before_case is not None
    before_f = evaluate_case(before_case, rules)
    after_f = evaluate_case(after.case, rules)
    b, a = _by_key(before_f), _by_key(after_f)
    for key in b.keys() & a.keys():
        assert a[key] in ALLOWED[b[key]], (name, changed, key, b[key], a[key])
    conv = lambda fs: [f for f in fs if f.law == "convention"]  # noqa: E731
    assert (score(conv(after_f)).shown_met or 0) <= (score(conv(before_f)).shown_met or 0), (name, changed)


@pytest.mark.parametrize("name", BUNDLED)
def test_every_recorded_fact_made_unknown_in_turn(name: str) -> None:
    """The property above, exhaustively: every status, flag and time of every record of a bundled case."""
    rules = _rules()
    before_case = load_case(CASES / f"{name}.yaml").case
    assert before_case is not None
    before_f = evaluate_case(before_case, rules)
    b = _by_key(before_f)
    conv = lambda fs: [f for f in fs if f.law == "convention"]  # noqa: E731
    seen: set[str] = set()
    for pick_record in range(80):  # more than any bundled case has records; _unknowing wraps around
        for pick_field in range(8):
            data, changed = _unknowing(name, pick_record, pick_field)
            if changed in seen or changed == "nothing":
                continue
            seen.add(changed)
            after = check_document(Document(f"{name}.yaml", data, None))
            if after.case is None:
                continue
            after_f = evaluate_case(after.case, rules)
            a = _by_key(after_f)
            for key in b.keys() & a.keys():
                assert a[key] in ALLOWED[b[key]], (name, changed, key, b[key], a[key])
            assert (score(conv(after_f)).shown_met or 0) <= (score(conv(before_f)).shown_met or 0), (name, changed)
    assert seen


@pytest.mark.parametrize("name", [n for n in BUNDLED if load_case(CASES / f"{n}.yaml").case.contested])  # type: ignore[union-attr]
def test_contested_versions_in_any_order_give_identical_reports(rules: RuleSet, name: str) -> None:
    from safeguards.api import evaluate
    from safeguards.report.build import build_report
    from safeguards.report.render import WRITERS

    loaded = load_case(CASES / f"{name}.yaml")
    assert loaded.case is not None
    flipped = loaded.case.model_copy(update={"contested": [
        c.model_copy(update={"versions": list(reversed(c.versions))}) for c in loaded.case.contested]})
    other = type(loaded)(**{**loaded.__dict__, "case": flipped})
    texts = []
    for item in (loaded, other):
        report = build_report(item, evaluate(item, rules), rules, timestamp=False)
        texts.append(WRITERS["json"](report, rules))
    assert texts[0] == texts[1]
