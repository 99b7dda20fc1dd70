"""Removals to another State (CAT art 3)."""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, case_facts
from safeguards.facts.registry import CASE, Facts, Instance, declare, records, rfact, rstatus

declare("removal", "bool", CASE, "the person was extradited, expelled or returned", "removals[]")
declare("removal_risk_claimed", "bool", CASE, "a risk of torture in the destination was raised",
        "removals[].risk_claimed")
declare("risk_assessed", "bool", CASE, "the risk was assessed individually", "removals[].risk_assessed")
declare("interim_measures_ignored", "bool", CASE, "removed despite interim measures of a UN body",
        "removals[].interim_measures_ignored")


@case_facts
def _removals(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    recs = records(ctx.case.removals, "removals")
    f.put("removal", rstatus(recs, need_source=False))
    done = [r for r in recs if r.record.status == "happened"]
    claimed = [r for r in done if r.record.risk_claimed is not None]
    if claimed:
        f.put("removal_risk_claimed", rfact(claimed, any(r.record.risk_claimed for r in claimed)))
    assessed = [r for r in done if r.record.risk_assessed is not None]
    if assessed:
        f.put("risk_assessed", rfact(assessed, all(r.record.risk_assessed for r in assessed)))
    ignored = [r for r in done if r.record.interim_measures_ignored is not None]
    if ignored:
        f.put("interim_measures_ignored", rfact(ignored, any(r.record.interim_measures_ignored for r in ignored)))
