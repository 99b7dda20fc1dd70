"""Documentation that runs: README and docs examples are executed; generated sections are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safeguards import evaluate, load_case
from safeguards.docgen import BEGIN, END, targets
from safeguards.rules.compile import RuleSet
from tests.conftest import ROOT

FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def _blocks(path: Path, lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall(path.read_text(encoding="utf-8")) if kind == lang]


def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    (code,) = _blocks(ROOT / "README.md", "python")
    exec(compile(code, "README.md", "exec"), {})


def test_rule_anatomy_example_compiles() -> None:
    from safeguards.rules.compile import compile_rule
    from safeguards.yamlsource import load_file

    example = next(b for b in _blocks(ROOT / "docs" / "rules.md", "yaml") if "id: judicial-control-delayed" in b)
    rule, problems = compile_rule(load_file("docs/rules.md", example.encode()))
    assert rule is not None and not problems, problems


def test_readme_starts_with_the_two_commands() -> None:
    (commands,) = _blocks(ROOT / "README.md", "sh")[:1]
    lines = commands.strip().splitlines()
    assert "safeguards check cases/" in lines[0]
    assert "python -m pytest" in lines[1]
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_case_file_example_validates_and_evaluates(tmp_path: Path, rules: RuleSet) -> None:
    example = next(b for b in _blocks(ROOT / "docs" / "case-files.md", "yaml") if "schema_version" in b)
    path = tmp_path / "example.yaml"
    path.write_text(example)
    result = evaluate(load_case(path), rules)
    breaches = {f.rule_id for f in result.findings if f.outcome == "breach"}
    assert {"lawyer-not-before-questioning", "lawyer-not-from-outset"} <= breaches


def test_citation_forms_example_is_graded_as_documented(tmp_path: Path, rules: RuleSet) -> None:
    example = next(b for b in _blocks(ROOT / "docs" / "case-files.md", "yaml") if "Citation forms" in b)
    path = tmp_path / "citations.yaml"
    path.write_text(example)
    result = evaluate(load_case(path), rules)
    proof = {f.rule_id: f.standard_of_proof for f in result.findings if f.outcome == "breach"}
    assert proof["lawyer-not-before-questioning"] == "finding_of_competent_body"
    assert proof["lawyer-not-from-outset"] == "single_account"


def test_scoring_proof_example_runs() -> None:
    blocks = _blocks(ROOT / "docs" / "scoring.md", "python")
    assert len(blocks) >= 2
    for code in blocks:
        exec(compile(code, "docs/scoring.md", "exec"), {})


def test_generated_sections_are_current() -> None:
    for path, generated in targets(ROOT).items():
        text = path.read_text(encoding="utf-8")
        current = text.partition(BEGIN)[2].partition(END)[0]
        assert current == "\n" + generated, f"{path} is stale: run 'python -m safeguards.docgen'"


def test_doc_links_resolve() -> None:
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).is_file(), f"{doc.name} links to missing {target}"


def test_profile_example_is_a_valid_profile() -> None:
    import yaml

    from safeguards.rules.profiles import Profile

    (example,) = [b for b in _blocks(ROOT / "docs" / "profiles.md", "yaml") if "id: kz" in b]
    profile = Profile.model_validate(yaml.safe_load(example))
    assert profile.applies_to("KZ") and not profile.applies_to("ES")


def test_version_2_fragments_validate(tmp_path: Path) -> None:
    import yaml

    from safeguards.casefile import load

    blocks = _blocks(ROOT / "docs" / "case-files.md", "yaml")
    base = yaml.safe_load(next(b for b in blocks if "schema_version" in b))
    fragments = [b for b in blocks if b.startswith("# fragment:")]
    assert len(fragments) >= 7
    for text in fragments:
        path = tmp_path / "fragment.yaml"
        path.write_text(yaml.safe_dump({**base, **yaml.safe_load(text)}, sort_keys=False))
        loaded = load(str(path))
        assert loaded.ok and loaded.problems == (), (text.splitlines()[0], loaded.problems)
