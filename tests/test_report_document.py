"""The JSON report (version 3) is the published view normalised, without losing anything it carries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from benchmarks.generate import write_corpus
from safeguards import evaluate, load_case
from safeguards.publish.report import publish_report
from safeguards.publish.view import ReportView
from safeguards.report.document import findings, write_json
from safeguards.rules.compile import RuleSet
from tests.conftest import CASES, ROOT

SCHEMA = json.loads((ROOT / "safeguards" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def _view(path: Path, rules: RuleSet, profile: str, language: str = "en") -> ReportView:
    loaded = load_case(path)
    return publish_report(loaded, evaluate(loaded, rules, profile), rules, timestamp=False, language=language)


def _expected(view: ReportView, national: bool) -> list[dict[str, Any]]:
    out = []
    for f in view.national if national else view.findings:
        rule = view.rules[f.rule_id]
        out.append({
            "rule_id": f.rule_id, "instance": f.instance, "outcome": f.outcome, "message": f.message,
            "sources": list(f.sources), "line": f.line, "column": f.column, "facts": list(f.facts),
            "missing": [(m.fact, None if m.unrecorded else m.reason, m.precise) for m in f.missing],
            "law": f.law, "standard_of_proof": f.standard_of_proof,
            "proof_reason": f.proof_reason, "convention_outcome": f.convention_outcome, "title": rule.title,
            "safeguard": rule.safeguard, "articles": rule.articles, "severity": rule.severity,
            "weight": rule.weight})
    return sorted(out, key=lambda r: (r["rule_id"], r["instance"]))


def _read(doc: dict[str, Any], national: bool) -> list[dict[str, Any]]:
    out = []
    for f in findings(doc, "national" if national else "findings"):
        out.append({
            "rule_id": f["rule_id"], "instance": f["instance"], "outcome": f["outcome"], "message": f["message"],
            "sources": f["sources"], "line": f["line"], "column": f["column"], "facts": f.get("facts", []),
            "missing": [(m["fact"], m["reason"], m["precise"]) for m in f["missing"]], "law": f["law"],
            "standard_of_proof": f.get("standard_of_proof", "not_assessed"), "proof_reason": f.get("proof_reason", ""),
            "convention_outcome": f.get("convention_outcome"), "title": f["title"], "safeguard": f["safeguard"],
            "articles": f["articles"], "severity": f["severity"], "weight": f["weight"]})
    return sorted(out, key=lambda r: (r["rule_id"], r["instance"]))


def _lossless(view: ReportView) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(write_json(view))
    jsonschema.validate(doc, SCHEMA)
    assert _read(doc, False) == _expected(view, False)
    assert _read(doc, True) == _expected(view, True)
    assert [(a["article"], a["outcome"], a.get("breaches", []), a.get("concerns", [])) for a in doc["articles"]] == [
        (a.article, a.outcome, a.breaches, a.concerns) for a in view.articles]
    assert doc["glossary"] == {k: v.record for k, v in view.glossary.items()}
    instruments = [(i["name"], i.get("applies_from"), i.get("timing", "in_force")) for i in doc["instruments"]]
    assert instruments == [(i.name, i.applies_from, i.timing) for i in view.instruments]
    for sg in doc["safeguards"].values():
        for rule_id, rule in sg["rules"].items():
            basis = [(c[0], c[1], c[2] if len(c) == 3 else "S") for c in rule.get("legal_basis", [])]
            assert basis == [(c.instrument, c.provision, c.status) for c in view.rules[rule_id].legal_basis]
    return doc


@pytest.mark.parametrize("profile", ["international", "kz"])
@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_report_reads_back_to_its_view(path: Path, profile: str, rules: RuleSet) -> None:
    doc = _lossless(_view(path, rules, profile))
    if profile == "kz" and doc["case"]["jurisdiction"] == "KZ":
        assert doc["national"], "the national profile's findings are kept apart"


def test_russian_and_generated_reports_read_back(tmp_path: Path, rules: RuleSet) -> None:
    _lossless(_view(CASES / "kz-2007-gerasimov.yaml", rules, "kz", "ru"))
    for path in write_corpus(tmp_path, 25, seed=11):
        _lossless(_view(path, rules, "international"))


def test_defaults_and_derived_fields_are_left_out(rules: RuleSet) -> None:
    view = _view(CASES / "kz-2007-gerasimov.yaml", rules, "international")
    doc = json.loads(write_json(view))
    assert doc["report_version"] == 3
    shared = doc["messages"]["insufficient_information"]
    undecided = doc["findings"]["insufficient_information"]
    assert all(f.get("message") != shared for f in undecided.values())
    assert sum("message" not in f for f in undecided.values()) >= 2
    assert not any("sources" in f for group in doc["findings"].values() for f in group.values()), \
        "every bundled finding's sources are its facts' sources"
    assert all("explanation" not in a for a in doc["articles"])
    assert "torture-indicated@kz-2007-gerasimov" in next(a for a in doc["articles"] if a["article"] == "1")["breaches"]


def test_sources_are_kept_when_they_are_not_the_facts(rules: RuleSet) -> None:
    view = _view(CASES / "kz-2007-gerasimov.yaml", rules, "international")
    f = next(x for x in view.findings if x.outcome == "breach")
    changed = view.model_copy(update={"findings": [
        x.model_copy(update={"sources": ["s-other"]}) if x is f else x for x in view.findings]})
    doc = json.loads(write_json(changed))
    assert doc["findings"]["breach"][f"{f.rule_id}@{f.instance}"]["sources"] == ["s-other"]


def test_two_findings_of_one_rule_and_instance_are_refused(rules: RuleSet) -> None:
    view = _view(CASES / "kz-2007-gerasimov.yaml", rules, "international")
    doubled = view.model_copy(update={"findings": [*view.findings, view.findings[0]]})
    with pytest.raises(ValueError, match="two findings"):
        write_json(doubled)


def test_the_documented_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "report-json.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", page, re.DOTALL)
    exec(compile(code, "docs/report-json.md", "exec"), {})


def test_the_documented_jq_line_prints_what_it_says() -> None:
    import re
    import shutil
    import subprocess

    page = (ROOT / "docs" / "report-json.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(jq .*?)\n```\n\nprints `(.*?)`", page, re.DOTALL)
    assert command is not None
    keys = json.loads(command.group(2))
    report = json.loads((ROOT / "reports" / "international" / "kz-2022-abishev.json").read_text(encoding="utf-8"))
    assert keys == sorted(report["findings"]["breach"])
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    out = subprocess.run(command.group(1), shell=True, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == keys


def test_national_findings_keep_their_law(rules: RuleSet) -> None:
    view = _view(CASES / "kz-2007-gerasimov.yaml", rules, "kz")
    doc = json.loads(write_json(view))
    assert {f["law"] for f in findings(doc, "national")} == {f.law for f in view.national} >= {"national"}


def test_a_report_of_another_layout_is_refused_by_the_reader() -> None:
    with pytest.raises(ValueError, match="layout version 2"):
        list(findings({"report_version": 2, "findings": []}))
