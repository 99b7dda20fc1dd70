"""Per-case report writers: Markdown, HTML and JSON, behind one name-to-writer mapping."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from typing import Any

from markupsafe import Markup

from safeguards import textsafe
from safeguards.engine.proof import LEGEND_NOTE, ORDER, PROOF_TEXT
from safeguards.publish.view import EventView, FindingView, ReportView
from safeguards.report.svg import timeline_svg
from safeguards.results import OUTCOMES
from safeguards.rules.compile import RuleSet
from safeguards.textsafe import shown

Writer = Callable[[ReportView, RuleSet], str]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def pct(value: float | None) -> str:
    return "not computable (nothing decided)" if value is None else f"{value:.1f}%"


def hours(e: EventView) -> str:
    if e.from_hours is None or e.to_hours is None:
        return "-"
    lo, hi = e.from_hours, e.to_hours
    digits = 0 if max(lo, hi) >= 10 else 1
    return f"{lo:.{digits}f} h" if abs(hi - lo) < 0.05 else f"{lo:.{digits}f}-{hi:.{digits}f} h"


def plain(text: Any) -> str:
    """Text with control and bidirectional-override characters made visible as U+FFFD."""
    return shown(str(text))


def md(text: Any) -> str:
    """Text from a case file made inert in Markdown (no HTML, no links, no tables broken)."""
    s = plain(text).replace("&", "&amp;")
    return _MD_SPECIAL.sub(_md_escape, s).replace("\r", " ").replace("\n", " ")


def http_url(url: Any) -> str:
    """``url`` if it is an http(s) address (:func:`safeguards.textsafe.http_url`) with no character that could
    end a Markdown or HTML link; else empty."""
    text = textsafe.http_url(str(url or "")) or ""
    return "" if any(ch in text for ch in "<>\"'`\\") else text


def _md_escape(m: re.Match[str]) -> str:
    char = m.group(1)
    return {"<": "&lt;", ">": "&gt;"}.get(char, "\\" + char)


def badge(outcome: str) -> str:
    return {"breach": "[BREACH]", "met": "[MET]", "insufficient_information": "[INSUFFICIENT]",
            "not_applicable": "[N/A]", "contested": "[CONTESTED]"}[outcome]


def proof_legend(report: ReportView) -> list[tuple[str, str]]:
    """(label, definition) of each standard of proof the report uses, strongest first."""
    used = {f.standard_of_proof for f in report.findings} | {a.standard_of_proof for a in report.articles}
    return [(label.replace("_", " "), PROOF_TEXT[label]) for label in sorted(used, key=lambda p: -ORDER[p])]


def _visible(value: Any) -> Any:
    """A printed value with control characters made visible; markup the writers built themselves is kept."""
    return plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@lru_cache(maxsize=4)
def _env(autoescape: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # Every value a template prints passes ``finalize``: control and bidirectional-override characters from a
    # case file are made visible in every text output, HTML included (autoescaping then applies).
    env = Environment(loader=PackageLoader("safeguards", "templates"), autoescape=autoescape,
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=False,
                      finalize=_visible)
    env.filters["md"] = md
    env.filters["mdcell"] = md
    env.filters["mdurl"] = http_url
    env.filters["plain"] = plain
    env.globals.update(pct=pct, hours=hours, badge=badge, outcomes=OUTCOMES, proof_legend=proof_legend,
                       legend_note=LEGEND_NOTE)
    return env


def _groups(report: ReportView) -> list[tuple[str, list[FindingView]]]:
    order = {o: i for i, o in enumerate(OUTCOMES)}

    def safeguard(f: FindingView) -> str:
        return report.rules[f.rule_id].safeguard

    findings = sorted(report.findings, key=lambda f: (safeguard(f), order[f.outcome], f.rule_id, f.instance))
    return [(k, list(v)) for k, v in groupby(findings, key=safeguard)]


def write_md(report: ReportView, rules: RuleSet) -> str:
    # Markdown output escapes every case-derived string with the `md` filter, so the template is not autoescaped.
    return str(_env(False).get_template("report.md.j2").render(report=report, groups=_groups(report)))


def write_html(report: ReportView, rules: RuleSet) -> str:
    env = _env(True)
    return str(env.get_template("report.html.j2").render(
        report=report, groups=_groups(report), svg=lambda tl: Markup(timeline_svg(tl))))


def write_json(report: ReportView, rules: RuleSet) -> str:
    """Compact JSON (plain data; each rule's basis once, under ``rules``)."""
    return report.model_dump_json(exclude_defaults=True) + "\n"


WRITERS: dict[str, Writer] = {"md": write_md, "html": write_html, "json": write_json}
"""The per-case writers; SARIF, JUnit, JSON Lines and GitHub annotations are written once per run
(``safeguards.writers``)."""
