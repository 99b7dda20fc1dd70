"""The typed vocabulary rules are written in: every fact the derived view can give a rule.

A fact is either known (it has a value, sources and the place in the case
file it came from) or absent. Rule expressions are CEL; absent facts are left
out of the CEL activation, and CEL's commutative ``&&``/``||`` then decide an
expression only when the known facts decide it (``true || unknown`` is
``true``; ``unknown > 48.0`` is undecided). That is how "insufficient
information" stays honest without every rule listing what it needs.

Durations are intervals: ``hours_to_court`` gives ``hours_to_court_min`` and
``hours_to_court_max``, the bounds on the true value that the recorded
precision allows. A breach of a 48-hour limit is ``hours_to_court_min > 48``;
compliance is ``hours_to_court_max <= 48``; anything between is undecided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FactType = Literal["bool", "string", "double", "int", "list", "hours", "days"]
Scope = Literal["case", "episode", "complaint", "investigation", "death"]
SCOPES: tuple[Scope, ...] = ("case", "episode", "complaint", "investigation", "death")


@dataclass(frozen=True)
class FactDecl:
    """A fact: its name, type, the scopes that have it, what it means and what to record to know it."""

    name: str
    type: FactType
    scopes: tuple[Scope, ...]
    meaning: str
    record: str

    def variables(self) -> dict[str, str]:
        """CEL variable names and CEL types this fact provides."""
        if self.type in ("hours", "days"):
            return {f"{self.name}_min": "double", f"{self.name}_max": "double"}
        return {self.name: self.type}


E: tuple[Scope, ...] = ("episode",)
C: tuple[Scope, ...] = ("case",)
ALL: tuple[Scope, ...] = SCOPES

DECLS: tuple[FactDecl, ...] = (
    # --- context (every scope): what the file records at all, and the State's declarations
    FactDecl("recorded", "list", ALL, "the kinds of record the file holds for this instance, whatever their status "
             "(event types, 'place', 'injury', and for the case 'complaint', 'investigation', 'removal'...): a rule "
             "triggered by an event is not applicable when no such record exists",
             "the records themselves"),
    FactDecl("art22_declaration", "bool", ("case", "complaint"), "the State had recognised the Committee's "
             "competence to receive individual communications (art 22 declaration)",
             "the case's jurisdiction; the declarations are listed in rules/profiles/international.yaml"),
    # --- the subject (available in every scope)
    FactDecl("foreign_national", "bool", ALL, "the detainee is not a national of the State",
             "people[subject].nationality"),
    # --- custody episode
    FactDecl("apprehended", "bool", E, "liberty was actually taken", "an apprehension event with status"),
    FactDecl("status_label", "string", E, "what the person was called at apprehension (suspect, witness, invited...)",
             "apprehension.status_label"),
    FactDecl("held_hours", "hours", E, "hours from actual apprehension to release (or death)",
             "the times of the apprehension and of the release"),
    FactDecl("released", "bool", E, "the person was released", "a release event"),
    FactDecl("registered", "bool", E, "the detention was written into an official record",
             "a registration event (happened / not_happened)"),
    FactDecl("hours_to_registration", "hours", E, "hours from actual apprehension to the record",
             "the time of the registration (detention protocol)"),
    FactDecl("hours_delivery_to_registration", "hours", E,
             "hours from delivery to the facility (or apprehension, as an upper bound) to the record",
             "the arrival time at the facility and the registration time"),
    FactDecl("record_understates_hours", "hours", E,
             "hours by which the start of detention written in the record is later than the actual apprehension",
             "registration.recorded_start and the apprehension time"),
    FactDecl("unofficial_place", "bool", E, "held at least once in a place not officially designated for detention",
             "places[].official for every place"),
    FactDecl("unofficial_place_name", "string", E, "name of the unofficial place", "places[].name"),
    FactDecl("acknowledgement_refused", "bool", E, "authorities denied holding the person or hid where",
             "an acknowledgement_refused event (happened / not_happened)"),
    FactDecl("rights_informed", "bool", E, "the person was told of their rights", "a rights_information event"),
    FactDecl("rights_before_questioning", "bool", E, "rights were explained before the first questioning",
             "the times of the rights information and of the first interrogation"),
    FactDecl("rights_in_understood_language", "bool", E, "rights explained in a language the person understands",
             "rights_information.language_understood / interpreter"),
    FactDecl("questioned", "bool", E, "the person was questioned (formally or not)", "an interrogation event"),
    FactDecl("hours_to_questioning", "hours", E, "hours from apprehension to the first questioning",
             "the time of the first interrogation"),
    FactDecl("lawyer_requested", "bool", E, "a lawyer was asked for", "a lawyer_request event"),
    FactDecl("lawyer_access", "bool", E, "a lawyer met or assisted the person during this custody",
             "a lawyer_access event (happened / not_happened)"),
    FactDecl("lawyer_denied", "bool", E, "a lawyer was refused", "a lawyer_denied event"),
    FactDecl("hours_to_lawyer", "hours", E, "hours from apprehension to the first lawyer access",
             "the time of the first lawyer access"),
    FactDecl("lawyer_before_questioning", "bool", E, "a lawyer was present before the first questioning",
             "the times of the first lawyer access and the first interrogation, or interrogation.lawyer_present"),
    FactDecl("medical_exam", "bool", E, "examined by a health professional during custody (a monitor's visual "
             "check does not count)", "a medical_examination event (happened / not_happened) with examiner"),
    FactDecl("independent_exam", "bool", E, "examined by an independent doctor during custody",
             "medical_examination.examiner"),
    FactDecl("exam_with_officers_present", "bool", E, "officers were present at a medical examination",
             "medical_examination.officers_present"),
    FactDecl("hours_to_medical_exam", "hours", E, "hours from apprehension to the first medical examination",
             "the time of the first medical examination"),
    FactDecl("medical_request_refused", "bool", E, "a request for medical care was refused or ignored",
             "medical_request.response"),
    FactDecl("injured", "bool", E, "injuries were seen or recorded (by anyone) in or just after this custody",
             "ill_treatment.injuries, medical_examination.injuries_found, monitoring_visit.injuries_seen"),
    FactDecl("care_in_custody", "bool", E, "medical care was given while in custody",
             "a medical_care event with in_custody, or a medical_examination"),
    FactDecl("hospitalised_after_release", "bool", E, "hospital treatment was needed after release",
             "a medical_care event with in_custody: false and hospitalised"),
    FactDecl("family_notified", "bool", E, "a relative or chosen person was told of the detention",
             "a family_notification event (happened / not_happened)"),
    FactDecl("hours_to_family", "hours", E, "hours from apprehension to family notification",
             "the time the family was told"),
    FactDecl("court_appearance", "bool", E, "brought before a judge", "a court_appearance event"),
    FactDecl("hours_to_court", "hours", E, "hours from actual apprehension to the first court appearance",
             "the time of the first court appearance"),
    FactDecl("court_in_person", "bool", E, "the detainee was physically before the judge",
             "court_appearance.physically_present"),
    FactDecl("judge_ignored_allegation", "bool", E, "an allegation or visible injuries were raised and the judge "
             "did nothing", "court_appearance.allegation_raised and judge_response"),
    FactDecl("interrogation_unrecorded", "bool", E, "a questioning was not (fully) audio-video recorded",
             "interrogation.recorded"),
    FactDecl("max_interviewers", "int", E, "most officials at one questioning", "interrogation.officials_count"),
    FactDecl("confession", "bool", E, "a confession or self-incriminating statement was taken",
             "a confession event"),
    FactDecl("confession_under_duress", "bool", E, "the person says the confession was coerced",
             "confession.under_duress"),
    FactDecl("confession_broadcast", "bool", E, "the confession was broadcast", "confession.broadcast"),
    FactDecl("ill_treatment", "bool", E, "an act of torture or ill-treatment in this custody",
             "an ill_treatment event (happened / not_happened)"),
    FactDecl("severe_methods", "bool", E, "severe pain or suffering: methods that by their nature cause it "
             "(asphyxiation, electric shock, falanga, sexual violence, suspension...) or evidence recorded as "
             "showing it", "ill_treatment.methods or ill_treatment.severe"),
    FactDecl("methods", "list", E, "the methods of ill-treatment recorded", "ill_treatment.methods"),
    FactDecl("prohibited_purpose", "bool", E, "ill-treatment for a purpose named in CAT art 1 (confession, "
             "information, punishment, intimidation, coercion, discrimination)", "ill_treatment.purpose"),
    FactDecl("official_involvement", "bool", E, "inflicted by, at the instigation of, or with the consent or "
             "acquiescence of an official", "ill_treatment.involvement"),
    FactDecl("deprivation", "bool", E, "deprived of food, water, sleep, toilet, heat, space or light",
             "a conditions event with deprivations"),
    FactDecl("deprivation_hours", "hours", E, "longest deprivation in hours", "conditions.hours or at/until"),
    FactDecl("solitary", "bool", E, "held in solitary confinement", "a solitary_confinement event"),
    FactDecl("solitary_days", "days", E, "longest solitary confinement in consecutive days",
             "solitary_confinement at and until"),
    FactDecl("contact_denied", "bool", E, "outside contact was refused or cut off", "a contact_denied event"),
    FactDecl("hours_without_contact", "hours", E, "hours from apprehension to the first contact with a lawyer, "
             "relative or doctor from outside (or to release if there was none)",
             "times of the first lawyer access, family notification or outside medical contact"),
    FactDecl("monitoring_visit", "bool", E, "a monitor visited", "a monitoring_visit event"),
    FactDecl("monitor_independent", "bool", E, "the visit was independent with private interviews",
             "monitoring_visit.independent and private_interview"),
    FactDecl("monitor_missed_injuries", "bool", E, "a monitor reported no injuries that others saw",
             "monitoring_visit.injuries_seen and other injury records"),
    # --- case-wide
    FactDecl("ill_treatment_alleged", "bool", ("case", "complaint", "investigation"),
             "torture or ill-treatment is alleged in any custody episode", "ill_treatment events"),
    FactDecl("torture_indicated", "bool", ("case", "complaint", "investigation"), "the facts of at least one act "
             "meet every element of CAT art 1 (severe methods, prohibited purpose, official involvement)",
             "ill_treatment.methods, purpose and involvement"),
    FactDecl("complaint_made", "bool", C, "a complaint about the treatment was made", "complaints[]"),
    FactDecl("complained_to_un", "bool", C, "a complaint went to a UN treaty body or special procedure",
             "complaints[].body_kind"),
    FactDecl("investigation_opened", "bool", ("case", "death"), "an investigation into the treatment was opened",
             "investigations[] with status, or outcome refused_to_open"),
    FactDecl("days_to_investigation", "days", C, "days from the first notice (complaint or recorded injury) "
             "to the opening of an investigation", "the complaint date and investigations[].opened_at"),
    FactDecl("days_to_victim_heard", "days", C, "days from the first notice to the investigators first taking "
             "the victim's account", "investigations[].victim_heard_at"),
    FactDecl("investigator_related", "bool", ("case", "investigation", "complaint", "death"),
             "the investigating body belongs to the unit, agency or prosecutors implicated",
             "investigations[].relation"),
    FactDecl("prosecution", "bool", C, "perpetrators were charged", "investigations[].outcome or proceedings[]"),
    FactDecl("conviction", "bool", C, "perpetrators were convicted", "investigations[].outcome"),
    FactDecl("reprisal", "bool", C, "an act of reprisal against the person or those close to them",
             "reprisals[] with status"),
    FactDecl("reprisal_after_complaint", "bool", C, "a reprisal followed a complaint", "reprisals[].follows"),
    FactDecl("reprisal_after_un_complaint", "bool", C, "a reprisal followed a complaint to a UN body",
             "reprisals[].follows and complaints[].body_kind"),
    FactDecl("reprisal_kinds", "list", C, "the kinds of reprisal recorded", "reprisals[].kind"),
    FactDecl("redress_provided", "bool", C, "compensation or rehabilitation was provided", "redress[] with status"),
    FactDecl("tried", "bool", C, "the detainee was tried (false when released without charge and never tried)",
             "proceedings[] of kind trial_of_detainee, release.charged"),
    FactDecl("coerced_statement_used", "bool", C, "a statement alleged to be coerced was used as evidence",
             "proceedings[].confession_used and torture_alleged"),
    FactDecl("court_verified_allegation", "bool", C, "the court verified the coercion allegation",
             "proceedings[].court_response"),
    FactDecl("removal", "bool", C, "the person was extradited, expelled or returned", "removals[]"),
    FactDecl("removal_risk_claimed", "bool", C, "a risk of torture in the destination was raised",
             "removals[].risk_claimed"),
    FactDecl("risk_assessed", "bool", C, "the risk was assessed individually", "removals[].risk_assessed"),
    FactDecl("interim_measures_ignored", "bool", C, "removed despite interim measures of a UN body",
             "removals[].interim_measures_ignored"),
    # --- complaint
    FactDecl("complaint_to_related_body", "bool", ("complaint",), "the complaint was handled by the unit or agency "
             "complained of", "complaints[].body_kind and the investigation it triggered"),
    FactDecl("complaint_registered", "bool", ("complaint",), "the complaint was registered",
             "complaints[].registered"),
    FactDecl("complaint_answered", "bool", ("complaint",), "the complainant received an answer",
             "complaints[].answered"),
    FactDecl("complaint_examined", "bool", ("complaint",), "an investigation or inquiry followed the complaint",
             "investigations[].triggered_by"),
    FactDecl("to_un", "bool", ("complaint",), "the complaint went to a UN body", "complaints[].body_kind"),
    # --- investigation
    FactDecl("opened", "bool", ("investigation",), "the investigation was opened", "investigations[].status"),
    FactDecl("days_notice_to_opening", "days", ("investigation",), "days from the complaint that triggered it "
             "to the opening", "complaints[].at and investigations[].opened_at"),
    FactDecl("outcome", "string", ("investigation",), "the investigation's outcome", "investigations[].outcome"),
    FactDecl("forensic_exam", "bool", ("investigation",), "a forensic examination was carried out",
             "investigations[].forensic_exam"),
    FactDecl("suspects_suspended", "bool", ("investigation",), "suspected officers were suspended",
             "investigations[].suspects_suspended"),
    # --- death
    FactDecl("death_in_custody", "bool", ("death",), "died in custody or during arrest", "death event timing"),
    FactDecl("days_after_release", "days", ("death",), "days from release to death", "release and death times"),
    FactDecl("autopsy_independent", "bool", ("death",), "an independent autopsy was carried out", "death.autopsy"),
    FactDecl("family_access_to_body", "bool", ("death",), "the family had access to the body",
             "death.family_access_to_body"),
)

BY_NAME: dict[str, FactDecl] = {d.name: d for d in DECLS}


def variables_for(scope: Scope) -> dict[str, str]:
    """CEL variable name to CEL type name, for every fact available in ``scope``."""
    out: dict[str, str] = {}
    for decl in DECLS:
        if scope in decl.scopes:
            out.update(decl.variables())
    return out


def decl_of_variable(var: str) -> FactDecl | None:
    """The fact a CEL variable belongs to (``hours_to_court_min`` belongs to ``hours_to_court``)."""
    if var in BY_NAME:
        return BY_NAME[var]
    for suffix in ("_min", "_max"):
        if var.endswith(suffix) and var[: -len(suffix)] in BY_NAME:
            return BY_NAME[var[: -len(suffix)]]
    return None
