"""Questioning: whether and when, recording, number of interviewers."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.registry import EPISODE, Facts, declare, events, of, some_all, status
from safeguards.model.case import Interrogation

declare("questioned", "bool", EPISODE, "the person was questioned (formally or not)", "an interrogation event")
declare("hours_to_questioning", "hours", EPISODE, "hours from apprehension to the first questioning",
        "the time of the first interrogation")
declare("interrogation_unrecorded", "bool", EPISODE, "a questioning was not (fully) audio-video recorded",
        "interrogation.recorded")
declare("max_interviewers", "int", EPISODE, "most officials at one questioning", "interrogation.officials_count")


def _unrecorded(ev: Interrogation) -> bool | None:
    if ev.recorded in ("none", "partial"):
        return True
    return False if ev.recorded == "full" else None


@episode_facts
def _questioning(ep: EpisodeCtx, f: Facts) -> None:
    all_q = events(ep.items, Interrogation)
    f.put("questioned", status(all_q))
    interrogations = [it for it in all_q if it.happened]
    q_when, qs = first(interrogations)
    put_hours(f, "hours_to_questioning", ep, q_when, qs)
    f.put("interrogation_unrecorded", some_all(interrogations, _unrecorded))
    counts = [(it.event.officials_count, it) for it in interrogations if it.event.officials_count is not None]
    if counts:
        top, item = max(counts, key=lambda x: x[0])
        f.put("max_interviewers", of([item], int(top)))
