"""Controlled vocabularies, aligned with HURIDOCS micro-thesauri where one exists.

Each list carries ``other`` or ``unknown`` where HURIDOCS does, so an analyst
never has to force a fact into the wrong term.
"""

from __future__ import annotations

from typing import Literal

Status = Literal["happened", "not_happened", "unknown"]
CaseStatus = Literal["draft", "submitted", "reviewed"]
Role = Literal["detainee", "relative", "lawyer", "witness", "official", "perpetrator", "journalist", "monitor", "other"]
Sex = Literal["male", "female", "other", "unknown"]
ConsentDecision = Literal["publish_name", "pseudonym_only", "confidential"]
ConsentBasis = Literal["consent_given", "public_record", "published_by_person", "deceased_family_consent",
                       "no_consent", "unknown"]

SourceKind = Literal["victim_testimony", "witness_testimony", "lawyer", "relative", "medical_record",
                     "court_record", "official_statement", "ngo_report", "media", "un_decision", "other"]
Connection = Literal["victim", "witness", "relative", "lawyer", "medical", "ngo", "reporter", "official",
                     "perpetrator", "un_body", "unknown"]
SourceReliability = Literal["A", "B", "C", "D", "E", "F"]
# What a source does with the fact it is cited for (see docs/scoring.md, "Standard of proof"):
# finding: a competent body (court, UN treaty body, official inquiry) found it; uncontested: the source
# states that the State did not contest it; record: a contemporaneous professional or official record
# of it (medical record, custody register); allegation: an allegation or account reported by the source.
CitationRole = Literal["finding", "uncontested", "record", "allegation"]
InformationCredibility = Literal[1, 2, 3, 4, 5, 6]

PlaceType = Literal["police_station", "temporary_detention_facility", "pre_trial_detention", "prison",
                    "intelligence_facility", "military_facility", "immigration_centre", "hospital",
                    "unofficial_place", "vehicle", "open_air", "court", "other", "unknown"]

StatusLabel = Literal["suspect", "accused", "witness", "administrative", "invited", "none", "unknown"]
RecordKind = Literal["detention_protocol", "custody_register", "admission_record", "other"]
RightsForm = Literal["oral", "written", "signed", "unknown"]
LawyerType = Literal["chosen", "state_appointed", "lay_defender", "unknown"]
# Who examined the person: independent (a doctor independent of the detaining and investigating body, e.g. of the
# person's choice), facility (health staff of the detention facility run by the detaining body), police_medical (a
# doctor employed by the police or the investigating body), state_forensic (a State forensic expert), ambulance (a
# public ambulance crew), prison (a prison doctor, e.g. on admission after police custody), monitor_visual (a
# monitor's visual check, which is not an examination).
Examiner = Literal["independent", "facility", "police_medical", "state_forensic", "ambulance", "prison",
                   "monitor_visual", "unknown"]
Consistency = Literal["not_consistent", "consistent", "highly_consistent", "typical", "diagnostic"]
RequestResponse = Literal["granted", "refused", "ignored", "delayed", "unknown"]
Recording = Literal["full", "partial", "none", "unknown"]

Method = Literal["beating", "kicking", "beating_with_objects", "falanga", "asphyxiation", "suspension",
                 "stress_position", "electric_shock", "burning", "sexual_violence", "threat_of_sexual_violence",
                 "sexual_humiliation", "stripping", "cold", "dousing_with_water", "deprivation_of_food",
                 "deprivation_of_water", "deprivation_of_sleep", "denial_of_medical_care", "denial_of_toilet",
                 "threats", "threats_to_family", "humiliation", "mock_execution", "restraint", "overcrowding",
                 "violence_by_cellmates", "other", "unknown"]
Purpose = Literal["confession", "information", "punishment", "intimidation", "coercion", "discrimination",
                  "none_apparent", "unknown"]
Involvement = Literal["direct", "instigation", "consent_or_acquiescence", "none", "unknown"]
Deprivation = Literal["food", "water", "sleep", "toilet", "heating", "space", "light", "fresh_air", "bedding",
                      "clothing"]
JudgeResponse = Literal["ordered_investigation", "ordered_medical_exam", "excluded_evidence", "ignored",
                        "dismissed", "removed_detainee", "not_raised", "unknown"]
SolitaryReason = Literal["discipline", "security", "protection", "health", "investigation", "confession", "information",
                         "coercion", "intimidation", "other", "unknown"]
CourtOutcome = Literal["remand", "release", "adjourned", "other", "unknown"]
ContactKind = Literal["family", "lawyer", "doctor", "consular", "communications", "any"]

BodyKind = Literal["police", "same_unit", "prosecutor", "investigative_committee", "anti_corruption_agency",
                   "security_service", "court", "ombudsman", "npm", "committee_against_torture", "un_committee",
                   "un_special_procedure", "ngo", "other", "unknown"]
Relation = Literal["same_unit", "same_agency", "ordering_prosecutors", "supervising_prosecutors",
                   "same_ministry", "independent", "unknown"]
InvestigationOutcome = Literal["refused_to_open", "ongoing", "closed_no_charges", "charges_brought",
                               "conviction", "acquittal", "suspended", "unknown"]
# Interim measures the Committee against Torture requested on a communication, and what the State did with them.
InterimMeasures = Literal["none", "requested", "respected", "disregarded", "unknown"]
Subject = Literal["ill_treatment", "death", "detention", "other"]
# trial_of_other: a trial of someone else (a co-accused, another suspect) in which the person's statement was used.
ProceedingKind = Literal["trial_of_detainee", "trial_of_other", "prosecution_of_perpetrators", "civil_claim",
                         "administrative", "extradition", "other"]
CourtResponse = Literal["verified_and_excluded", "verified_and_rejected", "dismissed_without_verification",
                        "ignored", "not_raised", "unknown"]
# no_complaints_statement: the person was made to sign, under threat or pressure or while still held by the
# officials complained of, a statement that they had no complaints (on release, transfer or a medical examination).
ReprisalKind = Literal["intimidation", "pressure_to_withdraw", "forced_withdrawal", "threats_to_family",
                       "false_report_prosecution", "re_arrest", "confrontation_with_perpetrators", "violence",
                       "transfer", "disciplinary_sanction", "no_complaints_statement", "other"]
RedressKind = Literal["compensation", "rehabilitation", "restitution", "satisfaction", "guarantees_of_non_repetition",
                      "acknowledgement"]
Effect = Literal["fracture", "loss_of_consciousness", "hospitalisation", "lasting_injury", "psychological_trauma",
                 "death", "visible_injuries", "other"]
Vulnerability = Literal["child", "pregnant", "disability", "illness", "older_person", "other"]
ResponseSubject = Literal["ill_treatment", "death"]
ExplanationBasis = Literal["none", "visual_check", "medical_examination", "forensic_report", "investigation_findings",
                           "witnesses", "documents", "unknown"]
ResponseKind = Literal["denial", "alternative_explanation", "acknowledgement", "no_response", "other"]
Autopsy = Literal["independent", "state", "none", "unknown"]
# What first gave the authorities reason to know of the treatment, other than a complaint (CAT art 12, ex officio).
NoticeKind = Literal["public_allegation", "media_report", "ngo_report", "un_communication", "injuries_seen",
                     "official_report", "other"]
# The main penalty imposed on a convicted perpetrator.
Sentence = Literal["imprisonment", "suspended", "fine", "restriction_of_liberty", "ban_from_office", "none", "unknown"]
# What ended or barred the prosecution or the punishment.
ImpunityMeasure = Literal["pardon", "amnesty", "limitation", "none", "unknown"]
Disciplinary = Literal["dismissed", "suspended", "demoted", "reprimand", "none", "unknown"]
DefendantsRank = Literal["junior_only", "includes_superiors", "unknown"]

# Schema version 2.
# The legal status of a period of custody: police_custody (held by the police or another investigating body before
# a court order, e.g. the first 48/72 hours), administrative_detention (an administrative arrest or detention,
# e.g. for an administrative offence), remand (pre-trial detention ordered by a court), prison (serving a
# sentence), immigration_detention (pending removal or extradition), house_arrest, unacknowledged (held with no
# legal status at all, e.g. as a "witness" or "invited"), other, unknown.
LegalStatus = Literal["police_custody", "administrative_detention", "remand", "prison", "immigration_detention",
                      "house_arrest", "unacknowledged", "other", "unknown"]
# What a domestic court found on the torture or ill-treatment allegation: found (it happened), not_found (the court
# examined it and found it unproven or untrue), not_examined (raised but not examined on the merits).
TortureFinding = Literal["found", "not_found", "not_examined", "unknown"]
# What the State did after the Committee's decision (its follow-up procedure).
FollowUp = Literal["implemented", "partially_implemented", "not_implemented", "no_reply", "ongoing", "unknown"]
# What was done to a body: an external examination (by an ambulance crew, a doctor, a forensic expert) or an autopsy.
BodyExamKind = Literal["external", "autopsy", "other"]
