"""Medical examination and care in custody, and injuries.

An examination counts as one "in custody" only when its time shows it: an undated examination leaves the
facts it would decide absent. An examination is not care: care is a ``medical_care`` event in custody.
"""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.intervals import HOUR, before, span
from safeguards.facts.registry import EPISODE, Ev, Facts, declare, events, joined, of, some_all, status
from safeguards.model.case import EventBase, MedicalCare, MedicalExamination, MedicalRequest


def exams(ep: EpisodeCtx) -> list[Ev[MedicalExamination]]:
    """Examinations by a health professional (a monitor's visual check is not one)."""
    return events(ep.items, MedicalExamination, lambda e: e.examiner != "monitor_visual")


def exams_in_custody(ep: EpisodeCtx) -> list[Ev[MedicalExamination]]:
    """Examinations that happened and whose recorded time falls within the custody."""
    return [it for it in exams(ep) if it.happened and ep.in_custody(it) is True]


declare("medical_exam", "bool", EPISODE, "examined by a health professional during custody (a monitor's visual "
        "check does not count; an undated examination leaves it undecided)",
        "a medical_examination event (happened / not_happened) with examiner and time")
declare("hours_to_medical_exam", "hours", EPISODE, "hours from apprehension to the first medical examination "
        "in custody", "the time of the first medical examination")


@episode_facts
def _medical_exam(ep: EpisodeCtx, f: Facts) -> None:
    inside = exams_in_custody(ep)
    if inside:
        f.put("medical_exam", of(inside, True))
    elif not [it for it in exams(ep) if ep.in_custody(it) is not False
              and (it.event.status == "unknown" or (it.happened and ep.in_custody(it) is None))]:
        # No examination in custody only when no undated one happened and none of unknown status may have.
        no = [it for it in exams(ep) if it.event.status == "not_happened" and ep.in_custody(it) is not False]
        if no:
            f.put("medical_exam", of(no, False))
    m_when, med = first(inside)
    put_hours(f, "hours_to_medical_exam", ep, m_when, med)


declare("independent_exam", "bool", EPISODE, "examined during custody by a doctor independent of the detaining "
        "and investigating body (an independent doctor, a public ambulance crew, a prison doctor), with no officers "
        "present (false when every examination was by the facility's or the police's own medical staff, or had "
        "officers present)", "medical_examination.examiner, officers_present and time")
declare("exam_with_officers_present", "bool", EPISODE, "officers were present at a medical examination in custody",
        "medical_examination.officers_present")

# Examiners outside the detaining and investigating body: an independent doctor, a public ambulance crew, and a prison
# doctor (the prison service is not the police body that held and questioned the person). A State forensic expert is
# not decided by the label: whom the service answers to is not recorded.
OUTSIDE_BODY = frozenset({"independent", "ambulance", "prison"})
SAME_BODY = frozenset({"facility", "police_medical"})


def _independent(ev: MedicalExamination) -> bool | None:
    if ev.examiner in SAME_BODY or ev.officers_present is True:
        return False
    if ev.examiner in OUTSIDE_BODY and ev.officers_present is False:
        return True
    return None


@episode_facts
def _exam_conditions(ep: EpisodeCtx, f: Facts) -> None:
    inside = exams_in_custody(ep)
    if inside:
        f.put("independent_exam", some_all(inside, _independent))
        f.put("exam_with_officers_present", some_all(inside, lambda e: e.officers_present))
        return
    none = f.get("medical_exam")
    if none is not None and none.value is False:
        f.put("independent_exam", none)


declare("medical_report_access", "bool", EPISODE, "the person or the lawyer was given every medical report of "
        "an examination in custody, or access to it (false when one was withheld)",
        "medical_examination.report_access")


@episode_facts
def _report_access(ep: EpisodeCtx, f: Facts) -> None:
    inside = exams_in_custody(ep)
    withheld = [it for it in inside if it.event.report_access is False]
    if withheld:
        f.put("medical_report_access", of(withheld, False))
    elif inside and all(it.event.report_access is True for it in inside):
        f.put("medical_report_access", of(inside, True))


declare("medical_requested", "bool", EPISODE, "the person (or the lawyer or a relative) asked for a doctor, "
        "an examination or care", "a medical_request event")


declare("medical_request_refused", "bool", EPISODE, "a request for medical care was refused or ignored",
        "medical_request.response")
declare("care_in_custody", "bool", EPISODE, "medical care was given while in custody (an examination is not care)",
        "a medical_care event with in_custody: true (happened / not_happened), or a refused medical_request")


def _refused(ev: MedicalRequest) -> bool | None:
    if ev.response in ("refused", "ignored", "delayed"):
        return True
    return False if ev.response == "granted" else None


@episode_facts
def _care(ep: EpisodeCtx, f: Facts) -> None:
    f.put("medical_requested", status(events(ep.items, MedicalRequest)))
    reqs = events(ep.items, MedicalRequest, happened=True)
    refusal = some_all(reqs, _refused)
    f.put("medical_request_refused", refusal)
    care = events(ep.items, MedicalCare, lambda e: e.in_custody is True)
    given = [it for it in care if it.happened]
    if given:
        f.put("care_in_custody", of(given, True))
    elif refusal is not None and refusal.value is True:
        f.put("care_in_custody", of([it for it in reqs if _refused(it.event) is True], False))
    elif [it for it in care if it.event.status == "not_happened"]:
        f.put("care_in_custody", of([it for it in care if it.event.status == "not_happened"], False))


declare("injured", "bool", EPISODE, "injuries were seen or recorded (by anyone) in or just after this custody",
        "ill_treatment.injuries, medical_examination.injuries_found, monitoring_visit.injuries_seen, "
        "medical_care.hospitalised")
declare("hours_to_care", "hours", EPISODE, "hours from the first injury recorded in custody to the first medical "
        "care in custody", "the times of the injury records and of the medical_care events with in_custody")
declare("hours_injury_to_release", "hours", EPISODE, "hours from the first injury recorded in custody to the end "
        "of custody (release or death)", "the times of the injury records and of the release")


def injuries_in_custody(ep: EpisodeCtx) -> list[Ev[EventBase]]:
    """Injury records whose time falls within the custody."""
    return [it for it in ep.injury_records if ep.in_custody(it) is True
            and not (isinstance(it.event, MedicalCare) and it.event.in_custody is False)]


@episode_facts
def _injuries(ep: EpisodeCtx, f: Facts) -> None:
    if ep.injury_records:
        f.put("injured", of(ep.injury_records, True))
    i_when, injury = first(injuries_in_custody(ep))
    if not injury:
        return
    end, ended = ep.end
    got_end = span(i_when, end, HOUR) if ended else None
    if got_end is not None:
        f.put("hours_injury_to_release", joined(got_end, of(injury, None), of(ended, None)))
    cares = [it for it in events(ep.items, MedicalCare, lambda e: e.in_custody is True, happened=True)
             if ep.in_custody(it) is True and before(it.when, i_when) is not True]
    c_when, care = first(cares)
    got = span(i_when, c_when, HOUR) if care else None
    if got is not None:
        f.put("hours_to_care", joined(got, of(injury, None), of(care, None)))
