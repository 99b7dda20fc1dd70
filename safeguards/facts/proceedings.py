"""Proceedings in which the person's statements may be used (CAT art 15), and confessions shown in public.

Art 15 bars the use of a statement established to have been made as a result of torture "in any
proceedings": the person's own trial, someone else's trial, civil, administrative or extradition
proceedings. Only a prosecution of the alleged torturers may use it, as evidence that it was made.
Once coercion is plausibly alleged, the authorities must verify it (standards F.2).
"""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, EpisodeCtx, case_facts, episode_facts
from safeguards.facts.registry import (
    CASE,
    EPISODE,
    Facts,
    Instance,
    Rec,
    declare,
    events,
    of,
    records,
    rfact,
    some_all,
)
from safeguards.model.case import Confession, Proceeding, Release

VERIFIED = frozenset({"verified_and_excluded", "verified_and_rejected"})
UNVERIFIED = frozenset({"dismissed_without_verification", "ignored"})

declare("tried", "bool", CASE, "the detainee was tried (false when released without charge and never tried)",
        "proceedings[] of kind trial_of_detainee, release.charged")
declare("in_proceedings", "bool", CASE, "there were proceedings other than a prosecution of the alleged "
        "perpetrators in which the person's statements could be used (the person's trial, another's trial, civil, "
        "administrative, extradition); false when the person was released without charge and no such "
        "proceedings are recorded", "proceedings[].kind, release.charged")
declare("coercion_alleged", "bool", CASE, "torture or coercion was alleged in such proceedings (false when every "
        "such proceeding records that it was not raised)", "proceedings[].torture_alleged, court_response")
declare("coerced_statement_used", "bool", CASE, "a statement alleged to be coerced was used as evidence in such "
        "proceedings", "proceedings[].confession_used and torture_alleged")
declare("court_verified_allegation", "bool", CASE, "the court verified the coercion allegation in every proceeding "
        "where it was raised (false when one dismissed or ignored it)", "proceedings[].court_response")
declare("unverified_coerced_statement_used", "bool", CASE, "a statement alleged to be coerced was used as evidence "
        "without the allegation being verified (false when, in every such proceeding, no contested statement was "
        "used, no coercion was alleged, or the allegation was verified)",
        "proceedings[].confession_used, torture_alleged, court_response")


def statement_proceedings(ctx: CaseCtx) -> list[Rec[Proceeding]]:
    """Proceedings in which a statement of the person may be used as evidence (all but the perpetrators' trial)."""
    return [r for r in records(ctx.case.proceedings, "proceedings") if r.record.kind != "prosecution_of_perpetrators"]


def _raised(p: Proceeding) -> bool | None:
    if p.torture_alleged is not None:
        return p.torture_alleged
    return False if p.court_response == "not_raised" else None


def _unverified_use(p: Proceeding) -> bool | None:
    """A contested statement used without verification in ``p``: True, False, or undecided."""
    if p.confession_used is False or _raised(p) is False or p.court_response in VERIFIED:
        return False
    if p.confession_used and _raised(p) and p.court_response in UNVERIFIED:
        return True
    return None


@case_facts
def _trials(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    procs = statement_proceedings(ctx)
    trials = [r for r in procs if r.record.kind == "trial_of_detainee"]
    releases = [it for ep in ctx.episodes for it in events(ep.items, Release, happened=True)]
    released_uncharged = bool(releases) and all(it.event.charged is False for it in releases)
    if trials:
        f.put("tried", rfact(trials, True))
    elif released_uncharged and not ctx.case.proceedings:
        f.put("tried", of(releases, False))
    if procs:
        f.put("in_proceedings", rfact(procs, True))
    elif released_uncharged:
        f.put("in_proceedings", of(releases, False))
    if not procs:
        return
    raised = [r for r in procs if _raised(r.record) is True]
    if raised:
        f.put("coercion_alleged", rfact(raised, True))
    elif all(_raised(r.record) is False for r in procs):
        f.put("coercion_alleged", rfact(procs, False))
    used = [r for r in raised if r.record.confession_used]
    if used:
        f.put("coerced_statement_used", rfact(used, True))
    elif all(r.record.confession_used is False or _raised(r.record) is False for r in procs):
        f.put("coerced_statement_used", rfact(procs, False))
    unverified = [r for r in raised if r.record.court_response in UNVERIFIED]
    possibly = [r for r in procs if _raised(r.record) is not False]
    if unverified:
        f.put("court_verified_allegation", rfact(unverified, False))
    elif raised and all(r.record.court_response in VERIFIED for r in possibly):
        f.put("court_verified_allegation", rfact(possibly, True))
    bad = [r for r in procs if _unverified_use(r.record) is True]
    if bad:
        f.put("unverified_coerced_statement_used", rfact(bad, True))
    elif all(_unverified_use(r.record) is False for r in procs):
        f.put("unverified_coerced_statement_used", rfact(procs, False))


declare("confession_broadcast", "bool", EPISODE, "a confession or self-incriminating statement of the person was "
        "shown on television or online (false when every confession recorded was not)", "confession.broadcast")
declare("broadcast_confession_coerced", "bool", EPISODE, "a broadcast confession is one the person says was "
        "obtained by torture, ill-treatment or coercion (false when every broadcast one is recorded as not)",
        "confession.broadcast and under_duress")


@episode_facts
def _broadcast(ep: EpisodeCtx, f: Facts) -> None:
    confessions = events(ep.items, Confession, happened=True)
    f.put("confession_broadcast", some_all(confessions, lambda e: e.broadcast))
    shown = [it for it in confessions if it.event.broadcast is True]
    f.put("broadcast_confession_coerced", some_all(shown, lambda e: e.under_duress))
