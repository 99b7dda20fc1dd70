"""Ill-treatment and torture, act by act.

CAT art 1 needs, for the same act or for acts the file links as one course of conduct (``course``): severe
pain or suffering, a purpose, and an official's involvement. Elements from different acts never add up.
Each element is true, false or undecided; ``none_apparent`` never decides the purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeguards.facts.context import CaseCtx, EpisodeCtx, case_facts, episode_facts
from safeguards.facts.registry import EPISODE, Ev, Fact, Facts, Instance, Scope, declare, events, joined, of, status
from safeguards.model.case import Case, Confession, IllTreatment, Interrogation

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


declare("force_at_apprehension", "bool", EPISODE, "force was used to apprehend the person, at or just before the "
        "apprehension (false: a source says no force was used to apprehend them)",
        "an ill_treatment event with at_apprehension: true (happened / not_happened)")


@episode_facts
def _force_at_apprehension(ep: EpisodeCtx, f: Facts) -> None:
    f.put("force_at_apprehension", status(events(ep.items, IllTreatment, lambda e: e.at_apprehension is True)))


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
