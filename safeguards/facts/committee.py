"""The case before the Committee against Torture: the State's cooperation with it (art 22)."""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, case_facts
from safeguards.facts.registry import CASE, Fact, Facts, Instance, declare

declare("state_replied_to_committee", "bool", CASE, "the State replied to the Committee against Torture on the "
        "communication (false: it did not)", "committee.state_replied, with sources")
declare("interim_measures_respected", "bool", CASE, "the State respected the interim measures the Committee "
        "requested (false: it did not); absent unless measures were requested or the answer is recorded",
        "committee.interim_measures_respected, with sources")


@case_facts
def _committee(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    com = ctx.case.committee
    if com is None or not com.source_ids():
        return
    srcs = com.source_ids()
    if com.state_replied is not None:
        f.put("state_replied_to_committee", Fact(com.state_replied, srcs, (("committee", "state_replied"),)))
    if com.interim_measures_respected is not None and com.interim_measures_requested is not False:
        f.put("interim_measures_respected", Fact(com.interim_measures_respected, srcs,
                                                 (("committee", "interim_measures_respected"),)))
