"""Family, court, conditions, solitary, contact and monitoring facts."""

from __future__ import annotations

from tests.facts.helpers import ABSENT, case, ev, value


def test_family() -> None:
    got = case(ev("family_notification", "2020-03-02T10:00"))
    assert value(got, "family_notified") is True
    assert value(got, "hours_to_family") == (24.0, 24.0)
    assert value(case(), "family_notified") == ABSENT
    assert value(case(), "hours_to_family") == ABSENT


def test_court() -> None:
    got = case(ev("court_appearance", "2020-03-03T10:00", allegation_raised=True, judge_response="ignored"))
    assert value(got, "court_appearance") is True
    assert value(got, "hours_to_court") == (48.0, 48.0)
    assert value(got, "judge_ignored_allegation") is True
    acted = case(ev("court_appearance", allegation_raised=True, judge_response="ordered_medical_exam"))
    assert value(acted, "judge_ignored_allegation") is False
    for name in ("court_appearance", "hours_to_court", "judge_ignored_allegation"):
        assert value(case(), name) == ABSENT


def test_conditions_and_solitary() -> None:
    got = case(ev("conditions", deprivations=["food"], hours=30),
               ev("solitary_confinement", "2020-03-01", until="2020-03-04"))
    assert value(got, "deprivation") is True
    assert value(got, "deprivation_hours") == (30.0, 30.0)
    assert value(got, "solitary") is True
    assert value(got, "solitary_days") == (2.0, 4.0)
    for name in ("deprivation", "deprivation_hours", "solitary", "solitary_days"):
        assert value(case(), name) == ABSENT


def test_contact() -> None:
    got = case(ev("contact_denied", contact="family"), ev("family_notification", "2020-03-02T10:00"))
    assert value(got, "contact_denied") is True
    assert value(got, "hours_without_contact") == (24.0, 24.0)
    none = case(ev("lawyer_access", None, "not_happened"), ev("family_notification", None, "not_happened"))
    assert value(none, "hours_without_contact") == (96.0, 96.0)
    assert value(case(), "hours_without_contact") == ABSENT
    assert value(case(), "contact_denied") == ABSENT


def test_monitoring() -> None:
    got = case(ev("ill_treatment", injuries="bruises"),
               ev("monitoring_visit", independent=True, private_interview=False, injuries_seen=False))
    assert value(got, "monitoring_visit") is True
    assert value(got, "monitor_independent") is False
    assert value(got, "monitor_missed_injuries") is True
    ok = case(ev("monitoring_visit", independent=True, private_interview=True))
    assert value(ok, "monitor_independent") is True
    for name in ("monitoring_visit", "monitor_independent", "monitor_missed_injuries"):
        assert value(case(), name) == ABSENT
