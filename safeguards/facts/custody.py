"""Custody: apprehension, registration, places, acknowledgement, release; and the subject's nationality."""

from __future__ import annotations

from safeguards.facts.context import EpisodeCtx, episode_facts, first
from safeguards.facts.intervals import HOUR, When, span, when
from safeguards.facts.registry import ALL, EPISODE, Ev, Fact, Facts, YamlPath, declare, events, joined, of, status
from safeguards.model.case import (
    AcknowledgementRefused,
    Apprehension,
    Arrival,
    Case,
    EventBase,
    Person,
    Registration,
    Release,
)

FOREIGN = declare("foreign_national", "bool", ALL, "the detainee is not a national of the State (of the State "
                  "holding them, in an episode with a state of its own); a dual national of that State is not "
                  "foreign", "people[subject].nationality and nationalities; episodes[].state")
JUVENILE = declare("juvenile", "bool", ALL, "the detainee was under 18 at apprehension",
                   "people[subject].age")


def subject_facts(case: Case) -> dict[str, Fact]:
    """Facts about the subject, given in every scope."""
    subject = case.person(case.subject)
    if subject is None:
        return {}
    out: dict[str, Fact] = {}
    at = case.people.index(subject)
    nationalities = subject.all_nationalities()
    if nationalities:
        out[FOREIGN] = Fact(case.jurisdiction not in nationalities, tuple(subject.sources),
                            _nationality_paths(subject, at))
    if subject.age is not None:
        out[JUVENILE] = Fact(subject.age < 18, tuple(subject.sources), (("people", at, "age"),))
    elif "child" in subject.vulnerabilities:
        out[JUVENILE] = Fact(True, tuple(subject.sources), (("people", at, "vulnerabilities"),))
    return out


def _nationality_paths(subject: Person, at: int) -> tuple[YamlPath, ...]:
    keys = [k for k, v in (("nationality", subject.nationality), ("nationalities", subject.nationalities)) if v]
    return tuple(("people", at, k) for k in keys)


@episode_facts
def _custody_state(ep: EpisodeCtx, f: Facts) -> None:
    """In custody abroad, the detainee is foreign or not with respect to the State that held them."""
    state, base = ep.episode.state, f.get(FOREIGN)
    if state is None or base is None:
        return
    f.put(FOREIGN, Fact(state not in ep.nationalities, base.sources, (*base.paths, (*ep.path, "state"))))


def put_hours(f: Facts, name: str, ep: EpisodeCtx, end: When, used: list[Ev[EventBase]],
              start: When | None = None, start_fact: Fact | None = None) -> None:
    """Put the hours from ``start`` (by default the apprehension) to ``end``, if the records bound them."""
    s = ep.start if start is None else start
    got = span(s, end, HOUR)
    if got is not None:
        f.put(name, joined(got, ep.start_fact if start_fact is None else start_fact, of(used, None)))


declare("apprehended", "bool", EPISODE, "liberty was actually taken", "an apprehension event with status")
declare("held_hours", "hours", EPISODE, "hours from actual apprehension to release (or death)",
        "the times of the apprehension and of the release")
declare("released", "bool", EPISODE, "the person was released", "a release event")


@episode_facts
def _apprehension(ep: EpisodeCtx, f: Facts) -> None:
    f.put("apprehended", status(events(ep.items, Apprehension)))
    f.put("released", status(events(ep.items, Release)))
    end, used = ep.end
    put_hours(f, "held_hours", ep, end, used)


declare("registered", "bool", EPISODE, "the detention was written into an official record",
        "a registration event (happened / not_happened)")
declare("hours_to_registration", "hours", EPISODE, "hours from actual apprehension to the record",
        "the time of the registration (detention protocol)")
declare("hours_delivery_to_registration", "hours", EPISODE,
        "hours from delivery to the facility (or apprehension, as an upper bound) to the record",
        "the arrival time at the facility and the registration time")
declare("record_understates_hours", "hours", EPISODE,
        "hours by which the start of detention written in the record is later than the actual apprehension",
        "registration.recorded_start and the apprehension time")


@episode_facts
def _registration(ep: EpisodeCtx, f: Facts) -> None:
    regs = events(ep.items, Registration)
    f.put("registered", status(regs))
    r_when, reg = first([it for it in regs if it.happened])
    put_hours(f, "hours_to_registration", ep, r_when, reg)
    d_when, arr = first(events(ep.items, Arrival, happened=True))
    if arr:
        put_hours(f, "hours_delivery_to_registration", ep, r_when, reg, d_when, of(arr, None))
    elif reg and ep.apprehension is not None:
        # Delivery is not recorded: the delay from apprehension bounds it from above.
        got = span(ep.start, r_when, HOUR)
        if got is not None:
            f.put("hours_delivery_to_registration", joined((0.0, got[1]), ep.start_fact, of(reg, None)))
    first_reg = events(reg, Registration)
    if first_reg and first_reg[0].event.recorded_start is not None:
        put_hours(f, "record_understates_hours", ep, when(first_reg[0].event.recorded_start, ep.tz), reg)


declare("unofficial_place", "bool", EPISODE, "held at least once in a place not officially designated for "
        "detention (only places whose status cites a source count)", "places[].official and places[].sources")
declare("unofficial_place_name", "string", EPISODE, "name of the unofficial place", "places[].name")


@episode_facts
def _places(ep: EpisodeCtx, f: Facts) -> None:
    places = ep.episode.places
    sourced = [(j, p) for j, p in enumerate(places) if p.official is not None and p.source_ids()]
    unofficial = [(j, p) for j, p in sourced if p.official is False]
    if unofficial:
        srcs = tuple(dict.fromkeys(s for _, p in unofficial for s in p.source_ids()))
        paths = tuple((*ep.path, "places", j) for j, _ in unofficial)
        f.put("unofficial_place", Fact(True, srcs, paths))
        f.put("unofficial_place_name", Fact(unofficial[0][1].name, srcs, paths))
    elif places and len(sourced) == len(places):
        srcs = tuple(dict.fromkeys(s for _, p in sourced for s in p.source_ids()))
        f.put("unofficial_place", Fact(False, srcs, tuple((*ep.path, "places", j) for j, _ in sourced)))


declare("acknowledgement_refused", "bool", EPISODE, "authorities denied holding the person or hid where",
        "an acknowledgement_refused event (happened / not_happened)")


@episode_facts
def _acknowledgement(ep: EpisodeCtx, f: Facts) -> None:
    f.put("acknowledgement_refused", status(events(ep.items, AcknowledgementRefused)))


declare("custody_record_access", "bool", EPISODE, "the custody record was communicated to the person or their "
        "counsel (false when a record was withheld from them)", "registration.record_access")


@episode_facts
def _record_access(ep: EpisodeCtx, f: Facts) -> None:
    regs = events(ep.items, Registration, happened=True)
    withheld = [it for it in regs if it.event.record_access is False]
    if withheld:
        f.put("custody_record_access", of(withheld, False))
    elif regs and all(it.event.record_access is True for it in regs):
        f.put("custody_record_access", of(regs, True))
