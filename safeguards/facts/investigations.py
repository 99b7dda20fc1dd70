"""Investigations: opened (or refused), how soon, by whom, with what outcome.

An investigation of unknown status, or citing no source, decides nothing: it is not a failure to
investigate. ``investigation_opened`` is false only from a sourced ``not_happened`` or ``refused_to_open``.
"""

from __future__ import annotations

from safeguards.facts.complaints import RELATED, UN_BODIES, related_fact
from safeguards.facts.context import CaseCtx, case_facts, investigation_facts
from safeguards.facts.intervals import DAY, When, span
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
from safeguards.model.case import Investigation, MedicalExamination, Sourced

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
        "the investigating body belongs to the unit, agency or prosecutors implicated", "investigations[].relation")
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


def first_notice(ctx: CaseCtx) -> tuple[When, Fact] | None:
    """The earliest moment the authorities had reason to know: a complaint or an injury found at an examination.

    A notice that may have come earlier (a complaint or examination of unknown status, an examination whose
    findings are not recorded, an undated one) lowers the lower bound: without its time, the bound is open.
    """
    best: tuple[When, Fact] | None = None
    maybe: list[When] = []
    for r in records(ctx.case.complaints, "complaints"):
        c = r.record
        if c.body_kind in UN_BODIES or c.status == "not_happened":
            continue
        w = ctx.when(c.at, c.approximate) if c.at else When(None, None)
        if known(r) and c.status == "happened" and w.lo is not None:
            if best is None or (best[0].lo is not None and w.lo < best[0].lo):
                best = (w, rfact([r], None))
        else:
            maybe.append(w)
    for ep in ctx.episodes:
        for it in ep.items:
            ev = it.event
            if not isinstance(ev, MedicalExamination) or ev.status == "not_happened" or ev.injuries_found is False:
                continue
            if it.happened and ev.injuries_found and it.when.lo is not None:
                if best is None or (best[0].lo is not None and it.when.lo < best[0].lo):
                    best = (it.when, Fact(None, ev.source_ids(), (it.path,)))
            else:
                maybe.append(it.when)
    if best is None or not maybe:
        return best
    lows = [w.lo for w in maybe]
    lo = None if any(x is None for x in lows) else min([best[0].lo or 0.0, *(x for x in lows if x is not None)])
    return When(lo, best[0].hi), best[1]


declare("days_to_investigation", "days", ("case",), "days from the first notice (complaint or recorded injury) "
        "to the opening of an investigation", "the complaint date and investigations[].opened_at")
declare("days_to_victim_heard", "days", ("case",), "days from the first notice to the investigators first taking "
        "the victim's account", "investigations[].victim_heard_at")


def _days_from_notice(ctx: CaseCtx, f: Facts, name: str, times: list[tuple[When, Rec[Investigation]]]) -> None:
    notice = first_notice(ctx)
    if notice is None or not times:
        return
    w, rec = min(times, key=lambda x: x[0].lo if x[0].lo is not None else 0)
    got = span(notice[0], w, DAY)
    if got is not None:
        f.put(name, joined(got, notice[1], rfact([rec], None)))


@case_facts
def _investigation_delays(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    yes = [r for r in into_treatment(ctx) if opened(r)]
    _days_from_notice(ctx, f, "days_to_investigation", [
        (ctx.when(r.record.opened_at, r.record.approximate), r) for r in yes if r.record.opened_at])
    _days_from_notice(ctx, f, "days_to_victim_heard", [
        (ctx.when(r.record.victim_heard_at, r.record.approximate), r) for r in yes if r.record.victim_heard_at])


declare("opened", "bool", ("investigation",), "the investigation was opened", "investigations[].status")
declare("outcome", "string", ("investigation",), "the investigation's outcome", "investigations[].outcome")
declare("forensic_exam", "bool", ("investigation",), "a forensic examination was carried out",
        "investigations[].forensic_exam")
declare("suspects_suspended", "bool", ("investigation",), "suspected officers were suspended",
        "investigations[].suspects_suspended")


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
    if inv.relation != "unknown":
        f.put("investigator_related", rfact([rec], inv.relation in RELATED))
    if inv.outcome != "unknown":
        f.put("outcome", rfact([rec], inv.outcome))
    for name, value in (("forensic_exam", inv.forensic_exam), ("suspects_suspended", inv.suspects_suspended)):
        if value is not None:
            f.put(name, rfact([rec], value))

