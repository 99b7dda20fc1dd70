"""GitHub Actions workflow commands on stdout: an annotation per breach, located in the case file.

``::error file=…,line=…,col=…,title=…::message`` for each breach; with the undecided opt-in also
``::warning`` for contested and insufficient-information findings. Values are escaped as the runner
expects: ``%``, ``\\r`` and ``\\n`` everywhere, and ``:`` and ``,`` in properties.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from safeguards.writers.run import UNDECIDED, RunContext, outcome_prefix, relative_path

if TYPE_CHECKING:
    from safeguards.publish.view import ReportView


class Row(NamedTuple):
    case_id: str
    case_file: str
    rule_id: str
    title: str
    outcome: str
    message: str
    instance_label: str
    line: int
    column: int


def rows(report: ReportView, path: str) -> list[tuple[Any, ...]]:
    """The adapter: the breaches and undecided findings of one published report as plain values."""
    case_id = report.case.id
    return [tuple(Row(case_id, path, f.rule_id, report.rules[f.rule_id].title, f.outcome, f.message,
                      f.instance_label, f.line, f.column))
            for f in report.findings if f.outcome == "breach" or f.outcome in UNDECIDED]


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(row: Row, cwd: str, language: str = "en") -> str:
    """One workflow command line (without its newline)."""
    kind = "error" if row.outcome == "breach" else "warning"
    props = f"file={escape_property(relative_path(row.case_file, cwd))}"
    if row.line > 0:
        props += f",line={row.line},col={max(row.column, 1)}"
    prefix = "" if row.outcome == "breach" else outcome_prefix(row.outcome, language)
    props += f",title={escape_property(f'{row.title} ({row.rule_id})')}"
    return f"::{kind} {props}::{escape_data(f'{prefix}{row.message} [{row.case_id}: {row.instance_label}]')}"


class Writer:
    """Annotations written to stdout as each case arrives; no file."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self.out = ctx.stdout or sys.stdout

    def add(self, case_rows: Any) -> None:
        for values in case_rows:
            row = Row._make(values)
            if row.outcome == "breach" or self.ctx.undecided:
                self.out.write(annotation(row, self.ctx.cwd, self.ctx.language) + "\n")

    def close(self) -> list[str]:
        self.out.flush()
        return []

    def abort(self) -> None:
        self.out.flush()
