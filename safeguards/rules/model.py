"""The rule file: one safeguard failure pattern, its legal basis, parameters per profile, and CEL conditions."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

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
Article = Literal["1", "2", "3", "11", "12", "13", "14", "15", "16", "22"]
Severity = Literal["low", "medium", "high", "critical"]
Profile = Literal["international", "kz"]
# The tuples are read off the Literal types, so each list is written once.
SAFEGUARDS: tuple[str, ...] = get_args(Safeguard)
ARTICLES: tuple[str, ...] = get_args(Article)
PROFILES: tuple[str, ...] = get_args(Profile)
ALL_PROFILES: tuple[Profile, ...] = ("international", "kz")
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=4000)]
Expr = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=4000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Model):
    """A legal source as listed in the project's reference (shared/reference/standards.md)."""

    instrument: Text = Field(description="Instrument or decision, e.g. 'CAT', 'HRC General Comment No. 35', "
                                         "'Body of Principles', 'Gerasimov v. Kazakhstan (CAT/C/48/D/433/2010)'.")
    provision: Annotated[str, Strict(), StringConstraints(max_length=200)] | None = Field(
        None, description="Article, paragraph, principle or rule. Left out where the reference marks the "
                          "paragraph as not confirmed: never invent a number.")
    status: Literal["S", "S2", "N", "U"] = Field(description="Reference status: S seen, S2 seen in a secondary "
                                                             "source, N paragraph not confirmed, U unverified.")
    note: Text | None = None


class ParamValue(_Model):
    """A parameter's value in one profile, with the source it is taken from."""

    value: Annotated[int, Strict()] | Annotated[float, Strict()] | Annotated[str, Strict()] \
        | Annotated[bool, Strict()]
    source: Text = Field(description="Where the number comes from (instrument and provision), or "
                                     "'project choice' with the reason where the sources set none.")


class Param(_Model):
    """A named value a rule's conditions use (a limit in hours, a number of days)."""

    description: Text
    type: Literal["double", "int", "string", "bool"]
    values: dict[Profile, ParamValue]


class Messages(_Model):
    """What a finding says for each outcome; ``{name}`` inserts a fact or parameter."""

    breach: Text
    met: Text
    not_applicable: Text | None = None
    insufficient: Text | None = Field(None, description="Shown with the list of missing facts.")


class Rule(_Model):
    """A rule: one way a safeguard is met or breached."""

    id: Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=80)]
    title: Text
    safeguard: Safeguard
    description: Text
    articles: list[Article] = Field(min_length=1, description="CAT articles the rule bears on.")
    sources: list[Citation] = Field(min_length=1)
    kz_recommendation: Text | None = Field(None, description="Related recommendation to Kazakhstan, if any.")
    severity: Severity
    weight: Annotated[float, Strict()] | Annotated[int, Strict()] = Field(
        gt=0, le=10, description="Weight in the compliance score; first-hours safeguards weigh most.")
    scope: Scope = Field(description="What the rule is evaluated over.")
    profiles: list[Profile] = Field(default_factory=lambda: list(ALL_PROFILES))
    params: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Param] = Field(default_factory=dict)
    applies: Expr | None = Field(None, description="CEL: when the rule is relevant; false gives 'not applicable'.")
    triggered: Annotated[bool, Strict()] = Field(
        False, description="The 'applies' condition names an event (a removal, solitary confinement, a visit) "
                           "that triggers the rule: when the file does not record it at all, the rule is not "
                           "applicable rather than undecided. Leave false for duties owed to every detainee.")
    breach: Expr = Field(description="CEL: true when the facts show a breach.")
    met: Expr = Field(description="CEL: true when the facts show the safeguard was respected.")
    messages: Messages


def rule_json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file."""
    schema = Rule.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://safeguards.invalid/schemas/rule.schema.json"
    return schema
