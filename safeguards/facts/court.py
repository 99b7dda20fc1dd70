"""Judicial control: appearance before a judge, its delay, and the judge's response to allegations."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.registry import EPISODE, Facts, declare, events, of, status
from safeguards.model.case import CourtAppearance

ACTED = frozenset({"ordered_investigation", "ordered_medical_exam", "excluded_evidence", "removed_detainee"})

declare("court_appearance", "bool", EPISODE, "brought before a judge", "a court_appearance event")
declare("hours_to_court", "hours", EPISODE, "hours from actual apprehension to the first court appearance",
        "the time of the first court appearance")
declare("judge_ignored_allegation", "bool", EPISODE, "an allegation or visible injuries were raised and the judge "
        "did nothing", "court_appearance.allegation_raised and judge_response")


@episode_facts
def _court(ep: EpisodeCtx, f: Facts) -> None:
    appearances = events(ep.items, CourtAppearance)
    f.put("court_appearance", status(appearances))
    hearings = [it for it in appearances if it.happened]
    c_when, court = first(hearings)
    put_hours(f, "hours_to_court", ep, c_when, court)
    raised = [it for it in hearings if it.event.allegation_raised]
    ignored = [it for it in raised if it.event.judge_response in ("ignored", "dismissed")]
    acted = [it for it in raised if it.event.judge_response in ACTED]
    if ignored:
        f.put("judge_ignored_allegation", of(ignored, True))
    elif acted:
        f.put("judge_ignored_allegation", of(acted, False))
