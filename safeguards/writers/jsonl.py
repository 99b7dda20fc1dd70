"""JSON Lines: one JSON object per finding, streamed to ``<output>/<profile>/findings.jsonl``.

Every finding of every case, in input order, one line each, with the keys ``case``, ``file``, ``line``,
``column``, ``rule``, ``outcome``, ``severity``, ``articles``, ``message`` and ``instance``, for
``jq``, a spreadsheet or a database loader. The file is renamed into place when the run is complete.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from safeguards.atomic import AtomicFile, confined
from safeguards.writers.run import RunContext, relative_path

if TYPE_CHECKING:
    from safeguards.results import Report

FILE = "findings.jsonl"


class Row(NamedTuple):
    case: str
    file: str
    line: int
    column: int
    rule: str
    outcome: str
    severity: str
    articles: list[str]
    message: str
    instance: str


def rows(report: Report) -> list[tuple[Any, ...]]:
    """The adapter: every finding of one report as plain values."""
    case_id, path = str(report.case.get("id")), report.provenance.case_file
    return [tuple(Row(case_id, path, f.location.line, f.location.column, f.rule_id, f.outcome, f.severity,
                      list(f.articles), f.message, f.instance))
            for f in report.result.findings]


class Writer:
    """``findings.jsonl``, a line per finding as each case arrives."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self._out = AtomicFile(confined(ctx.directory, FILE))

    def add(self, case_rows: Any) -> None:
        for values in case_rows:
            record = Row._make(values)._asdict()
            record["file"] = relative_path(record["file"], self.ctx.cwd)
            record["articles"] = list(record["articles"])
            self._out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def close(self) -> list[str]:
        self._out.commit()
        return [str(self._out.path)]

    def abort(self) -> None:
        self._out.abort()
