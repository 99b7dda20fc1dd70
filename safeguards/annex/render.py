"""Annex writers: Markdown, HTML, Word, CSV (Uwazi conventions) and JSON."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from markupsafe import Markup

from safeguards.annex.chart import breaches_svg
from safeguards.annex.model import Annex
from safeguards.annex.word import CONFIDENTIAL, Cover, merged_safeguards, write_docx
from safeguards.report.render import _env, md
from safeguards.textsafe import shown

__all__ = ["CONFIDENTIAL", "WRITERS", "Cover", "safe_cell", "write_csv", "write_docx", "write_html", "write_json",
           "write_md"]

Writer = Callable[[Annex], bytes]
# A cell a spreadsheet runs as a formula: one that starts with these once leading whitespace and line
# breaks are skipped (Excel and LibreOffice skip them too).
_FORMULA = re.compile(r"^[\t\r]|^[\s\u200b\ufeff]*[=+\-@]")


def write_md(annex: Annex) -> bytes:
    text = _env(False).get_template("annex.md.j2").render(annex=annex, md=md, banner=CONFIDENTIAL)
    return str(text).encode("utf-8")


def write_html(annex: Annex) -> bytes:
    text = _env(True).get_template("annex.html.j2").render(
        annex=annex, banner=CONFIDENTIAL, chart=Markup(breaches_svg(annex.figures.breaches_by_safeguard)))
    return str(text).encode("utf-8")


def write_json(annex: Annex) -> bytes:
    return (annex.model_dump_json(indent=2) + "\n").encode("utf-8")


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: one that begins with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return, after any leading whitespace or line break, gets a leading apostrophe."""
    value = shown(value, keep_cr=True)  # control (but line-break) and bidi-override characters made visible
    return "'" + value if _FORMULA.match(value) else value


CSV_HEADER = ("title", "case_code", "context", "region", "date_of_apprehension", "date_precision", "place", "sex",
              "age_group", "safeguards_breached", "articles_violation_indicated", "investigation", "sources",
              "confidential", "summary")
_PRECISION = {4: "year", 7: "month", 10: "day"}


def write_csv(annex: Annex, bom: bool = False) -> bytes:
    """One row per case; ``title`` first, ``|`` between values (Uwazi's import conventions).

    Dates are ISO 8601 at the precision the file records (``2022``, ``2022-01``, ``2022-01-05``), with
    that precision in a column of its own; each safeguard has one label, whatever articles it bears
    on. ``bom`` starts the file with a byte order mark, so that Excel reads it as UTF-8.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_HEADER)
    by_number = {s.number: s.key for s in annex.sources}
    for c in annex.cases:
        date = (c.apprehended or "")[:10]
        row = [c.label, c.code, c.context or "", c.region or "", date, _PRECISION.get(len(date), ""),
               c.place or "", c.sex, c.age_group, "|".join(merged_safeguards(c.breaches)), "|".join(c.articles),
               c.investigation, "|".join(f"[{n}] {by_number[n]}" for n in c.sources),
               "yes" if c.confidential else "no", c.summary]
        writer.writerow([safe_cell(str(v)) for v in row])
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


WRITERS: dict[str, Writer] = {"md": write_md, "html": write_html, "docx": write_docx, "csv": write_csv,
                              "json": write_json}
