"""Complaints, investigations, reprisals, redress, proceedings, removals, deaths: unknowns decide nothing."""

from __future__ import annotations

from typing import Any

from tests.facts.helpers import ABSENT, case, ev, value

COMPLAINT: dict[str, Any] = {"id": "c1", "status": "happened", "to": "Prosecutor", "body_kind": "prosecutor",
                             "at": "2020-03-10", "sources": ["s1"]}
INV: dict[str, Any] = {"id": "i1", "status": "happened", "body": "Prosecutor", "relation": "same_agency",
                       "opened_at": "2020-03-12", "victim_heard_at": "2020-03-20", "triggered_by": ["c1"],
                       "outcome": "closed_no_charges", "forensic_exam": True, "suspects_suspended": False,
                       "sources": ["s1"]}


def test_complaint_facts() -> None:
    got = case(complaints=[COMPLAINT], investigations=[INV])
    assert value(got, "complaint_made", "case") is True
    assert value(got, "complained_to_cat", "case") is False
    assert value(got, "complaint_examined", "complaint") is True
    assert value(got, "complaint_to_related_body", "complaint") is True
    assert value(got, "investigator_related", "complaint") is True
    assert value(got, "to_un", "complaint") is False


def test_complaint_registered_prompt_answered() -> None:
    got = case(complaints=[COMPLAINT], investigations=[{**INV, "victim_informed": True}])
    assert value(got, "complaint_lodged", "complaint") is True
    assert value(got, "complaint_registered", "complaint") is True  # an examination was opened on it
    assert value(got, "complaint_answered", "complaint") is True
    assert value(got, "days_to_examination", "complaint") == (1.0, 3.0)
    bare = case(complaints=[COMPLAINT])
    for name in ("complaint_registered", "complaint_answered", "days_to_examination"):
        assert value(bare, name, "complaint") == ABSENT, name
    refused = case(complaints=[{**COMPLAINT, "registered": False, "answered": False}])
    assert value(refused, "complaint_registered", "complaint") is False
    assert value(refused, "complaint_answered", "complaint") is False
    never = case(complaints=[{**COMPLAINT, "status": "not_happened"}])
    assert value(never, "complaint_lodged", "complaint") is False


def test_complaint_without_status_or_source_is_unknown() -> None:
    bare = {k: v for k, v in COMPLAINT.items() if k != "status"}
    for rec in (bare, {**COMPLAINT, "sources": []}):
        got = case(complaints=[rec])
        assert value(got, "complaint_made", "case") == ABSENT  # old code: true (status defaulted to happened)
        assert value(got, "to_un", "complaint") == ABSENT


def test_investigation_facts() -> None:
    got = case(ev("medical_examination", "2020-03-02T10:00", injuries_found=True),
               complaints=[COMPLAINT], investigations=[INV])
    assert value(got, "investigation_opened", "case") is True
    assert value(got, "investigator_related", "case") is True
    assert value(got, "prosecution", "case") is False
    assert value(got, "days_to_investigation", "case") == (9.58, 10.58)
    assert value(got, "days_to_victim_heard", "case") == (17.58, 18.58)
    assert value(got, "opened", "investigation") is True
    assert value(got, "outcome", "investigation") == "closed_no_charges"
    assert value(got, "forensic_exam", "investigation") is True
    assert value(got, "suspects_suspended", "investigation") is False
    assert value(got, "investigator_related", "investigation") is True


def test_investigation_of_unknown_status_is_not_a_failure() -> None:
    unknown = {k: v for k, v in INV.items() if k not in ("status", "outcome")}
    got = case(investigations=[unknown])
    assert value(got, "investigation_opened", "case") == ABSENT  # old code: true
    assert value(got, "opened", "investigation") == ABSENT
    refused = {**unknown, "outcome": "refused_to_open"}
    assert value(case(investigations=[refused]), "investigation_opened", "case") is False
    assert value(case(investigations=[{**refused, "sources": []}]), "investigation_opened", "case") == ABSENT


def test_reprisals() -> None:
    rep = {"id": "r1", "kind": "violence", "status": "happened", "follows": ["c1"], "sources": ["s1"]}
    cat = {**COMPLAINT, "body_kind": "committee_against_torture"}
    got = case(complaints=[cat], reprisals=[rep])
    assert value(got, "reprisal", "case") is True
    assert value(got, "reprisal_kinds", "case") == ["violence"]
    assert value(got, "reprisal_after_complaint", "case") is True
    assert value(got, "reprisal_after_cat_complaint", "case") is True
    assert value(got, "complained_to_cat", "case") is True
    # A Special Rapporteur is a UN body but not the Committee: a reprisal after writing to one is an
    # art 13 reprisal, never an art 22 interference (legal review defect 5).
    sr = case(complaints=[{**COMPLAINT, "body_kind": "un_special_procedure"}], reprisals=[rep])
    assert value(sr, "complained_to_cat", "case") is False
    assert value(sr, "reprisal_after_cat_complaint", "case") == ABSENT
    assert value(sr, "reprisal_after_complaint", "case") is True
    no = case(reprisals=[{**rep, "status": "not_happened"}])
    assert value(no, "reprisal_after_complaint", "case") is False
    bare = {k: v for k, v in rep.items() if k != "status"}
    assert value(case(reprisals=[bare]), "reprisal", "case") == ABSENT  # old code: true


def test_redress_proceedings_removals() -> None:
    got = case(redress=[{"id": "x", "kind": "compensation", "status": "not_happened", "sources": ["s1"]}],
               proceedings=[{"id": "p", "kind": "trial_of_detainee", "confession_used": True, "torture_alleged": True,
                             "court_response": "ignored", "sources": ["s1"]}],
               removals=[{"id": "m", "kind": "extradition", "status": "happened", "risk_claimed": True,
                          "risk_assessed": False, "interim_measures_ignored": True, "sources": ["s1"]}])
    expected = {"compensation_effective": False, "tried": True, "coerced_statement_used": True,
                "court_verified_allegation": False, "removal": True, "removal_risk_claimed": True,
                "risk_assessed": False, "interim_measures_ignored": True}
    for name, want in expected.items():
        assert value(got, name, "case") == want, name
        assert value(case(), name, "case") == ABSENT, name


def _comp(**fields: Any) -> dict[str, Any]:
    return {"id": "x", "kind": "compensation", "status": "happened", "at": "2021-01-01", "sources": ["s1"], **fields}


def test_redress_needs_adequacy_with_a_source_and_payment() -> None:
    ok = {"adequate": True, "adequacy_source": "s2", "paid": True}
    assert value(case(redress=[_comp(**ok)]), "compensation_effective", "case") is True
    # any payment is not redress: adequacy unassessed, or assessed without a source, decides nothing
    assert value(case(redress=[_comp(paid=True)]), "compensation_effective", "case") == ABSENT
    assert value(case(redress=[_comp(adequate=True, paid=True)]), "compensation_effective", "case") == ABSENT
    # a token award, or an award not paid
    token = _comp(adequate=False, adequacy_source="s2", paid=True, amount="USD 20")
    assert value(case(redress=[token]), "compensation_effective", "case") is False
    assert value(case(redress=[_comp(**{**ok, "paid": False})]), "compensation_effective", "case") is False
    assert value(case(redress=[token]), "compensation_amount", "case") == "USD 20"
    # a record of unknown status may be the redress: nothing is decided against the State
    unknown = {**_comp(**ok), "id": "y", "status": "unknown"}
    assert value(case(redress=[token, unknown]), "compensation_effective", "case") == ABSENT
    # rehabilitation is judged apart from compensation
    got = case(redress=[_comp(**ok), {"id": "r", "kind": "rehabilitation", "status": "not_happened",
                                      "as_of": "2022-05-01", "sources": ["s1"]}])
    assert value(got, "compensation_effective", "case") is True
    assert value(got, "rehabilitation_effective", "case") is False
    assert value(got, "redress_as_of", "case") == "2022-05-01"
    assert value(case(), "redress_as_of", "case") == ABSENT


def test_death() -> None:
    death = ev("death", "2020-03-07T10:00", autopsy="state")
    got = case(death, investigations=[{**INV, "subject": "death", "relation": "independent"}])
    assert value(got, "death_in_custody", "death") is False
    assert value(got, "days_after_release", "death") == (2.0, 2.0)
    assert value(got, "autopsy_independent", "death") == "<absent>"  # a State autopsy is not non-independent per se
    assert value(got, "died", "death") is True
    assert value(got, "investigation_opened", "death") is True
    assert value(got, "investigator_related", "death") is False
    unknown = {k: v for k, v in INV.items() if k != "status"}
    assert value(case(death, investigations=[{**unknown, "subject": "death"}]), "investigation_opened",
                 "death") == ABSENT  # old code: false
