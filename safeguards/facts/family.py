"""Notification of the family."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.registry import EPISODE, Facts, declare, events, status
from safeguards.model.case import FamilyNotification

declare("family_notified", "bool", EPISODE, "a relative or chosen person was told of the detention",
        "a family_notification event (happened / not_happened)")
declare("hours_to_family", "hours", EPISODE, "hours from apprehension to family notification",
        "the time the family was told")


@episode_facts
def _family(ep: EpisodeCtx, f: Facts) -> None:
    notes = events(ep.items, FamilyNotification)
    f.put("family_notified", status(notes))
    fam_when, fam = first([it for it in notes if it.happened])
    put_hours(f, "hours_to_family", ep, fam_when, fam)
