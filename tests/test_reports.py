"""``safeguards check``: reports in every format, byte-identical reruns, escaping, redaction, nothing modified."""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from safeguards.cli import main
from tests.conftest import CASES, ROOT
from tests.test_validate import sarif_schema

ALL = "md,html,json,sarif,junit,jsonl"


def _check(tmp: Path, *extra: str, paths: tuple[str, ...] = (str(CASES),)) -> int:
    return main(["check", *paths, "-o", str(tmp), "--no-timestamp", "--no-cache", "--quiet", *extra])


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("profile", ["international", "kz"])
def test_committed_reports_are_current(tmp_path: Path, profile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # as the README runs it: relative paths appear in the provenance
    _check(tmp_path, "--profile", profile, paths=("cases/",))
    fresh = _tree(tmp_path / profile)
    committed = _tree(ROOT / "reports" / profile)
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    assert not stale, (f"reports/{profile} is stale ({stale[:3]}...): run "
                       f"'safeguards check cases/ --no-timestamp --profile {profile}'")


def test_reruns_are_byte_identical(tmp_path: Path) -> None:
    _check(tmp_path / "a", "--format", ALL)
    _check(tmp_path / "b", "--format", ALL)
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    # a report per case in each per-case format, and one SARIF log, JUnit file and JSON Lines file per run
    assert len(first) == 3 * len(list(CASES.glob("*.yaml"))) + 3


def test_case_files_are_never_modified(tmp_path: Path) -> None:
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in CASES.glob("*.yaml")}
    _check(tmp_path, "--format", ALL)
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in CASES.glob("*.yaml")}


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    gerasimov = str(CASES / "kz-2007-gerasimov.yaml")
    assert _check(tmp_path, paths=(gerasimov,)) == 1
    assert _check(tmp_path, "--fail-on", "never", paths=(gerasimov,)) == 0
    assert _check(tmp_path, "--fail-on", "critical", paths=(gerasimov,)) == 1
    ruzakhunov = str(CASES / "kz-2022-ruzakhunov.yaml")  # nothing decided: no breach
    assert _check(tmp_path, paths=(ruzakhunov,)) == 0


def test_invalid_case_is_reported_and_the_others_still_checked(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = ROOT / "tests" / "cases" / "invalid" / "release-before-apprehension.yaml"
    code = _check(tmp_path / "out", paths=(str(bad), str(CASES / "kz-2007-gerasimov.yaml")))
    assert code == 2
    err = capsys.readouterr().err
    assert "release-before-apprehension.yaml:" in err and "error[chronology]" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "international" / "kz-2007-gerasimov.md").is_file()


def test_gerasimov_report_shows_violations_timeline_and_sources(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "md,html", paths=(str(CASES / "kz-2007-gerasimov.yaml"),))
    md = (tmp_path / "international" / "kz-2007-gerasimov.md").read_text()
    for form in ("art 2(1), read with art 1", "art 2(1)", "art 12", "art 13", "art 14", "art 22"):
        assert f"| {form} (" in md and "violation indicated" in md
    assert "## Custody timeline" in md
    assert "[^s-osji-2012]: Open Society Justice Initiative" in md
    html = (tmp_path / "international" / "kz-2007-gerasimov.html").read_text()
    assert "<svg" in html and 'role="img"' in html
    assert "CAT/C/48/D/433/2010" in html


def test_json_report_matches_its_schema(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "json")
    schema = json.loads((ROOT / "safeguards" / "schemas" / "report.schema.json").read_text())
    for path in (tmp_path / "international").glob("*.json"):
        jsonschema.validate(json.loads(path.read_text()), schema)


def test_sarif_log_of_the_bundled_cases_validates(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "sarif,json")
    log = json.loads((tmp_path / "international" / "safeguards.sarif").read_text())
    jsonschema.validate(log, sarif_schema())
    assert len(log["runs"]) == 1 and not list((tmp_path / "international").glob("kz-*.sarif"))
    breaches = sum(json.loads(p.read_text())["score"]["counts"]["breach"]
                   for p in (tmp_path / "international").glob("*.json"))
    assert len(log["runs"][0]["results"]) == breaches
    assert {r["level"] for r in log["runs"][0]["results"]} <= {"error", "warning", "note"}


def test_junit_counts_breaches_as_failures(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "junit,json", paths=(str(CASES / "kz-2007-gerasimov.yaml"),))
    root = ET.parse(tmp_path / "international" / "safeguards.junit.xml").getroot()
    report = json.loads((tmp_path / "international" / "kz-2007-gerasimov.json").read_text())
    assert int(root.attrib["failures"]) == report["score"]["counts"]["breach"]
    assert len(root.findall(".//failure")) == report["score"]["counts"]["breach"]


HOSTILE_NOTE = "<script>alert('x')</script> | **bold** [link](javascript:alert(1))"


def _hostile_case(tmp_path: Path) -> Path:
    text = (CASES / "kz-2011-zhanaozen-aa.yaml").read_text()
    text = text.replace("title: Zhanaozen detainee AA, beaten in police custody, December 2011",
                        f'title: "{HOSTILE_NOTE}"')
    text = text.replace("    sex: male\n    consent:\n      decision: pseudonym_only",
                        "    name: Marat Secretov\n    aliases: [Marat S.]\n    sex: male\n    consent:\n"
                        "      decision: pseudonym_only")
    text = text.replace('    title: "Kazakhstan: Protect Detainees From Torture, Ill-Treatment"',
                        '    title: "Interview with Marat Secretov <img src=x onerror=alert(1)>"')
    text = text.replace("      - type: release\n", "      - type: release\n        by: friends of secretov\n")
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    return path


def test_html_and_markdown_escape_case_text(tmp_path: Path) -> None:
    case = _hostile_case(tmp_path)
    assert _check(tmp_path / "out", "--format", ALL, paths=(str(case),)) in (0, 1)
    html = (tmp_path / "out" / "international" / "kz-2011-zhanaozen-aa.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    md = (tmp_path / "out" / "international" / "kz-2011-zhanaozen-aa.md").read_text()
    assert "<script>" not in md and "<img" not in md


def test_non_consented_names_never_leave_the_tool(tmp_path: Path) -> None:
    case = _hostile_case(tmp_path)
    _check(tmp_path / "out", "--format", ALL, paths=(str(case),))
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            text = path.read_text().lower()
            assert "secretov" not in text and "marat" not in text, path


def test_a_withheld_name_is_redacted_and_an_id_that_spells_it_refused(tmp_path: Path) -> None:
    """Withheld names are replaced by a label, on data; an id that spells one is refused, never rewritten."""
    refused = (CASES / "kz-2011-zhanaozen-aa.yaml").read_text().replace(
        "\nsources:\n", "\n  - id: p-ivanov\n    role: witness\n    name: Ivan Ivanov\n"
        "    consent: {decision: confidential, basis: no_consent}\n    sources: [s-hrw-2011]\n\nsources:\n", 1)
    (tmp_path / "refused.yaml").write_text(refused)
    assert main(["check", str(tmp_path / "refused.yaml"), "-o", str(tmp_path / "none"), "--no-cache"]) == 2
    assert not (tmp_path / "none").exists() or not list((tmp_path / "none").rglob("*.json"))
    text = (CASES / "kz-2011-zhanaozen-aa.yaml").read_text().replace(
        "\nsources:\n", "\n  - id: p-9\n    role: witness\n    name: Ivan Ivanov\n"
        "    consent: {decision: confidential, basis: no_consent}\n    sources: [s-hrw-2011]\n\nsources:\n", 1)
    text = text.replace('    title: "Kazakhstan: Protect Detainees From Torture, Ill-Treatment"',
                        '    title: "Interview with Ivan Ivanov, seen by\\nIvanov"')
    case = tmp_path / "case.yaml"
    case.write_text(text)
    _check(tmp_path / "out", "--format", ALL, paths=(str(case),))
    report = json.loads((tmp_path / "out" / "international" / "kz-2011-zhanaozen-aa.json").read_text())
    assert report["sources"][0]["title"] == "Interview with [witness], seen by\n[witness]"
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert "ivanov" not in path.read_text().lower(), path


def test_output_names_cannot_escape_the_output_directory(tmp_path: Path) -> None:
    from safeguards.atomic import confined, safe_name
    from safeguards.problems import OutputError

    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError):
        confined(tmp_path / "out", "../escape.md")
    (tmp_path / "elsewhere.md").write_text("x")
    (tmp_path / "out" / "link.md").symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(OutputError):
        confined(tmp_path / "out", "link.md")


def test_cache_rerun_gives_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDS_CACHE_DIR", str(tmp_path / "cache"))
    args = ["check", str(CASES), "-o", str(tmp_path / "out"), "--no-timestamp", "--quiet"]
    main(args)
    first = _tree(tmp_path / "out")
    assert any((tmp_path / "cache").rglob("*.json"))
    shutil.rmtree(tmp_path / "out" / "international" / "kz-2007-gerasimov.md", ignore_errors=True)
    (tmp_path / "out" / "international" / "kz-2007-gerasimov.md").unlink()
    main(args)  # the missing report invalidates that entry
    assert _tree(tmp_path / "out") == first


def test_a_rerun_reads_the_withheld_names_of_unchanged_files_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import safeguards.publish.withheld as withheld

    monkeypatch.setenv("SAFEGUARDS_CACHE_DIR", str(tmp_path / "cache"))
    cases = tmp_path / "cases"
    shutil.copytree(CASES, cases)
    args = ["check", str(cases), "-o", str(tmp_path / "out"), "--no-timestamp", "--quiet", "--format", "json"]
    parsed: list[bytes] = []
    real = withheld.withheld_in_bytes

    def counted(data: bytes, audience: str) -> dict[str, str]:
        parsed.append(data)
        return real(data, audience)  # type: ignore[arg-type]

    monkeypatch.setattr(withheld, "withheld_in_bytes", counted)
    main(args)
    assert len(parsed) == len(list(cases.glob("*.yaml")))
    first = _tree(tmp_path / "out")
    parsed.clear()
    main(args)
    assert parsed == [] and _tree(tmp_path / "out") == first
    edited = cases / "kz-2007-gerasimov.yaml"
    edited.write_text(edited.read_text() + "# edited\n")
    main(args)
    assert parsed == [edited.read_bytes()]  # only the changed file is read for its people again


def test_a_changed_rule_invalidates_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDS_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    case = str(CASES / "kz-2007-gerasimov.yaml")
    args = ["check", case, "-o", str(tmp_path / "out"), "--no-timestamp", "--quiet", "--rules", str(rules),
            "--format", "md"]
    main(args)
    rule = rules / "accountability-of-perpetrators" / "torture-indicated.yaml"
    rule.write_text(rule.read_text().replace("meet every element of torture", "MEET EVERY ELEMENT OF TORTURE"))
    main(args)
    assert "MEET EVERY ELEMENT OF TORTURE" in (tmp_path / "out" / "international" / "kz-2007-gerasimov.md").read_text()


def test_a_new_report_layout_invalidates_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry written for another JSON layout is not served: its report would be in the old layout."""
    import safeguards.report.formats as formats
    from safeguards.cache import Cache

    monkeypatch.setenv("SAFEGUARDS_CACHE_DIR", str(tmp_path / "cache"))
    opts = argparse.Namespace(profile="international", formats=["json"], output=str(tmp_path / "out"), timestamp=False,
                              withheld=(), language="en", cache_dir=None)
    before = Cache.for_run("digest", opts).salt
    monkeypatch.setattr(formats, "REPORT_VERSION", formats.REPORT_VERSION + 1)
    assert Cache.for_run("digest", opts).salt != before
