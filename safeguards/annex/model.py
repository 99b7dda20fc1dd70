"""The annex document (``--format json``); its JSON Schema is generated from these models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceEntry(_Frozen):
    """A source cited in the annex, numbered for footnote-style references."""

    number: int
    key: str = Field(description="Case id and source id, e.g. kz-2007-gerasimov/s-osji-2012.")
    text: str


class CaseRow(_Frozen):
    """One row of the case table, and the summary paragraph of that case."""

    code: str = Field(description="Case id, or the name where consent allows.")
    label: str = Field(description="The person as the audience may see them.")
    context: str | None
    region: str | None
    apprehended: str | None
    place: str | None
    sex: str
    age_group: str
    breaches: list[str] = Field(description="Safeguards breached, with their articles.")
    articles: list[str] = Field(description="Articles with a violation indicated.")
    investigation: str
    sources: list[int]
    summary: str
    confidential: bool = False


class SafeguardLine(_Frozen):
    """For one safeguard under one article: how many cases show each outcome."""

    safeguard: str
    breach: int
    met: int
    insufficient_information: int
    contested: int


class ArticleSection(_Frozen):
    """One article of the Convention and the safeguards that bear on it."""

    article: str
    title: str
    cases_with_violation: int
    safeguards: list[SafeguardLine]


class Figures(_Frozen):
    """Aggregate counts."""

    by_context: dict[str, int]
    by_region: dict[str, int]
    by_sex: dict[str, int]
    by_age_group: dict[str, int]
    treatment: dict[str, int] = Field(description="torture indicated / other ill-treatment / not established.")
    complaints_made: int
    investigations_opened: int
    prosecutions: int
    breaches_by_safeguard: dict[str, int]


class Annex(_Frozen):
    """The annex of a shadow report."""

    annex_version: Literal[1] = 1
    title: str
    language: str = Field(default="en", description="The language of the annex's text (en, ru, kk); codes and "
                                                    "names from the case files stay as written.")
    audience: Literal["public", "committee", "internal"]
    confidential_marking: bool
    methodology: dict[str, Any]
    articles: list[ArticleSection]
    figures: Figures
    cases: list[CaseRow]
    sources: list[SourceEntry]
    withheld_confidential: int = Field(description="Cases left out because their subject is confidential.")
    excluded_invalid: int = Field(description="Case files left out because they did not validate.")


def annex_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``annex.json``."""
    schema = Annex.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://safeguards.invalid/schemas/annex.schema.json"
    return schema
