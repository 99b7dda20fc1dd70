"""Standards of proof: graded by what each cited source does with a fact, and explained in every report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safeguards import evaluate, load_case
from safeguards.casefile import load
from safeguards.engine.proof import LEGEND_NOTE, PROOF_TEXT, Cited, cite, grade_fact, grade_finding
from safeguards.model.case import Cite, Complaint, Source
from safeguards.model.vocab import CitationRole
from safeguards.publish.texts import Writer
from safeguards.report.build import build_report
from safeguards.report.render import write_html, write_md
from safeguards.results import Proof
from safeguards.rules.compile import RuleSet
from tests.conftest import CASES


def _source(sid: str, kind: str = "ngo_report", grade: str = "B", info: int = 2, read: bool | None = True,
            relays: str | None = None) -> Source:
    data: dict[str, Any] = {"id": sid, "kind": kind, "title": sid, "connection": "ngo",
                            "reliability": {"source": grade, "information": info}, "read": read, "relays": relays}
    return Source.model_validate(data)


def _grade(*cites: tuple[Source, CitationRole | None]) -> Proof:
    sources = {s.id: s for s, _ in cites}
    return grade_fact([cite(s, r) for s, r in cites], sources).label


def test_un_decision_reciting_an_allegation_is_not_a_finding() -> None:
    decision = _source("cat", kind="un_decision", grade="A")
    assert _grade((decision, None)) == "single_account"  # plain id: a decision recites allegations too
    assert _grade((decision, "allegation")) == "single_account"
    assert _grade((decision, "finding")) == "finding_of_competent_body"
    court = _source("court", kind="court_record", grade="A")
    assert _grade((court, None)) == "single_account"


@pytest.mark.parametrize("read", [False, None])
def test_a_source_not_read_never_gives_a_finding(read: bool | None) -> None:
    decision = _source("cat", kind="un_decision", grade="A", read=read)
    for role in ("finding", "uncontested", "record"):
        assert _grade((decision, role)) == "single_account"  # type: ignore[arg-type]
    cited = cite(decision, "finding")
    assert cited.role == "allegation"
    assert ("cited, not read" if read is False else "not marked as read") in Writer().cite(cited.describe())


def test_a_source_not_read_does_not_corroborate() -> None:
    # Gerasimov: counsel's report of the decision, and the decision known only through it, are one account.
    assert _grade((_source("osji"), None), (_source("cat", kind="un_decision", grade="A", read=False), None)) \
        == "single_account"


def test_two_outlets_relaying_one_wire_story_are_one_source() -> None:
    wire = _source("afp", kind="media", grade="F", info=6, read=False)
    one = _source("euractiv", kind="media", relays="afp")
    two = _source("other-outlet", kind="media", relays="afp")
    sources = {s.id: s for s in (wire, one, two)}
    assert grade_fact([cite(one, None), cite(two, None)], sources).label == "single_account"
    # The same two outlets reporting on their own are independent.
    apart = [_source("euractiv", kind="media"), _source("other-outlet", kind="media")]
    assert grade_fact([cite(s, None) for s in apart]).label == "corroborated"
    # Chains are followed: an outlet relaying an outlet that relays the wire is the wire too.
    three = _source("third", kind="media", relays="euractiv")
    sources["third"] = three
    assert grade_fact([cite(two, None), cite(three, None)], sources).label == "single_account"


@pytest.mark.parametrize("grade", ["E", "F"])
def test_e_and_f_sources_do_not_corroborate(grade: str) -> None:
    assert _grade((_source("a"), None), (_source("b", grade=grade), None)) == "single_account"
    # nor give a record or a finding
    assert _grade((_source("med", kind="medical_record", grade=grade), None)) == "single_account"
    assert _grade((_source("cat", kind="un_decision", grade=grade), "finding")) == "single_account"


def test_improbable_information_does_not_corroborate() -> None:
    assert _grade((_source("a"), None), (_source("b", info=5), None)) == "single_account"


def test_a_record_or_the_state_not_contesting() -> None:
    assert _grade((_source("med", kind="medical_record"), None)) == "corroborated"
    assert _grade((_source("register", kind="official_statement"), "record")) == "corroborated"
    assert _grade((_source("cat", kind="un_decision", grade="A"), "uncontested")) == "not_contested_by_state"
    assert grade_fact([]).label == "no_source_cited"


def _cites(*pairs: tuple[Source, CitationRole | None]) -> list[Cited]:
    return [cite(s, r) for s, r in pairs]


def test_the_weakest_fact_decides() -> None:
    decision = _source("cat", kind="un_decision", grade="A")
    strong = _cites((decision, "finding"))
    weak = _cites((_source("hrw"), None))
    assert grade_finding({"torture": strong}).label == "finding_of_competent_body"
    graded = grade_finding({"torture": strong, "apprehended": weak})
    assert graded.label == "single_account"
    assert Writer().text(graded.reason).startswith("weakest fact apprehended: hrw (allegation)")
    assert grade_finding({"torture": strong, "place": []}).label == "no_source_cited"


def test_allegations_only_flag() -> None:
    two_accounts = _cites((_source("a"), None), (_source("b"), None))
    graded = grade_finding({"lawyer_access": two_accounts})
    assert graded.label == "corroborated"
    assert graded.allegations_only  # corroborated allegations are still allegations
    record = _cites((_source("med", kind="medical_record"), None))
    assert not grade_finding({"lawyer_access": two_accounts, "medical_exam": record}).allegations_only
    assert grade_finding({"unofficial_place": []}).allegations_only
    unread = _cites((_source("cat", kind="un_decision", grade="A", read=False), "finding"))
    assert grade_finding({"torture": unread}).allegations_only


def test_every_label_is_explained() -> None:
    assert set(PROOF_TEXT) == set(Proof.__args__)  # type: ignore[attr-defined]
    assert "burden_not_discharged" in PROOF_TEXT


# --- the case-file forms -------------------------------------------------------------------


def test_plain_id_and_mapping_forms() -> None:
    rec = Complaint.model_validate({"id": "c1", "sources": ["s1", {"source": "s2", "as": "finding", "note": "para 9"}]})
    assert rec.source_ids() == ("s1", "s2")
    assert rec.citations() == (Cite("s1", None), Cite("s2", "finding"))
    # A dump reads back as the same record (contested versions and validate rely on it).
    dumped = rec.model_dump()
    assert dumped["sources"] == ["s1", {"source": "s2", "as": "finding", "note": "para 9"}]
    assert Complaint.model_validate(dumped) == rec


CASE = """\
schema_version: 1
id: proof-example
title: Proof example
jurisdiction: KZ
timezone: Asia/Almaty
status: draft
subject: p1
people:
  - id: p1
    role: detainee
    name_known: false
    consent: {{decision: pseudonym_only, pseudonym: AA, basis: consent_given}}
sources:
  - {{id: s1, kind: un_decision, title: A decision, connection: un_body, read: {read},
     reliability: {{source: A, information: 2}}}}
episodes:
  - id: ep-1
    events:
      - type: apprehension
        status: happened
        at: "2020-03-01T10:00"
        sources: [{{source: s1, as: {role}}}]
      - type: interrogation
        status: happened
        at: "2020-03-01T11:00"
        lawyer_present: false
        sources: [{{source: s1, as: {role}}}]
"""


@pytest.mark.parametrize(("read", "role", "expected"), [
    ("true", "finding", "finding_of_competent_body"),
    ("false", "finding", "single_account"),
    ("true", "allegation", "single_account"),
])
def test_the_engine_grades_from_the_case_file(tmp_path: Path, rules: RuleSet, read: str, role: str,
                                              expected: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(read=read, role=role))
    result = evaluate(load_case(path), rules)
    finding = next(f for f in result.findings if f.rule_id == "lawyer-not-before-questioning")
    assert finding.outcome == "breach"
    assert finding.standard_of_proof == expected
    assert finding.allegations_only is (expected == "single_account")


def test_unknown_role_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(read="true", role="proven"))
    loaded = load(str(path))
    assert not loaded.ok
    problem = next(p for p in loaded.problems if "proven" in p.message)
    assert (problem.code, problem.line, problem.column) == ("invalid-value", 22, 36)
    assert problem.render().startswith(f"{path}:22:36: ")
    assert "'finding'" in problem.hint


def test_unstated_read_is_a_warning_for_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(read="null", role="finding"))
    codes = {(p.code, p.line) for p in load(str(path)).problems}
    assert ("read-not-stated", 22) in codes


# --- reports -------------------------------------------------------------------------------


@pytest.mark.parametrize("writer", [write_md, write_html], ids=["md", "html"])
def test_every_report_explains_the_labels_it_uses(rules: RuleSet, writer: Any) -> None:
    loaded = load(str(CASES / "kz-2007-gerasimov.yaml"))
    result = evaluate(loaded, rules)
    text = writer(build_report(loaded, result, rules, timestamp=False), rules)
    assert "Standards of proof" in text
    assert LEGEND_NOTE in text
    used = {f.standard_of_proof for f in result.findings} | {a.standard_of_proof for a in result.articles}
    for label in used:
        assert PROOF_TEXT[label] in text
    assert "cited, not read" in text
    assert "established" not in text.lower().replace("established to have been made", "")


def test_a_met_on_allegations_says_so(rules: RuleSet) -> None:
    loaded = load(str(CASES / "kz-2017-erimbetov.yaml"))
    result = evaluate(loaded, rules)
    met = [f for f in result.findings if f.outcome == "met" and f.allegations_only]
    assert met
    text = write_md(build_report(loaded, result, rules, timestamp=False), rules)
    assert "respected (on allegations only" in text
