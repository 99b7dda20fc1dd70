"""Facts read from the fields added in schema version 2."""

from __future__ import annotations

import copy
from typing import Any

from safeguards.facts import derive
from safeguards.model.case import Case
from tests.facts.helpers import ABSENT, APPR, BASE, RELEASE, case, ev, value

INV: dict[str, Any] = {"id": "i1", "status": "happened", "body": "Prosecutor", "sources": ["s1"]}


def test_force_at_apprehension_is_force_at_arrest() -> None:
    force = ev("ill_treatment", "2020-03-01T09:50", at_apprehension=True, methods=["beating"], involvement="direct")
    assert value(case(force), "force_at_arrest") is True
    inside = ev("ill_treatment", "2020-03-01T12:00", at_apprehension=False, methods=["beating"], involvement="direct")
    assert value(case(inside), "force_at_arrest") is False


CAT_COMPLAINT: dict[str, Any] = {"id": "c1", "status": "happened", "body_kind": "committee_against_torture",
                                 "sources": ["s1"]}


def test_committee_block_decides_where_the_communication_is_silent() -> None:
    com = {"communication": "CAT/C/00/D/1/2020", "state_replied": False, "interim_measures_requested": True,
           "interim_measures_respected": False, "sources": ["s2"]}
    got = case(complaints=[CAT_COMPLAINT], committee=com)
    assert value(got, "cat_state_replied", "case") is False
    assert value(got, "cat_interim_measures_requested", "case") is True
    assert value(got, "cat_interim_measures_disregarded", "case") is True
    replied = case(complaints=[CAT_COMPLAINT], committee={**com, "state_replied": True,
                                                          "interim_measures_respected": True})
    assert value(replied, "cat_state_replied", "case") is True
    assert value(replied, "cat_interim_measures_disregarded", "case") is False
    unsourced = case(complaints=[CAT_COMPLAINT], committee={**com, "sources": []})
    assert value(unsourced, "cat_state_replied", "case") == ABSENT
    own = case(complaints=[{**CAT_COMPLAINT, "state_replied": True}], committee=com)
    assert value(own, "cat_state_replied", "case") is True  # the communication's own record wins


def test_foreign_national_reads_every_nationality() -> None:
    assert value(case(person={"nationality": "UZ"}), "foreign_national", "case") is True
    dual = case(person={"nationality": "UZ", "nationalities": ["UZ", "KZ"]})
    assert value(dual, "foreign_national", "case") is False
    assert value(dual, "foreign_national") is False
    only_list = case(person={"nationality": None, "nationalities": ["RU"]})
    assert value(only_list, "foreign_national", "case") is True


def test_foreign_national_in_custody_abroad() -> None:
    data = copy.deepcopy(BASE)
    data["episodes"] = [{"id": "ep-kz", "events": [APPR, RELEASE]},
                        {"id": "ep-ru", "state": "RU", "events": [APPR, RELEASE]}]
    got = derive(Case.model_validate(data))
    assert value(got, "foreign_national", "case") is False
    assert value(got, "foreign_national", "episode", 0) is False
    assert value(got, "foreign_national", "episode", 1) is True  # a KZ national held in Russia
    held_home = copy.deepcopy(data)
    held_home["people"][0]["nationalities"] = ["KZ", "RU"]
    assert value(derive(Case.model_validate(held_home)), "foreign_national", "episode", 1) is False


def test_investigator_related_reads_independence() -> None:
    biased = {**INV, "relation": "unknown", "independence": {"independent": True, "impartial": False,
                                                             "reason": "took the officers' account at face value",
                                                             "sources": ["s2"]}}
    got = case(investigations=[biased])
    assert value(got, "investigator_related", "investigation") is True
    assert value(got, "investigator_related", "case") is True
    fact = next(i for i in got if i.scope == "investigation").facts["investigator_related"]
    assert "s2" in fact.sources and ("investigations", 0, "independence") in fact.paths
    fine = {**INV, "independence": {"independent": True, "sources": ["s2"]}}
    assert value(case(investigations=[fine]), "investigator_related", "investigation") is False
    # The relation to those implicated decides it whatever an assessment of independence says.
    tied = {**INV, "relation": "same_unit", "independence": {"independent": True, "sources": ["s2"]}}
    assert value(case(investigations=[tied]), "investigator_related", "investigation") is True
    assert value(case(investigations=[INV]), "investigator_related", "investigation") == ABSENT
