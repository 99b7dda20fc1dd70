"""Medical facts: an undated examination is not one in custody; an examination is not care."""

from __future__ import annotations

from tests.facts.helpers import ABSENT, case, ev, value


def test_dated_exam_in_custody() -> None:
    got = case(ev("medical_examination", "2020-03-01T14:00", examiner="independent", officers_present=False))
    assert value(got, "medical_exam") is True
    assert value(got, "independent_exam") is True
    assert value(got, "exam_with_officers_present") is False
    assert value(got, "hours_to_medical_exam") == (4.0, 4.0)


def test_undated_exam_leaves_it_undecided() -> None:
    # Old code: an undated facility examination with officers present made medical_exam true ("met").
    got = case(ev("medical_examination", None, examiner="facility", officers_present=True))
    for name in ("medical_exam", "independent_exam", "exam_with_officers_present", "hours_to_medical_exam"):
        assert value(got, name) == ABSENT


def test_exam_after_release_does_not_count() -> None:
    got = case(ev("medical_examination", "2020-03-09T10:00", examiner="independent"),
               ev("medical_examination", None, "not_happened"))
    assert value(got, "medical_exam") is False
    assert value(got, "independent_exam") is False


def test_exam_is_not_care() -> None:
    exam = case(ev("medical_examination", "2020-03-01T14:00", examiner="facility", injuries_found=True))
    assert value(exam, "care_in_custody") == ABSENT  # old code: true
    assert value(exam, "injured") is True
    care = case(ev("ill_treatment", "2020-03-01T12:00", injuries="bruises"),
                ev("medical_care", "2020-03-01T18:00", in_custody=True))
    assert value(care, "care_in_custody") is True
    assert value(care, "hours_to_care") == (6.0, 6.0)
    refused = case(ev("medical_request", response="refused"))
    assert value(refused, "medical_request_refused") is True
    assert value(refused, "care_in_custody") is False
    assert value(case(ev("medical_request", response="granted")), "medical_request_refused") is False
    for name in ("care_in_custody", "hours_to_care", "medical_request_refused", "injured"):
        assert value(case(), name) == ABSENT
