"""Conditions of detention, solitary confinement and outside contact (incommunicado)."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.intervals import DAY, HOUR, span, when
from safeguards.facts.registry import EPISODE, Ev, Facts, declare, events, of, status
from safeguards.model.case import (
    Conditions,
    ContactDenied,
    EventBase,
    FamilyNotification,
    LawyerAccess,
    MedicalExamination,
    Solitary,
)

OUTSIDE_EXAMINERS = frozenset({"independent", "ambulance"})


def _longest(f: Facts, name: str, spans: list[tuple[tuple[float, float], Ev[EventBase]]]) -> None:
    if spans:
        best = max(spans, key=lambda x: x[0][0])
        f.put(name, of([best[1]], best[0]))


def _until(ep: EpisodeCtx, it: Ev[EventBase], unit: float) -> tuple[float, float] | None:
    if it.event.until is None:
        return None
    return span(it.when, when(it.event.until, ep.tz, it.event.approximate), unit)


declare("deprivation", "bool", EPISODE, "deprived of food, water, sleep, toilet, heat, space or light",
        "a conditions event with deprivations")
declare("deprivation_hours", "hours", EPISODE, "longest deprivation in hours", "conditions.hours or at/until")


@episode_facts
def _conditions(ep: EpisodeCtx, f: Facts) -> None:
    conds = events(ep.items, Conditions, lambda e: bool(e.deprivations))
    f.put("deprivation", status(conds))
    spans: list[tuple[tuple[float, float], Ev[EventBase]]] = []
    for it in conds:
        if not it.happened:
            continue
        got = (float(it.event.hours), float(it.event.hours)) if it.event.hours is not None else _until(ep, it, HOUR)
        if got is not None:
            spans.append((got, it))
    _longest(f, "deprivation_hours", spans)


declare("solitary", "bool", EPISODE, "held in solitary confinement", "a solitary_confinement event")
declare("solitary_days", "days", EPISODE, "longest solitary confinement in consecutive days",
        "solitary_confinement at and until")


@episode_facts
def _solitary(ep: EpisodeCtx, f: Facts) -> None:
    sol = events(ep.items, Solitary)
    f.put("solitary", status(sol))
    spans: list[tuple[tuple[float, float], Ev[EventBase]]] = []
    for it in sol:
        got = _until(ep, it, DAY) if it.happened else None
        if got is not None:
            spans.append((got, it))
    _longest(f, "solitary_days", spans)


declare("contact_denied", "bool", EPISODE, "outside contact was refused or cut off", "a contact_denied event")
declare("hours_without_contact", "hours", EPISODE, "hours from apprehension to the first contact with a lawyer, "
        "relative or doctor from outside (or to release if there was none)",
        "times of the first lawyer access, family notification or outside medical contact")


@episode_facts
def _contact(ep: EpisodeCtx, f: Facts) -> None:
    f.put("contact_denied", status(events(ep.items, ContactDenied)))
    lawyers = events(ep.items, LawyerAccess)
    families = events(ep.items, FamilyNotification)
    ext = events(ep.items, MedicalExamination, lambda e: e.examiner in OUTSIDE_EXAMINERS, happened=True)
    # One earliest over every kind of contact: an undated contact may be the first, so it keeps the lower
    # bound open instead of being passed over for a dated one.
    maybe = [it for it in [*lawyers, *families, *events(ep.items, MedicalExamination,
                                                       lambda e: e.examiner in OUTSIDE_EXAMINERS)]
             if it.event.status == "unknown"]
    o_when, outside = first([*[it for it in lawyers if it.happened], *[it for it in families if it.happened],
                             *ext], maybe)
    end, released = ep.end
    if outside:
        put_hours(f, "hours_without_contact", ep, o_when, outside)
    elif released and status(lawyers) is not None and status(families) is not None:
        # Both kinds of contact are recorded as not having happened: the gap is the whole custody.
        put_hours(f, "hours_without_contact", ep, end, released)
