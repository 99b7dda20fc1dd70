"""Per-case report writers: Markdown, HTML and JSON, behind one name-to-writer mapping."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from typing import Any

from markupsafe import Markup

from safeguards.engine.proof import LEGEND_NOTE, ORDER, PROOF_TEXT
from safeguards.report.svg import timeline_svg
from safeguards.results import OUTCOMES, Report, TimelineEvent
from safeguards.rules.compile import RuleSet

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


WRITERS: dict[str, Writer] = {"md": write_md, "html": write_html, "json": write_json}
"""The per-case writers; SARIF, JUnit, JSON Lines and GitHub annotations are written once per run
(``safeguards.writers``)."""
