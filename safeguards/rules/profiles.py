"""Profiles: the law a run is read against, as data (``<rules>/profiles/<id>.yaml``).

The Convention profile (``international``) is always in force: article conclusions are reached on it alone. It
records which States made which declarations (art 22) and the timeline limits drawn on reports.
A national profile (``kz``) applies to the States it lists. It gives national values to rule
parameters, owns the national-only rules (``law: national``), and carries the recommendations
addressed to those States. Its findings are shown beside the Convention findings and can never
turn a Convention breach into compliance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, ValidationError

from safeguards.problems import InputError, Level, Problem, RuleError
from safeguards.rules.files import profile_files
from safeguards.rules.model import DateText, ParamValueType, ProfileId, Text
from safeguards.schema_errors import field_names, to_problems
from safeguards.yamlsource import load_file

CONVENTION = "international"  # the id of the Convention profile, the default of every command
State = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{2}$")]
RuleId = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=80)]
ParamName = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class NationalValue(_Model):
    """A parameter's value under national law, with the provision it comes from."""

    value: ParamValueType
    source: Text


class Declaration(_Model):
    """A State's declaration under an article of the Convention (e.g. art 22, individual communications)."""

    since: DateText | None = Field(None, description="Date the declaration took effect, where the source gives it.")
    source: Text = Field(description="Where this is recorded.")


class TimelineLimit(_Model):
    """A time limit drawn on the report timeline: a rule parameter, counted from the actual apprehension."""

    label: Text
    rule: RuleId
    param: ParamName


class Recommendations(_Model):
    """Recommendations addressed to the profile's States, shown on findings of cases from those States."""

    series: list[Text] = Field(default_factory=list, description="The documents cited, e.g. CAT/C/KAZ/CO/4.")
    by_rule: dict[RuleId, Text] = Field(default_factory=dict)


class Profile(_Model):
    """One profile file."""

    id: ProfileId
    title: Text
    kind: Literal["convention", "national"]
    description: Text
    states: list[State] = Field(default_factory=list, description="States whose cases the profile applies to; "
                                                                  "empty for the Convention (every State).")
    params: dict[RuleId, dict[ParamName, NationalValue]] = Field(
        default_factory=dict, description="National values of rule parameters, by rule id.")
    recommendations: Recommendations = Field(default_factory=Recommendations)
    declarations: dict[Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}$")], dict[State, Declaration]] = \
        Field(default_factory=dict, description="Convention profile: article -> State -> declaration.")
    timeline: list[TimelineLimit] = Field(default_factory=list)
    in_force_from: DateText | None = Field(None, description="National law: date from which the values apply.")

    def applies_to(self, jurisdiction: str) -> bool:
        """Whether cases of ``jurisdiction`` are read under this profile."""
        return self.kind == "convention" or jurisdiction in self.states


KNOWN_FIELDS = field_names([Profile])


def profile_json_schema() -> dict[str, object]:
    """The JSON Schema of a profile file."""
    schema: dict[str, object] = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://safeguards.invalid/schemas/profile.schema.json"
    return schema


def load_profiles(directory: Path) -> dict[str, Profile]:
    """Every profile under ``directory``; a located :class:`RuleError` for the first bad one."""
    out: dict[str, Profile] = {}
    for path in profile_files(directory):
        doc = load_file(str(path), path.read_bytes())
        try:
            profile = Profile.model_validate(doc.data)
        except ValidationError as exc:
            problems = to_problems(doc, exc, KNOWN_FIELDS, "docs/profiles.md")
            raise RuleError(problems[0]) from None
        if path.stem != profile.id:
            line, col = doc.locate(("id",))
            raise RuleError(Problem(str(path), line, col, Level.ERROR, "profile-file-name",
                                    f"file name {path.name!r} does not match the profile id {profile.id!r}",
                                    f"rename the file to {profile.id}.yaml"))
        out[profile.id] = profile
    if not out:
        # A rule set of its own with no profiles: the Convention, with no data on declarations.
        return {CONVENTION: Profile(id=CONVENTION, title="Convention against Torture", kind="convention",
                                    description="Default Convention profile (the rule set has no profiles/).")}
    if CONVENTION not in out or out[CONVENTION].kind != "convention":
        raise RuleError(Problem(str(directory / "profiles"), 0, 0, Level.ERROR, "no-convention-profile",
                                f"the rule set has no Convention profile {CONVENTION!r}",
                                f"add profiles/{CONVENTION}.yaml with kind: convention (see docs/profiles.md)"))
    return out


def check_profile_name(name: str, profiles: dict[str, Profile]) -> None:
    """Raise a usage error for an unknown profile name."""
    if name not in profiles:
        raise InputError(Problem("--profile", 0, 0, Level.ERROR, "unknown-profile",
                                 f"unknown profile {name!r}",
                                 f"use one of: {', '.join(sorted(profiles))}"))
