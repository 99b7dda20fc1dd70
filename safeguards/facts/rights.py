"""Information on rights: whether, when (before questioning) and in what language."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.intervals import before
from safeguards.facts.registry import EPISODE, Facts, declare, events, joined, of, some_all, status
from safeguards.model.case import Interrogation, RightsInformation

declare("rights_informed", "bool", EPISODE, "the person was told of their rights", "a rights_information event")
declare("rights_before_questioning", "bool", EPISODE, "rights were explained before the first questioning",
        "the times of the rights information and of the first interrogation")
declare("rights_in_understood_language", "bool", EPISODE, "rights explained in a language the person understands",
        "rights_information.language_understood / interpreter")
declare("consular_informed", "bool", EPISODE, "a foreign national was told of the right to consular notification "
        "and contact", "rights_information.consular")


@episode_facts
def _rights(ep: EpisodeCtx, f: Facts) -> None:
    infos = events(ep.items, RightsInformation)
    rights = status(infos)
    f.put("rights_informed", rights)
    q_when, qs = first(events(ep.items, Interrogation, happened=True))
    info = [it for it in infos if it.happened]
    ri_when, ri = first(info)
    if qs:
        if rights is not None and rights.value is False:
            f.put("rights_before_questioning", joined(False, rights, of(qs, None)))
        elif ri:
            got = before(ri_when, q_when)
            if got is not None:
                f.put("rights_before_questioning", joined(got, of(ri, None), of(qs, None)))
    if info:
        interpreted = any(it.event.interpreter for it in info)
        if any(it.event.language_understood is False for it in info) and not interpreted:
            f.put("rights_in_understood_language", of(info, False))
        elif any(it.event.language_understood is True for it in info) or interpreted:
            f.put("rights_in_understood_language", of(info, True))
    f.put("consular_informed", some_all(info, lambda e: e.consular))
