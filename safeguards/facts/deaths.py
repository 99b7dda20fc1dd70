"""Deaths in custody or soon after release."""

from __future__ import annotations

from safeguards.facts.burden import explanation, rebuts
from safeguards.facts.complaints import related_fact
from safeguards.facts.context import CaseCtx, EpisodeCtx, death_facts, first
from safeguards.facts.intervals import DAY, before, span
from safeguards.facts.investigations import about, opened_fact
from safeguards.facts.registry import Ev, Facts, declare, events, joined, known, of, status
from safeguards.model.case import Death, Release

declare("died", "bool", ("death",), "the death happened (a death of unknown status leaves it absent)",
        "death.status")
declare("death_in_custody", "bool", ("death",), "died in custody or during arrest", "death event timing")
declare("days_after_release", "days", ("death",), "days from release to death", "release and death times")
declare("autopsy_independent", "bool", ("death",), "an independent autopsy was carried out", "death.autopsy")


@death_facts
def _timing(ctx: CaseCtx, ep: EpisodeCtx, it: Ev[Death], f: Facts) -> None:
    death = of([it], True)
    if it.event.status == "happened":
        f.put("died", death)
    rel_when, rel = first(events(ep.items, Release, happened=True))
    if rel:
        got = span(rel_when, it.when, DAY)
        is_before = before(it.when, rel_when)
        if is_before is not None:
            f.put("death_in_custody", joined(is_before, death, of(rel, None)))
        if got is not None and is_before is not True:
            # After release, or on the same imprecise day: the days after release are at most the span.
            f.put("days_after_release", joined(got, death, of(rel, None)))
    else:
        released = status(events(ep.items, Release))
        if released is not None and released.value is False:
            f.put("death_in_custody", joined(True, death, released))
    # A State forensic autopsy is not independent by its label alone: it leaves the fact open.
    if it.event.autopsy in ("independent", "none"):
        f.put("autopsy_independent", of([it], it.event.autopsy == "independent"))


@death_facts
def _death_investigation(ctx: CaseCtx, ep: EpisodeCtx, it: Ev[Death], f: Facts) -> None:
    invs = about(ctx, "death")
    f.put("investigation_opened", opened_fact(invs))
    related_fact([r for r in invs if known(r)], f, "investigator_related")
    f.put("death_explanation_rebuts", rebuts(explanation(ctx, "death")))
