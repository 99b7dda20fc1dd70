"""Visits by monitors: independence, private interviews, injuries missed."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts
from safeguards.facts.registry import EPISODE, Facts, declare, events, of, status
from safeguards.model.case import MonitoringVisit

declare("monitoring_visit", "bool", EPISODE, "a monitor visited", "a monitoring_visit event")
declare("monitor_independent", "bool", EPISODE, "the visit was independent with private interviews",
        "monitoring_visit.independent and private_interview")
declare("monitor_missed_injuries", "bool", EPISODE, "a monitor reported no injuries that others saw",
        "monitoring_visit.injuries_seen and other injury records")


@episode_facts
def _monitoring(ep: EpisodeCtx, f: Facts) -> None:
    all_visits = events(ep.items, MonitoringVisit)
    f.put("monitoring_visit", status(all_visits))
    visits = [it for it in all_visits if it.happened]
    if not visits:
        return
    indep = [it for it in visits if it.event.independent and it.event.private_interview]
    if indep:
        f.put("monitor_independent", of(indep, True))
    elif all(it.event.independent is False or it.event.private_interview is False for it in visits):
        f.put("monitor_independent", of(visits, False))
    missed = [it for it in visits if it.event.injuries_seen is False]
    if missed and ep.injury_records:
        f.put("monitor_missed_injuries", of([*missed, *ep.injury_records], True))
