"""One JUnit XML file per run: a test suite per case, a test case per finding, located in the case file.

A breach is a failure; an undecided or not applicable finding is skipped with its reason; a met one
passes. Each ``testsuite`` and ``testcase`` carries ``file`` (relative to the working directory) and each
``testcase`` its ``line``, which CI test-report viewers use to link to the case file. Characters XML
cannot hold are replaced. Suites are spooled to a temporary file so that the totals can head the file.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

from safeguards.atomic import AtomicFile, confined
from safeguards.publish.catalog import SEVERITIES
from safeguards.writers.run import RunContext, outcome_prefix, relative_path, xml_text

if TYPE_CHECKING:
    from safeguards.publish.view import ReportView

FILE = "safeguards.junit.xml"


class Row(NamedTuple):
    rule_id: str
    safeguard: str
    outcome: str
    severity: str
    message: str
    instance: str
    line: int


def rows(report: ReportView, path: str) -> tuple[str, str, list[tuple[Any, ...]]]:
    """The adapter: case id, case file, and every finding of one published report as plain values."""
    rules = report.rules
    return (report.case.id, path,
            [tuple(Row(f.rule_id, rules[f.rule_id].safeguard, f.outcome, rules[f.rule_id].severity, f.message,
                       f.instance, f.line)) for f in report.findings])


def _attr(value: str) -> str:
    return quoteattr(xml_text(value))


class Writer:
    """``<output>/<profile>/safeguards.junit.xml``."""

    def __init__(self, ctx: RunContext) -> None:
        from safeguards.i18n import translator

        self.ctx = ctx
        self._ = translator(ctx.language).gettext
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115 (closed by close or abort)
        self.tests = self.failures = self.skipped = 0
        self._target = confined(ctx.directory, FILE)

    def add(self, case: Any) -> None:
        case_id, case_file, findings = case
        path = relative_path(case_file, self.ctx.cwd)
        found = [Row._make(v) for v in findings]
        failures = sum(r.outcome == "breach" for r in found)
        skipped = sum(r.outcome not in ("breach", "met") for r in found)
        self.tests += len(found)
        self.failures += failures
        self.skipped += skipped
        out = [f'  <testsuite name={_attr(case_id)} tests="{len(found)}" failures="{failures}" errors="0" '
               f'skipped="{skipped}" file={_attr(path)}>']
        for r in found:
            out.append(f'    <testcase classname={_attr(case_id + "." + r.safeguard)} '
                       f'name={_attr(f"{r.rule_id} [{r.instance}]")} file={_attr(path)} line="{max(r.line, 0)}"')
            message = xml_text(r.message)
            if r.outcome == "breach":
                severity = self._("severity {level}").format(level=self._(SEVERITIES.get(r.severity, r.severity)))
                out[-1] += (f'>\n      <failure message={_attr(message)} type="breach">'
                            f'{escape(message)} ({escape(severity)})</failure>\n    </testcase>')
            elif r.outcome != "met":
                reason = outcome_prefix(r.outcome, self.ctx.language) + message
                out[-1] += (f'>\n      <skipped message={_attr(reason)}/>'
                            "\n    </testcase>")
            else:
                out[-1] += "/>"
        out.append("  </testsuite>\n")
        self._spool.write("\n".join(out))

    def close(self) -> list[str]:
        out = AtomicFile(self._target)
        try:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      f'<testsuites name="safeguards" tests="{self.tests}" failures="{self.failures}" errors="0" '
                      f'skipped="{self.skipped}">\n')
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, out)
            out.write("</testsuites>\n")
        except BaseException:
            out.abort()
            raise
        finally:
            self._spool.close()
        out.commit()
        return [str(self._target)]

    def abort(self) -> None:
        self._spool.close()
