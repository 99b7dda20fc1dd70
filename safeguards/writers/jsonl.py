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
    from safeguards.publish.view import ReportView

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


def rows(report: ReportView, path: str) -> list[tuple[Any, ...]]:
    """The adapter: every finding of one published report as plain values."""
    case_id, rules = report.case.id, report.rules
    return [tuple(Row(case_id, path, f.line, f.column, f.rule_id, f.outcome, rules[f.rule_id].severity,
                      list(rules[f.rule_id].articles), f.message, f.instance))
            for f in report.findings]


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
