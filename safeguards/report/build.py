"""Build the report document of one case: findings, timeline, sources, provenance, redacted for its audience."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from safeguards import __version__
from safeguards.casefile import Loaded
from safeguards.engine.contested import canonical
from safeguards.facts.intervals import HOUR, When, span, when
from safeguards.model.case import Case
from safeguards.privacy import Audience, Redactor, subject_label
from safeguards.results import (
    CaseResult,
    ContestedRef,
    EpisodeTimeline,
    Limit,
    Provenance,
    Report,
    SourceRef,
    TimelineEvent,
)
from safeguards.rules.compile import RuleSet

EVENT_LABELS = {
    "apprehension": "apprehension", "arrival": "arrival at facility", "registration": "registration",
    "rights_information": "rights explained", "lawyer_request": "lawyer requested", "lawyer_access": "lawyer",
    "lawyer_denied": "lawyer refused", "family_notification": "family told",
    "acknowledgement_refused": "detention denied", "medical_examination": "medical examination",
    "medical_request": "medical request", "medical_care": "medical care", "interrogation": "interrogation",
    "ill_treatment": "ill-treatment", "confession": "confession", "court_appearance": "court",
    "transfer": "transfer", "solitary_confinement": "solitary confinement", "conditions": "conditions",
    "contact_denied": "contact denied", "monitoring_visit": "monitoring visit", "release": "release",
    "death": "death",
}


def _limits(case: Case, rules: RuleSet, profile: str) -> list[Limit]:
    """The time limits the profiles' data draw: the Convention's, then the national profile's for its States."""
    chosen = [p for p in rules.profiles.values() if p.kind == "convention"]
    national = rules.profiles.get(profile)
    if national is not None and national.kind == "national" and national.applies_to(case.jurisdiction):
        chosen.append(national)
    limits = []
    for p in chosen:
        for item in p.timeline:
            compiled = rules.by_id(item.rule)
            if compiled is None or item.param not in compiled.rule.params:
                continue
            value = compiled.rule.params[item.param].value
            override = p.params.get(item.rule, {}).get(item.param)
            if override is not None:
                value = override.value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                limits.append(Limit(label=item.label, hours=float(value)))
    return limits


def _timeline(case: Case, rules: RuleSet, profile: str) -> list[EpisodeTimeline]:
    limits = _limits(case, rules, profile)
    out = []
    for ep in case.episodes:
        appr = next((e for e in ep.events if e.type == "apprehension" and e.status == "happened"), None)
        start = when(appr.at, case.timezone, appr.approximate) if appr is not None else When()
        events = []
        for ev in ep.events:
            lo = hi = None
            if ev is appr:
                lo = hi = 0.0
            elif ev.at:
                got = span(start, when(ev.at, case.timezone, ev.approximate), HOUR)
                if got is not None:
                    lo, hi = got
            events.append(TimelineEvent(type=ev.type, label=EVENT_LABELS[ev.type], at=ev.at,
                                        approximate=ev.approximate, status=ev.status, from_hours=lo, to_hours=hi))
        out.append(EpisodeTimeline(episode=ep.id, places=[p.name for p in ep.places],
                                   apprehension=appr.at if appr else None, events=events, limits=limits))
    return out


def _period(case: Case) -> str:
    times = sorted(e.at for ep in case.episodes for e in ep.events if e.at and e.status == "happened")
    if not times:
        return "unknown"
    return times[0] if times[0] == times[-1] else f"{times[0]} to {times[-1]}"


def build_report(loaded: Loaded, result: CaseResult, rules: RuleSet, audience: Audience = "public",
                 timestamp: bool = True) -> Report:
    """The report of one case, with every string redacted for ``audience``."""
    case = loaded.case
    assert case is not None
    sources = [SourceRef(id=s.id, kind=s.kind, title=s.title, publisher=s.publisher, date=s.date, url=s.url,
                         citation=s.citation, reliability=f"{s.reliability.source}{s.reliability.information}",
                         read=s.read, relays=s.relays)
               for s in case.sources]
    contested = [ContestedRef(id=c.id, about=c.about, record=c.target.record, field=c.target.field,
                              versions=[{"value": v.value, "sources": list(v.sources), "note": v.note}
                                        for v in canonical(c)]) for c in case.contested]
    places = sorted({p.name for ep in case.episodes for p in ep.places})
    header: dict[str, Any] = {
        "id": case.id, "person": subject_label(case, audience), "title": case.title, "jurisdiction": case.jurisdiction,
        "context": case.context, "region": case.region, "period": _period(case), "places": places,
        "status": case.status, "audience": audience,
    }
    provenance = Provenance(tool_version=__version__, rules_digest=rules.digest, rules_count=len(rules.rules),
                            case_file=loaded.path.replace("\\", "/"), case_sha256=loaded.digest,
                            profile=result.profile,
                            generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp
                            else None)
    report = Report(case=header, result=result, timeline=_timeline(case, rules, result.profile), sources=sources,
                    contested=contested, provenance=provenance)
    redactor = Redactor.for_case(case, audience)
    if not redactor.replacements:
        return report
    # Redact every string, ids included: an id can carry a name as well as a note can. Done on the
    # serialised text in one pass, and parsed back so the result is checked against the model.
    text = report.model_dump_json()
    redacted = redactor.json_text(text)
    return report if redacted == text else Report.model_validate_json(redacted)
