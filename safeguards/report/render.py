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
from safeguards.i18n import install, translator
from safeguards.publish.catalog import (
    CITATION_MARKS,
    FINDING_OUTCOMES,
    INFORMATION_GRADES,
    OUTCOME_TEXT,
    SAFEGUARDS,
    SEVERITIES,
    SOURCE_GRADES,
)
from safeguards.publish.report import written_date
from safeguards.publish.view import EventView, FindingView, ReportView
from safeguards.report.svg import timeline_svg
from safeguards.results import OUTCOMES
from safeguards.rules.compile import RuleSet
from safeguards.textsafe import shown

Writer = Callable[[ReportView, RuleSet], str]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def pct(value: float | None, lang: str = "en") -> str:
    """A percentage with one decimal as the language writes it; "not computable" when nothing was decided."""
    t = translator(lang)
    if value is None:
        return t.gettext("not computable (nothing decided)")
    if lang == "en":
        return f"{value:.1f}%"
    return t.gettext("{n}%").format(n=t.format_number(value, 1))


def hours(e: EventView, lang: str = "en") -> str:
    """Hours after apprehension the recorded time allows: "3 h", "between 0 and 72 h"; "-" when not placed."""
    if e.from_hours is None or e.to_hours is None:
        return "-"
    return translator(lang).format_hours(e.from_hours, e.to_hours)


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


class Words:
    """The report's fixed vocabulary in one language: outcomes, standards of proof, legends, labels, dates."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.t = translator(lang)
        self._ = self.t.gettext

    def outcome(self, outcome: str) -> str:
        """A finding's outcome, in words that fit a title naming a safeguard."""
        return self._(FINDING_OUTCOMES[outcome])

    def badge(self, outcome: str) -> str:
        return f"[{self.outcome(outcome).upper()}]"

    def article(self, outcome: str) -> str:
        return self.t.vocab("ArticleOutcome", outcome)

    def proof(self, label: str) -> str:
        return self.t.vocab("Proof", label)

    def safeguard(self, key: str) -> str:
        return self._(SAFEGUARDS[key]) if key in SAFEGUARDS else key

    def severity(self, level: str) -> str:
        return self._(SEVERITIES.get(level, level))

    def status(self, status: str) -> str:
        return self.t.vocab("Status", status)

    def kind(self, kind: str) -> str:
        return self.t.vocab("SourceKind", kind)

    def when(self, e: EventView) -> str:
        return written_date(self.t, e.at, e.approximate) if e.at else self._("not recorded")

    def date(self, iso: str | None) -> str:
        return written_date(self.t, iso) if iso else ""

    def pct(self, value: float | None) -> str:
        return pct(value, self.lang)

    def hours(self, e: EventView) -> str:
        return hours(e, self.lang)

    def number(self, x: float) -> str:
        return self.t.format_number(x, 0 if float(x).is_integer() else 1) if self.lang != "en" else f"{x:g}"

    def decided_met(self, report: ReportView) -> float | None:
        """Share of the decided safeguards (respected or not) that were respected, by weight, 0-100."""
        s = report.score
        total = s.met_weight + s.breach_weight
        return round(100.0 * s.met_weight / total, 1) if total > 0 else None

    def profile(self, report: ReportView, rules: RuleSet) -> str:
        p = rules.profiles.get(report.profile)
        return self.t.pgettext(f"profile:{p.id}", p.title) if p is not None else report.profile

    def proof_legend(self, report: ReportView) -> list[tuple[str, str]]:
        """(label, definition) of each standard of proof the report uses, strongest first."""
        used = {f.standard_of_proof for f in report.findings} | {a.standard_of_proof for a in report.articles}
        return [(self.proof(label), self.t.pgettext(f"proof:{label}", PROOF_TEXT[label]))
                for label in sorted(used, key=lambda p: -ORDER[p])]

    def legend_note(self) -> str:
        return self.t.pgettext("proof", LEGEND_NOTE)

    def outcome_legend(self) -> list[tuple[str, str]]:
        return [(self.outcome(o), self._(OUTCOME_TEXT[o])) for o in OUTCOMES]

    def grades(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The Admiralty scale: the source's letter, the information's figure."""
        return ([(k, self._(v)) for k, v in SOURCE_GRADES.items()],
                [(k, self._(v)) for k, v in INFORMATION_GRADES.items()])

    def marks(self) -> list[tuple[str, str]]:
        return [(k, self._(v)) for k, v in CITATION_MARKS.items()]


def badge(outcome: str) -> str:
    """The English badge of an outcome: ``[NOT RESPECTED]``."""
    return Words("en").badge(outcome)


def proof_legend(report: ReportView) -> list[tuple[str, str]]:
    """(label, definition) of each standard of proof the report uses, strongest first, in its language."""
    return Words(report.language).proof_legend(report)


def _visible(value: Any) -> Any:
    """A printed value with control characters made visible; markup the writers built themselves is kept."""
    return plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@lru_cache(maxsize=8)
def _env(autoescape: bool, lang: str = "en") -> Any:
    """The Jinja2 environment of the report templates in ``lang`` (one per language, with its messages)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # Every value a template prints passes ``finalize``: control and bidirectional-override characters from a
    # case file are made visible in every text output, HTML included (autoescaping then applies).
    env = Environment(loader=PackageLoader("safeguards", "templates"), autoescape=autoescape,
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=False,
                      finalize=_visible)
    install(env, lang)
    env.filters["md"] = md
    env.filters["mdcell"] = md
    env.filters["mdurl"] = http_url
    env.filters["plain"] = plain
    env.globals.update(pct=pct, hours=hours, badge=badge, outcomes=OUTCOMES, proof_legend=proof_legend,
                       legend_note=LEGEND_NOTE, words=Words(lang))
    return env


def _groups(report: ReportView) -> list[tuple[str, list[FindingView]]]:
    order = {o: i for i, o in enumerate(OUTCOMES)}

    def safeguard(f: FindingView) -> str:
        return report.rules[f.rule_id].safeguard

    findings = sorted(report.findings, key=lambda f: (safeguard(f), order[f.outcome], f.rule_id, f.instance))
    return [(k, list(v)) for k, v in groupby(findings, key=safeguard)]


def write_md(report: ReportView, rules: RuleSet) -> str:
    """The Markdown report, in the report's language."""
    # Markdown output escapes every case-derived string with the `md` filter, so the template is not autoescaped.
    env = _env(False, report.language)
    return str(env.get_template("report.md.j2").render(
        report=report, groups=_groups(report), profile_title=Words(report.language).profile(report, rules)))


def write_html(report: ReportView, rules: RuleSet) -> str:
    """The self-contained HTML report, in the report's language."""
    env = _env(True, report.language)
    return str(env.get_template("report.html.j2").render(
        report=report, groups=_groups(report), profile_title=Words(report.language).profile(report, rules),
        svg=lambda tl: Markup(timeline_svg(tl, report.language))))


def write_json(report: ReportView, rules: RuleSet) -> str:
    """The JSON report: the view as normalised plain data (:mod:`safeguards.report.document`)."""
    from safeguards.report.document import write_json as document_json

    return document_json(report)


WRITERS: dict[str, Writer] = {"md": write_md, "html": write_html, "json": write_json}
"""The per-case writers; SARIF, JUnit, JSON Lines and GitHub annotations are written once per run
(``safeguards.writers``)."""
