"""The burden of proof for injuries or a death in custody: what the State said, and whether it rebuts.

When a person is injured, or dies, in State custody, the State must give a satisfactory and convincing
explanation (standards F.2). A bare denial, or one resting on a visual check, is not one; an alternative
explanation counts only when sources other than the State's own statement support it and no medical
finding contradicts it.
"""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, EpisodeCtx, case_facts, first
from safeguards.facts.intervals import DAY, before, span
from safeguards.facts.medical import exams_in_custody, injuries_in_custody
from safeguards.facts.registry import (
    CASE,
    Ev,
    Fact,
    Facts,
    Instance,
    Rec,
    declare,
    events,
    joined,
    of,
    records,
    rfact,
    sourced,
)
from safeguards.model.case import EventBase, IllTreatment, MedicalCare, MedicalExamination, OfficialResponse

EVIDENCED = frozenset({"medical_examination", "forensic_report", "investigation_findings", "witnesses", "documents"})
CONTRADICTING = frozenset({"highly_consistent", "typical", "diagnostic"})
# Most favourable to the State first.
EXPLANATIONS = ("evidenced_alternative", "alternative_contradicted", "unevidenced_alternative",
                "denial_on_visual_check", "bare_denial", "no_response", "acknowledgement")


def _evidenced(resp: OfficialResponse) -> bool:
    own = set(resp.source_ids())
    return resp.basis in EVIDENCED and any(e not in own for e in resp.evidence)


def classify(resp: OfficialResponse, contradicted: bool) -> str:
    """The kind of explanation a response gives."""
    if resp.kind in ("acknowledgement", "no_response"):
        return resp.kind
    if _evidenced(resp):
        return "alternative_contradicted" if contradicted else "evidenced_alternative"
    if resp.kind == "denial":
        return "denial_on_visual_check" if resp.basis == "visual_check" else "bare_denial"
    return "unevidenced_alternative"


def contradicting_findings(ctx: CaseCtx) -> list[Ev[MedicalExamination]]:
    """Medical findings consistent with the allegation to a degree that contradicts another explanation."""
    return [it for ep in ctx.episodes for it in events(ep.items, MedicalExamination, happened=True)
            if it.event.consistency in CONTRADICTING]


def explanation(ctx: CaseCtx, subject: str) -> tuple[str, Fact] | None:
    """The explanation most favourable to the State among the sourced responses about ``subject``."""
    resps = [r for r in records(ctx.case.official_responses, "official_responses")
             if r.record.subject == subject and sourced(r)]
    if not resps:
        return None
    found = contradicting_findings(ctx)
    kinds: list[tuple[str, Rec[OfficialResponse]]] = [(classify(r.record, bool(found)), r) for r in resps]
    best = min((k for k, _ in kinds), key=EXPLANATIONS.index)
    chosen = [r for k, r in kinds if k == best]
    extra = of(found, None) if best == "alternative_contradicted" else None
    return best, joined(best, rfact(chosen, None), extra)


def rebuts(got: tuple[str, Fact] | None) -> Fact | None:
    if got is None:
        return None
    return Fact(got[0] == "evidenced_alternative", got[1].sources, got[1].paths)


declare("state_explanation", "string", CASE, "the State's explanation of the injuries, the one most favourable to "
        "it: no_response, bare_denial, denial_on_visual_check, unevidenced_alternative, alternative_contradicted, "
        "evidenced_alternative or acknowledgement", "official_responses[] kind, basis and evidence")
declare("explanation_rebuts", "bool", CASE, "the State gave an alternative explanation supported by other "
        "evidence and contradicted by no medical finding (false for any other recorded response)",
        "official_responses[] basis and evidence; medical_examination.consistency")
declare("death_explanation_rebuts", "bool", ("death",), "as explanation_rebuts, for responses about the death",
        "official_responses[] with subject death")


@case_facts
def _explanation(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    got = explanation(ctx, "ill_treatment")
    if got is not None:
        f.put("state_explanation", got[1])
    f.put("explanation_rebuts", rebuts(got))


def _in_custody_injuries(ep: EpisodeCtx) -> list[Ev[EventBase]]:
    """Injuries first recorded during the custody: dated records within it, acts of the episode, care in custody."""
    out = list(injuries_in_custody(ep))
    out += [it for it in ep.injury_records if isinstance(it.event, IllTreatment) and ep.in_custody(it) is None]
    out += [it for it in events(ep.items, MedicalCare, lambda e: e.in_custody is True, happened=True)
            if it not in out]
    return out


declare("injured_in_custody", "bool", CASE, "injuries were first recorded during a custody episode (false only "
        "when an examination in custody found none and no injury is recorded at all)",
        "ill_treatment.injuries, medical_examination.injuries_found, monitoring_visit.injuries_seen, medical_care")
declare("days_release_to_injury", "days", CASE, "days from release to the first injury record after it, when "
        "injuries were first recorded after release", "release time and the injury records' times")
declare("healthy_on_entry", "bool", CASE, "an examination on admission found no injuries before injuries were "
        "later recorded (false when the first examination in custody found injuries)",
        "medical_examination.injuries_found and times")


@case_facts
def _injured_in_custody(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    inside = [it for ep in ctx.episodes for it in _in_custody_injuries(ep)]
    if inside:
        f.put("injured_in_custody", of(inside, True))
        return
    clean = [it for ep in ctx.episodes for it in exams_in_custody(ep) if it.event.injuries_found is False]
    if clean and not any(ep.injury_records for ep in ctx.episodes):
        f.put("injured_in_custody", of(clean, False))
        return
    after: list[tuple[tuple[float, float], Fact]] = []
    for ep in ctx.episodes:
        end, used = ep.end
        later = [it for it in ep.injury_records if ep.in_custody(it) is False
                 or (isinstance(it.event, MedicalCare) and it.event.in_custody is False)]
        w, rec = first(later)
        got = span(end, w, DAY) if rec and used else None
        if got is not None:
            after.append((got, joined(got, of(used, None), of(rec, None))))
    if after:
        f.put("days_release_to_injury", min(after, key=lambda x: x[0][0])[1])


@case_facts
def _healthy_on_entry(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    for ep in ctx.episodes:
        _, entry = first(exams_in_custody(ep))
        if not entry or not isinstance(entry[0].event, MedicalExamination):
            continue
        if entry[0].event.injuries_found is True:
            f.put("healthy_on_entry", of(entry, False))
            return
        if entry[0].event.injuries_found is False:
            later = [it for it in ep.injury_records
                     if it.path != entry[0].path and before(entry[0].when, it.when) is True]
            if later:
                f.put("healthy_on_entry", joined(True, of(entry, None), of(later[:1], None)))
                return
