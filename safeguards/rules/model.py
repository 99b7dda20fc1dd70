"""The rule file: one safeguard failure pattern, its legal basis, its parameters, and CEL conditions."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

from safeguards.engine.facts import Scope

Safeguard = Literal[
    "registration-and-custody-records", "unofficial-or-secret-detention", "information-on-rights",
    "access-to-lawyer-from-outset", "independent-medical-examination", "notification-of-family",
    "prompt-judicial-control", "recording-of-interrogations", "coerced-confession-exclusion",
    "medical-care-for-injured-detainees", "conditions-of-detention", "prolonged-solitary-confinement",
    "incommunicado-detention", "prompt-impartial-investigation", "independence-of-investigators",
    "right-to-complain", "protection-from-reprisal", "redress-and-rehabilitation", "accountability-of-perpetrators",
    "independent-monitoring-access", "death-in-custody-investigation", "non-refoulement",
]
Article = Literal["1", "2", "3", "4", "10", "11", "12", "13", "14", "15", "16", "22"]
Severity = Literal["low", "medium", "high", "critical"]
Role = Literal["safeguard", "indicator"]
Law = Literal["convention", "national"]
# The tuples are read off the Literal types, so each list is written once.
SAFEGUARDS: tuple[str, ...] = get_args(Safeguard)
ARTICLES: tuple[str, ...] = get_args(Article)
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=4000)]
Expr = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=4000)]
DateText = Annotated[str, Strict(), StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
ProfileId = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,39}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Citation(_Model):
    """A legal source as listed in the project's reference (shared/reference/standards.md)."""

    instrument: Text = Field(description="Instrument or decision, e.g. 'CAT', 'HRC General Comment No. 35', "
                                         "'Body of Principles', 'Gerasimov v. Kazakhstan (CAT/C/48/D/433/2010)'.")
    provision: Annotated[str, Strict(), StringConstraints(max_length=200)] | None = Field(
        None, description="Article, paragraph, principle or rule, where the number is confirmed or standard "
                          "knowledge. Never invent a number.")
    status: Literal["S", "S2", "N", "U"] = Field(description="Reference status: S seen, S2 seen in a secondary "
                                                             "source, N paragraph not confirmed, U unverified.")
    applies_from: DateText | None = Field(
        None, description="Date from which the instrument applies (adoption of soft law, entry into force of a "
                          "treaty for the State). For facts before it, the report cites it as interpretation.")
    note: Text | None = None


ParamValueType = Annotated[int, Strict()] | Annotated[float, Strict()] | Annotated[str, Strict()] \
    | Annotated[bool, Strict()]


class Param(_Model):
    """A named value a rule's conditions use (a limit in hours, a number of days), on the Convention standard.

    A national profile may give the parameter another value for national-law findings
    (``rules/profiles/<id>.yaml``); the Convention value is what article conclusions use.
    """

    description: Text
    type: Literal["double", "int", "string", "bool"]
    value: ParamValueType
    source: Text = Field(description="Where the number comes from (instrument and provision), or "
                                     "'project choice' with the reason where the sources set none.")


class Messages(_Model):
    """What a finding says for each outcome; ``{name}`` inserts a fact or parameter."""

    breach: Text
    met: Text
    not_applicable: Text | None = None
    insufficient: Text | None = Field(None, description="Shown with the list of missing facts.")


class Rule(_Model):
    """A rule: one way a safeguard is met or breached.

    One place decides the outcome (docs/scoring.md): ``applies`` false is not applicable and undecided
    is insufficient information; then breach when ``breach`` is decided true; met only when ``met`` is
    decided true and ``breach`` decided false; anything else is insufficient information.
    """

    id: Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=80)]
    title: Text = Field(description="The safeguard as a neutral heading (e.g. 'Judicial control within 48 "
                                    "hours'), so that an outcome badge never reads as confirming a breach.")
    safeguard: Safeguard
    description: Text
    articles: list[Article] = Field(min_length=1, description="CAT articles the rule bears on.")
    sources: list[Citation] = Field(min_length=1)
    severity: Severity
    role: Role = Field("safeguard", description="'indicator' for a rule that signals a risk or a systemic gap "
                                                "rather than a breach of the Convention by itself: its breach is "
                                                "a concern for the article, never 'violation indicated'.")
    law: Law = Field("convention", description="'national' for a rule of national law only: evaluated under "
                                               "its profile, shown beside the Convention findings, never used "
                                               "for article conclusions.")
    profile: ProfileId | None = Field(None, description="For a national rule: the profile it belongs to.")
    presumption: Annotated[bool, Strict()] = Field(
        False, description="The breach rests on the State's failure to rebut a presumption (injuries or death in "
                           "custody): its standard of proof is 'State's burden not discharged'.")
    weight: Annotated[float, Strict()] | Annotated[int, Strict()] = Field(
        gt=0, le=10, description="Weight in the completeness and compliance figures; first-hours safeguards weigh "
                                 "most.")
    scope: Scope = Field(description="What the rule is evaluated over.")
    params: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Param] = Field(default_factory=dict)
    applies: Expr | None = Field(None, description="CEL precondition: false gives 'not applicable'; undecided "
                                                   "gives 'insufficient information' naming the facts it needs.")
    breach: Expr = Field(description="CEL: true when the facts show a breach.")
    met: Expr = Field(description="CEL: true when the facts show the safeguard was respected. It counts only "
                                  "when the breach condition is decided false.")
    messages: Messages

    @model_validator(mode="after")
    def _national_has_profile(self) -> Rule:
        if (self.law == "national") != (self.profile is not None):
            raise ValueError("a national rule names its profile, and only a national rule does")
        return self


def rule_json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file."""
    schema = Rule.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://safeguards.invalid/schemas/rule.schema.json"
    return schema
