"""Every output format of ``check``, in one place (no heavy imports: the command line reads it at start-up).

A *case* format is one file per case, ``<output>/<profile>/<case-id>.<ext>``, rendered by
``safeguards.report.render``. A *run* format is one output for the whole run, written by a module of
``safeguards.writers`` (an adapter ``rows(report)`` and a ``Writer``): a file in ``<output>/<profile>/``,
or stdout for ``github``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

REPORT_VERSION = 3
"""The version of the JSON report's layout (``safeguards.report.document``); the result cache keys on it."""


@dataclass(frozen=True)
class Format:
    name: str
    scope: Literal["case", "run"]
    target: str  # case: the file extension; run: the file name ("" for stdout)
    module: str  # run formats: the writer module
    summary: str


_ALL = (
    Format("md", "case", "md", "", "Markdown report per case"),
    Format("html", "case", "html", "", "self-contained HTML report per case"),
    Format("json", "case", "json", "", "JSON report per case (schema: safeguards schema report)"),
    Format("sarif", "run", "safeguards.sarif", "safeguards.writers.sarif",
           "one SARIF 2.1.0 log per run for code scanning"),
    Format("junit", "run", "safeguards.junit.xml", "safeguards.writers.junit",
           "one JUnit XML file per run: a suite per case, a test case per finding"),
    Format("jsonl", "run", "findings.jsonl", "safeguards.writers.jsonl", "JSON Lines, one object per finding"),
    Format("github", "run", "", "safeguards.writers.annotations", "GitHub Actions annotations on stdout"),
)
BY_NAME = {f.name: f for f in _ALL}
FORMATS = tuple(BY_NAME)
CASE_FORMATS = tuple(f.name for f in _ALL if f.scope == "case")
RUN_FORMATS = tuple(f.name for f in _ALL if f.scope == "run")
EXTENSIONS = {f.name: f.target for f in _ALL if f.scope == "case"}
DEFAULT = "md,html,json"


def help_text() -> str:
    """The ``--format`` help of ``check``."""
    return (f"comma-separated, default {DEFAULT}: "
            + "; ".join(f"{f.name} ({f.summary})" for f in _ALL))
