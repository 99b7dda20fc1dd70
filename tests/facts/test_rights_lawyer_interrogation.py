"""Rights, lawyer and questioning facts."""

from __future__ import annotations

from tests.facts.helpers import ABSENT, case, ev, value


def test_rights() -> None:
    got = case(ev("rights_information", "2020-03-01T11:00", language_understood=True), ev("interrogation"))
    assert value(got, "rights_informed") is True
    assert value(got, "rights_before_questioning") is True
    assert value(got, "rights_in_understood_language") is True
    late = case(ev("interrogation", "2020-03-01T11:00"), ev("rights_information", "2020-03-01T13:00",
                                                           language_understood=False))
    assert value(late, "rights_before_questioning") is False
    assert value(late, "rights_in_understood_language") is False
    for name in ("rights_informed", "rights_before_questioning", "rights_in_understood_language"):
        assert value(case(), name) == ABSENT


def test_lawyer() -> None:
    got = case(ev("lawyer_request", "2020-03-01T10:30"), ev("lawyer_access", "2020-03-01T11:00"),
               ev("interrogation", lawyer_present=True))
    assert value(got, "lawyer_requested") is True
    assert value(got, "lawyer_access") is True
    assert value(got, "hours_to_lawyer") == (1.0, 1.0)
    assert value(got, "lawyer_before_questioning") is True
    assert value(case(ev("lawyer_denied")), "lawyer_denied") is True
    lay = case(ev("lawyer_access", lawyer_type="lay_defender"))
    assert value(lay, "lawyer_access") == ABSENT
    after = case(ev("interrogation", "2020-03-01T11:00"), ev("lawyer_access", "2020-03-01T13:00"))
    assert value(after, "lawyer_before_questioning") is False
    for name in ("lawyer_requested", "lawyer_access", "lawyer_denied", "hours_to_lawyer",
                 "lawyer_before_questioning"):
        assert value(case(), name) == ABSENT


def test_questioning() -> None:
    got = case(ev("interrogation", "2020-03-01T12:00", recorded="partial", officials_count=4),
               ev("interrogation", "2020-03-02T12:00", recorded="full", officials_count=2))
    assert value(got, "questioned") is True
    assert value(got, "hours_to_questioning") == (2.0, 2.0)
    assert value(got, "interrogation_unrecorded") is True
    assert value(got, "max_interviewers") == 4
    assert value(case(ev("interrogation", recorded="full")), "interrogation_unrecorded") is False
    for name in ("questioned", "hours_to_questioning", "interrogation_unrecorded", "max_interviewers"):
        assert value(case(), name) == ABSENT
