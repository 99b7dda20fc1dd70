"""Reprisals against the person or those close to them.

A reprisal of unknown status or without a source decides nothing.
"""

from __future__ import annotations

from safeguards.facts.complaints import CAT_BODIES
from safeguards.facts.context import CaseCtx, case_facts
from safeguards.facts.registry import CASE, Facts, Instance, declare, known, records, rfact, rstatus

declare("reprisal", "bool", CASE, "an act of reprisal against the person or those close to them",
        "reprisals[] with status and sources")
declare("reprisal_after_complaint", "bool", CASE, "a reprisal followed a complaint", "reprisals[].follows")
declare("reprisal_after_cat_complaint", "bool", CASE, "a reprisal followed a communication to the Committee "
        "against Torture",
        "reprisals[].follows and complaints[].body_kind")
declare("reprisal_kinds", "list", CASE, "the kinds of reprisal recorded", "reprisals[].kind")


@case_facts
def _reprisals(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    reps = [r for r in records(ctx.case.reprisals, "reprisals") if known(r)]
    f.put("reprisal", rstatus(reps))
    yes = [r for r in reps if r.record.status == "happened"]
    if yes:
        f.put("reprisal_kinds", rfact(yes, sorted({r.record.kind for r in yes})))
        after = [r for r in yes if r.record.follows]
        if after:
            f.put("reprisal_after_complaint", rfact(after, True))
        cat_ids = {c.id for c in ctx.case.complaints if c.body_kind in CAT_BODIES}
        cat = [r for r in yes if cat_ids.intersection(r.record.follows)]
        if cat:
            f.put("reprisal_after_cat_complaint", rfact(cat, True))
        elif cat_ids and all(not cat_ids.intersection(r.record.follows) for r in yes):
            f.put("reprisal_after_cat_complaint", rfact(yes, False))
    elif reps and all(r.record.status == "not_happened" for r in reps):
        for name in ("reprisal_after_complaint", "reprisal_after_cat_complaint"):
            f.put(name, rfact(reps, False))


declare("no_complaints_statement", "bool", CASE, "the person was made to sign, under threat or pressure, a "
        "statement that they had no complaints (false when every such record says it did not happen)",
        "reprisals[] of kind no_complaints_statement, with status and sources")


@case_facts
def _no_complaints(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    recs = [r for r in records(ctx.case.reprisals, "reprisals") if r.record.kind == "no_complaints_statement"]
    f.put("no_complaints_statement", rstatus(recs))
