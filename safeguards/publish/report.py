"""The publication step for one case: engine results, the case and an audience in; the report view out.

Everything a reader sees is written here, from data: messages from their keys, values from plain data,
and every string taken from the case redacted once (:class:`~safeguards.publish.withheld.Withheld`).
For a public audience free text leaves only from fields meant for publication (the case's title, what
a contested fact is about, the bodies named in complaints and investigations, places) and after
redaction; notes never; an unpublished source (an interview, a medical or internal record) is cited
by its kind and date, not its title.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from safeguards import __version__
from safeguards.casefile import Loaded
from safeguards.engine.contested import canonical
from safeguards.facts import BY_NAME
from safeguards.facts.intervals import HOUR, When, span, when
from safeguards.i18n import Translator
from safeguards.model.case import Case, Source
from safeguards.privacy import Audience, subject_label
from safeguards.publish.catalog import N_
from safeguards.publish.texts import Writer
from safeguards.publish.view import (
    ArticleView,
    CaseView,
    CitationView,
    ContestedVersionView,
    ContestedView,
    EventView,
    FactView,
    FindingView,
    GlossaryEntry,
    InstrumentView,
    LimitView,
    MissingView,
    ReportView,
    RuleView,
    SourceView,
    TimelineView,
    VersionView,
)
from safeguards.publish.withheld import Withheld
from safeguards.results import CaseResult, Finding, Provenance, Timing, VersionOutcome
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
# Kinds of source that are published documents, citable by title; others only when marked `published`.
PUBLISHED_KINDS = frozenset({"media", "ngo_report", "un_decision", "official_statement"})
_STRUCTURED = re.compile(r"^(?:[a-z][a-z0-9_]{0,40}|\d{4}(?:-\d\d(?:-\d\d(?:[T ][0-9:.]+(?:Z|[+-]\d\d:?\d\d)?)?)?)?)$")
_MISSING_CONTESTED = (N_("the versions of disputed facts"), N_("fewer contested items, or resolve some"))


def is_published(source: Source) -> bool:
    """Whether the source is a published document that may be cited by its title."""
    flag = getattr(source, "published", None)
    return bool(flag) if flag is not None else source.kind in PUBLISHED_KINDS


class _Publisher:
    def __init__(self, case: Case, rules: RuleSet, audience: Audience, withheld: Withheld,
                 language: str = "en") -> None:
        self.case, self.rules, self.audience, self.withheld = case, rules, audience, withheld
        self.language = language
        self.public = audience != "internal"
        self.labels = {key: self.instance_label(scope, key) for scope, key in self._instances()}
        self.w = Writer(rules, withheld.redact, language=language, labels=self.labels)
        self.t: Translator = self.w.t
        self._ = self.w._
        self.glossary: dict[str, GlossaryEntry] = {}
        self.facts: dict[str, dict[str, FactView]] = {}
        self.instruments: dict[tuple[str, str | None, Timing], int] = {}

    def _instances(self) -> list[tuple[str, str]]:
        out = [("case", self.case.id)] + [("episode", e.id) for e in self.case.episodes]
        out += [("complaint", c.id) for c in self.case.complaints]
        out += [("investigation", i.id) for i in self.case.investigations]
        return out

    def free(self, text: str | None) -> str:
        """Free text from a field meant for publication, redacted."""
        return self.withheld.redact(text) if text else ""

    def instance_label(self, scope: str, key: str) -> str:
        w = Writer(self.rules, language=self.language)
        if scope == "case":
            return w.text_key("instance.case")
        if scope == "episode":
            return w.text_key("instance.episode", id=key)
        if scope == "complaint":
            comp = next((c for c in self.case.complaints if c.id == key), None)
            if comp is not None and comp.to:
                return w.text_key("instance.complaint", id=key, to=self.free(comp.to))
            return w.text_key("instance.complaint_unknown", id=key)
        if scope == "investigation":
            inv = next((i for i in self.case.investigations if i.id == key), None)
            return w.text_key("instance.investigation", id=key, body=self.free(inv.body if inv else ""))
        return w.text_key("instance.death", id=key)

    def version_value(self, value: object) -> str:
        """A contested value: structured values are shown; free text only to the analyst, or redacted to the
        Committee."""
        if value is None or isinstance(value, (bool, int, float)):
            return self.w.value(value)
        text = str(value)
        if _STRUCTURED.match(text):
            return self.w.value(text) if "_" in text or text.isalpha() else text
        if self.audience == "public":
            return self.w.word("withheld")
        return self.free(text)

    def version(self, v: VersionOutcome) -> VersionView:
        return VersionView.of(contested=v.contested, version=v.version, value=self.version_value(v.value),
                           sources=list(v.sources), outcome=v.outcome, message=self.w.text(v.message))

    def message(self, f: Finding) -> str:
        text = self.w.text(f.message)
        if f.message.key == "engine.contested":
            items = [self.w.fill(self.w.template("engine.version"), {
                "sources": ", ".join(v.sources), "contested": v.contested, "value": self.version_value(v.value),
                "outcome": self.w.outcome(v.outcome)}) for v in f.versions]
            text = self.w.fill(self.w.template("engine.contested"), {"versions": "; ".join(items)})
        return text  # what is missing is listed beside it (``missing``), not repeated in the message

    def missing(self, f: Finding) -> list[MissingView]:
        out = []
        for m in f.missing:
            if m.fact not in self.glossary:
                decl = BY_NAME.get(m.fact)
                record = (self.t.pgettext(f"fact:{m.fact}", decl.record) if decl is not None
                          else self._(_MISSING_CONTESTED[1]))
                self.glossary[m.fact] = GlossaryEntry.of(record=record)
            precise = m.reason.key == "missing.range"
            out.append(MissingView.of(fact=m.fact, reason=self.w.text(m.reason), precise=precise,
                                      unrecorded=m.reason.key == "missing.not_recorded"))
        return out

    def finding(self, f: Finding) -> FindingView:
        facts = self.facts.setdefault(f.instance, {})
        for u in f.facts:
            if u.name not in facts:
                facts[u.name] = FactView.of(value=self.w.value(u.value), sources=list(u.sources),
                                         lines=[loc.line for loc in u.locations])
        return FindingView.of(
            rule_id=f.rule_id, scope=f.scope, instance=f.instance,
            instance_label=self.labels.get(f.instance) or self.instance_label(f.scope, f.instance),
            outcome=f.outcome, message=self.message(f), standard_of_proof=f.standard_of_proof,
            proof_reason=self.w.text(f.proof_reason), allegations_only=f.allegations_only, law=f.law,
            profile=f.profile, convention_outcome=f.convention_outcome,
            recommendation=self.recommendation(f.recommendation) if f.recommendation else None,
            facts=[u.name for u in f.facts], sources=list(f.sources), missing=self.missing(f),
            versions=[self.version(v) for v in f.versions], set_aside=[self.version(v) for v in f.set_aside],
            line=f.location.line, column=f.location.column)

    def recommendation(self, text: str) -> str:
        """A profile's recommendation in the reader's language (it is translated in its profile's context)."""
        for pid in sorted(self.rules.profiles):
            translated = self.t.pgettext(f"profile:{pid}", text)
            if translated != text:
                return translated
        return text

    def profile_text(self, profile_id: str, text: str) -> str:
        return self.t.pgettext(f"profile:{profile_id}", text)

    def rule(self, f: Finding, applicable: bool) -> RuleView:
        title = self.w.title(f.rule_id)
        basis = []
        if applicable:
            for c in f.legal_basis:
                key = (c.instrument, c.applies_from, c.timing)
                if key not in self.instruments:
                    self.instruments[key] = len(self.instruments)
                # The notes on a citation stay in the rule set (``safeguards rules show``, docs/rules/): the
                # report names the instrument, the provision and how sure the reference is of it.
                basis.append(CitationView.of(instrument=self.instruments[key], provision=c.provision, status=c.status))
        return RuleView.of(title=title, safeguard=f.safeguard, scope=f.scope, articles=list(f.articles),
                           severity=f.severity, weight=f.weight, role=f.role, law=f.law,
                           recommendation=self.recommendation(f.recommendation) if f.recommendation else None,
                           legal_basis=basis)

    def source(self, s: Source) -> SourceView:
        shown = not self.public or self.audience == "committee" or is_published(s)
        url = s.url if shown and s.url and not self.withheld.hits(s.url) else None
        return SourceView.of(
            id=s.id, kind=s.kind, title=self.free(s.title) if shown else None,
            publisher=self.free(s.publisher) if shown and s.publisher else None, date=s.date, url=url,
            citation=self.free(s.citation) if shown and s.citation else None,
            reliability=f"{s.reliability.source}{s.reliability.information}", read=s.read, relays=s.relays)


def _limits(case: Case, rules: RuleSet, profile: str, t: Translator) -> list[LimitView]:
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
                limits.append(LimitView.of(label=t.pgettext(f"profile:{p.id}", item.label), hours=float(value)))
    return limits


def _timeline(pub: _Publisher, profile: str) -> list[TimelineView]:
    case = pub.case
    limits = _limits(case, pub.rules, profile, pub.t)
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
            events.append(EventView.of(type=ev.type, label=pub.t.pgettext("event", EVENT_LABELS[ev.type]), at=ev.at,
                                    approximate=ev.approximate, status=ev.status, from_hours=lo, to_hours=hi))
        out.append(TimelineView.of(episode=ep.id, places=[pub.free(p.name) for p in ep.places],
                                apprehension=appr.at if appr else None, events=events, limits=limits))
    return out


def _precision(iso: str) -> str:
    if "T" in iso or " " in iso.strip():
        return "minute"
    return {0: "year", 1: "month"}.get(iso.count("-"), "day")


def written_date(t: Translator, iso: str, approximate: bool = False) -> str:
    """A recorded time as the reader's language writes it, to the precision recorded; "approx." kept."""
    try:
        text = t.format_date(iso, _precision(iso))
    except ValueError:
        text = iso
    return t.gettext("{date} (approx.)").format(date=text) if approximate else text


def _period(case: Case, t: Translator) -> str:
    """The first and last times recorded for an event that happened (not a release date unless one is recorded)."""
    times = sorted((e.at, e.approximate) for ep in case.episodes for e in ep.events if e.at and e.status == "happened")
    if not times:
        return t.gettext("no event time recorded")
    first, last = written_date(t, *times[0]), written_date(t, *times[-1])
    if first == last:
        return first
    return t.gettext("events recorded from {first} to {last}").format(first=first, last=last)


def _rules(pub: _Publisher, findings: Sequence[Finding]) -> dict[str, RuleView]:
    applicable = {f.rule_id for f in findings if f.outcome != "not_applicable"}
    out: dict[str, RuleView] = {}
    for f in findings:
        if f.rule_id not in out:
            out[f.rule_id] = pub.rule(f, f.rule_id in applicable)
    return out


def rules_origin(rules: RuleSet) -> str:
    """``bundled``, or ``custom`` for a rule set given by the user (its folder is not published)."""
    origin = getattr(rules, "origin", "bundled")
    return "bundled" if origin == "bundled" else "custom"


def publish_report(loaded: Loaded, result: CaseResult, rules: RuleSet, audience: Audience = "public",
                   timestamp: bool = True, withheld: Withheld | None = None, language: str = "en") -> ReportView:
    """The report of one case for ``audience``: every text written and redacted here, once."""
    case = loaded.case
    assert case is not None
    hidden = withheld if withheld is not None else Withheld.for_case(case, audience)
    pub = _Publisher(case, rules, audience, hidden, language)
    header = CaseView.of(
        # Redaction wins over publication: a consented name that shares a withheld part (a surname) loses it.
        id=case.id, person=pub.free(subject_label(case, audience)), title=pub.free(case.title),
        jurisdiction=case.jurisdiction,
        context=case.context, region=pub.free(case.region) or None, period=_period(case, pub.t),
        places=sorted({pub.free(p.name) for ep in case.episodes for p in ep.places}), status=case.status,
        audience=audience)
    contested = [ContestedView.of(id=c.id, about=pub.free(c.about), record=c.target.record, field=c.target.field,
                               versions=[ContestedVersionView.of(
                                   value=pub.version_value(v.value), sources=list(v.sources),
                                   note=pub.free(v.note) if v.note and audience == "internal" else None)
                                   for v in canonical(c)]) for c in case.contested]
    provenance = Provenance(tool_version=__version__, rules_digest=rules.digest, rules_count=len(rules.rules),
                            rules_origin=rules_origin(rules), case_file=os.path.basename(loaded.path),
                            case_sha256=loaded.digest, profile=result.profile,
                            generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp else None)
    articles = [ArticleView.of(article=a.article, title=pub.t.pgettext(f"article:{a.article}", a.title),
                            form=pub.t.pgettext(f"article:{a.article}", a.form), outcome=a.outcome,
                            standard_of_proof=a.standard_of_proof, breaches=list(a.breaches),
                            concerns=list(a.concerns), explanation=pub.w.text(a.explanation))
                for a in result.articles]
    rules_used = _rules(pub, [*result.findings, *result.national])
    findings = [pub.finding(f) for f in result.findings]
    national = [pub.finding(f) for f in result.national]
    instruments = [InstrumentView.of(name=name, applies_from=since, timing=timing)
                   for (name, since, timing) in sorted(pub.instruments, key=pub.instruments.__getitem__)]
    return ReportView.of(
        language=language, case=header, profile=result.profile, instruments=instruments,
        rules=rules_used, instances={f.instance: f.instance_label for f in [*findings, *national]},
        glossary=dict(sorted(pub.glossary.items())), facts=pub.facts, findings=findings, national=national,
        national_note=pub.w.text(result.national_note) if result.national_note else None, articles=articles,
        score=result.score, timeline=_timeline(pub, result.profile), sources=[pub.source(s) for s in case.sources],
        contested=contested, provenance=provenance)
