"""Access to a lawyer: requested, refused, given, when, and before questioning."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.intervals import before
from safeguards.facts.registry import EPISODE, Ev, Facts, declare, events, joined, of, status
from safeguards.model.case import Interrogation, LawyerAccess, LawyerDenied, LawyerRequest


def counsel(ev: LawyerAccess) -> bool:
    """A lay defender is outside contact, not counsel."""
    return ev.lawyer_type != "lay_defender"


def counsel_access(ep: EpisodeCtx) -> list[Ev[LawyerAccess]]:
    return events(ep.items, LawyerAccess, counsel)


declare("lawyer_requested", "bool", EPISODE, "a lawyer was asked for", "a lawyer_request event")
declare("lawyer_access", "bool", EPISODE, "a lawyer met or assisted the person during this custody",
        "a lawyer_access event (happened / not_happened)")
declare("lawyer_denied", "bool", EPISODE, "a lawyer was refused", "a lawyer_denied event")
declare("hours_to_lawyer", "hours", EPISODE, "hours from apprehension to the first lawyer access",
        "the time of the first lawyer access")


@episode_facts
def _lawyer(ep: EpisodeCtx, f: Facts) -> None:
    f.put("lawyer_requested", status(events(ep.items, LawyerRequest)))
    f.put("lawyer_denied", status(events(ep.items, LawyerDenied)))
    access = counsel_access(ep)
    f.put("lawyer_access", status(access))
    l_when, law = first([it for it in access if it.happened])
    put_hours(f, "hours_to_lawyer", ep, l_when, law)


declare("lawyer_before_questioning", "bool", EPISODE, "a lawyer was present before the first questioning",
        "the times of the first lawyer access and the first interrogation, or interrogation.lawyer_present")


@episode_facts
def _lawyer_before_questioning(ep: EpisodeCtx, f: Facts) -> None:
    interrogations = events(ep.items, Interrogation, happened=True)
    q_when, qs = first(interrogations)
    access = counsel_access(ep)
    la = status(access)
    l_when, law = first([it for it in access if it.happened])
    absent = [it for it in interrogations if it.event.lawyer_present is False]
    if absent:
        f.put("lawyer_before_questioning", of(absent, False))
    elif qs and la is not None and la.value is False:
        f.put("lawyer_before_questioning", joined(False, la, of(qs, None)))
    elif qs and law and before(l_when, q_when) is False:
        # The lawyer came only after a recorded questioning: a breach whatever happened earlier.
        f.put("lawyer_before_questioning", joined(False, of(law, None), of(qs, None)))
    elif interrogations and all(it.event.lawyer_present is True for it in interrogations):
        # Only presence at every recorded questioning shows compliance: the first recorded
        # questioning need not be the first one that took place.
        f.put("lawyer_before_questioning", of(interrogations, True))
