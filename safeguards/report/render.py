"""Report writers: Markdown, HTML, JSON, SARIF 2.1.0 and JUnit XML, behind one name-to-writer mapping."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from safeguards import __version__
from safeguards.engine.proof import LEGEND_NOTE, ORDER, PROOF_TEXT
from safeguards.report.svg import timeline_svg
from safeguards.results import OUTCOMES, Report, TimelineEvent
from safeguards.rules.compile import RuleSet
from safeguards.writers.problems import sarif_location

Writer = Callable[[Report, RuleSet], str]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def pct(value: float | None) -> str:
    return "not computable (nothing decided)" if value is None else f"{value:.1f}%"


def hours(e: TimelineEvent) -> str:
    if e.from_hours is None or e.to_hours is None:
        return "-"
    lo, hi = e.from_hours, e.to_hours
    digits = 0 if max(lo, hi) >= 10 else 1
    return f"{lo:.{digits}f} h" if abs(hi - lo) < 0.05 else f"{lo:.{digits}f}-{hi:.{digits}f} h"


def md(text: Any) -> str:
    """Text from a case file made inert in Markdown (no HTML, no links, no tables broken)."""
    s = str(text).replace("&", "&amp;")
    return _MD_SPECIAL.sub(_md_escape, s).replace("\n", " ")


def _md_escape(m: re.Match[str]) -> str:
    char = m.group(1)
    return {"<": "&lt;", ">": "&gt;"}.get(char, "\\" + char)


def badge(outcome: str) -> str:
    return {"breach": "[BREACH]", "met": "[MET]", "insufficient_information": "[INSUFFICIENT]",
            "not_applicable": "[N/A]", "contested": "[CONTESTED]"}[outcome]


def proof_legend(report: Report) -> list[tuple[str, str]]:
    """(label, definition) of each standard of proof the report uses, strongest first."""
    used = {f.standard_of_proof for f in report.result.findings} | {a.standard_of_proof for a in report.result.articles}
    return [(label.replace("_", " "), PROOF_TEXT[label]) for label in sorted(used, key=lambda p: -ORDER[p])]


@lru_cache(maxsize=4)
def _env(autoescape: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("safeguards", "templates"), autoescape=autoescape,
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=False)
    env.filters["md"] = md
    env.filters["mdcell"] = md
    env.globals.update(pct=pct, hours=hours, badge=badge, outcomes=OUTCOMES, proof_legend=proof_legend,
                       legend_note=LEGEND_NOTE)
    return env


def _groups(report: Report) -> list[tuple[str, list[Any]]]:
    order = {o: i for i, o in enumerate(OUTCOMES)}
    findings = sorted(report.result.findings, key=lambda f: (f.safeguard, order[f.outcome], f.rule_id, f.instance))
    return [(k, list(v)) for k, v in groupby(findings, key=lambda f: f.safeguard)]


def write_md(report: Report, rules: RuleSet) -> str:
    if not report.case:
        return ""
    # Markdown output escapes case-file text with the `md` filter, so the template is not autoescaped.
    safe = report.model_copy(update={"case": {k: md(v) if isinstance(v, str) else v for k, v in report.case.items()}})
    return str(_env(False).get_template("report.md.j2").render(report=safe, groups=_groups(report)))


def write_html(report: Report, rules: RuleSet) -> str:
    env = _env(True)
    return str(env.get_template("report.html.j2").render(
        report=report, groups=_groups(report), svg=lambda tl: Markup(timeline_svg(tl))))


def write_json(report: Report, rules: RuleSet) -> str:
    # pydantic's serializer: the standard library falls back to pure Python whenever indent is set.
    return report.model_dump_json(indent=2) + "\n"


_KIND = {"breach": "fail", "met": "pass", "insufficient_information": "open", "contested": "review",
         "not_applicable": "notApplicable"}
_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}


def write_sarif(report: Report, rules: RuleSet) -> str:
    """One rule descriptor per rule, one result per finding, located at the fact's line in the case file."""
    descriptors = []
    index = {}
    for i, compiled in enumerate(rules.rules):
        r = compiled.rule
        index[r.id] = i
        legal = "; ".join(f"{c.instrument}{', ' + c.provision if c.provision else ''} [{c.status}]" for c in r.sources)
        descriptors.append({
            "id": r.id, "name": r.title,
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": " ".join(r.description.split())},
            "help": {"text": f"{' '.join(r.description.split())} Legal basis: {legal}. "
                             f"CAT art {', '.join(r.articles)}.",
                     "markdown": f"**{r.title}**\n\n{' '.join(r.description.split())}\n\n**Legal basis:** {legal}\n"},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"safeguard": r.safeguard, "articles": list(r.articles), "severity": r.severity,
                           "tags": [r.safeguard] + [f"CAT-art-{a}" for a in r.articles]},
        })
    results = []
    path = report.provenance.case_file
    for f in report.result.findings:
        kind = _KIND[f.outcome]
        result: dict[str, Any] = {
            "ruleId": f.rule_id, "ruleIndex": index.get(f.rule_id, 0), "kind": kind,
            "level": _LEVEL[f.severity] if kind == "fail" else "none",
            "message": {"text": f"{f.message} [{f.instance_label}]"},
            "locations": [sarif_location(path, f.location.line, f.location.column)],
            "properties": {"outcome": f.outcome, "standardOfProof": f.standard_of_proof,
                           "proofReason": f.proof_reason, "allegationsOnly": f.allegations_only, "instance": f.instance,
                           "sources": list(f.sources)},
        }
        results.append(result)
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "safeguards", "version": __version__, "rules": descriptors}},
                     "artifacts": [{"location": {"uri": path}}],
                     "results": results,
                     "properties": {"case": report.case.get("id"), "profile": report.result.profile}}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def write_junit(report: Report, rules: RuleSet) -> str:
    """A test case per finding; breaches fail, undecided findings are skipped with the reason."""
    findings = report.result.findings
    counts = report.result.score.counts
    case_id = str(report.case.get("id"))
    skipped = counts["insufficient_information"] + counts["contested"] + counts["not_applicable"]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name="safeguards" tests="{len(findings)}" failures="{counts["breach"]}">',
             f'<testsuite name={quoteattr(case_id)} tests="{len(findings)}" failures="{counts["breach"]}" '
             f'errors="0" skipped="{skipped}">']
    for f in findings:
        name = quoteattr(f"{f.rule_id} [{f.instance}]")
        lines.append(f'<testcase classname={quoteattr(case_id + "." + f.safeguard)} name={name}>')
        if f.outcome == "breach":
            lines.append(f'<failure message={quoteattr(f.message)} type="breach">'
                         f'{escape(f.message)} (severity {f.severity})</failure>')
        elif f.outcome != "met":
            lines.append(f'<skipped message={quoteattr(f.outcome.replace("_", " ") + ": " + f.message)}/>')
        lines.append("</testcase>")
    lines += ["</testsuite>", "</testsuites>"]
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Writer] = {"md": write_md, "html": write_html, "json": write_json, "sarif": write_sarif,
                              "junit": write_junit}
