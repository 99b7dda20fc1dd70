"""Annex writers: Markdown, HTML, Word, CSV (Uwazi conventions) and JSON."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from safeguards.annex import texts
from safeguards.annex.chart import breaches_svg
from safeguards.annex.model import Annex, CaseRow
from safeguards.annex.stream import AnnexStream, TemplateView, from_annex
from safeguards.annex.word import CONFIDENTIAL, Cover, merged_safeguards, write_docx
from safeguards.i18n import Translator, install, translator
from safeguards.report.render import md, plain
from safeguards.textsafe import shown

__all__ = ["CONFIDENTIAL", "WRITERS", "Cover", "csv_chunks", "html_chunks", "json_chunks", "md_chunks", "safe_cell",
           "write_csv", "write_docx", "write_html", "write_json", "write_md"]

Writer = Callable[[Annex], bytes]
# A cell a spreadsheet runs as a formula: one that starts with these once leading whitespace and line
# breaks are skipped (Excel and LibreOffice skip them too).
_FORMULA = re.compile(r"^[\t\r]|^[\s\u200b\ufeff]*[=+\-@]")


def _visible(value: Any) -> Any:
    """A printed value with control characters made visible; markup the writers built themselves is kept."""
    return plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@lru_cache(maxsize=8)
def _env(autoescape: bool, lang: str) -> Any:
    """The annex templates' environment in ``lang`` (one per language and escaping)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("safeguards", "templates"), autoescape=autoescape,
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=False, finalize=_visible)
    env.filters["md"] = md
    t = install(env, lang)
    env.globals.update(texts=texts, t=t)
    return env


def _context(annex: Annex, view: Any = None) -> dict[str, Any]:
    """What the templates read besides the annex: ``annex`` gives the counts and figures (its head will do);
    ``view`` (else ``annex``) is what the templates see as ``annex``, its cases and sources streamed."""
    t = translator(annex.language)
    m = annex.methodology
    return {"annex": annex if view is None else view, "t": t, "banner": texts.confidential_banner(t),
            "header": texts.header_line(t, m["cases"], m["period"], annex.withheld_confidential,
                                        annex.excluded_invalid, m["profile"], m["rules"]["count"],
                                        m["rules"]["sha256"]),
            "figures": [(title, {texts.category_label(t, name, k): v for k, v in getattr(annex.figures, name).items()})
                        for name, title in texts.figure_titles(t)],
            "activity": texts.activity_line(t, annex.figures.complaints_made, annex.figures.investigations_opened,
                                            annex.figures.prosecutions),
            "outcomes": [(texts.outcome_label(t, k), v) for k, v in m["outcomes"].items()],
            "proofs": [(texts.proof_label(t, k), v) for k, v in m["standards_of_proof"].items()]}


def write_md(annex: Annex) -> bytes:
    return "".join(md_chunks(from_annex(annex))).encode("utf-8")


def md_chunks(stream: AnnexStream) -> Iterator[str]:
    """The Markdown annex in pieces, one case at a time."""
    head = stream.head
    yield from _env(False, head.language).get_template("annex.md.j2").generate(
        md=md, **_context(head, TemplateView(stream)))


def write_html(annex: Annex) -> bytes:
    return "".join(html_chunks(from_annex(annex))).encode("utf-8")


def html_chunks(stream: AnnexStream) -> Iterator[str]:
    """The HTML annex in pieces, one case at a time."""
    head = stream.head
    t = translator(head.language)
    chart = breaches_svg(head.figures.breaches_by_safeguard, title=t.pgettext("annex", "Cases with a breach, by "
                                                                                       "safeguard"),
                         empty=t.pgettext("annex", "no breaches recorded"))
    yield from _env(True, head.language).get_template("annex.html.j2").generate(
        chart=Markup(chart), **_context(head, TemplateView(stream)))


def write_json(annex: Annex) -> bytes:
    return "".join(json_chunks(from_annex(annex))).encode("utf-8")


def _items(texts: Iterator[str]) -> Iterator[str]:
    """Objects dumped with an indent of 2 as the items of a list two levels down, comma-separated."""
    first = True
    for text in texts:
        yield ("\n" if first else ",\n") + "\n".join("    " + line for line in text.split("\n"))
        first = False


def json_chunks(stream: AnnexStream) -> Iterator[str]:
    """``annex.json`` in pieces, the same text as the whole annex dumped with an indent of 2."""
    head = stream.head.model_dump_json(indent=2)
    cases_at, sources_at = head.index('\n  "cases": []'), head.index('\n  "sources": []')
    yield head[:cases_at] + '\n  "cases": ['
    cases = _items(c.model_dump_json(indent=2) for c in stream.cases())
    empty = True
    for piece in cases:
        empty = False
        yield piece
    yield ("]" if empty else "\n  ]") + head[cases_at + len('\n  "cases": []'):sources_at] + '\n  "sources": ['
    empty = True
    for piece in _items(s.model_dump_json(indent=2) for s in stream.sources()):
        empty = False
        yield piece
    yield ("]" if empty else "\n  ]") + head[sources_at + len('\n  "sources": []'):] + "\n"


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: one that begins with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return, after any leading whitespace or line break, gets a leading apostrophe."""
    value = shown(value, keep_cr=True)  # control (but line-break) and bidi-override characters made visible
    return "'" + value if _FORMULA.match(value) else value


CSV_HEADER = ("title", "case_code", "context", "region", "date_of_apprehension", "date_precision", "place", "sex",
              "age_group", "safeguards_breached", "articles_violation_indicated", "investigation", "sources",
              "confidential", "summary")


def write_csv(annex: Annex, bom: bool = False) -> bytes:
    """One row per case; ``title`` first, ``|`` between values (Uwazi's import conventions).

    Dates are ISO 8601 at the precision the file records (``2022``, ``2022-01``, ``2022-01-05``), with
    that precision in a column of its own; each safeguard has one label, whatever articles it bears
    on. ``bom`` starts the file with a byte order mark, so that Excel reads it as UTF-8.
    """
    return "".join(csv_chunks(from_annex(annex), bom)).encode("utf-8")


def csv_chunks(stream: AnnexStream, bom: bool = False) -> Iterator[str]:
    """``annex.csv`` in pieces, a row at a time."""
    t = translator(stream.head.language)
    precision = {4: t.pgettext("annex:precision", "year"), 7: t.pgettext("annex:precision", "month"),
                 10: t.pgettext("annex:precision", "day")}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_HEADER)
    yield ("\ufeff" if bom else "") + out.getvalue()
    for c, cited in stream.entries():
        out.seek(0)
        out.truncate()
        writer.writerow([safe_cell(str(v)) for v in _csv_row(c, {s.number: s.key for s in cited}, t, precision)])
        yield out.getvalue()


def _csv_row(c: CaseRow, by_number: dict[int, str], t: Translator, precision: dict[int, str]) -> list[str]:
    date = (c.apprehended or "")[:10]
    return [c.label, c.code, c.context or "", c.region or "", date, precision.get(len(date), ""),
            c.place or "", texts.sex_label(t, c.sex), texts.age_group_label(t, c.age_group),
            "|".join(merged_safeguards(c.breaches, t)), "|".join(c.articles),
            c.investigation, "|".join(f"[{n}] {by_number[n]}" for n in c.sources),
            t.format_bool(c.confidential), c.summary]


WRITERS: dict[str, Writer] = {"md": write_md, "html": write_html, "docx": write_docx, "csv": write_csv,
                              "json": write_json}
