"""The case file: one person deprived of liberty, the facts of their custody, and where each fact comes from.

This module is the single source of the case-file format. The JSON Schema in
``safeguards/schemas/case.schema.json`` is generated from it
(``safeguards schema case``) and a test fails when the two drift.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Strict, StringConstraints, Tag

from safeguards.model import vocab as v
from safeguards.model.timepoint import parse_time, zone

SCHEMA_VERSION = 2
# Version 1 files are still read: every field added in version 2 is optional and no version-1 field changed its
# meaning, so a version-1 file means the same under version 2 (``safeguards migrate`` rewrites its version line).
# A version-1 file may not use the fields added in version 2 (NEW_IN_2): the version says which fields it knows.
SCHEMA_VERSIONS = (1, 2)

# Names Windows reserves for devices, whatever follows a dot: a report named after such an id could not be
# written or opened there (``con.md`` is the console).
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                            *(f"lpt{i}" for i in range(1, 10))})


def _not_reserved(value: str) -> str:
    if value.split(".", 1)[0].lower() in RESERVED_NAMES:
        raise ValueError(f"{value!r} is a device name reserved by Windows (con, prn, aux, nul, com1-com9, "
                         "lpt1-lpt9) and cannot name a file there; choose another id")
    return value


Id = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$"),
               AfterValidator(_not_reserved)]
Name = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=300)]
Text = Annotated[str, Strict(), StringConstraints(max_length=20_000)]
Flag = Annotated[bool, Strict()] | None
Count = Annotated[int, Strict(), Field(ge=0, le=1_000_000)]
Country = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{2}$")]


def _check_time(value: str) -> str:
    parse_time(value)
    return value


def _check_zone(value: str) -> str:
    zone(value)
    return value


Time = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=40),
    AfterValidator(_check_time),
    Field(description="A time as precise as it is known: YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] "
                      "with an optional offset (Z, +06:00). Without an offset the case's time zone applies.",
          examples=["2007-03-27T10:00", "2011-12-16", "2022-01"]),
]


class Model(BaseModel):
    """Base: unknown fields are errors, values are checked strictly and never coerced."""

    # serialize_by_alias: a dump reads back as the same case file (``sources``, ``as``), which contested
    # versions and ``validate`` rely on.
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, serialize_by_alias=True)


class Citation(Model):
    """A source cited for a fact, with what the source does with the fact."""

    source: Id = Field(description="Id of the source.")
    role: v.CitationRole = Field(
        alias="as",
        description="What the source does with this fact: finding (a court, UN treaty body or official inquiry "
                    "found it), uncontested (the source states that the State did not contest it), record (a "
                    "contemporaneous medical or official record of it) or allegation (the source reports an "
                    "allegation or account). A decision or judgment recites allegations as well as findings: "
                    "say which this is.")
    note: Text | None = Field(None, description="Where the source says it, e.g. a paragraph number.")


class Cite(NamedTuple):
    """One citation of a record: the source id and the role stated for it (None: not stated)."""

    source: str
    role: v.CitationRole | None


def _citation_form(value: Any) -> str:
    # A mapping is the long form; anything else is validated (and reported) as a plain id.
    return "source-mapping" if isinstance(value, (dict, Citation)) else "source-id"


# The tags appear in pydantic's error locations; safeguards.schema_errors leaves them out of messages.
CitationItem = Annotated[
    Annotated[Id, Tag("source-id")] | Annotated[Citation, Tag("source-mapping")],
    Discriminator(_citation_form),
]


class Sourced(Model):
    """Something that rests on sources."""

    # The YAML key is ``sources``; the attribute is ``cited`` so that ``sources`` can stay the plain ids.
    cited: list[CitationItem] = Field(
        default_factory=list, alias="sources",
        description="The sources this fact rests on: a source id, or {source: ID, as: ROLE} to say what the "
                    "source does with the fact (finding, uncontested, record, allegation). A plain id takes "
                    "the default role of the source's kind (medical_record: record; anything else, UN "
                    "decisions and court records included: allegation).")
    note: Text | None = Field(None, description="Free text. Never put names here that the consent decisions do "
                                                "not allow to be published; they are redacted, but best kept out.")

    def source_ids(self) -> tuple[str, ...]:
        """Ids of the sources cited for this record, in the order written."""
        return tuple(c if isinstance(c, str) else c.source for c in self.cited)

    def citations(self) -> tuple[Cite, ...]:
        """(source id, stated role) of each citation, in the order written; the role is None for a plain id."""
        return tuple(Cite(c, None) if isinstance(c, str) else Cite(c.source, c.role) for c in self.cited)

    @property
    def sources(self) -> tuple[str, ...]:
        """The cited ids, as ``source_ids()``."""
        return self.source_ids()


# --- people and consent -------------------------------------------------------------------


class Consent(Model):
    """Who may see this person's name."""

    decision: v.ConsentDecision = Field(description="publish_name: the name may appear in public outputs; "
                                                    "pseudonym_only: public outputs use the pseudonym; "
                                                    "confidential: not even the Committee may see it.")
    pseudonym: Name | None = Field(None, description="Name to use instead of the real one (e.g. 'AA').")
    basis: v.ConsentBasis = Field(description="Why the decision is what it is.")
    date: Time | None = Field(None, description="When consent was given or the decision taken.")
    note: Text | None = None


class Person(Model):
    """A detainee, relative, lawyer, witness, official or other person in the case."""

    id: Id
    role: v.Role
    name: Name | None = Field(None, description="Real name, if known. Leave out when only a pseudonym is known.")
    name_known: Flag = Field(None, description="false: the person's real name is not known to the analyst (a "
                                               "withheld person must otherwise have a recorded name, so that it "
                                               "can be recognised and kept out of every output).")
    aliases: list[Name] = Field(default_factory=list, description="Other spellings and names (all redacted "
                                                                   "together with the name).")
    sex: v.Sex = "unknown"
    age: Annotated[int, Strict(), Field(ge=0, le=130)] | None = Field(None, description="Age at apprehension.")
    nationality: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="ISO 3166-1 alpha-2 code.")
    relation: Name | None = Field(None, description="Relation to the detainee, e.g. mother, brother.")
    nationalities: list[Country] = Field(
        default_factory=list, max_length=10,
        description="Every nationality of the person (ISO 3166-1 alpha-2), the first being the one in "
                    "`nationality` if that is given too. Consular and foreign-national facts read all of them.")
    victim: Flag = Field(None, description="A victim in their own right (true): e.g. a relative whose anguish at a "
                                           "disappearance, a death or the treatment of the detainee is itself "
                                           "ill-treatment, or who was threatened or harmed. Cite the source.")
    vulnerabilities: list[v.Vulnerability] = Field(default_factory=list, description="Recorded vulnerabilities "
                                                   "(child, pregnant, disability, illness, older_person); cite "
                                                   "the source in sources.")
    consent: Consent = Field(description="Required for every person: no one is published without a decision.")
    sources: list[Id] = Field(default_factory=list)

    def all_nationalities(self) -> tuple[str, ...]:
        """Every recorded nationality: ``nationality`` first, then the others of ``nationalities``."""
        first = (self.nationality,) if self.nationality is not None else ()
        return tuple(dict.fromkeys((*first, *self.nationalities)))


# --- sources ------------------------------------------------------------------------------


class Reliability(Model):
    """Admiralty (NATO) grading: the source and the information are graded separately."""

    source: v.SourceReliability = Field(description="A reliable ... E unreliable, F cannot be judged.")
    information: v.InformationCredibility = Field(description="1 confirmed ... 5 improbable, 6 cannot be judged.")


class Source(Model):
    """Where a fact comes from."""

    id: Id
    kind: v.SourceKind
    title: Text
    publisher: Name | None = None
    date: Time | None = None
    url: Annotated[str, Strict(), StringConstraints(max_length=2000, pattern=r"^https?://\S+$")] | None = None
    citation: Text | None = Field(None, description="Document symbol or bibliographic citation.")
    connection: v.Connection = Field(description="The source's connection to the facts (HURIDOCS).")
    reliability: Reliability
    published: Flag = Field(None, description="The source is a published document, citable by its title in public "
                                              "outputs (default: true for media, NGO reports, UN decisions and "
                                              "official statements; false for testimony, records and others).")
    read: Flag = Field(None, description="The analyst read the source itself (true), only a summary or a "
                                         "citation of it (false), or it is not stated (null). Only a source "
                                         "read (true) can give a finding, an uncontested fact or a record; "
                                         "otherwise the citation counts as an allegation, 'cited, not read'.")
    relays: Id | None = Field(None, description="Id of the source this one relays or quotes (e.g. an outlet "
                                                "running a wire story): sources relaying the same original count "
                                                "as one for corroboration.")
    note: Text | None = None


# --- custody --------------------------------------------------------------------------------


class Place(Sourced):
    """A place where the person was held; ``sources`` are what show whether it was official."""

    id: Id
    name: Name
    type: v.PlaceType
    official: Flag = Field(None, description="Officially designated for detention: true, false, or unknown (null).")
    locality: Name | None = None
    region: Name | None = None


class EventBase(Sourced):
    """Fields every custody event has."""

    id: Id | None = Field(None, description="Needed only when something refers to this event.")
    status: v.Status = Field(description="happened / not_happened (known not to have happened) / unknown. "
                                         "'unknown' and 'not_happened' are different facts.")
    at: Time | None = Field(None, description="When it happened (start).")
    approximate: Annotated[bool, Strict()] = Field(False, description="The time is an estimate; it is widened "
                                                                      "by 2 h (times) or 1 day (dates).")
    until: Time | None = Field(None, description="When it ended, for events that last.")
    place: Id | None = Field(None, description="Id of the place in this episode.")
    by: Name | None = Field(None, description="Who did it (authority, unit or role).")
    people: list[Id] = Field(default_factory=list, description="Ids of the people involved (officials, "
                                                                "lawyers, relatives, perpetrators).")


class Apprehension(EventBase):
    """The actual moment liberty was taken: first restraint or order not to leave."""

    type: Literal["apprehension"]
    authority: Name | None = None
    status_label: v.StatusLabel = Field("unknown", description="What the person was called: suspect, "
                                                              "witness, 'invited', administrative...")
    legal_ground: Text | None = Field(None, description="The legal ground stated for the detention, as the "
                                                        "record or the authorities gave it (e.g. 'CPC art 128(1)"
                                                        "(1): caught in the act'); leave out when none is "
                                                        "recorded.")


class Arrival(EventBase):
    """Delivery to a place of custody."""

    type: Literal["arrival"]


class Registration(EventBase):
    """The detention written into an official record (protocol, custody register)."""

    type: Literal["registration"]
    record: v.RecordKind = "detention_protocol"
    recorded_start: Time | None = Field(None, description="The start of detention that the record states "
                                                          "(often later than the actual apprehension).")
    record_access: Flag = Field(None, description="The record was communicated to the person or their counsel, "
                                                  "or they were given access to it (true), or it was withheld "
                                                  "from them (false) (Body of Principles P.12(2)).")


class RightsInformation(EventBase):
    """The person was told of their rights."""

    type: Literal["rights_information"]
    form: v.RightsForm = "unknown"
    language_understood: Flag = None
    interpreter: Flag = None
    consular: Flag = Field(None, description="A foreign national was told of the right to have the consulate "
                                             "informed and to communicate with it (true), or was not (false).")


class LawyerRequest(EventBase):
    """A lawyer was asked for."""

    type: Literal["lawyer_request"]


class LawyerAccess(EventBase):
    """A lawyer met or assisted the person."""

    type: Literal["lawyer_access"]
    lawyer_type: v.LawyerType = "unknown"
    private: Flag = Field(None, description="Met in private, out of officers' hearing.")
    picked_by_investigator: Flag = Field(
        None, description="A lawyer the investigator or the detaining body picked (true), rather than one the "
                          "person or the family chose or the bar or legal-aid body assigned (false).")


class LawyerDenied(EventBase):
    """A lawyer was refused or told the person was not there."""

    type: Literal["lawyer_denied"]
    reason: Text | None = None


class FamilyNotification(EventBase):
    """A relative or chosen person was told of the detention."""

    type: Literal["family_notification"]
    place_disclosed: Flag = Field(None, description="The relative was told where the person was held.")
    consulate: Flag = Field(None, description="The notice went to the consulate (or embassy) of the person's "
                                              "State, not to a relative or chosen person; family facts leave "
                                              "such notices out.")


class AcknowledgementRefused(EventBase):
    """Authorities denied holding the person or hid where."""

    type: Literal["acknowledgement_refused"]


class MedicalExamination(EventBase):
    """A medical examination (or a monitor's visual check, which is not one)."""

    type: Literal["medical_examination"]
    examiner: v.Examiner = "unknown"
    officers_present: Flag = None
    injuries_found: Flag = None
    findings: Text | None = None
    consistency: v.Consistency | None = Field(None, description="Istanbul Protocol level of consistency.")
    report_access: Flag = Field(None, description="The person or the lawyer was given the medical report or "
                                                  "access to it (true), or it was withheld from them (false).")


class MedicalRequest(EventBase):
    """Medical care or an examination was asked for."""

    type: Literal["medical_request"]
    response: v.RequestResponse = "unknown"


class MedicalCare(EventBase):
    """Treatment given (in custody or after release)."""

    type: Literal["medical_care"]
    hospitalised: Flag = None
    in_custody: Flag = None
    days: Annotated[int, Strict(), Field(ge=0, le=10_000)] | None = None


class LawyerWaiver(Sourced):
    """The person waived a lawyer for a questioning: it counts only if informed, voluntary and verified."""

    informed: Flag = Field(None, description="Told of the right to a lawyer and of what waiving it means, in a "
                                             "language understood.")
    voluntary: Flag = Field(None, description="Given freely, without pressure, threats or promises.")
    verified: Flag = Field(None, description="Recorded so that it can be checked (signed, or on the recording of "
                                             "the questioning) and not contradicted by the person.")


class Interrogation(EventBase):
    """Questioning, formal or "informal"."""

    type: Literal["interrogation"]
    lawyer_present: Flag = None
    waiver: LawyerWaiver | None = Field(None, description="A waiver of the lawyer for this questioning, with its "
                                                          "own sources (e.g. the signed form).")
    recorded: v.Recording = "unknown"
    officials_count: Count | None = None


class IllTreatment(EventBase):
    """An act of torture or ill-treatment (HURIDOCS 'act')."""

    type: Literal["ill_treatment"]
    methods: list[v.Method] = Field(default_factory=list)
    purpose: list[v.Purpose] = Field(default_factory=list)
    involvement: v.Involvement = Field("unknown", description="Officials' involvement: direct, instigation, "
                                                              "consent or acquiescence (CAT art 1).")
    severe: Flag = Field(None, description="Severe pain or suffering is shown by the evidence (e.g. a forensic "
                                           "report or death), whatever the methods. Cite the source.")
    injuries: Text | None = None
    effects: list[v.Effect] = Field(default_factory=list, description="Recorded effects of the act (fracture, "
                                    "loss_of_consciousness, hospitalisation...); the serious ones show severity.")
    course: Id | None = Field(None, description="Acts sharing a course id are one course of conduct and are "
                                                "assessed together under CAT art 1.")
    during: Id | None = Field(None, description="Id of the interrogation (or confession) event the act took "
                                                "place during.")
    at_apprehension: Flag = Field(
        None, description="Force used to apprehend the person, at or just before the apprehension and outside "
                          "any facility (true). Such an act may be dated up to two hours before the "
                          "apprehension. With status not_happened and a source: no force was used to apprehend.")
    resisting: Flag = Field(None, description="For force used to apprehend, disperse or hold the person: the "
                                              "person was resisting or attacking the officials when the force was "
                                              "used (true), or was complying, passive or not resisting (false).")
    restrained: Flag = Field(None, description="The person was already restrained, handcuffed, held down or "
                                               "otherwise under the officials' control when the force was used "
                                               "(true), or was not (false).")


class Confession(EventBase):
    """A confession or self-incriminating statement."""

    type: Literal["confession"]
    under_duress: Flag = Field(None, description="The person says it was obtained by torture, ill-treatment "
                                                 "or coercion.")
    lawyer_present: Flag = None
    recorded: v.Recording = "unknown"
    broadcast: Flag = Field(None, description="Shown on television or online.")
    retracted: Flag = None
    language: Name | None = Field(None, description="The language the statement was written in and signed, "
                                                    "e.g. Russian.")
    language_understood: Flag = Field(None, description="The person understood the language of the statement "
                                                        "they signed (false: they did not, and no "
                                                        "interpreter translated it).")


class CourtAppearance(EventBase):
    """Brought before a judge."""

    type: Literal["court_appearance"]
    physically_present: Flag = Field(None, description="The person was physically brought before the judge (true), "
                                                       "or the hearing or detention order took place without them "
                                                       "(false; a decision on the papers, or in their absence).")
    allegation_raised: Flag = None
    judge_response: v.JudgeResponse = "unknown"
    outcome: v.CourtOutcome = "unknown"
    delay_justification: Text | None = Field(
        None, description="The reason the authorities gave for bringing the person before the judge more than 48 "
                          "hours after the actual apprehension, as the cited source states it.")
    delay_exceptional: Flag = Field(
        None, description="Whether that reason was accepted as absolutely exceptional and justified (by a court or "
                          "treaty body, or on the analyst's reading of the cited source): true, false, or not "
                          "assessed (null). It counts only with delay_justification: a delay for which no reason "
                          "is recorded is unjustified.")


class Transfer(EventBase):
    """Moved to another place (``place`` is the destination)."""

    type: Literal["transfer"]
    family_notified: Flag = None


class Solitary(EventBase):
    """Solitary confinement: 22 hours or more a day without meaningful contact."""

    type: Literal["solitary_confinement"]
    reasons: list[v.SolitaryReason] = Field(default_factory=list, description="Why the person was isolated, as the "
                                            "sources state it. confession, information, coercion and "
                                            "intimidation are never lawful reasons.")
    authorised: Flag = Field(None, description="Imposed by a decision of an authority competent under law "
                                               "(Nelson Mandela Rules r.45(1)).")
    reviewed: Flag = Field(None, description="Subject to independent review (Nelson Mandela Rules r.45(1)).")
    last_resort: Flag = Field(None, description="Used only as a last resort, for as short a time as possible "
                                                "(Nelson Mandela Rules r.45(1)).")
    disability_exacerbated: Flag = Field(
        None, description="The person has a mental or physical disability or illness that the isolation would "
                          "exacerbate (true); has none, or it would not (false, e.g. after a medical check); or "
                          "not stated (null) (Nelson Mandela Rules r.45(2)).")


class Conditions(EventBase):
    """Conditions of detention that deprive the person of necessities."""

    type: Literal["conditions"]
    deprivations: list[v.Deprivation] = Field(default_factory=list)
    hours: Annotated[float, Strict(), Field(ge=0, le=1e6)] | Annotated[int, Strict(), Field(ge=0, le=1_000_000)] \
        | None = None
    occupants: Count | None = None
    area_m2: Annotated[float, Strict(), Field(gt=0, le=1e6)] | Annotated[int, Strict(), Field(gt=0)] | None = None


class ContactDenied(EventBase):
    """Outside contact was refused or made impossible."""

    type: Literal["contact_denied"]
    contact: v.ContactKind


class MonitoringVisit(EventBase):
    """A visit by a monitor (NPM, ombudsman, NGO, UN)."""

    type: Literal["monitoring_visit"]
    independent: Flag = None
    private_interview: Flag = None
    injuries_seen: Flag = None


class Release(EventBase):
    """Liberty restored."""

    type: Literal["release"]
    charged: Flag = None


class BodyExamination(Sourced):
    """An examination of a dead person's body other than the autopsy: by whom, when, what it found."""

    kind: v.BodyExamKind = Field("external", description="external (the body was looked at and described) or "
                                                         "autopsy (a second or independent autopsy).")
    examiner: v.Examiner = Field("unknown", description="Who examined it: ambulance, state_forensic, "
                                                        "independent, facility...")
    at: Time | None = Field(None, description="When the body was examined.")
    findings: Text | None = Field(None, description="What the examination recorded (injuries, cause of death).")


class Death(EventBase):
    """Death in custody, during arrest or after release."""

    type: Literal["death"]
    official_cause: Text | None = None
    autopsy: v.Autopsy = "unknown"
    family_access_to_body: Flag = None
    autopsy_at: Time | None = Field(None, description="When the autopsy was carried out.")
    autopsy_by: Name | None = Field(None, description="Who carried out the autopsy (a forensic bureau, an "
                                                      "independent pathologist), as the source names them.")
    body_examinations: list[BodyExamination] = Field(
        default_factory=list, description="Other examinations of the body (by an ambulance crew, a doctor, a "
                                          "forensic expert at the scene), each with its timing and sources.")


Event = Annotated[
    Apprehension | Arrival | Registration | RightsInformation | LawyerRequest | LawyerAccess | LawyerDenied
    | FamilyNotification | AcknowledgementRefused | MedicalExamination | MedicalRequest | MedicalCare
    | Interrogation | IllTreatment | Confession | CourtAppearance | Transfer | Solitary | Conditions
    | ContactDenied | MonitoringVisit | Release | Death,
    Field(discriminator="type"),
]

EVENT_TYPES: tuple[str, ...] = (
    "apprehension", "arrival", "registration", "rights_information", "lawyer_request", "lawyer_access",
    "lawyer_denied", "family_notification", "acknowledgement_refused", "medical_examination", "medical_request",
    "medical_care", "interrogation", "ill_treatment", "confession", "court_appearance", "transfer",
    "solitary_confinement", "conditions", "contact_denied", "monitoring_visit", "release", "death",
)


class CustodyPhase(Sourced):
    """A period of an episode under one legal status (police custody, administrative detention, remand...)."""

    status: v.LegalStatus = Field(description="The legal status of the person during this period: "
                                              "police_custody, administrative_detention, remand, prison, "
                                              "immigration_detention, house_arrest, unacknowledged (held with "
                                              "no legal status at all), other, unknown.")
    start: Time | None = Field(None, alias="from", description="When this period began.")
    until: Time | None = Field(None, description="When it ended (leave out if it had not ended).")
    approximate: Annotated[bool, Strict()] = Field(False, description="The times are estimates.")
    place: Id | None = Field(None, description="Id of the place (of this episode) where the person was held "
                                               "during this period, if one.")
    ordered_by: Name | None = Field(None, description="Who ordered it (a court, a prosecutor, the police).")


class Episode(Model):
    """One continuous deprivation of liberty, from apprehension to release (or death)."""

    id: Id
    authority: Name | None = Field(None, description="The detaining authority.")
    state: Country | None = Field(None, description="ISO 3166-1 alpha-2 code of the State that held the person in "
                                                    "this episode, when it is not the case's jurisdiction (e.g. "
                                                    "custody abroad before an extradition).")
    places: list[Place] = Field(default_factory=list)
    phases: list[CustodyPhase] = Field(default_factory=list, description="The legal status of each period of "
                                       "this custody, in order: e.g. police custody, then remand.")
    events: list[Event] = Field(default_factory=list)
    note: Text | None = None


# --- after custody --------------------------------------------------------------------------


class Complaint(Sourced):
    """A complaint about the treatment, by whom, to whom, when."""

    id: Id
    status: v.Status = Field("unknown", description="Whether the complaint was made; unknown unless recorded.")
    by: Id | None = Field(None, description="Person id of the complainant.")
    to: Name | None = Field(None, description="The body complained to.")
    body_kind: v.BodyKind = "unknown"
    at: Time | None = None
    approximate: Annotated[bool, Strict()] = False
    about: list[Id] = Field(default_factory=list, description="Episode or event ids complained of.")
    registered: Flag = None
    answered: Flag = None
    # For a communication to the Committee against Torture (body_kind committee_against_torture) only: the
    # State's cooperation with the Committee under art 22.
    state_replied: Flag = Field(None, description="For a communication to the Committee against Torture: the "
                                                  "State submitted its observations on the communication (true), "
                                                  "or did not reply within the time set (six months under art "
                                                  "22(3)) or at all (false).")
    interim_measures: v.InterimMeasures = Field(
        "unknown", description="For a communication to the Committee against Torture: none (no interim measures "
                               "were requested), requested (requested; whether the State complied is not recorded), "
                               "respected, disregarded (the State acted against them, e.g. removed the person or "
                               "did not give the protection asked for), or unknown.")
    violation_found: Flag = Field(None, description="For a communication to the Committee against Torture: the "
                                                    "Committee's decision found a violation (true), or found none "
                                                    "or declared the communication inadmissible (false); null "
                                                    "while it is pending or not known.")
    follow_up_reported: Flag = Field(None, description="After a decision finding a violation: the State informed "
                                                       "the Committee within the time it set (e.g. 90 days) of the "
                                                       "steps taken (true), or did not (false).")


class Independence(Sourced):
    """Whether an investigation was independent and impartial, for a stated reason."""

    independent: Flag = Field(None, description="Institutionally and practically independent of those implicated "
                                                "(false: it was not).")
    impartial: Flag = Field(None, description="Impartial (false: e.g. it took the officers' account at face value "
                                              "or the investigator had a stake in the outcome).")
    reason: Text | None = Field(None, description="Why, as the source states it (required when independent or "
                                                  "impartial is false).")


class Investigation(Sourced):
    """An inquiry or criminal investigation into the treatment or a death."""

    id: Id
    subject: v.Subject = "ill_treatment"
    status: v.Status = Field("unknown", description="Whether an investigation was opened; unknown unless "
                                                    "recorded.")
    body: Name
    body_kind: v.BodyKind = "unknown"
    relation: v.Relation = Field("unknown", description="The body's relation to the alleged perpetrators.")
    opened_at: Time | None = None
    closed_at: Time | None = None
    approximate: Annotated[bool, Strict()] = False
    triggered_by: list[Id] = Field(default_factory=list, description="Complaint ids that led to it.")
    outcome: v.InvestigationOutcome = "unknown"
    forensic_exam: Flag = Field(None, description="A forensic medical examination of the victim was carried out "
                                                  "for the investigation (false: none was).")
    forensic_exam_at: Time | None = Field(None, description="When the investigation's forensic examination took "
                                                            "place (implies forensic_exam: true).")
    victim_heard: Flag = Field(None, description="The investigators took the victim's account (false: they never "
                                                 "did). victim_heard_at implies true.")
    victim_heard_at: Time | None = Field(None, description="When the investigating body first took the victim's "
                                                           "account.")
    witnesses_heard: Flag = Field(None, description="The witnesses named by the victim or present (cellmates, "
                                                    "officers on duty, doctors) were questioned.")
    suspects_identified: Flag = Field(None, description="The officers suspected were identified by name or "
                                                        "post.")
    suspects_suspended: Flag = Field(None, description="The suspected officers were suspended or removed from "
                                                       "duties giving them control over the victim, witnesses "
                                                       "or the investigation.")
    victim_informed: Flag = Field(None, description="The victim (or family) was told of the investigation's "
                                                    "outcome.")
    disciplinary: v.Disciplinary = Field("unknown", description="Disciplinary action taken against the officers "
                                                                "implicated (none: the sources say none was).")
    impunity: v.ImpunityMeasure = Field("unknown", description="What ended or barred the case: pardon, amnesty, "
                                                               "limitation (statute of limitations), or none.")
    independence: Independence | None = Field(
        None, description="A finding or assessment that the investigation was (or was not) independent and "
                          "impartial, with its reason and sources; read besides `relation`.")


class Proceeding(Sourced):
    """Court proceedings: the detainee's trial, or a prosecution of perpetrators."""

    id: Id
    kind: v.ProceedingKind
    court: Name | None = None
    at: Time | None = None
    torture_alleged: Flag = Field(None, description="The defendant alleged torture or coercion in court.")
    confession_used: Flag = Field(None, description="A statement alleged to be coerced was used as evidence.")
    court_response: v.CourtResponse = "unknown"
    outcome: Text | None = None
    defendants: list[Id] = Field(default_factory=list)
    offence: Name | None = Field(None, description="For a prosecution of perpetrators: the offence charged, as the "
                                                   "source names it (e.g. 'CC art 362, exceeding official powers').")
    torture_offence: Flag = Field(None, description="The offence charged is the torture offence (in Kazakhstan CC "
                                                    "art 146(2); before 2014 art 347-1), not a lesser one such as "
                                                    "abuse of power or exceeding authority.")
    convicted: Flag = Field(None, description="For a prosecution of perpetrators: at least one defendant was "
                                              "convicted (false: all acquitted or the case dropped).")
    sentence: v.Sentence = Field("unknown", description="The main penalty imposed on the convicted perpetrators "
                                                        "(the most lenient one, if they differ).")
    sentence_months: Count | None = Field(None, description="Length of the penalty in months (of imprisonment, "
                                                            "or of the suspended term).")
    impunity: v.ImpunityMeasure = Field("unknown", description="What ended the prosecution or the punishment: "
                                                               "pardon, amnesty, limitation, or none.")
    defendants_rank: v.DefendantsRank = Field("unknown", description="Whether only junior officers were "
                                                                     "prosecuted, or superiors too.")
    superiors_implicated: Flag = Field(None, description="The sources implicate superiors (who ordered, "
                                                         "instigated or tolerated the acts).")
    finding_on_torture: v.TortureFinding = Field(
        "unknown", description="What the court found on the torture or ill-treatment allegation: found, not_found "
                               "(examined and rejected), not_examined (raised but not examined on the merits).")


class Notice(Sourced):
    """Something other than a complaint that gave the authorities reason to know of the treatment (art 12)."""

    id: Id
    kind: v.NoticeKind = Field(description="public_allegation (a press conference or public statement), "
                                           "media_report, ngo_report, un_communication (a UN body's "
                                           "communication to the State), injuries_seen (by an official, "
                                           "judge or doctor, outside a recorded medical examination or court "
                                           "appearance), official_report (an official reported the "
                                           "allegation), other.")
    status: v.Status = Field("unknown", description="Whether it happened; unknown unless recorded.")
    at: Time | None = Field(None, description="When it was made public, or reached or was seen by the "
                                              "authorities (for a UN communication: when the UN body "
                                              "transmitted it to the State).")
    approximate: Annotated[bool, Strict()] = False
    by: Name | None = Field(None, description="Who made the allegation or saw the injuries.")
    to: Name | None = Field(None, description="The authority it reached, if known.")


class Reprisal(Sourced):
    """An adverse act against the person, a relative, a lawyer or a witness."""

    id: Id
    kind: v.ReprisalKind
    status: v.Status = Field("unknown", description="Whether the reprisal happened; unknown unless recorded.")
    at: Time | None = None
    approximate: Annotated[bool, Strict()] = False
    against: list[Id] = Field(default_factory=list)
    by: Name | None = None
    follows: list[Id] = Field(default_factory=list, description="Complaint ids this reprisal followed.")


class Redress(Sourced):
    """Reparation: compensation, rehabilitation, restitution, satisfaction, guarantees."""

    id: Id
    kind: v.RedressKind
    status: v.Status = Field(description="Provided (happened), not provided (not_happened) or unknown.")
    at: Time | None = None
    as_of: Time | None = Field(None, description="The date the information is current to (for not_happened, and "
                                                 "for whether an award was paid); reports date the finding by it.")
    amount: Name | None = Field(None, description="The amount awarded, as text with its currency, e.g. 'KZT "
                                                  "2,000,000'.")
    paid: Flag = Field(None, description="For compensation: the award was actually paid (true), not paid "
                                         "(false), or not stated (null).")
    adequate: Flag = Field(None, description="The compensation is fair and adequate to the harm, or the "
                                             "rehabilitation as full as possible (true); it is not, e.g. a token "
                                             "award (false); or not assessed (null). It counts only with "
                                             "adequacy_source.")
    adequacy_source: Id | None = Field(None, description="Id of the source that assesses adequacy (a UN decision, "
                                                         "a court, a medical or expert opinion).")


class OfficialResponse(Sourced):
    """What the authorities said: denial, alternative explanation, acknowledgement."""

    id: Id
    kind: v.ResponseKind
    subject: v.ResponseSubject = Field("ill_treatment", description="What the response explains: injuries or "
                                                                    "ill-treatment, or a death.")
    basis: v.ExplanationBasis = Field("unknown", description="What the explanation rests on.")
    evidence: list[Id] = Field(default_factory=list, description="Ids of sources, other than the State's own "
                                                                 "statement, that support the explanation.")
    at: Time | None = None
    by: Name | None = None
    explanation: Text | None = None


class Removal(Sourced):
    """Extradition, expulsion or return to another State (CAT art 3)."""

    id: Id
    kind: Literal["extradition", "expulsion", "deportation", "return"]
    status: v.Status
    destination: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    at: Time | None = None
    risk_claimed: Flag = Field(None, description="A risk of torture in the destination was raised.")
    risk_assessed: Flag = Field(None, description="The risk was assessed individually before removal.")
    interim_measures_requested: Flag = None
    interim_measures_ignored: Flag = Field(None, description="Removed although a UN body had asked the State "
                                                             "not to while it examined the case.")


class Target(Model):
    """The field of a record that is disputed."""

    record: Id = Field(description="Id of the event, complaint, investigation or other record.")
    field: Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z_]{1,40}$")]


class Version(Model):
    """One source's account of a disputed fact."""

    value: Annotated[bool, Strict()] | Annotated[str, Strict(), StringConstraints(max_length=200)] \
        | Annotated[int, Strict()] | None = Field(description="The value this account gives the field.")
    sources: list[Id] = Field(min_length=1)
    note: Text | None = None


class Contested(Model):
    """A fact on which sources disagree; each version is kept, none is chosen."""

    id: Id
    about: Text
    target: Target
    versions: list[Version] = Field(min_length=2, max_length=6)


class Committee(Sourced):
    """The case before the Committee against Torture (art 22) and the State's cooperation with it."""

    communication: Name | None = Field(None, description="The communication's number or document symbol, e.g. "
                                                          "'CAT/C/51/D/433/2010'.")
    submitted_at: Time | None = Field(None, description="When the communication was submitted.")
    state_replied: Flag = Field(None, description="The State replied to the Committee on the admissibility or "
                                                  "merits (false: it did not, despite reminders).")
    interim_measures_requested: Flag = Field(None, description="The Committee asked the State for interim "
                                                               "measures (rule 114), e.g. not to remove the person.")
    interim_measures_respected: Flag = Field(None, description="The State respected the interim measures (false: "
                                                               "it did not). Counts only if they were requested.")
    decision_at: Time | None = Field(None, description="When the Committee adopted its decision.")
    follow_up: v.FollowUp = Field("unknown", description="What the State did after the decision: implemented, "
                                                         "partially_implemented, not_implemented, no_reply, "
                                                         "ongoing.")


class Case(Model):
    """A case file: one person deprived of liberty."""

    schema_version: Literal[1, 2] = Field(description="Version of the case-file format: 2 (current). Version 1 "
                                                      "is still read; `safeguards migrate` upgrades it.")
    id: Id = Field(description="Stable case id, e.g. kz-2007-gerasimov. Used in file names and public outputs, "
                               "so never a non-consenting person's name.")
    title: Text
    jurisdiction: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="ISO 3166-1 alpha-2 code of the State responsible.")
    timezone: Annotated[str, Strict(), StringConstraints(max_length=64), AfterValidator(_check_zone)] = Field(
        description="IANA time zone for times written without an offset, e.g. Asia/Almaty.")
    context: Id | None = Field(None, description="The wider events, e.g. zhanaozen-2011, january-2022.")
    region: Name | None = None
    status: v.CaseStatus
    subject: Id = Field(description="Person id of the detainee this file is about.")
    summary: Text | None = None
    people: list[Person] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    episodes: list[Episode] = Field(default_factory=list)
    complaints: list[Complaint] = Field(default_factory=list)
    investigations: list[Investigation] = Field(default_factory=list)
    proceedings: list[Proceeding] = Field(default_factory=list)
    notices: list[Notice] = Field(default_factory=list, description="Public allegations, media or NGO reports, "
                                  "UN communications, injuries seen by officials: with complaints and medical "
                                  "findings, the earliest of them starts the art 12 clock.")
    reprisals: list[Reprisal] = Field(default_factory=list)
    redress: list[Redress] = Field(default_factory=list)
    official_responses: list[OfficialResponse] = Field(default_factory=list)
    removals: list[Removal] = Field(default_factory=list)
    committee: Committee | None = Field(None, description="The communication to the Committee against Torture, "
                                                          "if any, and the State's cooperation with it.")
    contested: list[Contested] = Field(default_factory=list)

    def person(self, pid: str) -> Person | None:
        """The person with id ``pid``."""
        for p in self.people:
            if p.id == pid:
                return p
        return None


# The fields added in version 2 (class name -> field names), and the vocabulary values added to version-1 fields.
NEW_IN_2: dict[str, frozenset[str]] = {
    "Person": frozenset({"nationalities", "victim"}),  # name_known: any version (the consent check needs it)
    "Source": frozenset({"published"}),
    "Apprehension": frozenset({"legal_ground"}),
    "IllTreatment": frozenset({"at_apprehension"}),
    "Confession": frozenset({"language", "language_understood"}),
    "Death": frozenset({"autopsy_at", "autopsy_by", "body_examinations"}),
    "Episode": frozenset({"state", "phases"}),
    "Investigation": frozenset({"independence"}),
    "Proceeding": frozenset({"finding_on_torture"}),
    "Case": frozenset({"committee"}),
}
NEW_VALUES_IN_2: dict[tuple[str, str], frozenset[str]] = {
    ("Reprisal", "kind"): frozenset({"no_complaints_statement"}),
}


def newer_fields(model: BaseModel, version: int, path: tuple[str | int, ...] = ()
                 ) -> list[tuple[tuple[str | int, ...], str]]:
    """Paths (YAML keys) of the fields and values in ``model`` that a file of schema ``version`` cannot have."""
    if version >= 2:
        return []
    out: list[tuple[tuple[str | int, ...], str]] = []
    cls = type(model).__name__
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        value = getattr(model, name)
        if name in model.model_fields_set:
            if name in NEW_IN_2.get(cls, ()):
                out.append(((*path, key), f"field {key!r}"))
                continue
            if value in NEW_VALUES_IN_2.get((cls, name), ()):
                out.append(((*path, key), f"value {value!r} of {key!r}"))
        if isinstance(value, BaseModel):
            out.extend(newer_fields(value, version, (*path, key)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    out.extend(newer_fields(item, version, (*path, key, i)))
    return out


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema of a case file, as committed in ``safeguards/schemas``."""
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://safeguards.invalid/schemas/case.schema.json"
    return schema
