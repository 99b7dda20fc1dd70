"""Torture act by act (CAT art 1): elements from different acts never add up."""

from __future__ import annotations

from typing import Any

from tests.facts.helpers import ABSENT, case, ev, value


def act(**fields: Any) -> dict[str, Any]:
    return ev("ill_treatment", **fields)


def test_elements_from_different_acts_do_not_add_up() -> None:
    # Legal review defect 3: old code found torture here.
    got = case(act(methods=["asphyxiation"], involvement="none", purpose=["none_apparent"]),
               act(methods=["humiliation"], involvement="direct", purpose=["confession"]))
    assert value(got, "torture_indicated") == ABSENT
    assert value(got, "torture_elements_undecided") == ["severity"]
    assert value(got, "torture_indicated", "case") == ABSENT


def test_one_act_with_every_element() -> None:
    got = case(act(methods=["asphyxiation"], involvement="direct", purpose=["confession"]))
    assert value(got, "torture_indicated") is True
    assert value(got, "torture_indicated", "case") is True
    assert value(got, "torture_elements_undecided") == ABSENT


def test_course_of_conduct_is_assessed_together() -> None:
    got = case(act(methods=["asphyxiation"], course="k1"), act(methods=["beating"], involvement="direct",
                                                               purpose=["punishment"], course="k1"))
    assert value(got, "torture_indicated") is True


def test_none_apparent_never_decides() -> None:
    got = case(act(methods=["beating"], involvement="direct", purpose=["none_apparent"]))
    assert value(got, "torture_indicated") == ABSENT  # old code: false
    assert value(got, "torture_elements_undecided") == ["severity", "purpose"]


def test_false_only_when_every_act_has_an_element_false() -> None:
    got = case(act(methods=["asphyxiation"], involvement="none"), act(severe=False, involvement="direct"))
    assert value(got, "torture_indicated") is False
    assert value(got, "torture_indicated", "case") is False
    assert value(case(ev("ill_treatment", None, "not_happened")), "torture_indicated") is False


def test_severity_indicators() -> None:
    mental = case(act(methods=["threat_of_sexual_violence"], involvement="direct", purpose=["confession"]))
    assert value(mental, "torture_indicated") is True
    effect = case(act(methods=["beating"], effects=["fracture"], involvement="direct", purpose=["information"]))
    assert value(effect, "torture_indicated") is True
    visible = case(act(methods=["beating"], effects=["visible_injuries"], involvement="direct",
                       purpose=["information"]))
    assert value(visible, "torture_indicated") == ABSENT
    child = case(act(methods=["beating"], involvement="direct", purpose=["confession"]), person={"age": 16})
    assert value(child, "torture_indicated") is True
    ill = case(act(methods=["kicking"], involvement="direct", purpose=["confession"]),
               person={"vulnerabilities": ["illness"]})
    assert value(ill, "torture_indicated") is True
    assert value(case(act(methods=["beating_with_objects"], involvement="direct", purpose=["confession"])),
                 "torture_indicated") == ABSENT  # no longer severe by nature


def test_purpose_from_questioning() -> None:
    during = case(ev("interrogation", id="q1"), act(methods=["falanga"], involvement="direct", during="q1"))
    assert value(during, "torture_indicated") is True
    duress = case(act(methods=["falanga"], involvement="direct"), ev("confession", under_duress=True))
    assert value(duress, "torture_indicated") is True


def test_attribution_and_methods() -> None:
    got = case(act(methods=["beating"], involvement="direct"), act(methods=["violence_by_cellmates"],
                                                                   involvement="none"))
    assert value(got, "ill_treatment") is True
    assert value(got, "methods") == ["beating", "violence_by_cellmates"]
    assert value(got, "ill_treatment_by_official") is True
    assert value(got, "ill_treatment_by_others_in_custody") is True
    assert value(got, "ill_treatment_alleged", "case") is True
    others = case(act(methods=["beating"], involvement="none"))
    assert value(others, "ill_treatment_by_official") is False
    for name in ("ill_treatment", "methods", "ill_treatment_by_official", "ill_treatment_by_others_in_custody"):
        assert value(case(), name) == ABSENT
    assert value(case(), "ill_treatment_alleged", "case") == ABSENT
