"""First-hours facts: waivers, private and independent lawyers, independent examiners, reports, family and consulate."""

from __future__ import annotations

from tests.facts.helpers import ABSENT, case, ev, facts, value

WAIVER = {"informed": True, "voluntary": True, "verified": True, "sources": ["s2"]}


def test_waiver_counts_only_when_informed_voluntary_and_verified() -> None:
    ok = case(ev("interrogation", "2020-03-01T11:00", lawyer_present=False, waiver=WAIVER))
    assert value(ok, "lawyer_waived") is True
    assert "s2" in facts(ok)["lawyer_waived"].sources  # the waiver's own sources count
    forced = case(ev("interrogation", "2020-03-01T11:00", lawyer_present=False,
                     waiver={**WAIVER, "voluntary": False}))
    assert value(forced, "lawyer_waived") is False
    unverified = case(ev("interrogation", "2020-03-01T11:00", lawyer_present=False,
                         waiver={"informed": True, "voluntary": True}))
    assert value(unverified, "lawyer_waived") == ABSENT
    none = case(ev("interrogation", "2020-03-01T11:00", lawyer_present=False))
    assert value(none, "lawyer_waived") is False
    # A questioning after the lawyer came, presence unrecorded, is not shown to be without a lawyer.
    later = case(ev("lawyer_access", "2020-03-01T11:00"), ev("interrogation", "2020-03-01T12:00"))
    assert value(later, "lawyer_waived") == ABSENT
    before = case(ev("interrogation", "2020-03-01T10:30"), ev("lawyer_access", "2020-03-01T12:00"))
    assert value(before, "lawyer_waived") is False


def test_request_to_lawyer_and_lawyer_quality() -> None:
    got = case(ev("lawyer_request", "2020-03-01T11:00"),
               ev("lawyer_access", "2020-03-04T11:00", private=False, lawyer_type="state_appointed",
                  picked_by_investigator=True))
    assert value(got, "hours_request_to_lawyer") == (72.0, 72.0)
    assert value(got, "lawyer_private") is False
    assert value(got, "lawyer_picked_by_investigator") is True
    chosen = case(ev("lawyer_access", "2020-03-01T11:00", private=True, lawyer_type="chosen"))
    assert value(chosen, "lawyer_private") is True
    assert value(chosen, "lawyer_picked_by_investigator") is False
    unknown = case(ev("lawyer_access", "2020-03-01T11:00", lawyer_type="state_appointed"))
    assert value(unknown, "lawyer_picked_by_investigator") == ABSENT
    assert value(unknown, "lawyer_private") == ABSENT
    assert value(case(ev("lawyer_request", "2020-03-01T11:00")), "hours_request_to_lawyer") == ABSENT


def test_independence_is_from_the_detaining_body() -> None:
    def indep(**fields: object) -> object:
        return value(case(ev("medical_examination", "2020-03-01T14:00", **fields)), "independent_exam")

    assert indep(examiner="ambulance", officers_present=False) is True
    assert indep(examiner="prison", officers_present=False) is True
    assert indep(examiner="facility", officers_present=False) is False
    assert indep(examiner="police_medical", officers_present=False) is False
    assert indep(examiner="independent", officers_present=True) is False
    assert indep(examiner="state_forensic", officers_present=False) == ABSENT
    assert indep(examiner="ambulance") == ABSENT


def test_medical_report_request_and_time_to_release() -> None:
    withheld = case(ev("medical_examination", "2020-03-01T14:00", report_access=True),
                    ev("medical_examination", "2020-03-02T14:00", report_access=False))
    assert value(withheld, "medical_report_access") is False
    given = case(ev("medical_examination", "2020-03-01T14:00", report_access=True))
    assert value(given, "medical_report_access") is True
    assert value(case(ev("medical_examination", None, report_access=False)), "medical_report_access") == ABSENT
    assert value(case(ev("medical_request", response="granted")), "medical_requested") is True
    assert value(case(), "medical_requested") == ABSENT
    injured = case(ev("ill_treatment", "2020-03-01T12:00", injuries="bruises"))
    assert value(injured, "hours_injury_to_release") == (94.0, 94.0)
    assert value(case(ev("ill_treatment", "2020-03-01T12:00", injuries="bruises"), release=False),
                 "hours_injury_to_release") == ABSENT


def test_family_place_transfers_and_consulate() -> None:
    got = case(ev("family_notification", "2020-03-01T11:00", place_disclosed=False),
               ev("family_notification", "2020-03-01T15:00", place_disclosed=True),
               ev("transfer", "2020-03-02T10:00", family_notified=False))
    assert value(got, "hours_to_family") == (1.0, 1.0)
    assert value(got, "family_told_place") is True
    assert value(got, "hours_to_family_place") == (5.0, 5.0)
    assert value(got, "transfers_notified") is False
    told = case(ev("transfer", "2020-03-02T10:00", family_notified=True))
    assert value(told, "transfers_notified") is True
    assert value(case(ev("transfer", "2020-03-02T10:00")), "transfers_notified") == ABSENT
    consul = case(ev("family_notification", "2020-03-01T20:00", consulate=True),
                  ev("rights_information", "2020-03-01T10:30", consular=True))
    assert value(consul, "family_notified") == ABSENT  # a consulate is not family
    assert value(consul, "consulate_notified") is True
    assert value(consul, "hours_to_consulate") == (10.0, 10.0)
    assert value(consul, "consular_informed") is True


def test_juvenile_from_age() -> None:
    assert value(case(person={"age": 16}), "juvenile") is True
    assert value(case(person={"age": 18}), "juvenile") is False
    assert value(case(person={"age": None}), "juvenile") == ABSENT
    assert value(case(person={"age": None, "vulnerabilities": ["child"]}), "juvenile") is True
    assert value(case(person={"age": 16}), "juvenile", scope="case") is True


def test_exam_of_unknown_status_keeps_no_exam_open() -> None:
    got = case(ev("medical_examination", "2020-03-01T14:00", "unknown"),
               ev("medical_examination", None, "not_happened"))
    assert value(got, "medical_exam") == ABSENT
    assert value(case(ev("medical_examination", None, "not_happened")), "medical_exam") is False
