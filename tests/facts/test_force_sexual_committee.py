"""Force at the arrest, sexual violence, the State's cooperation with the Committee, access to the custody record."""

from __future__ import annotations

from typing import Any

from tests.facts.helpers import ABSENT, case, ev, value

STREET = [{"id": "pl-street", "name": "Square", "type": "open_air"}]
VAN = [{"id": "pl-van", "name": "Police van", "type": "vehicle"}]
STATION = [{"id": "pl-st", "name": "Police department", "type": "police_station"}]


def act(at: str | None = "2020-03-01T10:00", **fields: Any) -> dict[str, Any]:
    return ev("ill_treatment", at, **{"involvement": "direct", "methods": ["beating"], **fields})


def test_force_at_the_apprehension_time_or_on_the_spot() -> None:
    assert value(case(act()), "force_at_arrest") is True
    assert value(case(act("2020-03-01T10:30", place="pl-street"), places=STREET), "force_at_arrest") is True
    van = case(act("2020-03-01T10:30", place="pl-van"), ev("arrival", "2020-03-01T11:00", place="pl-st"),
               places=[*VAN, *STATION])
    assert value(van, "force_at_arrest") is True


def test_force_after_delivery_or_in_a_facility_is_not_at_the_arrest() -> None:
    station = case(act("2020-03-01T12:00", place="pl-st"), places=STATION)
    assert value(station, "force_at_arrest") is False
    delivered = case(ev("arrival", "2020-03-01T10:30"), act("2020-03-01T12:00", place="pl-van"), places=VAN)
    assert value(delivered, "force_at_arrest") is False  # a van after delivery is custody, not the arrest
    recorded = case(ev("registration", "2020-03-01T10:30"), act("2020-03-01T12:00"))
    assert value(recorded, "force_at_arrest") is False


def test_force_at_arrest_undecided_without_place_or_time() -> None:
    assert value(case(act("2020-03-01T12:00")), "force_at_arrest") == ABSENT
    assert value(case(act(None)), "force_at_arrest") == ABSENT
    assert value(case(act(involvement="unknown")), "force_at_arrest") == ABSENT
    assert value(case(act(involvement="none")), "force_at_arrest") is False
    # an act of unknown status could be the one at the arrest
    assert value(case(act("2020-03-01T12:00", place="pl-st"), act(None, status="unknown"), places=STATION),
                 "force_at_arrest") == ABSENT


def test_necessity_and_proportionality() -> None:
    assert value(case(act(resisting=False)), "force_at_arrest_unnecessary") is True
    assert value(case(act(resisting=True, restrained=True)), "force_at_arrest_unnecessary") is True
    got = case(act(methods=["asphyxiation"], resisting=True, restrained=False))
    assert value(got, "force_at_arrest_unnecessary") is True
    assert value(got, "force_excess_grounds") == ["method: asphyxiation"]
    assert value(case(act(purpose=["punishment"])), "force_at_arrest_unnecessary") is True
    assert value(case(act(methods=["restraint"], resisting=True, restrained=False)),
                 "force_at_arrest_unnecessary") is False
    # resistance does not excuse a serious injury without more; unknown resistance decides nothing
    assert value(case(act(resisting=True, restrained=False, effects=["fracture"])),
                 "force_at_arrest_unnecessary") == ABSENT
    assert value(case(act()), "force_at_arrest_unnecessary") == ABSENT
    # a second act that may have been at the arrest keeps compliance open
    two = case(act(methods=["restraint"], resisting=True, restrained=False), act("2020-03-01T12:00"))
    assert value(two, "force_at_arrest_unnecessary") == ABSENT


def test_sexual_abuse() -> None:
    got = case(act("2020-03-01T12:00", methods=["threat_of_sexual_violence", "beating"]))
    assert value(got, "sexual_abuse") is True
    assert value(got, "sexual_abuse_methods") == ["threat_of_sexual_violence"]
    assert value(got, "sexual_abuse_by_official") is True
    assert value(case(act("2020-03-01T12:00")), "sexual_abuse") is False
    assert value(case(act("2020-03-01T12:00", methods=[])), "sexual_abuse") == ABSENT
    assert value(case(act("2020-03-01T12:00", methods=["unknown"])), "sexual_abuse") == ABSENT
    stripped = case(act("2020-03-01T12:00", methods=["stripping"], involvement="unknown"))
    assert value(stripped, "sexual_abuse_by_official") == ABSENT
    cellmate = case(act("2020-03-01T12:00", methods=["sexual_violence"], involvement="none"))
    assert value(cellmate, "sexual_abuse_by_official") == ABSENT  # in custody: duty of care, never false
    outside = case(act("2020-03-06T12:00", methods=["sexual_violence"], involvement="none"))
    assert value(outside, "sexual_abuse_by_official") is False


def comm(**fields: Any) -> dict[str, Any]:
    return {"id": "c1", "status": "happened", "body_kind": "committee_against_torture", "at": "2020-06-01",
            "sources": ["s1"], **fields}


def test_state_reply_to_the_committee() -> None:
    assert value(case(complaints=[comm(state_replied=True)]), "cat_state_replied", "case") is True
    two = [comm(state_replied=True), comm(id="c2", state_replied=False)]
    assert value(case(complaints=two), "cat_state_replied", "case") is False
    assert value(case(complaints=[comm()]), "cat_state_replied", "case") == ABSENT
    other = [comm(body_kind="un_special_procedure", state_replied=False)]
    assert value(case(complaints=other), "cat_state_replied", "case") == ABSENT
    unsourced = [comm(state_replied=False, sources=[])]
    assert value(case(complaints=unsourced), "cat_state_replied", "case") == ABSENT


def test_interim_measures() -> None:
    def got(*kinds: str) -> tuple[object, object]:
        comps = [comm(id=f"c{i}", interim_measures=k) for i, k in enumerate(kinds)]
        inst = case(complaints=comps)
        return (value(inst, "cat_interim_measures_requested", "case"),
                value(inst, "cat_interim_measures_disregarded", "case"))

    assert got("disregarded") == (True, True)
    assert got("respected") == (True, False)
    assert got("respected", "none") == (True, False)
    assert got("requested") == (True, ABSENT)
    assert got("respected", "unknown") == (True, ABSENT)
    assert got("none") == (False, ABSENT)
    assert got("unknown") == (ABSENT, ABSENT)


def test_follow_up() -> None:
    found = case(complaints=[comm(violation_found=True, follow_up_reported=False)])
    assert value(found, "cat_violation_found", "case") is True
    assert value(found, "cat_follow_up_reported", "case") is False
    none = case(complaints=[comm(violation_found=False, follow_up_reported=False)])
    assert value(none, "cat_violation_found", "case") is False
    assert value(none, "cat_follow_up_reported", "case") == ABSENT
    assert value(case(complaints=[comm()]), "cat_violation_found", "case") == ABSENT


def test_custody_record_access() -> None:
    def reg(**fields: Any) -> dict[str, Any]:
        return ev("registration", "2020-03-01T11:00", **fields)

    assert value(case(reg(record_access=True)), "custody_record_access") is True
    assert value(case(reg(record_access=True), reg(record_access=False)), "custody_record_access") is False
    assert value(case(reg(record_access=True), reg()), "custody_record_access") == ABSENT
    assert value(case(reg()), "custody_record_access") == ABSENT


def test_sexual_abuse_of_unknown_status_keeps_it_open() -> None:
    maybe = case(act("2020-03-01T12:00"), act("2020-03-01T13:00", status="unknown", methods=["sexual_violence"]))
    assert value(maybe, "sexual_abuse") == ABSENT
    outside = case(act("2020-03-06T12:00", methods=["sexual_violence"], involvement="none"),
                   act(None, status="unknown", methods=["sexual_violence"]))
    assert value(outside, "sexual_abuse_by_official") == ABSENT


def test_no_complaints_statement() -> None:
    def rep(**fields: Any) -> dict[str, Any]:
        return {"id": "r1", "kind": "no_complaints_statement", "status": "happened", "sources": ["s1"], **fields}

    assert value(case(reprisals=[rep()]), "no_complaints_statement", "case") is True
    assert value(case(reprisals=[rep(status="not_happened")]), "no_complaints_statement", "case") is False
    assert value(case(reprisals=[rep(status="unknown")]), "no_complaints_statement", "case") == ABSENT
    assert value(case(reprisals=[rep(sources=[])]), "no_complaints_statement", "case") == ABSENT
    assert value(case(reprisals=[rep(kind="violence")]), "no_complaints_statement", "case") == ABSENT
