"""Burden of proof: injuries in custody and what the State said about them."""

from __future__ import annotations

from typing import Any

from tests.facts.helpers import ABSENT, case, ev, value


def resp(**fields: Any) -> dict[str, Any]:
    return {"id": "or", "kind": "denial", "sources": ["s2"], **fields}


def test_injured_in_custody() -> None:
    got = case(ev("medical_examination", "2020-03-01T11:00", examiner="prison", injuries_found=False),
               ev("medical_examination", "2020-03-02T11:00", examiner="ambulance", injuries_found=True))
    assert value(got, "injured_in_custody", "case") is True
    assert value(got, "healthy_on_entry", "case") is True
    clean = case(ev("medical_examination", "2020-03-01T11:00", injuries_found=False))
    assert value(clean, "injured_in_custody", "case") is False
    assert value(clean, "healthy_on_entry", "case") == ABSENT
    entry_injured = case(ev("medical_examination", "2020-03-01T11:00", injuries_found=True))
    assert value(entry_injured, "healthy_on_entry", "case") is False
    assert value(case(), "injured_in_custody", "case") == ABSENT


def test_injuries_after_release() -> None:
    got = case(ev("medical_care", "2020-03-06T10:00", hospitalised=True, in_custody=False))
    assert value(got, "injured_in_custody", "case") == ABSENT
    assert value(got, "days_release_to_injury", "case") == (1.0, 1.0)
    assert value(case(), "days_release_to_injury", "case") == ABSENT


def test_explanations() -> None:
    contradicting = ev("medical_examination", "2020-03-02T11:00", injuries_found=True, consistency="typical")
    cases = {
        "bare_denial": case(official_responses=[resp()]),
        "denial_on_visual_check": case(official_responses=[resp(basis="visual_check")]),
        "no_response": case(official_responses=[resp(kind="no_response")]),
        "acknowledgement": case(official_responses=[resp(kind="acknowledgement")]),
        "unevidenced_alternative": case(official_responses=[resp(kind="alternative_explanation",
                                                                 basis="witnesses")]),
        "evidenced_alternative": case(official_responses=[resp(kind="alternative_explanation", basis="witnesses",
                                                               evidence=["s1"])]),
        "alternative_contradicted": case(contradicting, official_responses=[
            resp(kind="alternative_explanation", basis="forensic_report", evidence=["s1"])]),
    }
    for label, got in cases.items():
        assert value(got, "state_explanation", "case") == label
        assert value(got, "explanation_rebuts", "case") is (label == "evidenced_alternative")
    own = case(official_responses=[resp(kind="alternative_explanation", basis="documents", evidence=["s2"])])
    assert value(own, "state_explanation", "case") == "unevidenced_alternative"  # the State's own statement
    both = case(official_responses=[resp(), {**resp(kind="alternative_explanation", basis="witnesses",
                                                    evidence=["s1"]), "id": "or2"}])
    assert value(both, "state_explanation", "case") == "evidenced_alternative"
    assert value(case(), "state_explanation", "case") == ABSENT
    assert value(case(), "explanation_rebuts", "case") == ABSENT


def test_death_explanation() -> None:
    death = ev("death", "2020-03-02T10:00")
    got = case(death, release=False, official_responses=[resp(subject="death", basis="visual_check")])
    assert value(got, "death_explanation_rebuts", "death") is False
    assert value(got, "explanation_rebuts", "case") == ABSENT
    assert value(case(death, release=False), "death_explanation_rebuts", "death") == ABSENT
