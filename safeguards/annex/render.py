"""Annex writers: Markdown, HTML, Word, CSV (Uwazi conventions) and JSON."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup

from safeguards.annex.chart import breaches_png, breaches_svg
from safeguards.annex.footnotes import Footnotes
from safeguards.annex.model import Annex
from safeguards.report.render import _env, md

Writer = Callable[[Annex], bytes]
CONFIDENTIAL = "CONFIDENTIAL - for the Committee against Torture only; not for publication"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


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
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA) else value


def write_csv(annex: Annex) -> bytes:
    """One row per case; ``title`` first, ``|`` between values, ISO dates (Uwazi's import conventions)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["title", "case_code", "context", "region", "date_of_apprehension", "place", "sex", "age_group",
              "safeguards_breached", "articles_violation_indicated", "investigation", "sources", "summary",
              "confidential"]
    writer.writerow(header)
    by_number = {s.number: s.key for s in annex.sources}
    for c in annex.cases:
        date = (c.apprehended or "")[:10]
        row = [c.label, c.code, c.context or "", c.region or "", date, c.place or "", c.sex, c.age_group,
               "|".join(c.breaches), "|".join(c.articles), c.investigation,
               "|".join(f"[{n}] {by_number[n]}" for n in c.sources), c.summary,
               "CONFIDENTIAL - not for publication" if c.confidential else ""]
        writer.writerow([safe_cell(str(v)) for v in row])
    return out.getvalue().encode("utf-8")


def write_docx(annex: Annex) -> bytes:
    """A Word document with real headings and tables, the chart as an image, and numbered source notes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    core = doc.core_properties
    core.title, core.author, core.comments = annex.title, "safeguards", ""
    fixed = datetime(2000, 1, 1, tzinfo=UTC)
    core.created = core.modified = core.last_printed = fixed
    core.revision = 1
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    if annex.confidential_marking:
        for section in doc.sections:
            for part in (section.header, section.footer):
                p = part.paragraphs[0]
                p.text = CONFIDENTIAL
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(annex.title, level=0)
    m = annex.methodology
    doc.add_paragraph(f"{m['cases']} documented case(s), {m['period']}; {annex.withheld_confidential} case(s) "
                      f"withheld as confidential. Profile: {m['profile']}. Rule set: {m['rules']['count']} rules, "
                      f"sha256 {m['rules']['sha256'][:16]}.")
    doc.add_heading("Methodology", level=1)
    doc.add_paragraph(m["article_conclusions"])
    for name, text in m["outcomes"].items():
        doc.add_paragraph(f"{name.replace('_', ' ').capitalize()}: {text}.", style="List Bullet")
    doc.add_paragraph("Standards of proof: " + "; ".join(f"{k}: {v}" for k, v in m["standards_of_proof"].items())
                      + ".")
    doc.add_paragraph("Protection of people: " + m["protection"])
    doc.add_paragraph(m["reliability"])
    doc.add_heading("Findings by article of the Convention", level=1)
    for art in annex.articles:
        doc.add_heading(f"Article {art.article}: {art.title} ({art.cases_with_violation} case(s) with a violation "
                        f"indicated)", level=2)
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Safeguard", "Breach", "Met", "Insufficient information",
                                                     "Contested"), strict=True):
            cell.text = text
        for line in art.safeguards:
            cells = table.add_row().cells
            for cell, text in zip(cells, (line.safeguard, line.breach, line.met, line.insufficient_information,
                                          line.contested), strict=True):
                cell.text = str(text)
    doc.add_heading("Figures", level=1)
    doc.add_paragraph("Cases with a breach, by safeguard:")
    doc.add_picture(io.BytesIO(breaches_png(annex.figures.breaches_by_safeguard)), width=Cm(16))
    f = annex.figures
    for title, data in (("By context", f.by_context), ("By region", f.by_region), ("By sex", f.by_sex),
                        ("By age group", f.by_age_group), ("Torture and other ill-treatment", f.treatment)):
        doc.add_heading(title, level=2)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = title.removeprefix("By ").capitalize(), "Cases"
        for k, v in data.items():
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(k), str(v)
    doc.add_paragraph(f"Complaints made: {f.complaints_made}; investigations opened: {f.investigations_opened}; "
                      f"prosecutions: {f.prosecutions}.")
    doc.add_heading("Case table", level=1)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Case", "Apprehended", "Place", "Safeguards breached",
                                                 "Investigation", "Sources"), strict=True):
        cell.text = text
    rows = _RowAppender(table)
    for c in annex.cases:
        cells = rows.add()
        values = (c.label if c.label == c.code else f"{c.label} ({c.code})", c.apprehended or "unknown",
                  c.place or "unknown", "; ".join(c.breaches) or "none shown", c.investigation,
                  " ".join(f"[{n}]" for n in c.sources))
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    body = _Appender(doc)
    body.heading("Case summaries", level=1)
    notes = Footnotes()
    text_of = {s.number: s.text for s in annex.sources}
    for c in annex.cases:
        body.heading(c.label if c.label == c.code else f"{c.label} ({c.code})", level=2)
        paragraph = body.paragraph(c.summary)
        for n in c.sources:  # each source as a real footnote, numbered as in the list of sources
            notes.reference(paragraph, f"[{n}] {text_of[n]}")
    body.heading("Sources cited", level=1)
    for s in annex.sources:
        body.paragraph(f"[{s.number}] {s.text}")
    notes.attach(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return _deterministic_zip(raw.getvalue())


class _RowAppender:
    """Adds rows to a table in constant time: python-docx looks the table's grid up anew for every row,
    which costs more the longer the table grows."""

    def __init__(self, table: Any) -> None:
        self.table = table
        self.widths = [col.w for col in table._tbl.tblGrid.gridCol_lst]

    def add(self) -> Any:
        from docx.table import _Row

        tr = self.table._tbl.add_tr()
        for width in self.widths:
            tc = tr.add_tc()
            if width is not None:
                tc.width = width
        return _Row(tr, self.table).cells


class _Appender:
    """Adds paragraphs at the end of a document body in constant time.

    python-docx finds the body's closing section properties by scanning every paragraph before it,
    and looks a style up by name by scanning the style sheet, so a summary per case made the Word
    annex quadratic in the number of cases. This keeps the section properties and style ids at hand
    and writes the same XML.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.anchor = doc.element.body.sectPr
        self.style_ids: dict[str, str | None] = {}

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        if self.anchor is not None:
            self.anchor.addprevious(p)
        else:
            self.doc.element.body.append(p)
        paragraph = Paragraph(p, self.doc._body)
        if text:
            paragraph.add_run(text)
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            p.style = self.style_ids[style]
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed entry times, so the same annex gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


WRITERS: dict[str, Writer] = {"md": write_md, "html": write_html, "docx": write_docx, "csv": write_csv,
                              "json": write_json}
