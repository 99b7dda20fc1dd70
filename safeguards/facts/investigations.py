"""Investigations: opened (or refused), how soon, by whom, with what outcome.

An investigation of unknown status, or citing no source, decides nothing: it is not a failure to
investigate. ``investigation_opened`` is false only from a sourced ``not_happened`` or ``refused_to_open``.
"""

from __future__ import annotations

from safeguards.facts.complaints import UN_BODIES, related, related_fact, related_rfact
from safeguards.facts.context import CaseCtx, case_facts, investigation_facts
from safeguards.facts.intervals import DAY, When, before, span
from safeguards.facts.registry import (
    Fact,
    Facts,
    Instance,
    Rec,
    declare,
    joined,
    known,
    records,
    rfact,
    sourced,
)
from safeguards.model.case import CourtAppearance, Investigation, MedicalExamination, Sourced

CHARGED = frozenset({"charges_brought", "conviction", "acquittal"})


def refused(rec: Rec[Investigation]) -> bool:
    inv = rec.record
    return sourced(rec) and (inv.outcome == "refused_to_open" or (known(rec) and inv.status == "not_happened"))


def opened(rec: Rec[Investigation]) -> bool:
    return known(rec) and rec.record.status == "happened" and rec.record.outcome != "refused_to_open"


def opened_fact(invs: list[Rec[Investigation]]) -> Fact | None:
    """True if one of ``invs`` was opened, False if one was (only) refused or not opened, else absent."""
    yes = [r for r in invs if opened(r)]
    if yes:
        return rfact(yes, True)
    no = [r for r in invs if refused(r)]
    return rfact(no, False) if no else None


def about(ctx: CaseCtx, subject: str) -> list[Rec[Investigation]]:
    """Investigations of ``subject`` (known or refused with a source)."""
    return [r for r in records(ctx.case.investigations, "investigations")
            if r.record.subject == subject and (known(r) or refused(r))]


declare("investigation_opened", "bool", ("case", "death"), "an investigation into the treatment (or the death) "
        "was opened", "investigations[] with status and sources, or outcome refused_to_open")
declare("investigator_related", "bool", ("case", "investigation", "complaint", "death"),
        "the investigating body belongs to the unit, agency or prosecutors implicated, or is recorded as not "
        "independent or not impartial", "investigations[].relation, investigations[].independence")
declare("prosecution", "bool", ("case",), "perpetrators were charged",
        "investigations[].outcome or proceedings[]")


def into_treatment(ctx: CaseCtx) -> list[Rec[Investigation]]:
    """Investigations of the treatment; an inquiry into a death that followed recorded ill-treatment is one too."""
    ill = about(ctx, "ill_treatment")
    acts = any(e.type == "ill_treatment" and e.status == "happened" for ep in ctx.case.episodes for e in ep.events)
    return ill + (about(ctx, "death") if acts else [])


@case_facts
def _investigations(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    ill = into_treatment(ctx)
    f.put("investigation_opened", opened_fact(ill))
    related_fact([r for r in ill if known(r)], f, "investigator_related")
    charged: list[Rec[Sourced]] = [r for r in ill if known(r) and r.record.outcome in CHARGED]
    charged += [r for r in records(ctx.case.proceedings, "proceedings")
                if r.record.kind == "prosecution_of_perpetrators"]
    # A suspended investigation has charged no one: as of the file, there is no prosecution.
    no_charge = [r for r in ill if r.record.outcome in ("closed_no_charges", "refused_to_open", "suspended")]
    if charged:
        f.put("prosecution", rfact(charged, True))
    elif no_charge:
        f.put("prosecution", rfact(no_charge, False))


# A candidate moment: whether it certainly happened, its time bounds (None: undated), and what shows it.
Candidate = tuple[bool, When | None, Fact]


def _floor(ctx: CaseCtx) -> float | None:
    """The earliest an undated notice can be: the first apprehension (None unless every episode has one dated)."""
    starts = [ep.start.lo for ep in ctx.episodes]
    if not starts or any(x is None for x in starts):
        return None
    return min(x for x in starts if x is not None)


def _earliest(cands: list[Candidate], floor: float | None) -> tuple[When, Fact] | None:
    """Bounds on the earliest of ``cands``: its latest possible time is set by those certain to have happened,
    its earliest by every candidate that may have happened (an undated one: as early as ``floor``)."""
    sure = [c for c in cands if c[0]]
    if not sure:
        return None
    his = [c[1].hi for c in sure if c[1] is not None and c[1].hi is not None]
    hi = min(his) if his else None
    los = [c[1].lo if c[1] is not None else floor for c in cands]
    lo = None if any(x is None for x in los) else min(x for x in los if x is not None)
    first = [c[2] for c in sure if hi is None or (c[1] is not None and c[1].lo is not None and c[1].lo <= hi)]
    return When(lo, hi), joined(None, *first)


def _maybe(status: str, flag: bool | None = True) -> bool:
    """A record that may have happened and may show what is looked for."""
    return status != "not_happened" and flag is not False


def first_notice(ctx: CaseCtx) -> tuple[When, Fact] | None:
    """The earliest moment the authorities had reason to know (art 12 is ex officio): a complaint to a domestic
    body, a public allegation, a media or NGO report, a UN body's communication, injuries found by a doctor,
    raised before a judge or seen by an official (CPT 14th GR paras 27-28; Blanco Abad para 8.2)."""
    cands: list[Candidate] = []
    for r in records(ctx.case.complaints, "complaints"):
        c = r.record
        if c.body_kind in UN_BODIES or not _maybe(c.status):
            continue
        w = ctx.when(c.at, c.approximate) if c.at else None
        cands.append((known(r) and c.status == "happened", w, rfact([r], None)))
    for n in records(ctx.case.notices, "notices"):
        w = ctx.when(n.record.at, n.record.approximate) if n.record.at else None
        if _maybe(n.record.status):
            cands.append((known(n) and n.record.status == "happened", w, rfact([n], None)))
    for ep in ctx.episodes:
        for it in ep.items:
            ev = it.event
            if isinstance(ev, MedicalExamination):
                flag = ev.injuries_found
            elif isinstance(ev, CourtAppearance):
                flag = ev.allegation_raised
            else:
                continue
            if _maybe(ev.status, flag):
                w = it.when if it.when.lo is not None else None
                cands.append((it.happened and flag is True, w, Fact(None, ev.source_ids(), (it.path,))))
    return _earliest(cands, _floor(ctx))


declare("days_to_investigation", "days", ("case",), "days from the first notice (a complaint, public allegation, "
        "media, NGO or UN report, or injuries found or raised before a doctor, judge or official) to the opening "
        "of an investigation", "complaints[].at, notices[].at, medical_examination and court_appearance times, "
        "investigations[].opened_at")
declare("days_to_victim_heard", "days", ("case",), "days from the first notice to the investigators first taking "
        "the victim's account", "investigations[].victim_heard_at")
declare("days_to_forensic_exam", "days", ("case",), "days from the first notice to the investigation's forensic "
        "examination of the victim", "investigations[].forensic_exam_at")


def _possibly_opened(r: Rec[Investigation]) -> bool:
    return r.record.status != "not_happened" and r.record.outcome != "refused_to_open"


def _step_time(ctx: CaseCtx, f: Facts, name: str, invs: list[Rec[Investigation]], at: str,
               done: str | None) -> None:
    """``name``: days from the first notice to the first time an investigation took a step (read from field
    ``at``; ``done`` is the flag saying the step was taken, None for the opening itself)."""
    notice = first_notice(ctx)
    if notice is None:
        return
    cands: list[Candidate] = []
    for r in invs:
        text = getattr(r.record, at)
        flag = None if done is None else getattr(r.record, done)
        if not _possibly_opened(r) or flag is False:
            continue
        w = ctx.when(text, r.record.approximate) if text else None
        cands.append((opened(r) and text is not None, w, rfact([r], None)))
    # An undated step may have been taken at any time: as early as the notice itself.
    got = _earliest(cands, notice[0].lo)
    if got is None:
        return
    spanned = span(notice[0], got[0], DAY)
    if spanned is not None:
        f.put(name, joined(spanned, notice[1], got[1]))


@case_facts
def _investigation_delays(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    invs = into_treatment(ctx)
    _step_time(ctx, f, "days_to_investigation", invs, "opened_at", None)
    _step_time(ctx, f, "days_to_victim_heard", invs, "victim_heard_at", "victim_heard")
    _step_time(ctx, f, "days_to_forensic_exam", invs, "forensic_exam_at", "forensic_exam")


DENIALS = frozenset({"denial", "alternative_explanation"})

declare("state_denied", "bool", ("case",), "the authorities denied the ill-treatment or gave another explanation "
        "(false when every recorded response is something else, e.g. an acknowledgement)",
        "official_responses[] of subject ill_treatment, kind")
declare("denial_before_findings", "bool", ("case",), "the authorities denied the ill-treatment before any "
        "investigation had concluded, or instead of one (false when every denial came after an investigation "
        "closed)", "official_responses[].at; investigations[] status, outcome, closed_at")


def _premature(ctx: CaseCtx, at: When | None, invs: list[Rec[Investigation]], none_opened: bool) -> bool | None:
    """Whether a denial at ``at`` preceded the conclusion of every investigation (or replaced one)."""
    if none_opened:
        return True
    yes = [r for r in invs if opened(r)]
    if at is None or not yes or any(_possibly_opened(r) and not opened(r) for r in invs):
        return None
    answers: list[bool | None] = []
    for r in yes:
        closed = ctx.when(r.record.closed_at, r.record.approximate) if r.record.closed_at else None
        if closed is None:
            answers.append(True if r.record.outcome == "ongoing" else None)
        elif before(closed, at) is True:
            answers.append(False)
        else:
            answers.append(True if before(at, closed) is True else None)
    if any(a is False for a in answers):
        return False
    return True if all(a is True for a in answers) else None


@case_facts
def _denials(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    resps = [r for r in records(ctx.case.official_responses, "official_responses")
             if r.record.subject == "ill_treatment" and sourced(r)]
    if not resps:
        return
    denials = [r for r in resps if r.record.kind in DENIALS]
    f.put("state_denied", rfact(denials, True) if denials else rfact(resps, False))
    invs = into_treatment(ctx)
    got = opened_fact(invs)
    none_opened = got is not None and got.value is False
    verdicts = [(r, _premature(ctx, ctx.when(r.record.at) if r.record.at else None, invs, none_opened))
                for r in denials]
    early = [r for r, v in verdicts if v is True]
    if early:
        f.put("denial_before_findings", joined(True, rfact(early, None), got if none_opened else None))
    elif denials and all(v is False for _, v in verdicts):
        f.put("denial_before_findings", joined(False, rfact(denials, None), rfact(invs, None)))


declare("opened", "bool", ("investigation",), "the investigation was opened", "investigations[].status")
declare("outcome", "string", ("investigation",), "the investigation's outcome", "investigations[].outcome")
declare("forensic_exam", "bool", ("investigation",), "a forensic examination was carried out",
        "investigations[].forensic_exam or forensic_exam_at")
declare("suspects_suspended", "bool", ("investigation",), "suspected officers were suspended or removed from "
        "contact with the victim and witnesses", "investigations[].suspects_suspended")
declare("closed_without_charges", "bool", ("investigation",), "an investigation into ill-treatment was closed or "
        "suspended without charging anyone (false when it is ongoing or brought charges)",
        "investigations[].outcome")
declare("steps_complete", "bool", ("investigation",), "the investigation took every basic step: forensic "
        "examination, the victim heard, witnesses heard, suspects identified, the victim told of the outcome "
        "(false when one is recorded as not taken)", "investigations[].forensic_exam, victim_heard(_at), "
        "witnesses_heard, suspects_identified, victim_informed")
declare("steps_missing", "list", ("investigation",), "the basic steps recorded as not taken",
        "as steps_complete")

NO_CHARGE = frozenset({"closed_no_charges", "suspended"})
PURSUED = frozenset({"ongoing", "charges_brought", "conviction", "acquittal", "refused_to_open"})


def steps(inv: Investigation) -> dict[str, bool | None]:
    """Each basic step of an effective investigation: taken (True), recorded as not taken (False), or unknown."""
    return {
        "forensic examination": True if inv.forensic_exam_at else inv.forensic_exam,
        "victim heard": True if inv.victim_heard_at else inv.victim_heard,
        "witnesses heard": inv.witnesses_heard,
        "suspects identified": inv.suspects_identified,
        "victim informed of the outcome": inv.victim_informed,
    }


@investigation_facts
def _investigation(ctx: CaseCtx, i: int, f: Facts) -> None:
    rec = Rec(ctx.case.investigations[i], ("investigations", i))
    inv = rec.record
    if refused(rec):
        f.put("opened", rfact([rec], False))
    elif known(rec):
        f.put("opened", rfact([rec], inv.status == "happened"))
    if not known(rec):
        return
    tied = related(inv)
    if tied is not None:
        f.put("investigator_related", related_rfact([rec], tied))
    if inv.outcome != "unknown":
        f.put("outcome", rfact([rec], inv.outcome))
    taken = steps(inv)
    for name, value in (("forensic_exam", taken["forensic examination"]),
                        ("suspects_suspended", inv.suspects_suspended)):
        if value is not None:
            f.put(name, rfact([rec], value))
    if inv.subject == "ill_treatment" and inv.status == "happened":
        if inv.outcome in NO_CHARGE:
            f.put("closed_without_charges", rfact([rec], True))
        elif inv.outcome in PURSUED:
            f.put("closed_without_charges", rfact([rec], False))
    missing = [k for k, v in taken.items() if v is False]
    if missing:
        f.put("steps_missing", rfact([rec], missing))
        f.put("steps_complete", rfact([rec], False))
    elif all(v is True for v in taken.values()):
        f.put("steps_complete", rfact([rec], True))
