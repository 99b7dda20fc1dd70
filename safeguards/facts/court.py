"""Judicial control: appearance before a judge, its delay and justification, appearance in person, the judge's
response to allegations, and where a remanded person is held afterwards."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.intervals import HOUR, before, span
from safeguards.facts.registry import EPISODE, Ev, Facts, declare, events, joined, of, status
from safeguards.model.case import CourtAppearance, EventBase, Transfer

ACTED = frozenset({"ordered_investigation", "ordered_medical_exam", "excluded_evidence", "removed_detainee"})
# Places under the police or another investigating agency (a KZ IVS is a temporary_detention_facility of the
# police), and places for remand prisoners under a separate administration.
POLICE_CUSTODY = frozenset({"police_station", "temporary_detention_facility", "intelligence_facility"})
REMAND_PLACES = frozenset({"pre_trial_detention", "prison"})

declare("court_appearance", "bool", EPISODE, "brought before a judge", "a court_appearance event")
declare("hours_to_court", "hours", EPISODE, "hours from actual apprehension to the first court appearance",
        "the time of the first court appearance")
declare("court_delay_justified", "bool", EPISODE, "the delay before the first court appearance was justified as "
        "absolutely exceptional (false when no reason is recorded, or the reason was not accepted; unknown when a "
        "reason is recorded but not assessed)", "court_appearance.delay_justification and delay_exceptional")
declare("court_in_person", "bool", EPISODE, "the person was physically before the judge at the first appearance "
        "and at every hearing that ordered detention (false if any of them took place without the person)",
        "court_appearance.physically_present and outcome")
declare("judge_ignored_allegation", "bool", EPISODE, "an allegation or visible injuries were raised and the judge "
        "did nothing", "court_appearance.allegation_raised and judge_response")


@episode_facts
def _court(ep: EpisodeCtx, f: Facts) -> None:
    appearances = events(ep.items, CourtAppearance)
    f.put("court_appearance", status(appearances))
    hearings = [it for it in appearances if it.happened]
    c_when, court = first(hearings)
    put_hours(f, "hours_to_court", ep, c_when, court)
    if court:
        hearing = events(court, CourtAppearance)[0]
        e = hearing.event
        if e.delay_justification is None:
            f.put("court_delay_justified", of([hearing], False))  # no reason recorded: the delay is unjustified
        elif e.delay_exceptional is not None:
            f.put("court_delay_justified", of([hearing], e.delay_exceptional))
        relevant = [hearing, *[it for it in hearings if it.event.outcome == "remand" and it is not hearing]]
        absent = [it for it in relevant if it.event.physically_present is False]
        if absent:
            f.put("court_in_person", of(absent, False))
        elif all(it.event.physically_present is True for it in relevant):
            f.put("court_in_person", of(relevant, True))
    raised = [it for it in hearings if it.event.allegation_raised]
    ignored = [it for it in raised if it.event.judge_response in ("ignored", "dismissed")]
    acted = [it for it in raised if it.event.judge_response in ACTED]
    if ignored:
        f.put("judge_ignored_allegation", of(ignored, True))
    elif acted:
        f.put("judge_ignored_allegation", of(acted, False))


declare("remanded", "bool", EPISODE, "a judge ordered the person's detention (remand) at a hearing (false when every "
        "hearing recorded had another known outcome)", "court_appearance.outcome")
declare("hours_remand_to_transfer", "hours", EPISODE, "hours from the first remand order to the person's transfer "
        "out of police custody to a pre-trial detention facility or prison (or, if never moved, to the end of "
        "custody, when an event after the remand places the person in police custody)",
        "court_appearance.outcome remand; transfer events and places[].type")


@episode_facts
def _remand(ep: EpisodeCtx, f: Facts) -> None:
    hearings = events(ep.items, CourtAppearance, happened=True)
    remands = [it for it in hearings if it.event.outcome == "remand"]
    if remands:
        f.put("remanded", of(remands, True))
    elif hearings and all(it.event.outcome in ("release", "adjourned", "other") for it in hearings):
        f.put("remanded", of(hearings, False))
        return
    if not remands:
        return
    r_when, remand = first(remands)
    if r_when.lo is None or r_when.hi is None:
        return
    kinds = {p.id: p.type for p in ep.episode.places}
    start = of(remand, None)

    def where(e: EventBase) -> str | None:
        return kinds.get(e.place) if e.place is not None else None

    transfers = [it for it in events(ep.items, Transfer, lambda e: where(e) in REMAND_PLACES)
                 if before(it.when, r_when) is not True]
    moved = [it for it in transfers if it.happened]
    if moved:
        t_when, used = first(moved)
        put_hours(f, "hours_remand_to_transfer", ep, t_when, used, start=r_when, start_fact=start)
        return
    if any(it.event.status == "unknown" for it in transfers):
        return  # a transfer of unknown status may have ended police custody: nothing to infer
    end, ended = ep.end
    later = [Ev(it.event, it.path, it.when) for it in ep.items
             if it.happened and where(it.event) in POLICE_CUSTODY and before(r_when, it.when) is True]
    if later and ended:
        # Never moved to a remand facility while the file shows the person in police custody after the remand.
        last = max(later, key=lambda it: it.when.lo or 0.0)
        low = span(r_when, last.when, HOUR)
        high = span(r_when, end, HOUR)
        if low is not None and high is not None:
            f.put("hours_remand_to_transfer",
                  joined((low[0], max(low[0], high[1])), start, of([last, *ended], None)))
