"""The engine defects of the legal review (shared/reviews/legal-review.md, section A), one probe each.

Each test builds the reviewer's probe on the fixture base case and asserts what the law requires; each
failed on the engine before the rewrite (the old outcome is noted beside it).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from safeguards.casefile import check_document
from safeguards.engine.articles import conclude
from safeguards.engine.evaluate import evaluate_case
from safeguards.model.case import Case
from safeguards.results import Finding
from safeguards.rules.compile import RuleSet, load_rules
from safeguards.yamlsource import Document

ROOT = Path(__file__).resolve().parent.parent
BASE = yaml.safe_load((ROOT / "rules" / "fixtures" / "base.yaml").read_text(encoding="utf-8"))


@functools.cache
def _rules() -> RuleSet:
    return load_rules(ROOT / "rules")


def ev(kind: str, at: str | None = None, **kw: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"type": kind, "status": kw.pop("status", "happened")}
    if at:
        d["at"] = at
    return {**d, **kw, "sources": kw.pop("sources", ["s1"])}


APPR = ev("apprehension", "2020-03-01T10:00")


def case(**parts: Any) -> Case:
    loaded = check_document(Document("probe.yaml", {**BASE, **parts}, None))
    assert loaded.case is not None, loaded.errors
    return loaded.case


def findings(c: Case, profile: str = "international") -> list[Finding]:
    return evaluate_case(c, _rules(), profile)


def outcome(fs: list[Finding], rule: str, law: str = "convention") -> str:
    return next(f.outcome for f in fs if f.rule_id == rule and f.law == law)


def articles(fs: list[Finding]) -> dict[str, str]:
    return {a.article: a.outcome for a in conclude(fs)}


def episode(*events: dict[str, Any], **kw: Any) -> list[dict[str, Any]]:
    return [{"id": "ep-1", "events": [APPR, *events], **kw}]


# --- A.2 three-valued logic -------------------------------------------------------------------------


def test_a2a_no_false_torture_message_when_torture_is_undecided() -> None:
    # A plain beating, no purpose, investigation closed without charges. Old: breach "The facts indicate torture".
    c = case(episodes=episode(ev("ill_treatment", "2020-03-01T12:00", methods=["beating"], involvement="direct")),
             investigations=[{"id": "i1", "status": "happened", "body": "Prosecutor", "outcome": "closed_no_charges",
                              "sources": ["s1"]}])
    f = next(f for f in findings(c) if f.rule_id == "no-prosecution-despite-torture")
    assert f.outcome == "insufficient_information"
    assert "indicate torture" not in f.message


def test_a2a_a_death_whose_link_to_custody_is_open_is_undecided() -> None:
    # Release and death known to the year only. Old: evaluated as a custodial death.
    c = case(episodes=[{"id": "ep-1", "events": [ev("apprehension", "2020"), ev("release", "2020"),
                                                 ev("death", "2020", autopsy="none")]}])
    assert outcome(findings(c), "death-not-independently-investigated") == "insufficient_information"


def test_a2b_an_undated_examination_is_not_an_examination_in_custody() -> None:
    # Old: "met" for no-medical-examination on an undated exam by facility staff with officers present.
    c = case(episodes=episode(ev("medical_examination", examiner="facility", officers_present=True)))
    assert outcome(findings(c), "medical-exam-not-prompt") == "insufficient_information"


def test_a2c_records_without_status_are_unknown() -> None:
    # Old: an investigation with no status counted as opened ("met").
    c = case(episodes=episode(ev("ill_treatment", "2020-03-01T12:00", methods=["beating"], involvement="direct")),
             investigations=[{"id": "i1", "body": "Prosecutor", "sources": ["s1"]}])
    assert outcome(findings(c), "no-investigation-opened") == "insufficient_information"


def test_a2d_an_unsourced_place_flag_decides_nothing() -> None:
    # Old: "met" at standard "alleged" on the analyst's flag alone.
    c = case(episodes=episode(places=[{"id": "pl", "name": "Station", "type": "police_station", "official": True}]))
    assert outcome(findings(c), "unofficial-place-of-detention") == "insufficient_information"


def test_a2e_none_apparent_does_not_decide_torture() -> None:
    # Old: purpose none_apparent made torture "met" ("No act meeting the definition of torture").
    c = case(episodes=episode(ev("ill_treatment", "2020-03-01T12:00", methods=["asphyxiation"],
                                 purpose=["none_apparent"], involvement="direct")))
    assert outcome(findings(c), "torture-indicated") == "insufficient_information"


# --- A.3 one act ------------------------------------------------------------------------------------


def test_a3_elements_of_different_acts_do_not_add_up() -> None:
    # Asphyxiation by a cellmate acting alone + insults by an investigator for a confession. Old: torture breach.
    c = case(episodes=episode(
        ev("ill_treatment", "2020-03-01T12:00", methods=["asphyxiation"], involvement="none",
           purpose=["none_apparent"]),
        ev("ill_treatment", "2020-03-01T14:00", methods=["humiliation"], involvement="direct", purpose=["confession"])))
    fs = findings(c)
    assert outcome(fs, "torture-indicated") != "breach"
    assert articles(fs)["1"] != "violation_indicated"


def test_a3_a_course_of_conduct_the_file_links_is_one_act() -> None:
    c = case(episodes=episode(
        ev("ill_treatment", "2020-03-01T12:00", methods=["asphyxiation"], involvement="direct", course="k1"),
        ev("ill_treatment", "2020-03-01T14:00", methods=["humiliation"], purpose=["confession"], involvement="direct",
           course="k1")))
    assert outcome(findings(c), "torture-indicated") == "breach"


def test_a15_threats_of_rape_are_severe_mental_suffering() -> None:
    # Old: threat_of_sexual_violence was not "severe"; torture undecided.
    c = case(episodes=episode(ev("ill_treatment", "2020-03-01T12:00", methods=["threat_of_sexual_violence"],
                                 purpose=["confession"], involvement="direct")))
    assert outcome(findings(c), "torture-indicated") == "breach"


# --- A.4 burden of proof ----------------------------------------------------------------------------


def test_a4_a_bare_denial_does_not_rebut_injuries_in_custody() -> None:
    # Old: official_responses were never read.
    c = case(episodes=episode(ev("ill_treatment", "2020-03-01T12:00", methods=["beating"], injuries="bruises")),
             official_responses=[{"id": "r1", "kind": "denial", "basis": "visual_check", "sources": ["s2"]}])
    f = next(f for f in findings(c) if f.rule_id == "unexplained-injuries-in-custody")
    assert f.outcome == "breach" and f.standard_of_proof == "burden_not_discharged"
    assert articles(findings(c))["16"] == "violation_indicated"


# --- A.5 article mapping ----------------------------------------------------------------------------


def test_a5_a_missing_lawyer_is_not_an_art_15_matter() -> None:
    # Questioned without a lawyer, released without charge. Old: art 15 violation indicated.
    c = case(episodes=episode(ev("interrogation", "2020-03-01T11:00", lawyer_present=False),
                              ev("release", "2020-03-01T18:00", charged=False)))
    fs = findings(c)
    assert outcome(fs, "lawyer-not-before-questioning") == "breach"
    assert articles(fs)["15"] != "violation_indicated"


def test_a5_a_letter_to_a_special_rapporteur_is_not_art_22() -> None:
    # Old: intimidation after a letter to a Special Rapporteur gave an art 22 violation.
    c = case(episodes=episode(),
             complaints=[{"id": "c1", "status": "happened", "body_kind": "un_special_procedure", "to": "SR",
                          "sources": ["s1"]}],
             reprisals=[{"id": "rp", "kind": "intimidation", "status": "happened", "follows": ["c1"],
                         "sources": ["s1"]}])
    fs = findings(c)
    assert articles(fs)["22"] != "violation_indicated"
    assert outcome(fs, "reprisal-against-complainant") == "breach"  # a reprisal all the same (art 13)


def test_a5_interim_measures_are_art_22_and_art_3_needs_a_risk() -> None:
    # Removal in defiance of interim measures, no risk claimed. Old: art 3 violation indicated.
    c = case(episodes=episode(), removals=[{"id": "rm", "kind": "extradition", "status": "happened",
                                           "interim_measures_ignored": True, "risk_claimed": False,
                                           "sources": ["s1"]}])
    arts = articles(findings(c))
    assert arts["3"] != "violation_indicated" and arts["22"] == "violation_indicated"


def test_a5_art_11_is_a_pattern_not_one_case() -> None:
    # Six interviewers. Old: "art 11: violation indicated, established".
    c = case(episodes=episode(ev("interrogation", "2020-03-01T11:00", officials_count=6)))
    assert articles(findings(c))["11"] == "concern"


def test_a5_a_short_incommunicado_is_not_art_16() -> None:
    # Contact refused for two hours, then family and lawyer. Old: arts 2 and 16 violation indicated.
    c = case(episodes=episode(ev("contact_denied", "2020-03-01T10:00", contact="any"),
                              ev("family_notification", "2020-03-01T12:00"), ev("lawyer_access", "2020-03-01T12:30"),
                              ev("release", "2020-03-02T10:00")))
    arts = articles(findings(c))
    assert arts["2"] == "violation_indicated" and arts["16"] != "violation_indicated"


def test_a5_an_implicated_investigator_without_a_complaint_is_art_12_only() -> None:
    c = case(episodes=episode(), investigations=[{"id": "i1", "status": "happened", "body": "Same unit",
                                                 "relation": "same_unit", "sources": ["s1"]}])
    arts = articles(findings(c))
    assert arts["12"] == "violation_indicated" and arts["13"] != "violation_indicated"


# --- A.7 art 15 verification ------------------------------------------------------------------------


def test_a7_a_verified_allegation_is_no_art_15_breach() -> None:
    # Old: art 15 violation although the court verified and rejected the allegation.
    c = case(episodes=episode(), proceedings=[{"id": "t", "kind": "trial_of_detainee", "torture_alleged": True,
                                              "confession_used": True, "court_response": "verified_and_rejected",
                                              "sources": ["s1"]}])
    assert outcome(findings(c), "coerced-statement-used-as-evidence") == "met"


# --- A.8 national law -------------------------------------------------------------------------------


def test_a8_a_national_limit_never_makes_a_convention_breach_compliant() -> None:
    # A hearing 60 h after apprehension. Old: kz "met", so arts 2 and 11 "no violation indicated" under kz.
    c = case(episodes=episode(ev("court_appearance", "2020-03-03T22:00", physically_present=False)))
    kz = findings(c, "kz")
    assert outcome(kz, "judicial-control-delayed") == "breach"
    assert outcome(kz, "judicial-control-delayed", law="national") == "met"
    assert articles(kz)["2"] == "violation_indicated"


def test_a8_a_national_profile_applies_only_to_its_states() -> None:
    c = case(jurisdiction="ES", episodes=episode(ev("court_appearance", "2020-03-03T22:00")))
    kz = findings(c, "kz")
    assert not [f for f in kz if f.law == "national"]
    assert all(f.recommendation is None for f in kz)


def test_a8_kazakh_recommendations_appear_in_kazakh_cases() -> None:
    c = case(episodes=episode(ev("court_appearance", "2020-03-05T10:00")))
    f = next(f for f in findings(c) if f.rule_id == "judicial-control-delayed")
    assert f.recommendation is not None and "CAT/C/KAZ" in f.recommendation


# --- A.14 duty of care, A.16 law by date ------------------------------------------------------------


def test_a14_violence_by_cellmates_in_custody_never_shows_compliance() -> None:
    # Old: "met" because the violence was "not attributed to officials".
    c = case(episodes=episode(ev("ill_treatment", "2020-03-01T12:00", methods=["violence_by_cellmates"],
                                 involvement="none")))
    assert outcome(findings(c), "ill-treatment-by-officials") == "insufficient_information"


def test_a16_later_instruments_are_cited_as_interpretation() -> None:
    c = case(episodes=[{"id": "ep-1", "events": [ev("apprehension", "2007-03-27T10:00"),
                                                 ev("ill_treatment", "2007-03-27T12:00", methods=["beating"],
                                                    injuries="bruises")]}])
    f = next(f for f in findings(c) if f.rule_id == "unexplained-injuries-in-custody")
    later = {c.instrument for c in f.legal_basis if c.timing == "later"}
    assert "CAT/C/KAZ/CO/4" in later
    assert all(c.timing == "in_force" for c in f.legal_basis if c.instrument.startswith("Ribitsch"))
