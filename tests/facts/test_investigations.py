"""Investigations judged on effectiveness; first notice from any source; art 4 accountability; art 15 proceedings."""

from __future__ import annotations

from typing import Any

from tests.facts.helpers import ABSENT, case, ev, value

COMPLAINT: dict[str, Any] = {"id": "c1", "status": "happened", "to": "Prosecutor", "body_kind": "prosecutor",
                             "at": "2020-03-10", "sources": ["s1"]}
INV: dict[str, Any] = {"id": "i1", "status": "happened", "body": "Prosecutor", "opened_at": "2020-03-12",
                       "triggered_by": ["c1"], "sources": ["s1"]}
ACT = ev("ill_treatment", methods=["asphyxiation"], purpose=["confession"], involvement="direct")
MEDIA: dict[str, Any] = {"id": "n1", "kind": "media_report", "status": "happened", "at": "2020-03-03",
                         "sources": ["s1"]}


def test_first_notice_counts_public_reports_and_injuries_before_a_judge() -> None:
    assert value(case(ACT, complaints=[COMPLAINT], investigations=[INV]), "days_to_investigation", "case") \
        == (1.0, 3.0)
    got = case(ACT, complaints=[COMPLAINT], investigations=[INV], notices=[MEDIA])
    assert value(got, "days_to_investigation", "case") == (8.0, 10.0)
    judge = ev("court_appearance", "2020-03-02T00:00", allegation_raised=True)
    assert value(case(ACT, judge, complaints=[COMPLAINT], investigations=[INV]), "days_to_investigation",
                 "case") == (10.0, 11.0)
    # A UN body's complaint date is not notice to the State; its transmittal (a notice) is.
    un = {**COMPLAINT, "body_kind": "un_special_procedure", "at": "2020-03-01"}
    assert value(case(ACT, complaints=[COMPLAINT, un], investigations=[INV]), "days_to_investigation",
                 "case") == (1.0, 3.0)


def test_a_notice_that_may_have_come_earlier_widens_the_interval() -> None:
    # A court appearance whose allegation is not recorded may have been the first notice.
    hearing = ev("court_appearance", "2020-03-02T00:00")
    got = value(case(ACT, hearing, complaints=[COMPLAINT], investigations=[INV]), "days_to_investigation", "case")
    assert got == (1.0, 11.0)
    # An undated complaint can be as early as the apprehension.
    undated = {k: v for k, v in COMPLAINT.items() if k != "at"}
    got = value(case(ACT, complaints=[COMPLAINT, {**undated, "id": "c2"}], investigations=[INV]),
                "days_to_investigation", "case")
    assert isinstance(got, tuple) and got[0] == 1.0 and got[1] > 11.5
    # A complaint of unknown status dated earlier: the same.
    maybe = {**COMPLAINT, "id": "c2", "status": "unknown", "at": "2020-03-05"}
    assert value(case(ACT, complaints=[COMPLAINT, maybe], investigations=[INV]), "days_to_investigation",
                 "case") == (1.0, 8.0)


def test_an_undated_opening_may_be_the_first() -> None:
    other = {**INV, "id": "i2", "opened_at": None}
    got = value(case(ACT, complaints=[COMPLAINT], investigations=[{**INV, "opened_at": "2020-04-10"}, other]),
                "days_to_investigation", "case")
    assert got == (0.0, 32.0)


def test_forensic_exam_timing_and_steps() -> None:
    inv = {**INV, "forensic_exam_at": "2020-03-20", "outcome": "closed_no_charges", "victim_heard": False}
    got = case(ACT, complaints=[COMPLAINT], investigations=[inv])
    assert value(got, "days_to_forensic_exam", "case") == (9.0, 11.0)
    assert value(got, "forensic_exam", "investigation") is True
    assert value(got, "closed_without_charges", "investigation") is True
    assert value(got, "steps_complete", "investigation") is False
    assert value(got, "steps_missing", "investigation") == ["victim heard"]
    done = {**inv, "victim_heard": True, "witnesses_heard": True, "suspects_identified": True,
            "victim_informed": True}
    assert value(case(ACT, complaints=[COMPLAINT], investigations=[done]), "steps_complete", "investigation") is True
    assert value(case(ACT, complaints=[COMPLAINT], investigations=[{**INV, "outcome": "ongoing"}]),
                 "closed_without_charges", "investigation") is False
    assert value(case(ACT, investigations=[INV]), "steps_complete", "investigation") == ABSENT


def test_denial_before_findings() -> None:
    den = {"id": "r1", "kind": "denial", "at": "2020-03-14", "sources": ["s2"]}
    ongoing = {**INV, "outcome": "ongoing"}
    got = case(ACT, complaints=[COMPLAINT], investigations=[ongoing], official_responses=[den])
    assert value(got, "state_denied", "case") is True
    assert value(got, "denial_before_findings", "case") is True
    closed = {**INV, "outcome": "closed_no_charges", "closed_at": "2020-03-13"}
    got = case(ACT, complaints=[COMPLAINT], investigations=[closed], official_responses=[den])
    assert value(got, "denial_before_findings", "case") is False
    unknown = {**INV, "outcome": "closed_no_charges"}
    got = case(ACT, complaints=[COMPLAINT], investigations=[unknown], official_responses=[den])
    assert value(got, "denial_before_findings", "case") == ABSENT
    refused = {"id": "i1", "status": "happened", "body": "Prosecutor", "outcome": "refused_to_open", "sources": ["s1"]}
    got = case(ACT, complaints=[COMPLAINT], investigations=[refused], official_responses=[den])
    assert value(got, "denial_before_findings", "case") is True
    ack = {**den, "kind": "acknowledgement"}
    assert value(case(ACT, official_responses=[ack]), "state_denied", "case") is False


PROS: dict[str, Any] = {"id": "pr1", "kind": "prosecution_of_perpetrators", "sources": ["s1"]}


def test_accountability() -> None:
    lesser = {**PROS, "offence": "exceeding official powers", "torture_offence": False, "sentence": "suspended",
              "sentence_months": 24, "defendants_rank": "junior_only", "superiors_implicated": True,
              "impunity": "none"}
    inv = {**INV, "outcome": "charges_brought", "impunity": "none", "disciplinary": "none"}
    got = case(ACT, complaints=[COMPLAINT], investigations=[inv], proceedings=[lesser])
    assert value(got, "charged_with_torture", "case") is False
    assert value(got, "offences_charged", "case") == ["exceeding official powers"]
    assert value(got, "perpetrators_convicted", "case") is True  # a sentence implies a conviction
    assert value(got, "penalty_custodial", "case") is False
    assert value(got, "sentences", "case") == ["suspended (24 months)"]
    assert value(got, "superiors_unprosecuted", "case") is True
    assert value(got, "impunity_measure", "case") is False
    assert value(got, "officials_disciplined", "case") is False
    jailed = {**PROS, "torture_offence": True, "convicted": True, "sentence": "imprisonment", "impunity": "pardon"}
    got = case(ACT, complaints=[COMPLAINT], investigations=[INV], proceedings=[jailed])
    assert value(got, "charged_with_torture", "case") is True
    assert value(got, "penalty_custodial", "case") is True
    assert value(got, "impunity_measure", "case") is True
    assert value(got, "impunity_measures", "case") == ["pardon"]
    # A second prosecution whose outcome is unknown may have ended in a lenient penalty.
    got = case(ACT, investigations=[INV], proceedings=[jailed, {**PROS, "id": "pr2"}])
    assert value(got, "penalty_custodial", "case") == ABSENT
    closed = {**INV, "outcome": "closed_no_charges"}
    assert value(case(ACT, investigations=[closed]), "perpetrators_convicted", "case") is False
    assert value(case(ACT), "charged_with_torture", "case") == ABSENT


TRIAL: dict[str, Any] = {"id": "t1", "kind": "trial_of_detainee", "sources": ["s1"]}


def test_art15_any_proceedings_and_verification() -> None:
    other = {**TRIAL, "kind": "trial_of_other", "torture_alleged": True, "confession_used": True,
             "court_response": "ignored"}
    got = case(proceedings=[other])
    assert value(got, "in_proceedings", "case") is True
    assert value(got, "tried", "case") == ABSENT
    assert value(got, "unverified_coerced_statement_used", "case") is True
    verified = {**other, "court_response": "verified_and_rejected"}
    got = case(proceedings=[verified])
    assert value(got, "unverified_coerced_statement_used", "case") is False
    assert value(got, "court_verified_allegation", "case") is True
    never = {**TRIAL, "torture_alleged": False}
    assert value(case(proceedings=[never]), "coercion_alleged", "case") is False
    # The perpetrators' own trial may use the statement as evidence that it was made.
    assert value(case(proceedings=[{**other, "kind": "prosecution_of_perpetrators"}]), "in_proceedings",
                 "case") == ABSENT
    # An unknown allegation in a second proceeding keeps verification undecided.
    got = case(proceedings=[verified, {**TRIAL, "id": "t2", "court_response": "ignored"}])
    assert value(got, "court_verified_allegation", "case") == ABSENT


def test_broadcast_confession() -> None:
    conf = ev("confession", broadcast=True, under_duress=True)
    got = case(conf)
    assert value(got, "confession_broadcast") is True
    assert value(got, "broadcast_confession_coerced") is True
    quiet = ev("confession", broadcast=False, under_duress=True)
    assert value(case(quiet), "confession_broadcast") is False
    assert value(case(quiet), "broadcast_confession_coerced") == ABSENT
