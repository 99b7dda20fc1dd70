"""Typed, frozen results: findings, article conclusions, scores and the report document.

A finding is created complete and never changed. The JSON report is a dump
of :class:`Report`; its JSON Schema is generated from these models.
"""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

Outcome = Literal["breach", "met", "insufficient_information", "not_applicable", "contested"]
OUTCOMES: tuple[Outcome, ...] = ("breach", "contested", "insufficient_information", "met", "not_applicable")
# What the cited sources establish about the facts a finding rests on (safeguards/engine/proof.py,
# docs/scoring.md); not a judicial finding. Strongest first.
Proof = Literal["finding_of_competent_body", "burden_not_discharged", "not_contested_by_state", "corroborated",
                "single_account", "no_source_cited", "not_assessed"]
ArticleOutcome = Literal["violation_indicated", "concern", "subsumed", "contested", "insufficient_information",
                         "not_indicated", "not_assessed"]
Law = Literal["convention", "national"]
Timing = Literal["in_force", "later", "undated"]


_FIELDS: dict[type, frozenset[str]] = {}
# Per class, each field's default: (factory, None) or (None, value); a required field has neither and must be given.
_DEFAULTS: dict[type, dict[str, tuple[Any, Any]]] = {}


def _defaults(cls: type[BaseModel]) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {}
    for name, field in cls.model_fields.items():
        if field.default_factory is not None:
            out[name] = (field.default_factory, None)
        elif field.is_required():
            out[name] = (_missing_field(cls, name), None)
        else:
            out[name] = (None, field.default)
    return out


def _missing_field(cls: type, name: str) -> Any:
    def fail() -> Any:
        raise TypeError(f"{cls.__name__}.of(): field {name!r} is required")
    return fail


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def of(cls, **values: Any) -> Self:
        """An instance from checked values, defaults filled in, without validation (the publication step).

        The same object as ``model_construct`` (a test checks it) at a fraction of its cost: the defaults of
        each class are looked up once.
        """
        defaults = _DEFAULTS.get(cls)
        if defaults is None:
            defaults = _DEFAULTS[cls] = _defaults(cls)
        full = {}
        for name, (factory, default) in defaults.items():
            full[name] = values[name] if name in values else (factory() if factory is not None else default)
        if __debug__:
            unknown = values.keys() - defaults.keys()
            assert not unknown, sorted(unknown)
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", full)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj

    @classmethod
    def assemble(cls, **values: Any) -> Self:
        """An instance from values the engine has already checked, every field given: no validation.

        ``model_construct`` does the same but walks the fields looking for defaults, which is most of the
        engine's time per finding; a test checks that both give equal objects.
        """
        if __debug__:
            fields = _FIELDS.get(cls)
            if fields is None:
                fields = _FIELDS[cls] = frozenset(cls.model_fields)
            assert values.keys() == fields, sorted(values.keys() ^ fields)
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj


class Text(Frozen):
    """A message for a reader, not yet written in any language: a catalogue key and its parameters.

    Parameters are plain data (numbers, yes/no, vocabulary tokens, ``{"h": [lo, hi]}`` durations, and
    references to case data by id: ``{"finding": [rule_id, instance]}``); the publication step
    (``safeguards/publish``) writes the text in the reader's language and redacts what it takes from the case.
    """

    key: str
    params: dict[str, Any] = Field(default_factory=dict)


class Location(Frozen):
    """Where in the case file a fact (or the record a missing fact belongs to) is."""

    path: str = Field(description="Dotted path in the case file, e.g. episodes.0.events.3")
    line: int
    column: int


class FactUse(Frozen):
    """A fact a finding rests on."""

    name: str
    value: Any = Field(description="Plain data: a number, yes/no, a vocabulary token or list of them, or a "
                                   "duration {\"h\"|\"d\": [earliest, latest]}.")
    sources: list[str]
    locations: list[Location]


class Missing(Frozen):
    """A fact that would decide the finding: what it means and what to record."""

    fact: str
    reason: Text = Field(description="missing.not_recorded, or missing.range with the range the recorded precision "
                                     "leaves open; what the fact means and what to record come from its declaration.")


class LegalBasis(Frozen):
    """A legal source a finding rests on, dated against the facts of the case."""

    instrument: str
    provision: str | None = None
    status: Literal["S", "S2", "N", "U"]
    applies_from: str | None = None
    timing: Timing = Field(description="in_force: the instrument applied when the facts occurred; later: adopted "
                                       "after them, cited as interpretation of the treaty obligation; undated: "
                                       "the facts or the instrument carry no date.")
    note: str | None = None


class VersionOutcome(Frozen):
    """The outcome under one version of a contested fact."""

    contested: str
    version: int
    value: bool | int | str | None
    sources: list[str]
    outcome: Outcome
    message: Text


class Finding(Frozen):
    """The result of one rule on one case, episode, complaint, investigation or death."""

    rule_id: str
    safeguard: str
    articles: list[str]
    severity: str
    weight: float
    scope: str
    instance: str
    outcome: Outcome
    message: Text
    standard_of_proof: Proof = Field(description="What the cited sources establish about the weakest fact the "
                                                 "finding needs; not a judicial finding.")
    proof_reason: Text | None = Field(None, description="Why: the weakest fact and how each of its sources counts "
                                                        "(finding, record, allegation; 'cited, not read').")
    allegations_only: bool = Field(False, description="Every fact the finding needs rests on allegations alone "
                                                      "(or on no source): a 'met' then says only that the "
                                                      "accounts cited describe compliance.")
    legal_basis: list[LegalBasis]
    role: Literal["safeguard", "indicator"] = "safeguard"
    law: Law = Field("convention", description="convention: on the Convention standard (used for article "
                                               "conclusions); national: under the national profile's law.")
    profile: str | None = Field(None, description="For a national finding: the profile whose law it applies.")
    convention_outcome: Outcome | None = Field(None, description="For a national finding of a rule that also "
                                                                 "has a Convention standard: that outcome.")
    recommendation: str | None = Field(None, description="Recommendation addressed to the case's State.")
    facts: list[FactUse] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    missing: list[Missing] = Field(default_factory=list)
    versions: list[VersionOutcome] = Field(default_factory=list)
    set_aside: list[VersionOutcome] = Field(default_factory=list, description="Versions not weighed: a denial by "
                                            "the State that does not rebut the presumption for injuries in custody.")
    location: Location


class ArticleConclusion(Frozen):
    """The roll-up of findings for one CAT article."""

    article: str
    title: str
    form: str = Field(description="How the conclusion is stated, in the Committee's form (e.g. 'art 2(1) read "
                                  "with art 1').")
    outcome: ArticleOutcome
    standard_of_proof: Proof
    breaches: list[str] = Field(description="Rule ids (and instances) in breach that carry the conclusion.")
    concerns: list[str] = Field(default_factory=list, description="Breaches of indicator or low-severity rules: "
                                                                  "a concern for the article, not a violation.")
    bearing: list[str] = Field(description="Every rule with an applicable finding that bears on the article.")
    explanation: Text


class Score(Frozen):
    """Data-completeness aids: the weighted share of applicable safeguards shown met, and the share decided."""

    shown_met: float | None = Field(description="Met weight / weight of every applicable finding, 0-100; None if "
                                               "nothing applies. Undecided findings count against it. Not a legal "
                                               "conclusion.")
    completeness: float | None = Field(description="Share of applicable findings that were decided, 0-100.")
    counts: dict[str, int]
    met_weight: float
    breach_weight: float


class CaseResult(Frozen):
    """Everything the engine concluded about one case under one profile."""

    case_id: str
    title: str
    profile: str
    findings: list[Finding] = Field(description="Findings on the Convention standard.")
    national: list[Finding] = Field(default_factory=list, description="Findings under national law, beside the "
                                    "Convention findings; they never change an article conclusion.")
    national_note: Text | None = Field(None, description="Why no national findings were made, if a national "
                                                        "profile was asked for.")
    articles: list[ArticleConclusion]
    score: Score


class Provenance(Frozen):
    """What produced a report, so it can be reproduced."""

    tool: str = "safeguards"
    tool_version: str
    rules_digest: str
    rules_count: int
    rules_origin: str = Field("bundled", description="bundled: the rules shipped with the tool; custom: a rule set "
                                                     "given with --rules or the configuration.")
    case_file: str = Field(description="The case file's name (no folder: no path of the user's machine is "
                                       "published).")
    case_sha256: str
    profile: str
    generated_at: str | None = Field(None, description="Left out with --no-timestamp.")
