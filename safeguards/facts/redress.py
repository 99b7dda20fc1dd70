"""Redress: compensation and rehabilitation."""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, case_facts
from safeguards.facts.registry import CASE, Facts, Instance, declare, records, rstatus

declare("redress_provided", "bool", CASE, "compensation or rehabilitation was provided", "redress[] with status")


@case_facts
def _redress(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    kinds = [r for r in records(ctx.case.redress, "redress") if r.record.kind in ("compensation", "rehabilitation")]
    f.put("redress_provided", rstatus(kinds, need_source=False))
