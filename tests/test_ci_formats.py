"""Run-level CI outputs of ``check``: one SARIF log, GitHub annotations, one JUnit file, JSON Lines."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from safeguards.cli import main
from safeguards.report.document import findings
from safeguards.writers import annotations, junit, sarif
from safeguards.writers.run import RunContext, relative_uri, xml_text
from tests.conftest import CASES, ROOT
from tests.test_validate import sarif_schema

GERASIMOV = CASES / "kz-2007-gerasimov.yaml"


def _check(out: Path, *extra: str, paths: tuple[str, ...] = (str(CASES),)) -> int:
    return main(["check", *paths, "-o", str(out), "--no-timestamp", "--no-cache", "--quiet", "--fail-on", "never",
                 *extra])


def _sarif(out: Path, profile: str = "international") -> dict[str, Any]:
    return json.loads((out / profile / "safeguards.sarif").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _reports(out: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted((out / "international").glob("*.json"))]


def github_code_scanning_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning would refuse or mangle in a log (its documented upload constraints)."""
    problems = []
    runs = log["runs"]
    keys = [(r["tool"]["driver"]["name"], r.get("automationDetails", {}).get("id")) for r in runs]
    if len(set(keys)) != len(keys):
        problems.append("more than one run with the same tool and category")
    if len(runs) > 20:
        problems.append("more than 20 runs")
    for run in runs:
        rules = run["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            problems.append("a rule id described twice")
        for rule in rules:
            if len(rule.get("properties", {}).get("tags", [])) > 20:
                problems.append(f"{rule['id']}: more than 20 tags")
            if not rule.get("help", {}).get("text"):
                problems.append(f"{rule['id']}: no help text")
        if len(run["results"]) > sarif.GITHUB_RESULT_LIMIT:
            problems.append("more than 25,000 results")
        fingerprints = set()
        for res in run["results"]:
            if ids[res["ruleIndex"]] != res["ruleId"]:
                problems.append(f"{res['ruleId']}: ruleIndex points at another rule")
            if len(res["message"]["text"]) > sarif.MESSAGE_LIMIT:
                problems.append(f"{res['ruleId']}: message over 1000 characters")
            (loc,) = res["locations"]
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            if ":" in uri.split("/")[0] or uri.startswith("/"):
                problems.append(f"{uri}: not a URI relative to the checkout")
            if "region" in loc["physicalLocation"] and loc["physicalLocation"]["region"]["startLine"] < 1:
                problems.append(f"{uri}: a region before line 1")
            fp = res.get("partialFingerprints", {}).get("safeguardsFinding/v1")
            if not fp or fp in fingerprints:
                problems.append(f"{res['ruleId']}: missing or repeated fingerprint")
            fingerprints.add(fp)
    return problems


def test_a_multi_case_check_gives_one_valid_log_with_one_run(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "sarif,json")
    log = _sarif(tmp_path)
    jsonschema.validate(log, sarif_schema())
    assert github_code_scanning_problems(log) == []
    (run,) = log["runs"]
    assert run["automationDetails"]["id"] == "safeguards/international/"
    assert run["columnKind"] == "unicodeCodePoints" and "%SRCROOT%" in run["originalUriBaseIds"]
    reports = _reports(tmp_path)
    breaches = [(r["case"]["id"], f["rule_id"], f["instance"]) for r in reports for f in findings(r)
                if f["outcome"] == "breach"]
    assert [(x["properties"]["case"], x["ruleId"], x["properties"]["instance"]) for x in run["results"]] == breaches
    assert len({x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in run["results"]}) > 5
    # rule metadata once, with the legal basis in the help
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == len({r["id"] for r in rules})
    torture = next(r for r in rules if r["id"] == "torture-indicated")
    assert "Legal basis:" in torture["help"]["text"] and "**Legal basis:**" in torture["help"]["markdown"]
    assert set(torture["properties"]) >= {"safeguard", "articles", "severity", "tags"}
    # level from severity
    severity = {(r["case"]["id"], f["rule_id"], f["instance"]): f["severity"] for r in reports for f in findings(r)}
    for x in run["results"]:
        assert x["level"] == sarif.LEVEL[severity[(x["properties"]["case"], x["ruleId"],
                                                   x["properties"]["instance"])]]


def test_the_streamed_log_is_what_a_json_library_would_write(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "sarif")
    text = (tmp_path / "international" / "safeguards.sarif").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_undecided_findings_are_notes_only_when_asked(tmp_path: Path) -> None:
    _check(tmp_path / "a", "--format", "sarif", paths=(str(GERASIMOV),))
    _check(tmp_path / "b", "--format", "sarif,json", "--sarif-undecided", paths=(str(GERASIMOV),))
    plain, full = _sarif(tmp_path / "a")["runs"][0]["results"], _sarif(tmp_path / "b")["runs"][0]["results"]
    jsonschema.validate(_sarif(tmp_path / "b"), sarif_schema())
    counts = _reports(tmp_path / "b")[0]["score"]["counts"]
    assert {x["properties"]["outcome"] for x in plain} == {"breach"}
    notes = [x for x in full if x["properties"]["outcome"] != "breach"]
    assert len(notes) == counts["contested"] + counts["insufficient_information"] > 0
    assert {x["level"] for x in notes} == {"note"}
    assert len(full) - len(notes) == len(plain)


def test_profiles_upload_side_by_side(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "sarif", "--profile", "international")
    _check(tmp_path, "--format", "sarif", "--profile", "kz")
    ids = {_sarif(tmp_path, p)["runs"][0]["automationDetails"]["id"] for p in ("international", "kz")}
    assert ids == {"safeguards/international/", "safeguards/kz/"}
    kz_rules = {r["id"] for r in _sarif(tmp_path, "kz")["runs"][0]["tool"]["driver"]["rules"]}
    intl_rules = {r["id"] for r in _sarif(tmp_path, "international")["runs"][0]["tool"]["driver"]["rules"]}
    assert intl_rules < kz_rules  # the national rules are described only where they apply


def test_fingerprints_and_rule_ids_are_stable_across_runs(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(CASES, cases)
    _check(tmp_path / "a", "--format", "sarif", paths=(str(cases),))
    before = {x["partialFingerprints"]["safeguardsFinding/v1"]: x for x in _sarif(tmp_path / "a")["runs"][0]["results"]}
    # lines move in one file and another case is left out: the other findings keep their fingerprints
    moved = cases / "kz-2007-gerasimov.yaml"
    moved.write_text("# a new first comment\n# and another\n" + moved.read_text(encoding="utf-8"), encoding="utf-8")
    (cases / "kg-2005-akmatov.yaml").unlink()
    _check(tmp_path / "b", "--format", "sarif", paths=(str(cases),))
    after = {x["partialFingerprints"]["safeguardsFinding/v1"]: x for x in _sarif(tmp_path / "b")["runs"][0]["results"]}
    assert set(after) == {k for k, x in before.items() if x["properties"]["case"] != "kg-2005-akmatov"}
    for key, x in after.items():
        assert x["ruleId"] == before[key]["ruleId"]
        line = x["locations"][0]["physicalLocation"]["region"]["startLine"]
        old = before[key]["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert line == old + (2 if x["properties"]["case"] == "kz-2007-gerasimov" else 0)


def test_artifact_uris_are_relative_and_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "dossiers ü#1"
    folder.mkdir()
    shutil.copy(GERASIMOV, folder / "case 1.yaml")
    monkeypatch.chdir(tmp_path)
    _check(Path("out"), "--format", "sarif", paths=(str(folder / "case 1.yaml"),))  # an absolute path given
    log = _sarif(tmp_path / "out")
    uris = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in log["runs"][0]["results"]}
    assert uris == {"dossiers%20%C3%BC%231/case%201.yaml"}
    assert str(tmp_path) not in json.dumps(log)  # the analyst's folder layout stays out
    assert relative_uri("/x/a b/c.yaml", "/x") == "a%20b/c.yaml"


def test_long_messages_are_cut_to_what_code_scanning_shows() -> None:
    ctx = RunContext(Path("."), "international")
    w = sarif.Writer.__new__(sarif.Writer)
    w.ctx, w.index = ctx, {"r": 0}
    row = sarif.Row("c", "c.yaml", "r", "breach", "high", "x" * 5000, "case", "case", 3, 1)
    text = w.result(row)["message"]["text"]
    assert len(text) == sarif.MESSAGE_LIMIT and text.endswith("…")


def test_github_annotations_escape_values() -> None:
    row = annotations.Row("case-1", "dir,1/a:b.yaml", "some-rule", "Title: with, commas", "breach",
                          "100% sure\r\nsecond line: yes, really", "case", 7, 3)
    line = annotations.annotation(row, os.getcwd())
    assert line == ("::error file=dir%2C1/a%3Ab.yaml,line=7,col=3,title=Title%3A with%2C commas (some-rule)"
                    "::100%25 sure%0D%0Asecond line: yes, really [case-1: case]")
    assert "\n" not in line and "\r" not in line
    undecided = annotations.Row("c", "c.yaml", "r", "T", "contested", "m", "case", 0, 0)
    assert annotations.annotation(undecided, os.getcwd()).startswith("::warning file=c.yaml,title=T (r)::contested: m")


def test_check_format_github_prints_an_annotation_per_breach(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _check(tmp_path, "--format", "github,json", paths=(str(GERASIMOV),))
    lines = capsys.readouterr().out.splitlines()
    counts = _reports(tmp_path)[0]["score"]["counts"]
    assert len(lines) == counts["breach"] and all(x.startswith("::error file=") for x in lines)
    assert not list((tmp_path / "international").glob("*github*"))
    _check(tmp_path, "--format", "github", "--sarif-undecided", paths=(str(GERASIMOV),))
    lines = capsys.readouterr().out.splitlines()
    warnings = [x for x in lines if x.startswith("::warning ")]
    assert len(warnings) == counts["contested"] + counts["insufficient_information"]
    assert len(lines) - len(warnings) == counts["breach"]


def test_junit_has_a_suite_per_case_and_file_and_line_per_test(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _check(tmp_path, "--format", "junit,jsonl", paths=("cases/",))
    root = ET.parse(tmp_path / "international" / "safeguards.junit.xml").getroot()
    suites = root.findall("testsuite")
    assert len(suites) == len(list(CASES.glob("*.yaml")))
    findings = [json.loads(x) for x in (tmp_path / "international" / "findings.jsonl").read_text().splitlines()]
    cases = [c for s in suites for c in s.findall("testcase")]
    assert len(cases) == len(findings) == int(root.attrib["tests"])
    for case, finding in zip(cases, findings, strict=True):
        assert case.attrib["file"] == finding["file"] == f"cases/{finding['case']}.yaml"
        assert int(case.attrib["line"]) == finding["line"] > 0
        failure, skipped = case.find("failure"), case.find("skipped")
        assert (failure is not None) == (finding["outcome"] == "breach")
        assert (skipped is not None) == (finding["outcome"] in ("contested", "insufficient_information",
                                                               "not_applicable"))
    assert int(root.attrib["failures"]) == sum(f["outcome"] == "breach" for f in findings)


def test_junit_replaces_characters_xml_cannot_hold(tmp_path: Path) -> None:
    assert xml_text("a\x00b\x1bc\ufffed\tok") == "a\ufffdb\ufffdc\ufffdd\tok"
    writer = junit.Writer(RunContext(tmp_path, "international"))
    writer.add(("case\x01", "c.yaml", [("r", "s", "breach", "high", "bad \x0c text <&>", "case", 4)]))
    (path,) = writer.close()
    failure = ET.parse(path).getroot().find(".//failure")
    assert failure is not None and failure.attrib["message"] == "bad \ufffd text <&>"


def test_jsonl_is_one_object_per_finding(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "jsonl,json")
    lines = (tmp_path / "international" / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines]
    reports = _reports(tmp_path)
    assert len(records) == sum(1 for r in reports for _ in findings(r))
    assert set(records[0]) == {"case", "file", "line", "column", "rule", "outcome", "severity", "articles",
                               "message", "instance"}
    by_key = {(r["case"]["id"], f["rule_id"], f["instance"]): f for r in reports for f in findings(r)}
    for rec in records:
        finding = by_key[(rec["case"], rec["rule"], rec["instance"])]
        assert (rec["outcome"], rec["severity"], rec["articles"], rec["message"], rec["line"]) == (
            finding["outcome"], finding["severity"], finding["articles"], finding["message"], finding["line"])


def test_run_files_are_the_same_from_the_cache_in_input_order(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDS_CACHE_DIR", str(tmp_path / "cache"))
    cases = tmp_path / "cases"
    shutil.copytree(CASES, cases)
    args = ["check", str(cases), "--no-timestamp", "--quiet", "--fail-on", "never", "--format", "md,sarif,junit,jsonl"]
    main([*args, "-o", str(tmp_path / "out")])
    edited = cases / "kz-2011-kenzhebaev.yaml"  # one file changes: it is evaluated, the others come from the cache
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    main([*args, "-o", str(tmp_path / "out")])
    main([*args, "-o", str(tmp_path / "fresh"), "--no-cache", "--jobs", "3"])
    for name in ("safeguards.sarif", "safeguards.junit.xml", "findings.jsonl"):
        assert (tmp_path / "out" / "international" / name).read_bytes() == \
            (tmp_path / "fresh" / "international" / name).read_bytes(), name


def test_workers_return_small_records_not_reports() -> None:
    from safeguards.commands.check import Options, check_one

    opts = Options("international", ("sarif", "junit", "jsonl", "github"), "/nonexistent-unused", False, None, False)
    outcome = check_one(str(GERASIMOV), opts)

    def plain(value: object) -> bool:
        if isinstance(value, list | tuple):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    assert [fmt for fmt, _ in outcome.records] == ["sarif", "junit", "jsonl", "github"]
    assert plain(outcome.records) and outcome.written == ()


def test_a_failed_run_leaves_no_partial_file(tmp_path: Path) -> None:
    from safeguards.atomic import AtomicFile

    target = tmp_path / "safeguards.sarif"
    target.write_text("old")
    out = AtomicFile(target)
    out.write("half of a log")
    out.abort()
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["safeguards.sarif"]


def test_names_withheld_in_reports_stay_out_of_annotations(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_reports import _hostile_case

    case = _hostile_case(tmp_path)
    _check(tmp_path / "out", "--format", "github,sarif,junit,jsonl", "--sarif-undecided", paths=(str(case),))
    assert "secretov" not in capsys.readouterr().out.lower()
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(files) == 3
    for path in files:
        assert "secretov" not in path.read_text(encoding="utf-8").lower(), path


def test_docs_output_formats_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import re
    import shlex

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = text[text.index("## Output formats"):]
    section = section[:section.find("\n## ", 1)] if "\n## " in section[1:] else section
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    monkeypatch.chdir(ROOT)
    for line in block.strip().splitlines():
        argv = shlex.split(line)
        assert argv[:2] == ["safeguards", "check"]
        argv = [a.replace("ci-reports", str(tmp_path / "ci-reports")) for a in argv[1:]]
        assert main([*argv, "--no-cache"]) in (0, 1)
    assert _sarif(tmp_path / "ci-reports")["runs"][0]["results"]
    assert (tmp_path / "ci-reports" / "international" / "findings.jsonl").is_file()
    assert "::error file=cases/" in capsys.readouterr().out
