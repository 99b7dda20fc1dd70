"""The JSON report (``--format json``, ``report_version: 3``): the published view as normalised plain data.

Each thing is written once and referred to by its key: an instrument by its index, a rule under its
safeguard, a fact under its instance, the message most findings of an outcome share under ``messages``.
A finding is keyed ``rule@instance`` (the form article conclusions use in ``breaches``) under its
outcome. What the data already determines is left out: a finding's sources when they are its facts'
sources, a rule's articles when they are its safeguard's, the prose of an article conclusion (the
Markdown and HTML reports write it; its references are in ``breaches`` and ``concerns``), and every
field at its default. :func:`findings` reads a report back into one flat record per finding.

The view it is built from (:class:`~safeguards.publish.view.ReportView`) is already published: this
module only rearranges strings that were written and redacted there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

from pydantic import Field

from safeguards.publish.view import (
    CaseView,
    ContestedView,
    FactView,
    FindingView,
    LimitView,
    ReportView,
    RuleView,
    VersionView,
)
from safeguards.report.formats import REPORT_VERSION
from safeguards.results import ArticleOutcome, Frozen, Law, Outcome, Proof, Provenance, Score, Timing

__all__ = ["REPORT_VERSION", "ReportDocument", "document", "findings", "report_json_schema", "write_json"]
OUTCOMES: tuple[Outcome, ...] = ("breach", "contested", "met", "insufficient_information", "not_applicable")

Citation = tuple[int, str | None] | tuple[int, str | None, Literal["S2", "N", "U"]]


class InstrumentDoc(Frozen):
    """A legal instrument the rules cite, dated against the facts of the case."""

    name: str
    applies_from: str | None = None
    timing: Timing = Field("in_force", description="in_force: the instrument applied when the facts occurred; "
                                                   "later: adopted after them, cited as interpretation of the treaty "
                                                   "obligation; undated: the facts or the instrument carry no date.")


class RuleDoc(Frozen):
    """A rule the findings refer to: its title and legal basis, written once."""

    title: str
    scope: str = "episode"
    articles: list[str] | None = Field(None, description="Left out when they are its safeguard's articles.")
    severity: str
    weight: float
    role: Literal["safeguard", "indicator"] = "safeguard"
    law: Law = "convention"
    recommendation: str | None = Field(None, description="The national profile's recommendation to the State.")
    legal_basis: list[Citation] = Field(
        default_factory=list,
        description="[instrument, provision] or [instrument, provision, mark]: an index in `instruments`, where in "
                    "it (null: the instrument as a whole), and how sure the reference is when not a verified "
                    "source (S2: verified secondary, N: national, U: unverified). Left out for a rule whose every "
                    "finding is 'not applicable'.")


class SafeguardDoc(Frozen):
    """A safeguard: the articles its rules bear on, and its rules."""

    articles: list[str]
    rules: dict[str, RuleDoc]


class MissingDoc(Frozen):
    fact: str = Field(description="A fact of `glossary`.")
    reason: str = Field("not recorded", description="Why it is missing, when not simply unrecorded: the range "
                                                    "the recorded precision leaves open.")
    precise: bool = Field(False, description="The fact is recorded, but not precisely enough.")


class FindingDoc(Frozen):
    """One finding; its rule, instance and outcome are its keys."""

    message: str | None = Field(None, description="Left out when it is its outcome's message in `messages`.")
    standard_of_proof: Proof = "not_assessed"
    proof_reason: str = ""
    allegations_only: bool = False
    law: Law = Field("convention", description="national: on the national profile's own law (in `national`).")
    profile: str | None = None
    convention_outcome: Outcome | None = None
    facts: list[str] = Field(default_factory=list, description="Names of the facts it rests on (`facts`).")
    sources: list[str] | None = Field(None, description="Left out when they are the sources of its facts.")
    missing: list[str | MissingDoc] = Field(default_factory=list, description="Facts it needs and lacks: a name "
                                            "when the fact is not recorded at all.")
    versions: list[VersionView] = Field(default_factory=list)
    set_aside: list[VersionView] = Field(default_factory=list)
    at: tuple[int, int] = Field(description="[line, column] in the case file of the first fact it rests on "
                                            "(0: none).")


class ArticleDoc(Frozen):
    """The conclusion on one article, rolled up from the findings (docs/scoring.md)."""

    article: str
    title: str
    form: str
    outcome: ArticleOutcome
    standard_of_proof: Proof = "not_assessed"
    breaches: list[str] = Field(default_factory=list, description="`rule@instance` of the findings that carry it.")
    concerns: list[str] = Field(default_factory=list)


class EventDoc(Frozen):
    type: str
    label: str
    at: str | None = None
    approximate: bool = False
    status: str = "happened"
    from_hours: float | None = Field(None, description="Earliest hours after apprehension the recorded time allows.")
    to_hours: float | None = Field(None, description="Latest hours after apprehension the recorded time allows.")


class TimelineDoc(Frozen):
    episode: str
    places: list[str] = Field(default_factory=list)
    apprehension: str | None = None
    events: list[EventDoc]
    limits: list[LimitView] = Field(default_factory=list)


class SourceDoc(Frozen):
    """A source as cited: a published source by its title; an interview or internal record by kind and date."""

    id: str
    kind: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    citation: str | None = None
    reliability: str
    read: bool | None = None
    relays: str | None = None


Findings = dict[Outcome, dict[str, FindingDoc]]


class ReportDocument(Frozen):
    """The findings report of one case, published for one audience in one language."""

    report_version: Literal[3]
    language: str
    case: CaseView
    profile: str
    instruments: list[InstrumentDoc] = Field(description="Each legal instrument the rules cite, once.")
    safeguards: dict[str, SafeguardDoc] = Field(description="Each safeguard a finding bears on, with its rules.")
    glossary: dict[str, str] = Field(default_factory=dict, description="Each fact a finding needs and lacks -> "
                                                                       "what to record to know it.")
    facts: dict[str, dict[str, FactView]] = Field(description="Instance -> fact -> value, once per instance.")
    instances: dict[str, str] = Field(default_factory=dict, description="Instance key -> how a reader names it.")
    messages: dict[Outcome, str] = Field(default_factory=dict, description="Outcome -> the message its findings "
                                                                           "share when they leave theirs out.")
    findings: Findings = Field(description="Outcome -> `rule@instance` -> finding, on the Convention standard.")
    national: Findings = Field(default_factory=dict, description="The same, on the national profile's law.")
    national_note: str | None = None
    articles: list[ArticleDoc]
    score: Score
    timeline: list[TimelineDoc] = Field(default_factory=list)
    sources: list[SourceDoc] = Field(default_factory=list)
    contested: list[ContestedView] = Field(default_factory=list)
    provenance: Provenance


def _rule(rule: RuleView, articles: list[str]) -> RuleDoc:
    basis: list[Citation] = [(c.instrument, c.provision) if c.status == "S" else (c.instrument, c.provision, c.status)
                             for c in rule.legal_basis]
    return RuleDoc.of(title=rule.title, scope=rule.scope, articles=None if rule.articles == articles else rule.articles,
                      severity=rule.severity, weight=rule.weight, role=rule.role, law=rule.law,
                      recommendation=rule.recommendation, legal_basis=basis)


def _safeguards(rules: Mapping[str, RuleView]) -> dict[str, SafeguardDoc]:
    by: dict[str, list[str]] = {}
    for rule_id, rule in rules.items():
        by.setdefault(rule.safeguard, []).append(rule_id)
    out = {}
    for safeguard, ids in by.items():
        counts = Counter(tuple(rules[r].articles) for r in ids)
        articles = list(min(counts.items(), key=lambda a: (-a[1], a[0]))[0])  # the most common; ties: the least
        out[safeguard] = SafeguardDoc.of(articles=articles, rules={r: _rule(rules[r], articles) for r in ids})
    return out


def _messages(findings: Sequence[FindingView]) -> dict[Outcome, str]:
    """Each outcome's most common message, when two findings or more share it."""
    counts = Counter((f.outcome, f.message) for f in findings)
    out: dict[Outcome, str] = {}
    for outcome in OUTCOMES:
        shared = [(n, m) for (o, m), n in counts.items() if o == outcome and n > 1]
        if shared:
            out[outcome] = min(shared, key=lambda x: (-x[0], x[1]))[1]
    return out


def _finding(f: FindingView, facts: Mapping[str, FactView], messages: Mapping[Outcome, str]) -> FindingDoc:
    derived = sorted({s for name in f.facts if name in facts for s in facts[name].sources})
    missing: list[str | MissingDoc] = [
        m.fact if m.unrecorded else MissingDoc.of(fact=m.fact, reason=m.reason, precise=m.precise) for m in f.missing]
    return FindingDoc.of(
        message=None if messages.get(f.outcome) == f.message else f.message, standard_of_proof=f.standard_of_proof,
        proof_reason=f.proof_reason, allegations_only=f.allegations_only, law=f.law, profile=f.profile,
        convention_outcome=f.convention_outcome, facts=list(f.facts),
        sources=None if derived == list(f.sources) else list(f.sources), missing=missing,
        versions=list(f.versions), set_aside=list(f.set_aside), at=(f.line, f.column))


def _findings(items: Sequence[FindingView], facts: Mapping[str, Mapping[str, FactView]],
              messages: Mapping[Outcome, str]) -> Findings:
    out: Findings = {}
    for outcome in OUTCOMES:
        group = {}
        for f in items:
            if f.outcome == outcome:
                key = f"{f.rule_id}@{f.instance}"
                if key in group:
                    raise ValueError(f"two findings of {key} with outcome {outcome}")
                group[key] = _finding(f, facts.get(f.instance, {}), messages)
        if group:
            out[outcome] = group
    return out


def document(view: ReportView) -> ReportDocument:
    """The JSON report of a published view."""
    messages = _messages([*view.findings, *view.national])
    return ReportDocument.of(
        report_version=REPORT_VERSION, language=view.language, case=view.case, profile=view.profile,
        instruments=[InstrumentDoc.of(name=i.name, applies_from=i.applies_from, timing=i.timing)
                     for i in view.instruments],
        safeguards=_safeguards(view.rules), glossary={k: v.record for k, v in view.glossary.items()},
        facts=view.facts, instances=view.instances, messages=messages,
        findings=_findings(view.findings, view.facts, messages),
        national=_findings(view.national, view.facts, messages),
        national_note=view.national_note,
        articles=[ArticleDoc.of(article=a.article, title=a.title, form=a.form, outcome=a.outcome,
                                standard_of_proof=a.standard_of_proof, breaches=a.breaches, concerns=a.concerns)
                  for a in view.articles],
        score=view.score,
        timeline=[TimelineDoc.of(episode=t.episode, places=t.places, apprehension=t.apprehension, limits=t.limits,
                                 events=[EventDoc.of(**e.model_dump()) for e in t.events]) for t in view.timeline],
        sources=[SourceDoc.of(**s.model_dump()) for s in view.sources], contested=view.contested,
        provenance=view.provenance)


def write_json(view: ReportView) -> str:
    """Compact JSON, fields at their default left out."""
    return document(view).model_dump_json(exclude_defaults=True) + "\n"


def findings(report: Mapping[str, Any],
             section: Literal["findings", "national"] = "findings") -> Iterator[dict[str, Any]]:
    """Each finding of a JSON report (as parsed) as one flat record, with what it refers to filled in:
    ``rule_id``, ``instance``, ``outcome``, ``message``, ``sources``, ``line``, ``column``, ``law``,
    ``safeguard``, ``articles``, ``title``, ``severity``, ``weight``, ``missing`` as objects (``fact``,
    ``reason``: None when simply not recorded, ``precise``) and the finding's other fields.

    Grouped by outcome (breaches first), in the rule set's order within each. Raises ValueError for a report
    of another layout version."""
    if report.get("report_version") != REPORT_VERSION:
        raise ValueError(f"a JSON report of layout version {report.get('report_version')!r}; this reads version "
                         f"{REPORT_VERSION} (check the case files again to write it)")
    rules = {rule_id: (sg_id, sg, rule) for sg_id, sg in report["safeguards"].items()
             for rule_id, rule in sg["rules"].items()}
    messages = report.get("messages", {})
    for outcome, group in report.get(section, {}).items():
        for key, f in group.items():
            rule_id, _, instance = key.partition("@")
            sg_id, sg, rule = rules[rule_id]
            facts = report["facts"].get(instance, {})
            derived = sorted({s for n in f.get("facts", []) if n in facts for s in facts[n].get("sources", [])})
            line, column = f["at"]
            record = {k: v for k, v in f.items() if k != "at"}
            missing = [{"fact": m, "reason": None, "precise": False} if isinstance(m, str)
                       else {"fact": m["fact"], "reason": m.get("reason"), "precise": m.get("precise", False)}
                       for m in f.get("missing", [])]
            record.update(
                rule_id=rule_id, instance=instance, outcome=outcome, message=f.get("message", messages.get(outcome)),
                sources=f.get("sources", derived), line=line, column=column, law=f.get("law", "convention"),
                missing=missing, safeguard=sg_id,
                articles=rule.get("articles", sg["articles"]), title=rule["title"], severity=rule["severity"],
                weight=rule["weight"])
            yield record


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``--format json`` reports."""
    schema = ReportDocument.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://safeguards.invalid/schemas/report.schema.json"
    return schema
