"""Build the report document of one case: findings, timeline, sources, provenance, redacted for its audience."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from safeguards import __version__
from safeguards.casefile import Loaded
from safeguards.engine.derive import HOUR
from safeguards.model.case import Case
from safeguards.model.timepoint import interval
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

LIMITS: dict[str, list[tuple[str, str, str]]] = {
    # (label, rule id, parameter) drawn on the timeline when the rule is in the set
    "international": [("judge (48 h)", "judicial-control-delayed", "limit_hours")],
    "kz": [("protocol (3 h)", "registration-delayed", "limit_hours"),
           ("court (72 h)", "judicial-control-delayed", "limit_hours")],
}
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


def _timeline(case: Case, rules: RuleSet, profile: str) -> list[EpisodeTimeline]:
    limits = []
    for label, rule_id, param in LIMITS.get(profile, []):
        compiled = rules.by_id(rule_id)
        if compiled is not None and param in compiled.rule.params:
            value = compiled.rule.params[param].values.get(profile)  # type: ignore[call-overload]
            if value is not None and isinstance(value.value, (int, float)):
                limits.append(Limit(label=label, hours=float(value.value)))
    out = []
    for ep in case.episodes:
        appr = next((e for e in ep.events if e.type == "apprehension" and e.status == "happened"), None)
        a_lo = a_hi = None
        if appr is not None and appr.at:
            iv = interval(appr.at, case.timezone, appr.approximate)
            a_lo, a_hi = iv.start, (iv.start if iv.exact else iv.end)
        events = []
        for ev in ep.events:
            lo = hi = None
            if ev is appr:
                lo = hi = 0.0
            elif ev.at and a_lo is not None and a_hi is not None:
                iv = interval(ev.at, case.timezone, ev.approximate)
                e_hi = iv.start if iv.exact else iv.end
                lo = round(max(0.0, (iv.start - a_hi) / HOUR), 2)
                hi = round(max(0.0, (e_hi - a_lo) / HOUR), 2)
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
                                        for v in c.versions]) for c in case.contested]
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
