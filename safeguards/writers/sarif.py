"""One SARIF 2.1.0 log per run, shaped for GitHub code scanning.

One run holds every case's results. Each rule is described once in ``tool.driver.rules`` with its help
text and legal basis; by default only breaches are results (level from severity), and undecided findings
(contested, insufficient information) are ``note`` results only when asked. ``automationDetails.id`` is
``safeguards/<profile>/``, so the logs of two profiles upload side by side. Results are written as
they arrive; the log is renamed into place when the run is complete.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from safeguards import __version__
from safeguards.atomic import AtomicFile, confined
from safeguards.writers.run import UNDECIDED, RunContext, outcome_prefix, relative_uri

if TYPE_CHECKING:
    from safeguards.publish.view import ReportView
    from safeguards.rules.compile import RuleSet

FILE = "safeguards.sarif"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
# GitHub code scanning orders and labels alerts by this score: over 9 critical, 7 to 8.9 high, 4 to 6.9 medium.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}
MESSAGE_LIMIT = 1000  # GitHub code scanning shows no more of a result's message
GITHUB_RESULT_LIMIT = 25_000  # GitHub code scanning rejects a run with more results
SRCROOT = "%SRCROOT%"
_PLACEHOLDER = "\0results\0"


class Row(NamedTuple):
    case_id: str
    case_file: str
    rule_id: str
    outcome: str
    severity: str
    message: str
    instance: str
    instance_label: str
    line: int
    column: int


def rows(report: ReportView, path: str) -> list[tuple[Any, ...]]:
    """The adapter: the breaches and undecided findings of one published report, as plain values."""
    case_id = report.case.id
    return [tuple(Row(case_id, path, f.rule_id, f.outcome, report.rules[f.rule_id].severity, f.message, f.instance,
                      f.instance_label, f.line, f.column))
            for f in report.findings if f.outcome == "breach" or f.outcome in UNDECIDED]


def fingerprint(case_id: str, rule_id: str, instance: str) -> str:
    """Stable across runs: the same finding of the same case keeps it when lines move or cases are added."""
    return hashlib.sha256("\0".join((case_id, rule_id, instance)).encode()).hexdigest()


def _clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def descriptors(rules: RuleSet, profile: str, language: str = "en") -> list[dict[str, Any]]:
    """``tool.driver.rules``: every rule that applies under ``profile``, in rule-set order, its text in ``language``."""
    from safeguards.i18n import translator

    t = translator(language)
    _ = t.gettext
    out = []
    for compiled in rules.rules:
        r = compiled.rule
        if r.law == "national" and r.profile != profile:
            continue
        title = t.pgettext(f"rule:{r.id}", r.title)
        description = " ".join(t.pgettext(f"rule:{r.id}", r.description).split())
        legal = "; ".join(f"{c.instrument}{', ' + c.provision if c.provision else ''} [{c.status}]" for c in r.sources)
        articles = ", ".join(r.articles)
        basis, cat = _("Legal basis"), _("CAT art {articles}").format(articles=articles)
        cat_articles = _("CAT articles")
        out.append({
            "id": r.id, "name": title,
            "shortDescription": {"text": title},
            "fullDescription": {"text": description},
            "help": {"text": f"{description} {basis}: {legal}. {cat}.",
                     "markdown": f"**{title}**\n\n{description}\n\n**{basis}:** {legal}\n\n"
                                 f"**{cat_articles}:** {articles}\n"},
            "defaultConfiguration": {"level": LEVEL[r.severity]},
            "properties": {"safeguard": r.safeguard, "articles": list(r.articles), "severity": r.severity,
                           "security-severity": SECURITY_SEVERITY[r.severity],
                           "tags": ([r.safeguard] + [f"CAT-art-{a}" for a in r.articles])[:10]},
        })
    return out


class Writer:
    """The run's log, written result by result to ``<output>/<profile>/safeguards.sarif``."""

    def __init__(self, ctx: RunContext) -> None:
        assert ctx.rules is not None, "the SARIF writer needs the rule set"
        from safeguards.i18n import translator

        self.ctx = ctx
        self._ = translator(ctx.language).gettext
        rules = descriptors(ctx.rules, ctx.profile, ctx.language)
        self.index = {d["id"]: i for i, d in enumerate(rules)}
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "safeguards", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "automationDetails": {"id": f"safeguards/{ctx.profile}/"},
            "originalUriBaseIds": {SRCROOT: {"description": {
                "text": self._("The directory safeguards check ran in; case file URIs are relative to it.")}}},
            "columnKind": "unicodeCodePoints",
            "results": _PLACEHOLDER,
            "properties": {"profile": ctx.profile, "undecidedIncluded": ctx.undecided, "language": ctx.language},
        }]}
        head, self._tail = json.dumps(log, indent=2, ensure_ascii=False).split(json.dumps(_PLACEHOLDER))
        self.count = 0
        self._out = AtomicFile(confined(ctx.directory, FILE))
        self._out.write(head + "[")

    def result(self, row: Row) -> dict[str, Any]:
        breach = row.outcome == "breach"
        location: dict[str, Any] = {"artifactLocation": {"uri": relative_uri(row.case_file, self.ctx.cwd),
                                                         "uriBaseId": SRCROOT}}
        if row.line > 0:
            location["region"] = {"startLine": row.line, "startColumn": max(row.column, 1)}
        prefix = "" if breach else outcome_prefix(row.outcome, self.ctx.language)
        return {
            "ruleId": row.rule_id, "ruleIndex": self.index[row.rule_id],
            "level": LEVEL[row.severity] if breach else "note",
            "message": {"text": _clip(f"{prefix}{row.message} [{row.instance_label}]")},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"safeguardsFinding/v1": fingerprint(row.case_id, row.rule_id, row.instance)},
            "properties": {"case": row.case_id, "outcome": row.outcome, "severity": row.severity,
                           "instance": row.instance},
        }

    def add(self, case_rows: Any) -> None:
        for values in case_rows:
            row = Row._make(values)
            if row.outcome != "breach" and not self.ctx.undecided:
                continue
            if row.rule_id not in self.index:  # a rule the profile does not apply cannot give a finding
                continue
            text = json.dumps(self.result(row), indent=2, ensure_ascii=False).replace("\n", "\n        ")
            self._out.write(("," if self.count else "") + "\n        " + text)
            self.count += 1

    def close(self) -> list[str]:
        if self.count > GITHUB_RESULT_LIMIT:
            sys.stderr.write(f"safeguards: warning: the SARIF log has {self.count} results; GitHub code scanning "
                             f"rejects a run of more than {GITHUB_RESULT_LIMIT} (check fewer cases per upload)\n")
        self._out.write(("\n      ]" if self.count else "]") + self._tail + "\n")
        self._out.commit()
        return [str(self._out.path)]

    def abort(self) -> None:
        self._out.abort()
