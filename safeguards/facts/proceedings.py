"""Proceedings against the detainee: trial, use of a coerced statement, verification of the allegation."""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, case_facts
from safeguards.facts.registry import CASE, Facts, Instance, declare, events, of, records, rfact
from safeguards.model.case import Release

declare("tried", "bool", CASE, "the detainee was tried (false when released without charge and never tried)",
        "proceedings[] of kind trial_of_detainee, release.charged")
declare("coerced_statement_used", "bool", CASE, "a statement alleged to be coerced was used as evidence",
        "proceedings[].confession_used and torture_alleged")
declare("court_verified_allegation", "bool", CASE, "the court verified the coercion allegation",
        "proceedings[].court_response")


@case_facts
def _trials(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    trials = [r for r in records(ctx.case.proceedings, "proceedings") if r.record.kind == "trial_of_detainee"]
    if trials:
        f.put("tried", rfact(trials, True))
    else:
        releases = [it for ep in ctx.episodes for it in events(ep.items, Release, happened=True)]
        if releases and all(it.event.charged is False for it in releases) and not ctx.case.proceedings:
            f.put("tried", of(releases, False))
    used = [r for r in trials if r.record.confession_used and r.record.torture_alleged]
    if used:
        f.put("coerced_statement_used", rfact(used, True))
    elif trials and all(r.record.confession_used is False for r in trials):
        f.put("coerced_statement_used", rfact(trials, False))
    verified = [r for r in trials if r.record.court_response in ("verified_and_excluded", "verified_and_rejected")]
    unverified = [r for r in trials if r.record.court_response in ("dismissed_without_verification", "ignored")]
    if unverified:
        f.put("court_verified_allegation", rfact(unverified, False))
    elif verified:
        f.put("court_verified_allegation", rfact(verified, True))
