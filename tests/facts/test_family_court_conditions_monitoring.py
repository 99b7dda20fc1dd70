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


def test_court_delay_justified() -> None:
    # no reason recorded: the delay is unjustified
    assert value(case(ev("court_appearance", "2020-03-03T14:00")), "court_delay_justified") is False
    reason = "No judge could sit during the storm."
    accepted = case(ev("court_appearance", "2020-03-03T14:00", delay_justification=reason, delay_exceptional=True))
    assert value(accepted, "court_delay_justified") is True
    rejected = case(ev("court_appearance", "2020-03-03T14:00", delay_justification=reason, delay_exceptional=False))
    assert value(rejected, "court_delay_justified") is False
    # a reason recorded but not assessed leaves it open; an assessment without a reason counts for nothing
    assert value(case(ev("court_appearance", delay_justification=reason)), "court_delay_justified") == ABSENT
    assert value(case(ev("court_appearance", delay_exceptional=True)), "court_delay_justified") is False
    assert value(case(), "court_delay_justified") == ABSENT


def test_court_in_person() -> None:
    assert value(case(ev("court_appearance", physically_present=True)), "court_in_person") is True
    assert value(case(ev("court_appearance", physically_present=False)), "court_in_person") is False
    assert value(case(ev("court_appearance")), "court_in_person") == ABSENT
    # present at the first hearing; a later detention order made in the person's absence
    later = case(ev("court_appearance", physically_present=True, outcome="adjourned"),
                 ev("court_appearance", "2020-03-03T10:00", physically_present=False, outcome="remand"))
    assert value(later, "court_in_person") is False
    # a later remand hearing whose presence is not recorded leaves it open
    open_ = case(ev("court_appearance", physically_present=True),
                 ev("court_appearance", "2020-03-03T10:00", outcome="remand"))
    assert value(open_, "court_in_person") == ABSENT


PLACES = [{"id": "ivs", "name": "IVS", "type": "temporary_detention_facility"},
          {"id": "sizo", "name": "SIZO", "type": "pre_trial_detention"}]


def test_remand_and_transfer() -> None:
    remand = ev("court_appearance", "2020-03-02T10:00", outcome="remand")
    moved = case(remand, ev("transfer", "2020-03-03T10:00", place="sizo"), places=PLACES)
    assert value(moved, "remanded") is True
    assert value(moved, "hours_remand_to_transfer") == (24.0, 24.0)
    # kept at the IVS after the remand and released from there: at least until the last event there
    kept = case(remand, ev("interrogation", "2020-03-04T10:00", place="ivs"), places=PLACES)
    assert value(kept, "hours_remand_to_transfer") == (48.0, 72.0)
    # a transfer of unknown status to the remand facility: nothing inferred
    unsure = case(remand, ev("interrogation", "2020-03-04T10:00", place="ivs"),
                  ev("transfer", None, "unknown", place="sizo"), places=PLACES)
    assert value(unsure, "hours_remand_to_transfer") == ABSENT
    assert value(case(remand), "hours_remand_to_transfer") == ABSENT
    released = case(ev("court_appearance", outcome="release"))
    assert value(released, "remanded") is False
    assert value(case(ev("court_appearance")), "remanded") == ABSENT


def test_severity_of_conditions() -> None:
    got = case(ev("conditions", deprivations=["food", "water"], hours=30),
               ev("conditions", deprivations=["light", "space"], occupants=150, area_m2=300))
    assert value(got, "deprivation_kinds") == ["food", "light", "space", "water"]
    assert value(got, "deprivation_kinds_count") == 4
    assert value(got, "essential_deprivation_hours") == (30.0, 30.0)
    # the undated record lasts at most until release (2020-03-05T10:00), so the longest is 30 to 94 h
    assert value(got, "deprivation_hours") == (30.0, 94.0)
    assert value(got, "space_per_person_m2") == 2.0
    assert value(got, "occupancy_recorded") is True
    assert value(got, "crowded_hours") == (0.0, 94.0)
    minor = case(ev("conditions", deprivations=["light"], hours=2))
    assert value(minor, "essential_deprivation_hours") == (0.0, 0.0)
    assert value(minor, "occupancy_recorded") is False
    none = case(ev("conditions", None, "not_happened", deprivations=["food"]))
    assert value(none, "deprivation_kinds_count") == 0
    for name in ("deprivation_kinds", "space_per_person_m2", "occupancy_recorded", "essential_deprivation_hours"):
        assert value(case(), name) == ABSENT


def test_solitary_conditions() -> None:
    sol = {"until": "2020-03-04"}
    coerced = case(ev("solitary_confinement", "2020-03-01", reasons=["confession"], **sol))
    assert value(coerced, "solitary_for_coercion") is True
    lawful = case(ev("solitary_confinement", "2020-03-01", reasons=["discipline"], disability_exacerbated=False,
                     last_resort=True, authorised=True, reviewed=True, **sol))
    assert value(lawful, "solitary_for_coercion") is False
    assert value(lawful, "solitary_worsens_disability") is False
    assert value(lawful, "solitary_procedure_kept") is True
    bare = case(ev("solitary_confinement", "2020-03-01", authorised=False, **sol))
    assert value(bare, "solitary_for_coercion") == ABSENT  # no reason recorded
    assert value(bare, "solitary_worsens_disability") == ABSENT
    assert value(bare, "solitary_procedure_kept") is False
    partial = case(ev("solitary_confinement", "2020-03-01", authorised=True, **sol))
    assert value(partial, "solitary_procedure_kept") == ABSENT
