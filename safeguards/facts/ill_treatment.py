"""Ill-treatment and torture, act by act.

CAT art 1 needs, for the same act or for acts the file links as one course of conduct (``course``): severe
pain or suffering, a purpose, and an official's involvement. Elements from different acts never add up.
Each element is true, false or undecided; ``none_apparent`` never decides the purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeguards.facts.context import CaseCtx, EpisodeCtx, case_facts, episode_facts
from safeguards.facts.intervals import before
from safeguards.facts.registry import EPISODE, Ev, Fact, Facts, Instance, Scope, declare, events, joined, of, status
from safeguards.model.case import Arrival, Case, Confession, EventBase, IllTreatment, Interrogation, Place, Registration

# Indicators of severity, not the test (legal review defect 15; standards F.2).
SEVERE_PHYSICAL = frozenset({"asphyxiation", "electric_shock", "falanga", "suspension", "sexual_violence", "burning"})
SEVERE_MENTAL = frozenset({"threat_of_sexual_violence", "sexual_humiliation", "threats_to_family", "mock_execution"})
SERIOUS_EFFECTS = frozenset({"fracture", "loss_of_consciousness", "hospitalisation", "lasting_injury",
                             "psychological_trauma", "death"})
PHYSICAL_VIOLENCE = frozenset({"beating", "kicking", "beating_with_objects", "falanga", "asphyxiation", "suspension",
                               "stress_position", "electric_shock", "burning", "sexual_violence", "dousing_with_water",
                               "violence_by_cellmates"})
PROHIBITED_PURPOSES = frozenset({"confession", "information", "punishment", "intimidation", "coercion",
                                 "discrimination"})
OFFICIAL = frozenset({"direct", "instigation", "consent_or_acquiescence"})
ELEMENTS = ("severity", "purpose", "official_involvement")

Tri = bool | None


@dataclass(frozen=True)
class Element:
    """One element of art 1 for one act or course: its value and what shows it."""

    value: Tri
    fact: Fact | None = None


def vulnerable(case: Case) -> Fact | None:
    """The subject is a child or has a recorded vulnerability (severity then follows from physical violence)."""
    person = case.person(case.subject)
    if person is None or not ((person.age is not None and person.age < 18) or person.vulnerabilities):
        return None
    where = ("people", case.people.index(person))
    return Fact(True, tuple(person.sources), (where,))


def severity(act: Ev[IllTreatment], vulnerable: Fact | None) -> Element:
    ev = act.event
    if ev.severe is not None:
        return Element(ev.severe, of([act], ev.severe))
    methods = set(ev.methods)
    if methods & (SEVERE_PHYSICAL | SEVERE_MENTAL) or set(ev.effects) & SERIOUS_EFFECTS:
        return Element(True, of([act], True))
    if vulnerable is not None and methods & PHYSICAL_VIOLENCE:
        return Element(True, joined(True, of([act], None), vulnerable))
    return Element(None)


def purpose(act: Ev[IllTreatment], ep: EpisodeCtx) -> Element:
    ev = act.event
    if PROHIBITED_PURPOSES.intersection(ev.purpose):
        return Element(True, of([act], True))
    if ev.during is not None:
        linked = [it for it in [*events(ep.items, Interrogation), *events(ep.items, Confession)]
                  if it.event.id == ev.during and it.happened]
        if linked:
            return Element(True, joined(True, of([act], None), of(linked, None)))
    duress = events(ep.items, Confession, lambda e: e.under_duress is True, happened=True)
    if duress:
        return Element(True, joined(True, of([act], None), of(duress, None)))
    return Element(None)


def involvement(act: Ev[IllTreatment]) -> Element:
    ev = act.event
    if ev.involvement in OFFICIAL:
        return Element(True, of([act], True))
    if ev.involvement == "none":
        return Element(False, of([act], False))
    return Element(None)


def _combine(parts: list[Element]) -> Element:
    """A course: true if some act shows the element, false if every act is recorded as not, else undecided."""
    yes = [p.fact for p in parts if p.value is True]
    if yes:
        return Element(True, joined(True, *yes))
    if parts and all(p.value is False for p in parts):
        return Element(False, joined(False, *(p.fact for p in parts)))
    return Element(None)


@dataclass(frozen=True)
class Assessment:
    """The elements of art 1 for one act or course of conduct."""

    elements: dict[str, Element]

    @property
    def torture(self) -> Tri:
        values = [e.value for e in self.elements.values()]
        if all(v is True for v in values):
            return True
        return False if any(v is False for v in values) else None

    @property
    def undecided(self) -> list[str]:
        return [name for name, e in self.elements.items() if e.value is None]

    def fact(self, value: object) -> Fact:
        return joined(value, *(e.fact for e in self.elements.values() if e.value is not None))


def courses(ep: EpisodeCtx) -> list[list[Ev[IllTreatment]]]:
    """The acts of the episode, grouped: acts sharing a ``course`` id together, every other act alone."""
    groups: dict[str, list[Ev[IllTreatment]]] = {}
    out: list[list[Ev[IllTreatment]]] = []
    for act in events(ep.items, IllTreatment, happened=True):
        if act.event.course is None:
            out.append([act])
        elif act.event.course in groups:
            groups[act.event.course].append(act)
        else:
            groups[act.event.course] = [act]
            out.append(groups[act.event.course])
    return out


def assess(ep: EpisodeCtx, vulnerable: Fact | None) -> list[Assessment]:
    """One assessment per act or course of conduct."""
    return [Assessment({"severity": _combine([severity(a, vulnerable) for a in group]),
                        "purpose": _combine([purpose(a, ep) for a in group]),
                        "official_involvement": _combine([involvement(a) for a in group])})
            for group in courses(ep)]


TORTURE_SCOPES: tuple[Scope, ...] = ("case", "episode", "complaint", "investigation")
declare("ill_treatment", "bool", EPISODE, "an act of torture or ill-treatment in this custody",
        "an ill_treatment event (happened / not_happened)")
declare("methods", "list", EPISODE, "the methods of ill-treatment recorded", "ill_treatment.methods")
declare("torture_indicated", "bool", TORTURE_SCOPES, "one act, or one course of conduct the file links "
        "(ill_treatment.course), meets every element of CAT art 1: severity, a prohibited purpose, official "
        "involvement; false only when every act has an element recorded as absent",
        "ill_treatment.severe, methods, effects, purpose, during, involvement; the person's age and vulnerabilities")
declare("torture_elements_undecided", "list", TORTURE_SCOPES, "when torture is undecided: the elements of art 1 "
        "(severity, purpose, official_involvement) the records leave open for the act closest to meeting it",
        "ill_treatment.severe, methods, effects, purpose, involvement")


@episode_facts
def _acts(ep: EpisodeCtx, f: Facts) -> None:
    f.put("ill_treatment", status(events(ep.items, IllTreatment)))
    acts = events(ep.items, IllTreatment, happened=True)
    methods = sorted({m for it in acts for m in it.event.methods})
    if methods:
        f.put("methods", of(acts, methods))


def torture_facts(assessments: list[Assessment], none_recorded: Fact | None) -> dict[str, Fact]:
    """``torture_indicated`` and ``torture_elements_undecided`` from the assessments of some acts."""
    shown = [a for a in assessments if a.torture is True]
    if shown:
        return {"torture_indicated": joined(True, *(a.fact(True) for a in shown))}
    if not assessments:
        return {"torture_indicated": none_recorded} if none_recorded is not None else {}
    if all(a.torture is False for a in assessments):
        return {"torture_indicated": joined(False, *(a.fact(False) for a in assessments))}
    open_ = [a for a in assessments if a.torture is None]
    closest = min(open_, key=lambda a: len(a.undecided))
    return {"torture_elements_undecided": closest.fact(closest.undecided)}


declare("torture_save_attribution", "bool", ("case", "episode"), "an act (or linked course) in State custody "
        "shows severe pain or suffering and a prohibited purpose, and who inflicted it is not recorded: with no "
        "satisfactory explanation from the State, the burden of proof attributes it to the State (false when no "
        "act is of that kind)", "ill_treatment.severe, methods, effects, purpose, involvement and time")


@episode_facts
def _torture(ep: EpisodeCtx, f: Facts) -> None:
    ill = f.get("ill_treatment")
    found = assess(ep, ep.vulnerable)
    for name, fact in torture_facts(found, ill if ill is not None and not ill.value else None).items():
        f.put(name, fact)
    groups = courses(ep)
    open_ = [group for a, group in zip(found, groups, strict=True)
             if a.elements["severity"].value is True and a.elements["purpose"].value is True
             and a.elements["official_involvement"].value is None
             and all(ep.in_custody(act) is True for act in group)]
    if open_:
        f.put("torture_save_attribution", of([act for g in open_ for act in g], True))
        return
    # Decided false only when no act could still turn out to be of that kind: an act of unknown status, or one
    # whose time in custody, severity or purpose the records leave open, keeps it undecided.
    maybe = [group for a, group in zip(found, groups, strict=True)
             if a.elements["severity"].value is not False and a.elements["purpose"].value is not False
             and a.elements["official_involvement"].value is None
             and all(ep.in_custody(act) is not False for act in group)]
    unknown = events(ep.items, IllTreatment, lambda e: e.status == "unknown")
    if not maybe and not unknown:
        f.put("torture_save_attribution", Fact(False, (), (ep.path,)))


declare("ill_treatment_by_official", "bool", EPISODE, "an act of ill-treatment was inflicted by, at the "
        "instigation of, or with the consent or acquiescence of an official (false when every act is recorded as "
        "involving no official)", "ill_treatment.involvement")
declare("ill_treatment_by_others_in_custody", "bool", EPISODE, "an act by non-officials (involvement none, or "
        "violence by cellmates) while the person was in State custody", "ill_treatment.involvement, methods and time")


@episode_facts
def _attribution(ep: EpisodeCtx, f: Facts) -> None:
    acts = events(ep.items, IllTreatment, happened=True)
    official = [it for it in acts if it.event.involvement in OFFICIAL]
    if official:
        f.put("ill_treatment_by_official", of(official, True))
    elif acts and all(it.event.involvement == "none" for it in acts):
        f.put("ill_treatment_by_official", of(acts, False))
    others = [it for it in acts if (it.event.involvement == "none" or "violence_by_cellmates" in it.event.methods)
              and ep.in_custody(it) is True]
    if others:
        f.put("ill_treatment_by_others_in_custody", joined(True, ep.start_fact, of(others, None)))
    elif acts and all((it.event.involvement in OFFICIAL and "violence_by_cellmates" not in it.event.methods)
                      or ep.in_custody(it) is False for it in acts):
        # Every act is by officials, or took place outside State custody: no duty-of-care question.
        f.put("ill_treatment_by_others_in_custody", of(acts, False))


declare("ill_treatment_alleged", "bool", ("case", "complaint", "investigation"),
        "torture or ill-treatment is alleged in any custody episode", "ill_treatment events")


def _any_episode(episodes: list[Instance], name: str) -> Fact | None:
    """True if some episode has it true, false if every episode has it false, else absent."""
    got = [e.facts[name] for e in episodes if name in e.facts]
    true = [x for x in got if x.value is True]
    if true:
        return joined(True, *true)
    if episodes and len(got) == len(episodes) and all(x.value is False for x in got):
        return joined(False, *got)
    return None


@case_facts
def _case_torture(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    f.put("ill_treatment_alleged", _any_episode(episodes, "ill_treatment"))
    f.put("torture_save_attribution", _any_episode(episodes, "torture_save_attribution")
          or (Fact(False, (), ()) if not episodes else None))
    torture = _any_episode(episodes, "torture_indicated")
    f.put("torture_indicated", torture)
    if torture is None:
        open_ = [e.facts["torture_elements_undecided"] for e in episodes if "torture_elements_undecided" in e.facts]
        if open_:
            f.put("torture_elements_undecided", min(open_, key=lambda x: len(x.value)))


# --- force at apprehension or dispersal -------------------------------------------------------

# Places where the person is not yet in a place of custody: force there, before any delivery to a facility, is
# force used to apprehend, disperse or transport them.
ARREST_PLACES = frozenset({"open_air", "vehicle"})
CUSTODY_PLACES = frozenset({"police_station", "temporary_detention_facility", "pre_trial_detention", "prison",
                            "intelligence_facility", "military_facility", "immigration_centre", "unofficial_place",
                            "court", "hospital"})
# Treatment that no law-enforcement aim can make necessary, whatever the person did (standards F.2; the UN Basic
# Principles on the Use of Force allow force only as far as the lawful objective requires).
NEVER_NECESSARY = SEVERE_PHYSICAL | SEVERE_MENTAL | frozenset({"stripping", "humiliation"})


def _and3(*values: Tri) -> Tri:
    if any(x is False for x in values):
        return False
    return True if all(x is True for x in values) else None


def _place(ep: EpisodeCtx, pid: str | None) -> Place | None:
    return next((p for p in ep.episode.places if p.id == pid), None) if pid is not None else None


def at_arrest(act: Ev[IllTreatment], ep: EpisodeCtx) -> Tri:
    """The act took place at the apprehension (no later than its recorded time; a case file cannot date an act
    before it), or on the spot or in a vehicle before any delivery to a place of custody or detention record:
    None when the times and the place leave it open."""
    if act.event.at_apprehension is not None:  # the file says so (case-file version 2)
        return act.event.at_apprehension
    appr = ep.apprehension
    if appr is None:
        return None
    first_ = before(act.when, appr.when)
    if first_ is True:
        return True
    # Delivery to a place of custody, or a detention record written, before the act: the arrest was over.
    arrivals: list[Ev[EventBase]] = [*events(ep.items, Arrival, happened=True),
                                     *events(ep.items, Registration, happened=True)]
    delivered = [before(a.when, act.when) for a in arrivals]
    if any(d is True for d in delivered):
        return False
    place = _place(ep, act.event.place)
    kind = place.type if place is not None else None
    if kind in CUSTODY_PLACES:
        return False
    if kind in ARREST_PLACES and all(d is False for d in delivered):
        return True
    return None


def _by_official(act: Ev[IllTreatment]) -> Tri:
    inv = act.event.involvement
    return True if inv in OFFICIAL else False if inv == "none" else None


def unnecessary_grounds(ev: IllTreatment) -> list[str]:
    """Why force at the arrest went beyond what was necessary, as far as the record shows."""
    out: list[str] = []
    if ev.restrained is True:
        out.append("the person was already restrained or under control")
    if ev.resisting is False:
        out.append("the person was not resisting")
    out.extend(f"method: {m}" for m in ev.methods if m in NEVER_NECESSARY)
    out.extend(f"purpose: {p}" for p in ev.purpose if p in PROHIBITED_PURPOSES)
    return out


def _unnecessary(ev: IllTreatment) -> Tri:
    if unnecessary_grounds(ev):
        return True
    if (ev.resisting is True and ev.restrained is False and ev.severe is not True
            and not set(ev.effects) & SERIOUS_EFFECTS):
        return False
    return None


declare("force_at_arrest", "bool", EPISODE, "officials used force or ill-treated the person when taking their "
        "liberty: an act at or before the apprehension, or on the spot (open air) or in a vehicle before any "
        "delivery to a place of custody (false when every act took place in custody or involved no official)",
        "ill_treatment times, place and involvement; the apprehension and arrival times; places[].type")
declare("force_at_arrest_unnecessary", "bool", EPISODE, "force or treatment at the arrest went beyond what was "
        "necessary and proportionate: used on a person already restrained or not resisting, by a method no "
        "law-enforcement aim justifies, or for a prohibited purpose (false only when every act at the arrest met "
        "resistance, the person was not yet restrained, and no such method, purpose or serious effect is "
        "recorded)", "ill_treatment.resisting, restrained, methods, purpose, effects, severe")
declare("force_excess_grounds", "list", EPISODE, "what shows that force at the arrest went beyond what was "
        "necessary", "ill_treatment.resisting, restrained, methods, purpose")


@episode_facts
def _force_at_arrest(ep: EpisodeCtx, f: Facts) -> None:
    every = events(ep.items, IllTreatment)
    if not every:
        return
    acts = [a for a in every if a.happened]
    unknown = [a for a in every if a.event.status == "unknown"]
    at = {id(a): _and3(at_arrest(a, ep), _by_official(a)) for a in acts}
    yes = [a for a in acts if at[id(a)] is True]
    if yes:
        f.put("force_at_arrest", joined(True, ep.start_fact, of(yes, None)))
    elif not unknown and all(at[id(a)] is False for a in acts):
        f.put("force_at_arrest", joined(False, ep.start_fact, of(acts, None)))
    maybe = [a for a in acts if at[id(a)] is not False]
    excess = [a for a in yes if _unnecessary(a.event) is True]
    if excess:
        f.put("force_at_arrest_unnecessary", of(excess, True))
        f.put("force_excess_grounds", of(excess, sorted({g for a in excess for g in unnecessary_grounds(a.event)})))
    elif yes and not unknown and all(_unnecessary(a.event) is False for a in maybe):
        f.put("force_at_arrest_unnecessary", of(maybe, False))


# --- sexual violence and sexual humiliation --------------------------------------------------------

SEXUAL = frozenset({"sexual_violence", "threat_of_sexual_violence", "sexual_humiliation", "stripping"})

declare("sexual_abuse", "bool", EPISODE, "an act of sexual violence, a threat of it, sexual humiliation or "
        "forced stripping is recorded (false when every act's methods are recorded and none is of that kind)",
        "ill_treatment.methods")
declare("sexual_abuse_methods", "list", EPISODE, "the sexual methods recorded", "ill_treatment.methods")
declare("sexual_abuse_by_official", "bool", EPISODE, "the sexual violence, threat, humiliation or stripping was "
        "inflicted by, at the instigation of, or with the consent or acquiescence of an official (false only when "
        "every such act involved no official and took place outside State custody)",
        "ill_treatment.methods, involvement and time")


@episode_facts
def _sexual(ep: EpisodeCtx, f: Facts) -> None:
    every = events(ep.items, IllTreatment)
    if not every:
        return
    acts = [a for a in every if a.happened]
    sexual = [a for a in acts if SEXUAL.intersection(a.event.methods)]
    if sexual:
        f.put("sexual_abuse", of(sexual, True))
        f.put("sexual_abuse_methods", of(sexual, sorted({m for a in sexual for m in a.event.methods if m in SEXUAL})))
    elif all(a.event.status == "not_happened"
             or (a.event.methods and "unknown" not in a.event.methods and not SEXUAL.intersection(a.event.methods))
             for a in every):
        f.put("sexual_abuse", of(every, False))
    if not sexual:
        return
    official = [a for a in sexual if a.event.involvement in OFFICIAL]
    # An act of unknown status may be the one by an official.
    unknown = [a for a in every if a.event.status == "unknown"]
    if official:
        f.put("sexual_abuse_by_official", of(official, True))
    elif not unknown and all(a.event.involvement == "none" and ep.in_custody(a) is False for a in sexual):
        f.put("sexual_abuse_by_official", of(sexual, False))
