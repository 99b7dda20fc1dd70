"""Access to a lawyer: requested, refused, given, when, and before questioning."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.intervals import before
from safeguards.facts.registry import EPISODE, Ev, Fact, Facts, declare, events, joined, of, some_all, status
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


declare("hours_request_to_lawyer", "hours", EPISODE, "hours from the first request for a lawyer to the first "
        "lawyer access after it", "the times of the lawyer_request and lawyer_access events")


@episode_facts
def _request_to_access(ep: EpisodeCtx, f: Facts) -> None:
    r_when, req = first(events(ep.items, LawyerRequest, happened=True))
    if not req or r_when.lo is None:
        return
    after = [it for it in counsel_access(ep) if it.happened
             and not (it.when.hi is not None and it.when.hi < r_when.lo)]
    a_when, acc = first(after)
    if acc:
        put_hours(f, "hours_request_to_lawyer", ep, a_when, acc, r_when, of(req, None))


declare("lawyer_waived", "bool", EPISODE, "every questioning shown to have taken place without a lawyer was under "
        "a waiver recorded as informed, voluntary and verified (false when such a questioning has no waiver "
        "recorded, or one recorded as not informed, not voluntary or not verified)",
        "interrogation.waiver (informed, voluntary, verified) and the questionings without a lawyer")


def _valid_waiver(ev: Interrogation) -> bool | None:
    w = ev.waiver
    if w is None:
        return False  # no waiver recorded for a questioning without a lawyer
    marks = (w.informed, w.voluntary, w.verified)
    if any(m is False for m in marks):
        return False
    return True if all(m is True for m in marks) else None


def _waiver_fact(items: list[Ev[Interrogation]], value: bool) -> Fact:
    base = of(items, value)
    extra = [s for it in items if it.event.waiver is not None for s in it.event.waiver.source_ids()]
    return Fact(value, tuple(dict.fromkeys([*base.sources, *extra])), base.paths)


@episode_facts
def _waiver(ep: EpisodeCtx, f: Facts) -> None:
    interrogations = events(ep.items, Interrogation, happened=True)
    access = counsel_access(ep)
    la = status(access)
    l_when, law = first([it for it in access if it.happened])

    def without(it: Ev[Interrogation]) -> bool:
        # Shown without a lawyer: recorded so, no lawyer at all, or the first lawyer came after it.
        if it.event.lawyer_present is not None:
            return it.event.lawyer_present is False
        if la is not None and la.value is False:
            return True
        return bool(law) and before(l_when, it.when) is False

    shown = [it for it in interrogations if without(it)]
    if not shown:
        return
    marks = [(_valid_waiver(it.event), it) for it in shown]
    bad = [it for m, it in marks if m is False]
    if bad:
        f.put("lawyer_waived", _waiver_fact(bad, False))
    elif all(m is True for m, _ in marks):
        f.put("lawyer_waived", _waiver_fact(shown, True))


declare("lawyer_private", "bool", EPISODE, "the person consulted a lawyer in private, out of officers' hearing "
        "(false when every recorded consultation was in their hearing)", "lawyer_access.private")
declare("lawyer_picked_by_investigator", "bool", EPISODE, "every lawyer who had access was picked by the "
        "investigator or the detaining body (false when a lawyer the person or family chose, or one the bar or "
        "legal-aid body assigned, had access)", "lawyer_access.lawyer_type and picked_by_investigator")


def _picked(ev: LawyerAccess) -> bool | None:
    if ev.picked_by_investigator is not None:
        return ev.picked_by_investigator
    return False if ev.lawyer_type == "chosen" else None


@episode_facts
def _lawyer_quality(ep: EpisodeCtx, f: Facts) -> None:
    given = [it for it in counsel_access(ep) if it.happened]
    f.put("lawyer_private", some_all(given, lambda e: e.private))
    independent = some_all(given, lambda e: None if (p := _picked(e)) is None else not p)
    if independent is not None:
        f.put("lawyer_picked_by_investigator", Fact(not independent.value, independent.sources, independent.paths))
