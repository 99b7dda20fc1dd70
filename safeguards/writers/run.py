"""What the run-level writers (SARIF, JUnit, JSON Lines, GitHub annotations) share.

Each writer module has an adapter, ``rows(report)``, that runs beside the evaluation (in a worker
process) and keeps only the plain values the writer needs (strings, numbers, lists: picklable and
JSON-able, so the result cache can hold them too), and a ``Writer`` class that takes the rows of one
case at a time, in input order, and writes one output for the whole run. Nothing holds every case.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

if TYPE_CHECKING:
    from safeguards.publish.view import ReportView
    from safeguards.rules.compile import RuleSet

UNDECIDED = ("contested", "insufficient_information")


@dataclass
class RunContext:
    """What a run-level writer is told: where to write, the profile, and what to include."""

    directory: Path
    profile: str
    undecided: bool = False
    rules: RuleSet | None = None
    stdout: IO[str] | None = None
    cwd: str = field(default_factory=os.getcwd)
    language: str = "en"  # of the text the writer adds itself (the findings' messages come written in it)


class RunWriter(Protocol):
    """One output for a whole run, fed one case's rows at a time."""

    def add(self, rows: Any) -> None: ...

    def close(self) -> list[str]:
        """Finish the output; the paths of the files written."""
        ...

    def abort(self) -> None: ...


class Adapter(Protocol):
    def __call__(self, report: ReportView, path: str) -> Any: ...


@lru_cache(maxsize=256)  # a case's findings come together: one computation per case file
def relative_path(case_file: str, cwd: str) -> str:
    """The case file's path relative to ``cwd``, with forward slashes; its name alone when it lies outside
    ``cwd`` (no folder of the user's machine is published)."""
    try:
        rel = PurePath(os.path.relpath(os.path.abspath(case_file), cwd))
    except ValueError:  # another drive on Windows
        return PurePath(case_file).name
    return rel.name if rel.parts[:1] == ("..",) else rel.as_posix()


@lru_cache(maxsize=256)
def relative_uri(case_file: str, cwd: str) -> str:
    """The case file as a relative URI reference: its relative path, percent-encoded."""
    return quote(relative_path(case_file, cwd), safe="/")


_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_INVALID.sub("\ufffd", value)


def outcome_prefix(outcome: str, language: str = "en") -> str:
    """What heads the message of an undecided finding: "not enough information: " in the run's language."""
    from safeguards.i18n import translator
    from safeguards.publish.catalog import FINDING_OUTCOMES

    return translator(language).gettext(FINDING_OUTCOMES.get(outcome, outcome)) + ": "
