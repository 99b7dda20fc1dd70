"""``derive``: a case file turned, once, into the instances rules are evaluated over.

Instances come case first, then episodes, complaints, investigations and deaths, in file order. Every known
fact carries its value, source ids and case-file paths; a fact the file does not decide is absent.
"""

from __future__ import annotations

from safeguards.facts.context import (
    CASE_DERIVERS,
    COMPLAINT_DERIVERS,
    DEATH_DERIVERS,
    EPISODE_DERIVERS,
    INVESTIGATION_DERIVERS,
    CaseCtx,
    EpisodeCtx,
)
from safeguards.facts.custody import subject_facts
from safeguards.facts.ill_treatment import vulnerable
from safeguards.facts.intervals import when
from safeguards.facts.registry import Fact, Instance, Item, events
from safeguards.model.case import Case, Death

# Case facts that complaints and investigations also see.
SHARED = ("foreign_national", "ill_treatment_alleged", "torture_indicated", "torture_elements_undecided")


def context(case: Case) -> CaseCtx:
    """The derivation context of ``case``: its episodes' events with their time bounds."""
    ctx = CaseCtx(case, subject_facts(case))
    weak = vulnerable(case)
    subject = case.person(case.subject)
    nationalities = subject.all_nationalities() if subject is not None else ()
    for i, ep in enumerate(case.episodes):
        items = [Item(ev, ("episodes", i, "events", j), when(ev.at, case.timezone, ev.approximate))
                 for j, ev in enumerate(ep.events)]
        ctx.episodes.append(EpisodeCtx(i, ep, items, case.timezone, weak, nationalities))
    return ctx


def _episode(ctx: CaseCtx, ep: EpisodeCtx) -> Instance:
    f = ctx.facts()
    for fn in EPISODE_DERIVERS:
        fn(ep, f)
    return Instance("episode", ep.episode.id, f"episode {ep.episode.id}", ep.path, dict(f.values))


def _case(ctx: CaseCtx, episodes: list[Instance]) -> Instance:
    f = ctx.facts()
    for fn in CASE_DERIVERS:
        fn(ctx, episodes, f)
    return Instance("case", ctx.case.id, "case", (), dict(f.values))


def _complaints(ctx: CaseCtx, shared: dict[str, Fact]) -> list[Instance]:
    out = []
    for i, comp in enumerate(ctx.case.complaints):
        f = ctx.facts(SHARED, shared)
        for fn in COMPLAINT_DERIVERS:
            fn(ctx, i, f)
        out.append(Instance("complaint", comp.id, f"complaint {comp.id} ({comp.to or 'body unknown'})",
                            ("complaints", i), dict(f.values)))
    return out


def _investigations(ctx: CaseCtx, shared: dict[str, Fact]) -> list[Instance]:
    out = []
    for i, inv in enumerate(ctx.case.investigations):
        f = ctx.facts(SHARED, shared)
        for fn in INVESTIGATION_DERIVERS:
            fn(ctx, i, f)
        out.append(Instance("investigation", inv.id, f"investigation {inv.id} ({inv.body})", ("investigations", i),
                            dict(f.values)))
    return out


def _deaths(ctx: CaseCtx) -> list[Instance]:
    out = []
    for ep in ctx.episodes:
        # A death of unknown status is a possible death: its rules stay undecided rather than vanish.
        for it in events(ep.items, Death, lambda ev: ev.status != "not_happened"):
            f = ctx.facts()
            for fn in DEATH_DERIVERS:
                fn(ctx, ep, it, f)
            key = it.event.id or f"death-{it.path[1]}-{it.path[3]}"
            out.append(Instance("death", key, f"death ({key})", it.path, dict(f.values)))
    return out


def derive(case: Case) -> list[Instance]:
    """Every instance of every scope, case first, in file order."""
    ctx = context(case)
    episodes = [_episode(ctx, ep) for ep in ctx.episodes]
    whole = _case(ctx, episodes)
    shared = dict(whole.facts)
    return [whole, *episodes, *_complaints(ctx, shared), *_investigations(ctx, shared), *_deaths(ctx)]
