"""Notification of the family (promptly, of the place, after each transfer) and of a foreigner's consulate."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.registry import EPISODE, Facts, declare, events, of, some_all, status
from safeguards.model.case import FamilyNotification, Transfer

declare("family_notified", "bool", EPISODE, "a relative or chosen person was told of the detention",
        "a family_notification event (happened / not_happened)")
declare("hours_to_family", "hours", EPISODE, "hours from apprehension to family notification",
        "the time the family was told")
declare("family_told_place", "bool", EPISODE, "the family was told where the person was held (false when every "
        "notice is recorded as not disclosing the place)", "family_notification.place_disclosed")
declare("hours_to_family_place", "hours", EPISODE, "hours from apprehension to the first notice that told the "
        "family where the person was held", "the time of the family_notification with place_disclosed")
declare("transfers_notified", "bool", EPISODE, "the family was told after every transfer (false when a transfer "
        "is recorded without notice)", "transfer.family_notified")


def _family_notice(ev: FamilyNotification) -> bool:
    return ev.consulate is not True


@episode_facts
def _family(ep: EpisodeCtx, f: Facts) -> None:
    notes = events(ep.items, FamilyNotification, _family_notice)
    f.put("family_notified", status(notes))
    told = [it for it in notes if it.happened]
    fam_when, fam = first(told)
    put_hours(f, "hours_to_family", ep, fam_when, fam)
    f.put("family_told_place", some_all(told, lambda e: e.place_disclosed))
    p_when, placed = first([it for it in told if it.event.place_disclosed is True])
    put_hours(f, "hours_to_family_place", ep, p_when, placed)
    transfers = events(ep.items, Transfer, happened=True)
    silent = [it for it in transfers if it.event.family_notified is False]
    if silent:
        f.put("transfers_notified", of(silent, False))
    elif all(it.event.family_notified is True for it in transfers):
        # Vacuously true when every transfer recorded is recorded as not having happened.
        f.put("transfers_notified", of(transfers or events(ep.items, Transfer), True))


declare("consulate_notified", "bool", EPISODE, "the consulate of a foreign national was told of the detention",
        "a family_notification event with consulate: true (happened / not_happened)")
declare("hours_to_consulate", "hours", EPISODE, "hours from apprehension to the notice to the consulate",
        "the time of the family_notification with consulate: true")


@episode_facts
def _consulate(ep: EpisodeCtx, f: Facts) -> None:
    notes = events(ep.items, FamilyNotification, lambda e: e.consulate is True)
    f.put("consulate_notified", status(notes))
    c_when, told = first([it for it in notes if it.happened])
    put_hours(f, "hours_to_consulate", ep, c_when, told)
