"""Documentation that runs: README and docs examples are executed; generated sections are current."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from safeguards import evaluate, load_case
from safeguards.docgen import (
    BEGIN,
    END,
    fixture_comment_problems,
    fixture_doc,
    generated_files,
    pages,
    rules_table,
    stale_pages,
    targets,
)
from safeguards.rules.compile import RuleSet, load_rules
from safeguards.rules.fixtures import fixture_files
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
    # Every generated file: the marked sections of docs/rules.md and docs/facts.md, and each
    # safeguard's page under docs/rules/ (none missing, none left over from a removed safeguard).
    expected = generated_files(ROOT)
    for path, text in expected.items():
        assert path.is_file() and path.read_text(encoding="utf-8") == text, \
            f"{path} is stale: run 'python -m safeguards.docgen'"
    assert not stale_pages(ROOT, expected), "pages of removed safeguards: run 'python -m safeguards.docgen'"
    for path, generated in targets(ROOT).items():
        assert path.read_text(encoding="utf-8").partition(BEGIN)[2].partition(END)[0] == "\n" + generated


def _docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "docs" / "rules").glob("*.md"))]


def _anchors(text: str) -> set[str]:
    # Only the anchors the generator relies on: headings that are one kebab-case word (rule ids) or words.
    return {re.sub(r"[^a-z0-9 _-]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^#+ (.*)$", text, re.MULTILINE)}


def test_doc_links_resolve() -> None:
    for doc in _docs():
        text = doc.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#:]+\.(?:md|yaml))(?:#([^)]*))?\)", text):
            assert (doc.parent / target).is_file(), f"{doc.name} links to missing {target}"
            if anchor and target.endswith(".md"):
                assert anchor in _anchors((doc.parent / target).read_text(encoding="utf-8")), \
                    f"{doc.name} links to missing anchor {target}#{anchor}"
        for anchor in re.findall(r"\]\(#([^)]+)\)", text):
            assert anchor in _anchors(text), f"{doc.name} links to missing anchor #{anchor}"


def _catalogue(rules: RuleSet, root: Path) -> tuple[str, dict[Path, str]]:
    return rules_table(rules), pages(root, rules)


def _assert_catalogued(rules: RuleSet, root: Path) -> None:
    index, generated = _catalogue(rules, root)
    for compiled in rules.rules:
        r = compiled.rule
        page_path = root / "docs" / "rules" / f"{r.safeguard}.md"
        page = generated[page_path]
        assert f"](rules/{r.safeguard}.md#{r.id})" in index, r.id
        assert f"\n## {r.id}\n" in page, r.id
        section = page.split(f"\n## {r.id}\n", 1)[1].split("\n## ", 1)[0]
        assert " ".join(r.description.split()) in section
        for citation in r.sources:
            assert citation.instrument.replace("|", "\\|") in section
        for name, param in r.params.items():
            assert f"`{name}` ({param.type})" in section
        for path in fixture_files(rules, compiled):
            doc = fixture_doc(path)
            assert f"[{path.name}](../../" in section, (r.id, path.name)
            assert doc.comment is not None and " ".join(doc.comment.split()) in section, (r.id, path.name)
            # The fragment shown is the fixture's own case, copied faithfully and shown whole.
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert yaml.safe_load(doc.fragment) == {k: data[k] for k in ("instance", "case") if k in data}
            assert "\n".join(f"  {line}" if line else "" for line in doc.fragment.splitlines()) in section


def test_catalogue_lists_every_rule_and_every_fixture(rules: RuleSet) -> None:
    _assert_catalogued(rules, ROOT)
    index = rules_table(rules)
    for code in ("S", "S2", "N", "U"):
        assert f"| **{code}** |" in index


def test_every_fixture_starts_with_a_comment(rules: RuleSet) -> None:
    assert not fixture_comment_problems(rules), [p.render() for p in fixture_comment_problems(rules)]


def _small_rule_set(tmp_path: Path) -> Path:
    # A rule set of its own (two safeguards, the profiles, the fixture base): the generator reads
    # whatever rule set it is given, not a list of known rules.
    folder = tmp_path / "rules"
    for part in ("prompt-judicial-control", "registration-and-custody-records", "fixtures"):
        shutil.copytree(ROOT / "rules" / part, folder / part)
    kept = {p.stem for p in folder.glob("*/*.yaml")}
    (folder / "profiles").mkdir()
    for source in (ROOT / "rules" / "profiles").glob("*.yaml"):
        profile = yaml.safe_load(source.read_text(encoding="utf-8"))
        profile["params"] = {k: v for k, v in profile.get("params", {}).items() if k in kept}
        recommendations = profile.get("recommendations", {})
        recommendations["by_rule"] = {k: v for k, v in recommendations.get("by_rule", {}).items() if k in kept}
        profile["timeline"] = [t for t in profile.get("timeline", []) if t["rule"] in kept]
        (folder / "profiles" / source.name).write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    return folder


def test_catalogue_of_another_rule_set(tmp_path: Path) -> None:
    folder = _small_rule_set(tmp_path)
    (tmp_path / "docs" / "rules.md").write_text(f"# Head\n\n{BEGIN}\n{END}\n", encoding="utf-8")
    (tmp_path / "docs" / "facts.md").write_text(f"{BEGIN}\n{END}\n", encoding="utf-8")
    (tmp_path / "docs" / "rules").mkdir()
    (tmp_path / "docs" / "rules" / "removed-safeguard.md").write_text("old", encoding="utf-8")
    small = load_rules(folder)
    _assert_catalogued(small, tmp_path)
    files = generated_files(tmp_path, small)
    assert {p.name for p in files} == {"rules.md", "facts.md", "prompt-judicial-control.md",
                                       "registration-and-custody-records.md"}
    assert files[tmp_path / "docs" / "rules.md"].startswith("# Head\n")
    assert [p.name for p in stale_pages(tmp_path, files)] == ["removed-safeguard.md"]
    page = files[tmp_path / "docs" / "rules" / "prompt-judicial-control.md"]
    # National values from the profile, national-only rules, per-profile expectations, folded long cases.
    assert "  - kz: `72.0`" in page
    assert "Expected: international: breach; kz: met." in page
    assert "<details><summary>case (" in page
    assert "| law | national (kz) |" in files[tmp_path / "docs" / "rules" / "registration-and-custody-records.md"]


def test_fixture_without_comment_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from safeguards.cli import main

    folder = _small_rule_set(tmp_path)
    fixture = folder / "prompt-judicial-control" / "fixtures" / "appearance-in-person" / "met.yaml"
    fixture.write_text("".join(line for line in fixture.read_text().splitlines(True) if not line.startswith("#")))
    small = load_rules(folder)
    (problem,) = fixture_comment_problems(small)
    assert problem.code == "fixture-comment" and problem.path == str(fixture)
    assert "appearance-in-person" in problem.message
    page = pages(tmp_path, small)[tmp_path / "docs" / "rules" / "prompt-judicial-control.md"]
    assert "[met.yaml](../../rules/prompt-judicial-control/fixtures/appearance-in-person/met.yaml): (no comment" in page
    capsys.readouterr()
    assert main(["rules", "test", "--rules", str(folder)]) == 1
    assert "error[fixture-comment]" in capsys.readouterr().out
    assert main(["rules", "show", "appearance-in-person", "--rules", str(folder)]) == 0
    assert "met.yaml: (no comment" in capsys.readouterr().out


def test_rules_show_prints_fixtures_with_outcomes_and_comments(rules: RuleSet,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from safeguards.cli import main

    compiled = rules.by_id("judicial-control-delayed")
    assert compiled is not None
    assert main(["rules", "show", "judicial-control-delayed"]) == 0
    out = capsys.readouterr().out.split("  fixtures:\n", 1)[1]
    for path in fixture_files(rules, compiled):
        doc = fixture_doc(path)
        assert f"{path.name}" in out and f"{doc.comment}" in out
    assert "    breach:\n" in out and "    not_applicable:\n" in out
    assert "breach.yaml [international: breach; kz: met]: " in out


def test_rules_list_shows_law_and_role(rules: RuleSet, capsys: pytest.CaptureFixture[str]) -> None:
    from safeguards.cli import main

    assert main(["rules", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["rule", "safeguard", "arts", "severity", "scope", "law", "role", "fixtures"]
    rows = {line.split()[0]: line.split() for line in lines[1:-1]}
    assert set(rows) == {r.rule.id for r in rules.rules}
    for compiled in rules.rules:
        r = compiled.rule
        row = rows[r.id]
        assert row[-3:] == [r.profile or r.law, r.role, str(len(fixture_files(rules, compiled)))], row


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


def test_uwazi_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    from safeguards.cli import main

    (block,) = [b for b in _blocks(ROOT / "docs" / "uwazi.md", "sh") if "uwazi export" in b]
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    monkeypatch.chdir(tmp_path)
    for line in block.strip().splitlines():
        argv = shlex.split(line)
        assert argv[0] == "safeguards" and main([*argv[1:], "--quiet"]) == 0, line
    assert sorted(p.name for p in (tmp_path / "uwazi").iterdir()) == [
        "cases.csv", "cases.events.csv", "cases.people.csv", "cases.sources.csv"]
    assert (tmp_path / "imported" / "kz-2007-gerasimov.yaml").is_file()
