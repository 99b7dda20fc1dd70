"""Context facts added to every instance: what kinds of record the file holds, and the State's declarations.

``recorded`` lets a rule that is triggered by an event (a removal, a monitoring visit, solitary
confinement) be *decided* not applicable when the file holds no such record, while a record of
unknown status still leaves the rule undecided. ``art22_declaration`` comes from the Convention
profile's data, not from the case file.
"""

from __future__ import annotations

from safeguards.engine.derive import Fact, Instance
from safeguards.model.case import Case, Episode
from safeguards.rules.profiles import Profile

CONTEXT_FACTS = frozenset({"recorded", "art22_declaration"})
INJURY_FIELDS = (("ill_treatment", "injuries"), ("medical_examination", "injuries_found"),
                 ("monitoring_visit", "injuries_seen"), ("medical_care", "hospitalised"))
# Records that may show injuries when their finding is not recorded: 'injury' stays possible, so the rules
# triggered by an injury are undecided rather than not applicable.
MAY_SHOW_INJURY = frozenset({"medical_examination", "monitoring_visit"})


def _episode_kinds(ep: Episode) -> set[str]:
    kinds: set[str] = {e.type for e in ep.events}
    if ep.places:
        kinds.add("place")
    for e in ep.events:
        for kind, attr in INJURY_FIELDS:
            if e.type != kind or e.status == "not_happened":
                continue
            found = getattr(e, attr, None)
            if found or (found is None and kind in MAY_SHOW_INJURY):
                kinds.add("injury")
    return kinds


def _case_kinds(case: Case) -> set[str]:
    kinds: set[str] = set()
    for ep in case.episodes:
        kinds |= _episode_kinds(ep)
    for name, records in (("complaint", case.complaints), ("investigation", case.investigations),
                          ("proceeding", case.proceedings), ("reprisal", case.reprisals),
                          ("redress", case.redress), ("official_response", case.official_responses),
                          ("removal", case.removals)):
        if records:
            kinds.add(name)
    return kinds


def _declared(case: Case, convention: Profile | None) -> Fact | None:
    if convention is None:
        return None
    made = convention.declarations.get("22", {})
    if case.jurisdiction in made:
        return Fact(True, (), ())
    return None  # not listed: the data does not say, so the fact stays unknown


def with_context(case: Case, instances: list[Instance], convention: Profile | None) -> list[Instance]:
    """``instances`` with the context facts added."""
    whole = sorted(_case_kinds(case))
    per_episode = {ep.id: sorted(_episode_kinds(ep)) for ep in case.episodes}
    declared = _declared(case, convention)
    out = []
    for inst in instances:
        facts = dict(inst.facts)
        kinds = per_episode.get(inst.key, whole) if inst.scope == "episode" else whole
        facts["recorded"] = Fact(kinds, (), (inst.path,) if inst.path else ())
        if declared is not None and inst.scope in ("case", "complaint"):
            facts["art22_declaration"] = declared
        out.append(Instance(inst.scope, inst.key, inst.label, inst.path, facts))
    return out
