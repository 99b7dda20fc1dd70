"""Complaints: made, to whom, examined, by whom. A complaint of unknown status or without a source decides nothing."""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, case_facts, complaint_facts
from safeguards.facts.intervals import DAY, earliest, span
from safeguards.facts.registry import (
    CASE,
    Fact,
    Facts,
    Instance,
    Rec,
    declare,
    joined,
    known,
    records,
    revery,
    rfact,
    rsome_all,
    rstatus,
)
from safeguards.model.case import Complaint, Investigation

# The Committee against Torture (art 22) is one UN body among others: "un_committee" is any other treaty body.
CAT_BODIES = frozenset({"committee_against_torture"})
UN_BODIES = frozenset({"committee_against_torture", "un_committee", "un_special_procedure"})
RELATED = frozenset({"same_unit", "same_agency", "ordering_prosecutors", "supervising_prosecutors",
                     "same_ministry"})


def known_complaints(ctx: CaseCtx) -> list[Rec[Complaint]]:
    return [r for r in records(ctx.case.complaints, "complaints") if known(r)]


def known_investigations(ctx: CaseCtx) -> list[Rec[Investigation]]:
    return [r for r in records(ctx.case.investigations, "investigations") if known(r)]


declare("complaint_made", "bool", CASE, "a complaint about the treatment was made", "complaints[] with status "
        "and sources")
declare("complained_to_cat", "bool", CASE, "a communication went to the Committee against Torture (art 22); "
        "complaints to other treaty bodies or to special procedures do not count", "complaints[].body_kind")


@case_facts
def _complaints(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    comps = known_complaints(ctx)
    f.put("complaint_made", rstatus(comps))
    cat = [r for r in comps if r.record.status == "happened" and r.record.body_kind in CAT_BODIES]
    maybe = [c for c in ctx.case.complaints if c.body_kind in CAT_BODIES and c.status != "not_happened"]
    if cat:
        f.put("complained_to_cat", rfact(cat, True))
    elif comps and not maybe:  # a communication of unknown status to the Committee leaves it open
        f.put("complained_to_cat", rfact(comps, False))


declare("complaint_to_related_body", "bool", ("complaint",), "the complaint was handled by the unit or agency "
        "complained of", "complaints[].body_kind and the investigation it triggered")
declare("complaint_examined", "bool", ("complaint",), "an investigation or inquiry followed the complaint",
        "investigations[].triggered_by, with status and sources")
declare("to_un", "bool", ("complaint",), "the complaint went to a UN body", "complaints[].body_kind")
declare("complaint_lodged", "bool", ("complaint",), "the complaint was made (false when the file records that it "
        "was not)", "complaints[].status with sources")
declare("complaint_registered", "bool", ("complaint",), "the complaint was registered by the body it went to (true "
        "also when an examination it triggered was opened, since that shows it was received and recorded)",
        "complaints[].registered; investigations[].triggered_by")
declare("complaint_answered", "bool", ("complaint",), "the complainant was told the outcome",
        "complaints[].answered, else investigations[].victim_informed of the examinations it triggered")
declare("days_to_examination", "days", ("complaint",), "days from the complaint to the opening of its examination",
        "complaints[].at and investigations[].opened_at of the examinations it triggered")


def related(inv: Investigation) -> bool | None:
    """Whether the investigating body is tied to those implicated (its ``relation``), or is recorded as not
    independent or not impartial (its ``independence``); None when neither decides it."""
    ind = inv.independence
    if inv.relation in RELATED or (ind is not None and (ind.independent is False or ind.impartial is False)):
        return True
    if inv.relation == "independent" or (ind is not None and ind.independent is True and ind.impartial is not False):
        return False
    return None


def related_rfact(recs: list[Rec[Investigation]], value: bool) -> Fact:
    """A fact of ``value`` resting on the investigations and on the sources of their independence records."""
    base = rfact(recs, value)
    extra = [(r.record.independence, (*r.path, "independence")) for r in recs if r.record.independence is not None]
    sources = tuple(dict.fromkeys((*base.sources, *(s for ind, _ in extra for s in ind.source_ids()))))
    return Fact(value, sources, (*base.paths, *(p for _, p in extra)))


def related_fact(invs: list[Rec[Investigation]], f: Facts, name: str) -> None:
    """True if an investigation is by a related (or not independent or impartial) body, False if all are by
    independent ones."""
    tied = [r for r in invs if related(r.record) is True]
    if tied:
        f.put(name, related_rfact(tied, True))
    elif invs and all(related(r.record) is False for r in invs):
        f.put(name, related_rfact(invs, False))


@complaint_facts
def _complaint(ctx: CaseCtx, i: int, f: Facts) -> None:
    comp = Rec(ctx.case.complaints[i], ("complaints", i))
    if not known(comp):
        return
    c = comp.record
    triggered = [r for r in known_investigations(ctx) if c.id in r.record.triggered_by]
    if c.body_kind == "same_unit":
        f.put("complaint_to_related_body", rfact([comp], True))
    else:
        related_fact(triggered, f, "complaint_to_related_body")
    related_fact(triggered, f, "investigator_related")
    examined = [r for r in triggered if r.record.status == "happened" and r.record.outcome != "refused_to_open"]
    if examined:
        f.put("complaint_examined", rfact(examined, True))
    elif triggered:
        f.put("complaint_examined", rfact(triggered, False))
    elif c.answered is False:
        f.put("complaint_examined", rfact([comp], False))
    f.put("to_un", rfact([comp], c.body_kind in UN_BODIES))
    f.put("complaint_lodged", rfact([comp], c.status == "happened"))
    if c.registered is not None:
        f.put("complaint_registered", rfact([comp], c.registered))
    elif examined:
        f.put("complaint_registered", rfact(examined, True))
    if c.answered is not None:
        f.put("complaint_answered", rfact([comp], c.answered))
    else:
        f.put("complaint_answered", rsome_all(examined, lambda r: r.victim_informed))
    if examined:
        c_when = ctx.when(c.at, c.approximate)
        o_when = earliest([ctx.when(r.record.opened_at, r.record.approximate) for r in examined])
        got = span(c_when, o_when, DAY)
        if got is not None:
            f.put("days_to_examination", joined(got, rfact([comp], None), rfact(examined, None)))


# --- the State's cooperation with the Committee against Torture (art 22) -----------------------------


declare("cat_state_replied", "bool", CASE, "the State submitted its observations on every communication to the "
        "Committee against Torture (false when it did not reply to one within the time set, or at all)",
        "complaints[].state_replied of communications with body_kind committee_against_torture")
declare("cat_interim_measures_requested", "bool", CASE, "the Committee against Torture requested interim measures "
        "on a communication (false when every communication records none)", "complaints[].interim_measures")
declare("cat_interim_measures_disregarded", "bool", CASE, "the State disregarded interim measures the Committee "
        "against Torture requested (false when every request recorded was respected)", "complaints[].interim_measures")
declare("cat_violation_found", "bool", CASE, "the Committee against Torture found a violation on a communication "
        "(false when every decision recorded found none or declared it inadmissible)",
        "complaints[].violation_found")
declare("cat_follow_up_reported", "bool", CASE, "after the Committee's decision finding a violation, the State "
        "informed it within the time set of the steps taken (false when it did not for one decision)",
        "complaints[].follow_up_reported of communications with violation_found")


@case_facts
def _committee(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    cat = [r for r in known_complaints(ctx) if r.record.status == "happened" and r.record.body_kind in CAT_BODIES]
    if not cat:
        return
    com = ctx.case.committee
    if com is not None and com.source_ids() and com.state_replied is not None:
        # The case before the Committee recorded as a block (case-file version 2) says the same as the
        # communication's own fields; it decides where they are silent.
        block = Fact(com.state_replied, com.source_ids(), (("committee", "state_replied"),))
        replied = revery(cat, lambda c: c.state_replied)
        f.put("cat_state_replied", replied if replied is not None else block)
    else:
        f.put("cat_state_replied", revery(cat, lambda c: c.state_replied))
    asked = [r for r in cat if r.record.interim_measures in ("requested", "respected", "disregarded")]
    if asked:
        f.put("cat_interim_measures_requested", rfact(asked, True))
    elif all(r.record.interim_measures == "none" for r in cat):
        f.put("cat_interim_measures_requested", rfact(cat, False))
    disregarded = [r for r in cat if r.record.interim_measures == "disregarded"]
    if disregarded:
        f.put("cat_interim_measures_disregarded", rfact(disregarded, True))
    elif asked and all(r.record.interim_measures in ("respected", "none") for r in cat):
        f.put("cat_interim_measures_disregarded", rfact(asked, False))
    if com is not None and com.source_ids():
        where = ("committee",)
        if "cat_interim_measures_requested" not in f.values and com.interim_measures_requested is not None:
            f.put("cat_interim_measures_requested", Fact(com.interim_measures_requested, com.source_ids(), (where,)))
        if "cat_interim_measures_disregarded" not in f.values and com.interim_measures_requested \
                and com.interim_measures_respected is not None:
            f.put("cat_interim_measures_disregarded", Fact(not com.interim_measures_respected, com.source_ids(),
                                                           (where,)))
    found = [r for r in cat if r.record.violation_found is True]
    if found:
        f.put("cat_violation_found", rfact(found, True))
        f.put("cat_follow_up_reported", revery(found, lambda c: c.follow_up_reported))
    elif all(r.record.violation_found is False for r in cat):
        f.put("cat_violation_found", rfact(cat, False))
