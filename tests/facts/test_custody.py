"""Custody facts: apprehension, registration, places, acknowledgement, release."""

from __future__ import annotations

from tests.facts.helpers import ABSENT, case, ev, value


def test_apprehension_and_release() -> None:
    got = case()
    assert value(got, "apprehended") is True
    assert value(got, "released") is True
    assert value(got, "held_hours") == (96.0, 96.0)
    assert value(case(release=False), "held_hours") == ABSENT
    assert value(case(release=False), "released") == ABSENT


def test_registration() -> None:
    got = case(ev("arrival", "2020-03-01T11:00"), ev("registration", "2020-03-01T15:00",
                                                      recorded_start="2020-03-01T14:00"))
    assert value(got, "registered") is True
    assert value(got, "hours_to_registration") == (5.0, 5.0)
    assert value(got, "hours_delivery_to_registration") == (4.0, 4.0)
    assert value(got, "record_understates_hours") == (4.0, 4.0)
    none = case()
    for name in ("registered", "hours_to_registration", "hours_delivery_to_registration", "record_understates_hours"):
        assert value(none, name) == ABSENT
    assert value(case(ev("registration", None, "not_happened")), "registered") is False


def test_unofficial_place_needs_a_sourced_flag() -> None:
    unsourced = [{"id": "pl", "name": "Garage", "type": "other", "official": False}]
    assert value(case(places=unsourced), "unofficial_place") == ABSENT  # old code: true, with no source
    sourced = [{"id": "pl", "name": "Garage", "type": "other", "official": False, "sources": ["s1"]}]
    got = case(places=sourced)
    assert value(got, "unofficial_place") is True
    assert value(got, "unofficial_place_name") == "Garage"
    official = [{"id": "pl", "name": "Station", "type": "police_station", "official": True, "sources": ["s2"]}]
    assert value(case(places=official), "unofficial_place") is False
    assert value(case(places=official), "unofficial_place_name") == ABSENT
    mixed = [*official, {"id": "pl2", "name": "Room", "type": "other", "official": True}]
    assert value(case(places=mixed), "unofficial_place") == ABSENT


def test_acknowledgement_refused() -> None:
    assert value(case(ev("acknowledgement_refused")), "acknowledgement_refused") is True
    assert value(case(), "acknowledgement_refused") == ABSENT


def test_foreign_national_in_every_scope() -> None:
    got = case(person={"nationality": "UZ"})
    assert value(got, "foreign_national", "case") is True
    assert value(got, "foreign_national") is True
    assert value(case(person={"nationality": None}), "foreign_national") == ABSENT
