"""The published view of one case: plain data every writer renders (the JSON report is
:mod:`safeguards.report.document`, the same data normalised).

Built by :func:`safeguards.publish.report.publish_report` for one audience and language: text is
written out and redacted there, once; each rule's title and legal basis appear once, in ``rules``,
and findings refer to them by ``rule_id``. Identifiers are never rewritten (``validate`` refuses an id
that spells a withheld name).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from safeguards.results import (
    ArticleOutcome,
    Frozen,
    Law,
    Outcome,
    Proof,
    Provenance,
    Score,
    Timing,
)


class InstrumentView(Frozen):
    """A legal instrument cited by the report's rules, dated against the facts of the case."""

    name: str
    applies_from: str | None = None
    timing: Timing = Field(description="in_force: the instrument applied when the facts occurred; later: adopted "
                                       "after them, cited as interpretation of the treaty obligation; undated: "
                                       "the facts or the instrument carry no date.")


class CitationView(Frozen):
    """One legal source of a rule: an instrument (index in ``instruments``) and where in it."""

    instrument: int
    provision: str | None = None
    status: Literal["S", "S2", "N", "U"] = "S"


class RuleView(Frozen):
    """A rule the report's findings refer to: its title, safeguard and legal basis, written once."""

    title: str
    safeguard: str
    scope: str = "episode"
    articles: list[str]
    severity: str
    weight: float
    role: Literal["safeguard", "indicator"] = "safeguard"
    law: Law = "convention"
    recommendation: str | None = Field(None, description="The national profile's recommendation to the State.")
    legal_basis: list[CitationView] = Field(default_factory=list, description="Left out for a rule whose every "
                                            "finding is 'not applicable'.")


class FactView(Frozen):
    """A fact of one instance as the reader sees it: value, sources, lines of the case file."""

    value: str
    sources: list[str] = Field(default_factory=list)
    lines: list[int] = Field(default_factory=list)


class GlossaryEntry(Frozen):
    """What to record to know a fact (its meaning is in the fact catalogue, docs/facts.md)."""

    record: str


class MissingView(Frozen):
    fact: str = Field(description="A fact of ``glossary``.")
    reason: str = Field("not recorded", description="Why it is missing: 'not recorded' (in English; left out), or "
                                                    "the range the recorded precision leaves open.")
    precise: bool = Field(False, description="The fact is recorded, but not precisely enough.")
    unrecorded: bool = Field(False, description="The fact is simply not recorded (``reason`` says so).")


class VersionView(Frozen):
    contested: str
    version: int
    value: str
    sources: list[str]
    outcome: Outcome
    message: str


class FindingView(Frozen):
    """One finding as the reader sees it."""

    rule_id: str
    # Kept for the writers, written once per report instead (``rules`` has the scope, ``instances`` the labels,
    # ``rules`` the recommendation): the JSON leaves them out of each finding.
    scope: str = Field(exclude=True)
    instance: str
    instance_label: str = Field(exclude=True)
    outcome: Outcome
    message: str
    standard_of_proof: Proof = "not_assessed"
    proof_reason: str = ""
    allegations_only: bool = False
    law: Law = "convention"
    profile: str | None = None
    convention_outcome: Outcome | None = None
    recommendation: str | None = Field(None, exclude=True)
    facts: list[str] = Field(default_factory=list, description="Names of the facts it rests on (``facts``).")
    sources: list[str] = Field(default_factory=list)
    missing: list[MissingView] = Field(default_factory=list)
    versions: list[VersionView] = Field(default_factory=list)
    set_aside: list[VersionView] = Field(default_factory=list)
    line: int = Field(description="Line in the case file of the first fact the finding rests on (0: none).")
    column: int


class ArticleView(Frozen):
    article: str
    title: str
    form: str
    outcome: ArticleOutcome
    standard_of_proof: Proof
    breaches: list[str] = Field(default_factory=list)
    concerns: list[str] = Field(default_factory=list)
    explanation: str


class CaseView(Frozen):
    """The case header: ids, the person as the audience may see them, period, places, context."""

    id: str
    person: str
    title: str
    jurisdiction: str
    context: str | None
    region: str | None
    period: str
    places: list[str]
    status: str
    audience: str


class SourceView(Frozen):
    """A source as cited: a published source by its title; an interview or internal record by kind and date."""

    id: str
    kind: str
    title: str | None
    publisher: str | None
    date: str | None
    url: str | None
    citation: str | None
    reliability: str
    read: bool | None
    relays: str | None


class ContestedVersionView(Frozen):
    value: str
    sources: list[str]
    note: str | None


class ContestedView(Frozen):
    id: str
    about: str
    record: str
    field: str
    versions: list[ContestedVersionView]


class EventView(Frozen):
    type: str
    label: str
    at: str | None
    approximate: bool
    status: str
    from_hours: float | None = Field(description="Earliest hours after apprehension the recorded time allows.")
    to_hours: float | None = Field(description="Latest hours after apprehension the recorded time allows.")


class LimitView(Frozen):
    label: str
    hours: float


class TimelineView(Frozen):
    episode: str
    places: list[str]
    apprehension: str | None
    events: list[EventView]
    limits: list[LimitView]


class ReportView(Frozen):
    """The findings report of one case, published for one audience in one language."""

    language: str
    case: CaseView
    profile: str
    instruments: list[InstrumentView] = Field(description="Each legal instrument the rules cite, once.")
    rules: dict[str, RuleView] = Field(description="Each rule a finding refers to, once.")
    glossary: dict[str, GlossaryEntry] = Field(description="Each fact a finding needs and lacks: what it means "
                                                           "and what to record.")
    facts: dict[str, dict[str, FactView]] = Field(description="Instance -> fact -> value, once per instance.")
    instances: dict[str, str] = Field(default_factory=dict, description="Instance key -> how a reader names it "
                                                                         "(\"episode ep-1\").")
    findings: list[FindingView] = Field(description="Findings on the Convention standard.")
    national: list[FindingView] = Field(default_factory=list)
    national_note: str | None = None
    articles: list[ArticleView]
    score: Score
    timeline: list[TimelineView]
    sources: list[SourceView]
    contested: list[ContestedView]
    provenance: Provenance
