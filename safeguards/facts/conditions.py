"""Conditions of detention, solitary confinement and outside contact (incommunicado)."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.custody import put_hours
from safeguards.facts.intervals import DAY, HOUR, span, when
from safeguards.facts.registry import EPISODE, Ev, Fact, Facts, declare, events, of, some_all, status
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
# Necessities whose deprivation for long enough reaches the minimum level of severity on its own; the others
# (light, fresh air, bedding, clothing, space) count towards cumulation.
ESSENTIAL = frozenset({"food", "water", "sleep", "toilet", "heating"})


OPEN_HOURS = 1e9  # an upper bound the records leave open


def _longest(f: Facts, name: str, spans: list[tuple[tuple[float, float], Ev[EventBase]]]) -> None:
    """The longest of several durations: between the greatest lower bound and the greatest upper bound."""
    if spans:
        lo = max(s[0][0] for s in spans)
        hi = max(s[0][1] for s in spans)
        used = [it for (a, b), it in spans if b >= lo]  # every span that may be the longest
        f.put(name, of(used, (lo, hi)))


def _until(ep: EpisodeCtx, it: Ev[EventBase], unit: float) -> tuple[float, float] | None:
    if it.event.until is None:
        return None
    return span(it.when, when(it.event.until, ep.tz, it.event.approximate), unit)


def _duration(ep: EpisodeCtx, it: Ev[Conditions]) -> tuple[float, float] | None:
    """Hours a conditions record lasted: its hours, or at/until; else at most until the end of custody."""
    if it.event.hours is not None:
        return (float(it.event.hours), float(it.event.hours))
    got = _until(ep, it, HOUR)
    if got is not None:
        return got
    end, ended = ep.end
    if not ended:
        return None
    bound = span(it.when if it.when.lo is not None else ep.start, end, HOUR)
    return None if bound is None else (0.0, bound[1])


declare("deprivation", "bool", EPISODE, "deprived of food, water, sleep, toilet, heat, space or light",
        "a conditions event with deprivations")
declare("deprivation_hours", "hours", EPISODE, "longest deprivation in hours (a record without its own duration "
        "lasts at most until the end of custody)", "conditions.hours or at/until")
declare("essential_deprivation_hours", "hours", EPISODE, "longest deprivation of food, water, sleep, toilet or heating "
        "in hours (0 when the deprivations recorded are all of other kinds)", "conditions.deprivations and hours")
declare("deprivation_kinds", "list", EPISODE, "the kinds of necessity the person was deprived of in this custody",
        "conditions.deprivations")
declare("deprivation_kinds_count", "int", EPISODE, "how many different kinds of necessity the person was deprived "
        "of in this custody (0 when the file records that there was no deprivation)", "conditions.deprivations")
declare("occupancy_recorded", "bool", EPISODE, "a record of the conditions gives the floor area and the number of "
        "people held there (false when conditions are recorded without both)", "conditions.area_m2 and occupants")
declare("space_per_person_m2", "double", EPISODE, "the least floor space per person recorded in this custody, in "
        "square metres", "conditions.area_m2 and occupants")
declare("crowded_hours", "hours", EPISODE, "how long the person was held in the most crowded space recorded",
        "conditions.hours or at/until of the record giving the least space per person")


@episode_facts
def _conditions(ep: EpisodeCtx, f: Facts) -> None:
    conds = events(ep.items, Conditions, lambda e: bool(e.deprivations))
    f.put("deprivation", status(conds))
    held = [it for it in conds if it.happened]
    spans: list[tuple[tuple[float, float], Ev[EventBase]]] = []
    essential: list[tuple[tuple[float, float], Ev[EventBase]]] = []
    for it in held:
        got = _duration(ep, it)
        if got is not None:
            spans.append((got, it))
            if ESSENTIAL & set(it.event.deprivations):
                essential.append((got, it))
    _longest(f, "deprivation_hours", spans)
    if essential:
        _longest(f, "essential_deprivation_hours", essential)
    elif held and not any(ESSENTIAL & set(it.event.deprivations) for it in held):
        f.put("essential_deprivation_hours", of(held, (0.0, 0.0)))
    if any(it.event.status == "unknown" for it in conds):
        # A deprivation of unknown status may be the longest or add a kind: the upper bounds stay open.
        for name in ("deprivation_hours", "essential_deprivation_hours"):
            known = f.get(name)
            if known is not None:
                f.put(name, Fact((known.value[0], OPEN_HOURS), known.sources, known.paths))
    if held:
        kinds = sorted({k for it in held for k in it.event.deprivations})
        f.put("deprivation_kinds", of(held, kinds))
        if not any(it.event.status == "unknown" for it in conds):
            f.put("deprivation_kinds_count", of(held, len(kinds)))
    elif conds and not any(it.event.status == "unknown" for it in conds):
        f.put("deprivation_kinds", of(conds, []))
        f.put("deprivation_kinds_count", of(conds, 0))
    sized = [(it.event.area_m2 / it.event.occupants, it) for it in events(ep.items, Conditions, happened=True)
             if it.event.area_m2 is not None and it.event.occupants]
    recorded = events(ep.items, Conditions)
    if sized:
        f.put("occupancy_recorded", of([it for _, it in sized], True))
    elif recorded and not any(it.event.status == "unknown" for it in recorded):
        f.put("occupancy_recorded", of(recorded, False))
    if sized:
        least, where = min(sized, key=lambda x: x[0])
        f.put("space_per_person_m2", of([where], round(float(least), 2)))
        crowded = _duration(ep, where)
        if crowded is not None:
            f.put("crowded_hours", of([where], crowded))


declare("solitary", "bool", EPISODE, "held in solitary confinement", "a solitary_confinement event")
declare("solitary_days", "days", EPISODE, "longest solitary confinement in consecutive days",
        "solitary_confinement at and until")
declare("solitary_for_coercion", "bool", EPISODE, "solitary confinement was used to obtain a confession or "
        "information, or to coerce or intimidate (false when every placement's reasons are recorded and none is "
        "of that kind)", "solitary_confinement.reasons")
declare("solitary_worsens_disability", "bool", EPISODE, "solitary confinement was imposed on a person whose mental "
        "or physical disability or illness it would exacerbate", "solitary_confinement.disability_exacerbated")
declare("solitary_procedure_kept", "bool", EPISODE, "every placement was a last resort, authorised by a competent "
        "authority and subject to independent review (false if any of these is recorded as missing)",
        "solitary_confinement.last_resort, authorised, reviewed")

COERCIVE = frozenset({"confession", "information", "coercion", "intimidation"})


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
    placed = [it for it in sol if it.happened]
    if not placed:
        return
    coerced = [it for it in placed if COERCIVE & set(it.event.reasons)]
    if coerced:
        f.put("solitary_for_coercion", of(coerced, True))
    elif all(it.event.reasons and "unknown" not in it.event.reasons for it in placed):
        f.put("solitary_for_coercion", of(placed, False))
    f.put("solitary_worsens_disability", some_all(placed, lambda e: e.disability_exacerbated))
    steps = [(e.last_resort, e.authorised, e.reviewed) for e in (it.event for it in placed)]
    missing = [it for it, s in zip(placed, steps, strict=True) if False in s]
    if missing:
        f.put("solitary_procedure_kept", of(missing, False))
    elif all(s == (True, True, True) for s in steps):
        f.put("solitary_procedure_kept", of(placed, True))


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
