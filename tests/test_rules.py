"""The rule set: every fixture gives its expected outcome, every rule shows every outcome, bad rules fail loudly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safeguards.problems import RuleError
from safeguards.rules.compile import RuleSet, load_rules, rule_files
from safeguards.rules.fixtures import _base, fixture_files, required_outcomes, run_all, run_fixture
from safeguards.rules.model import SAFEGUARDS
from tests.conftest import RULES

ALL_FIXTURES = sorted(p for p in RULES.rglob("fixtures/*/*.yaml"))


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(path: Path, rules: RuleSet) -> None:
    rule = rules.by_id(path.parent.name)
    assert rule is not None, f"fixture folder {path.parent.name} names no rule"
    for result in run_fixture(rules, rule, path, _base(rules)):
        assert result.passed, f"{result.profile}: expected {result.expected}, got {result.actual}: {result.detail}"


def test_every_rule_shows_every_outcome(rules: RuleSet) -> None:
    results, problems = run_all(rules)
    assert problems == []
    assert results and all(r.passed for r in results)
    for rule in rules.rules:
        shown = {r.expected for r in results if r.rule_id == rule.rule.id}
        assert set(required_outcomes(rule)) <= shown, rule.rule.id


def test_every_safeguard_has_a_rule(rules: RuleSet) -> None:
    assert {r.rule.safeguard for r in rules.rules} == set(SAFEGUARDS)
    assert len(SAFEGUARDS) == 22


def test_unconfirmed_paragraphs_are_never_cited_with_a_number(rules: RuleSet) -> None:
    # standards.md marks paragraph numbers not seen as N: such a citation names the instrument only.
    for compiled in rules.rules:
        for c in compiled.rule.sources:
            if c.status == "N":
                assert c.provision is None, f"{compiled.rule.id}: {c.instrument} cited with {c.provision} but status N"


def test_parameters_cite_their_source(rules: RuleSet) -> None:
    for compiled in rules.rules:
        for param in compiled.rule.params.values():
            assert param.source.strip()
    for profile in rules.profiles.values():
        for values in profile.params.values():
            assert all(v.source.strip() for v in values.values())


def _broken(tmp_path: Path, text: str) -> RuleError:
    good = (RULES / "registration-and-custody-records" / "never-registered.yaml").read_text()
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "never-registered.yaml").write_text(text(good) if callable(text) else text)
    with pytest.raises(RuleError) as exc:
        load_rules(folder)
    return exc.value


def test_misspelled_fact_fails_at_load_with_line(tmp_path: Path) -> None:
    err = _broken(tmp_path, lambda t: t.replace("breach: registered == false", "breach: registred == false"))
    assert re.search(r"never-registered\.yaml:\d+:\d+: error\[rule-type\]: breach: undeclared reference to 'registred'",
                     str(err)), str(err)


def test_cel_syntax_error_fails_at_load_with_line_and_column(tmp_path: Path) -> None:
    err = _broken(tmp_path, lambda t: t.replace("breach: registered == false", "breach: registered == (false"))
    assert "error[rule-syntax]" in str(err)
    line = next(i for i, text in enumerate((tmp_path / "rules" / "never-registered.yaml").read_text().splitlines(), 1)
                if text.startswith("breach:"))
    assert f"never-registered.yaml:{line}:" in str(err)


def test_type_error_in_rule_fails_at_load(tmp_path: Path) -> None:
    err = _broken(tmp_path, lambda t: t.replace("breach: registered == false", "breach: registered > 'x'"))
    assert "no matching overload" in str(err)


def test_unknown_rule_field_fails_at_load(tmp_path: Path) -> None:
    err = _broken(tmp_path, lambda t: t.replace("severity: critical", "severity: critical\nseverty: high"))
    assert "error[unknown-field]" in str(err)


def test_non_boolean_condition_fails(tmp_path: Path) -> None:
    err = _broken(tmp_path, lambda t: t.replace("met: registered", "met: hours_to_registration_min"))
    assert "error[rule-not-boolean]" in str(err)


def test_template_with_unknown_name_fails(tmp_path: Path) -> None:
    err = _broken(tmp_path, lambda t: t.replace("The detention was never", "The {nonsense} was never"))
    assert "error[template-unknown-name]" in str(err)


def test_rule_files_skip_fixtures() -> None:
    assert all("fixtures" not in p.parts for p in rule_files(RULES))
    assert len(list(rule_files(RULES))) >= 30


def test_every_rule_has_fixtures(rules: RuleSet) -> None:
    for rule in rules.rules:
        assert fixture_files(rules, rule), rule.rule.id
