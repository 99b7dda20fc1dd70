"""The Word annex as NGOs file it with the Committee: A4, a title page, numbered pages, tables whose
header rows repeat and whose columns fit their words, and real footnotes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from safeguards.annex.chart import WORD_WIDTH_PT, breaches_png
from safeguards.annex.footnotes import NOTE_MARK, NOTE_TEXT, Footnotes, W
from safeguards.annex.layout import fit_widths, xml_safe
from safeguards.annex.model import Annex

CONFIDENTIAL = "CONFIDENTIAL - for the Committee against Torture only; not for publication"
PAGE_MM = (210, 297)  # A4
MARGIN_MM = 20
TABLE_PT = 9.0
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_ART = re.compile(r"^(?P<name>.*?) \(art (?P<arts>[^)]*)\)$")


@dataclass(frozen=True)
class Cover:
    """What the title page says about the submission; a field left out is not printed (never invented)."""

    organisation: str | None = None
    state: str | None = None
    session: str | None = None
    date: str | None = None


def merged_safeguards(breaches: list[str]) -> dict[str, list[str]]:
    """``["X (art 1, 2)", "X (art 16)"]`` as one label per safeguard: ``{"X": ["1", "2", "16"]}``."""
    out: dict[str, list[str]] = {}
    for b in breaches:
        m = _ART.match(b)
        name, arts = (m["name"], [a.strip() for a in m["arts"].split(",")]) if m else (b, [])
        have = out.setdefault(name, [])
        have.extend(a for a in arts if a not in have)
    for arts in out.values():
        arts.sort(key=lambda a: (len(a), a))
    return out


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def write_docx(annex: Annex, cover: Cover | None = None) -> bytes:
    """The Word annex; the same annex and cover give the same bytes."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    annex = Annex.model_validate(_clean(annex.model_dump(mode="python")))
    cover = Cover(**{k: xml_safe(v) if v else None for k, v in vars(cover or Cover()).items()})
    doc = Document()
    _metadata(doc, annex, cover)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(11)
    table_text = doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_PT)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.element.get_or_add_pPr().insert_element_before(  # words stay whole (in schema order)
        OxmlElement("w:suppressAutoHyphens"), "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
        "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
        "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
        "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange")
    note_text = doc.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    note_text.style_id = NOTE_TEXT
    note_text.base_style = normal
    note_text.font.size = Pt(9)
    note_text.paragraph_format.space_after = Pt(0)
    note_mark = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    note_mark.style_id = NOTE_MARK
    note_mark.font.superscript = True
    for section in doc.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(20)
        section.header_distance = section.footer_distance = Mm(10)
        _header_footer(section, annex.confidential_marking, WD_ALIGN_PARAGRAPH.CENTER)
    body = _Appender(doc)
    _title_page(body, annex, cover)
    body.paragraph().add_run().add_break(WD_BREAK.PAGE)
    m = annex.methodology
    body.heading("Methodology", level=1)
    body.paragraph(m["article_conclusions"])
    for name, text in m["outcomes"].items():
        body.paragraph(f"{name.replace('_', ' ').capitalize()}: {text}.", style="List Bullet")
    body.paragraph("Standards of proof: " + "; ".join(f"{k}: {v}" for k, v in m["standards_of_proof"].items()) + ".")
    body.paragraph("Protection of people: " + m["protection"])
    body.paragraph(m["reliability"])
    body.paragraph(f"Profile: {m['profile']}. Rule set: {m['rules']['count']} rules, sha256 "
                   f"{m['rules']['sha256'][:16]}.")
    body.heading("Findings by article of the Convention", level=1)
    for art in annex.articles:
        body.heading(f"Article {art.article}: {art.title} ({art.cases_with_violation} case(s) with a violation "
                     f"indicated)", level=2)
        body.table(("Safeguard", "Breach", "Met", "Insufficient information", "Contested"),
                   [(line.safeguard, str(line.breach), str(line.met), str(line.insufficient_information),
                     str(line.contested)) for line in art.safeguards])
    body.heading("Figures", level=1)
    body.paragraph("Cases with a breach, by safeguard:")
    run = body.paragraph().add_run()
    shape = run.add_picture(io.BytesIO(breaches_png(annex.figures.breaches_by_safeguard)), width=Pt(WORD_WIDTH_PT))
    bars = "; ".join(f"{k}: {v}" for k, v in annex.figures.breaches_by_safeguard.items())
    shape._inline.docPr.set("descr", "Bar chart of cases with a breach, by safeguard: " + (bars or "none"))
    f = annex.figures
    for title, data in (("By context", f.by_context), ("By region", f.by_region), ("By sex", f.by_sex),
                        ("By age group", f.by_age_group), ("Torture and other ill-treatment", f.treatment)):
        body.heading(title, level=2)
        body.table((title.removeprefix("By ").capitalize(), "Cases"), [(str(k), str(v)) for k, v in data.items()])
    body.paragraph(f"Complaints made: {f.complaints_made}; investigations opened: {f.investigations_opened}; "
                   f"prosecutions: {f.prosecutions}.")
    body.heading("Case table", level=1)
    if annex.confidential_marking and any(c.confidential for c in annex.cases):
        body.paragraph("Cases marked CONFIDENTIAL must not be published or shared with the State.")
    rows = []
    for c in annex.cases:
        label = c.label if c.label == c.code else f"{c.label} ({c.code})"
        if annex.confidential_marking and c.confidential:
            label += "\nCONFIDENTIAL"
        breaches = "\n".join(f"{name} (art {', '.join(arts)})" if arts else name
                             for name, arts in merged_safeguards(c.breaches).items())
        rows.append((label, c.apprehended or "unknown", c.place or "unknown", breaches or "none shown",
                     c.investigation, " ".join(f"[{n}]" for n in c.sources)))
    body.table(("Case", "Detained", "Place", "Safeguards breached", "Investigation", "Sources"), rows)
    body.heading("Case summaries", level=1)
    notes = Footnotes()
    text_of = {s.number: s.text for s in annex.sources}
    for c in annex.cases:
        heading = c.label if c.label == c.code else f"{c.label} ({c.code})"
        body.heading(heading + (" - CONFIDENTIAL" if annex.confidential_marking and c.confidential else ""), level=2)
        paragraph = body.paragraph(c.summary)
        for n in c.sources:
            notes.cite(paragraph, text_of[n])
    body.heading("Sources cited", level=1)
    for s in annex.sources:
        body.paragraph(f"[{s.number}] {s.text}")
    notes.attach(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return _deterministic_zip(raw.getvalue())


def _metadata(doc: Any, annex: Annex, cover: Cover) -> None:
    """Core properties: the title, the organisation if given, nothing from the machine, fixed dates."""
    core = doc.core_properties
    core.title = annex.title
    core.author = cover.organisation or ""
    core.last_modified_by = ""
    core.comments = ""
    core.keywords = ""
    core.subject = "Annex to an alternative report to the Committee against Torture"
    fixed = datetime(2000, 1, 1, tzinfo=UTC)
    core.created = core.modified = core.last_printed = fixed
    core.revision = 1
    package = doc.part.package
    for rid, rel in list(package.rels.items()):  # python-docx's blank template thumbnail
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rid]


def _header_footer(section: Any, confidential: bool, centre: Any) -> None:
    """"Page N of M" in every footer; the confidential marking in header and footer of a committee annex."""
    from docx.oxml import parse_xml

    if confidential:
        for part in (section.header, section.footer):
            p = part.paragraphs[0]
            p.text = CONFIDENTIAL
            p.alignment = centre
        page = section.footer.add_paragraph()
    else:
        page = section.footer.paragraphs[0]
    page.alignment = centre

    def field(code: str) -> None:
        for xml in (f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"/></w:r>',
                    f'<w:r xmlns:w="{W}"><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
                    f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="separate"/></w:r>',
                    f'<w:r xmlns:w="{W}"><w:t>1</w:t></w:r>',
                    f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="end"/></w:r>'):
            page._p.append(parse_xml(xml))

    page.add_run("Page ")
    field("PAGE")
    page.add_run(" of ")
    field("NUMPAGES")


def _title_page(body: _Appender, annex: Annex, cover: Cover) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = [("Submitted by " + cover.organisation) if cover.organisation else None,
             ("State party: " + cover.state) if cover.state else None,
             ("Committee against Torture, " + cover.session) if cover.session else None,
             cover.date]
    body.heading(annex.title, level=0)
    for line in lines:
        if line:
            body.paragraph(line).alignment = WD_ALIGN_PARAGRAPH.LEFT
    m = annex.methodology
    if annex.audience == "public":
        held = f"{annex.withheld_confidential} case(s) withheld as confidential and counted only."
    else:
        marked = sum(c.confidential for c in annex.cases)
        held = f"{marked} confidential case(s) included" + (", each marked CONFIDENTIAL." if
                                                             annex.confidential_marking else ".")
    body.paragraph(f"{m['cases']} documented case(s), {m['period']}. {held}")
    if annex.excluded_invalid:
        body.paragraph(f"{annex.excluded_invalid} case file(s) left out because they did not validate.")
    if annex.confidential_marking:
        body.paragraph(CONFIDENTIAL)


class _Appender:
    """Adds paragraphs and tables at the end of a document body in constant time.

    python-docx finds the body's closing section properties by scanning every paragraph before it,
    looks a style up by name by scanning the style sheet, and looks a table's grid up anew for
    every row, so a summary and a row per case made the Word annex quadratic in the number of
    cases. This keeps the section properties and style ids at hand and writes the same XML.
    """

    def __init__(self, doc: Any) -> None:
        from docx.shared import Mm

        self.doc = doc
        self.anchor = doc.element.body.sectPr
        self.style_ids: dict[str, str | None] = {}
        self.width_pt = (Mm(PAGE_MM[0] - 2 * MARGIN_MM)).pt

    def _append(self, element: Any) -> None:
        if self.anchor is not None:
            self.anchor.addprevious(element)
        else:
            self.doc.element.body.append(element)

    def _style(self, name: str) -> str | None:
        from docx.enum.style import WD_STYLE_TYPE

        if name not in self.style_ids:
            self.style_ids[name] = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        return self.style_ids[name]

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        self._append(p)
        paragraph = Paragraph(p, self.doc._body)
        if text:
            paragraph.add_run(text)
        if style is not None:
            p.style = self._style(style)
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        paragraph = self.paragraph(text, "Title" if level == 0 else f"Heading {level}")
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def table(self, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Any:
        """A grid table whose header row repeats on every page, whose rows never split across pages,
        and whose column widths fit the longest word of each column."""
        from docx.oxml import OxmlElement
        from docx.oxml.table import CT_Tbl
        from docx.shared import Emu, Pt
        from docx.table import Table

        size = TABLE_PT
        widths = fit_widths(header, rows, self.width_pt, size)
        while widths is None and size > 6:  # too many long words for the page: smaller type, never split words
            size -= 0.5
            widths = fit_widths(header, rows, self.width_pt, size)
        if widths is None:
            widths = [self.width_pt / len(header)] * len(header)
        twips = [int(w * 20) for w in widths]
        tbl = CT_Tbl.new_tbl(0, len(header), Emu(int(self.width_pt * 12700)))
        self._append(tbl)
        table = Table(tbl, self.doc._body)
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False  # w:tblLayout fixed: the widths below are kept
        tbl_w = tbl.tblPr.find(f"{{{W}}}tblW")
        if tbl_w is not None:
            tbl_w.set(f"{{{W}}}type", "dxa")
            tbl_w.set(f"{{{W}}}w", str(sum(twips)))
        for col, w in zip(tbl.tblGrid.gridCol_lst, twips, strict=True):
            col.w = Pt(w / 20)
        style_id = self._style("Table Text")
        for i, values in enumerate([header, *rows]):
            tr = tbl.add_tr()
            tr_pr = tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if i == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))
            for w, text in zip(twips, values, strict=True):
                tc = tr.add_tc()
                tc.width = Pt(w / 20)
                p = tc.p_lst[0] if tc.p_lst else tc.add_p()
                p.style = style_id
                r = p.add_r()
                r.text = _DIGIT_HYPHEN.sub("\u2011", text)  # no line break inside a date
                if i == 0:
                    r.get_or_add_rPr().append(OxmlElement("w:b"))
                if size != TABLE_PT:
                    from docx.text.run import Run

                    Run(r, table).font.size = Pt(size)
        return table


# The template's extended properties name another application; these name none and count nothing.
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
           b'formats.org/officeDocument/2006/extended-properties"><Application>safeguards</Application>'
           b'<DocSecurity>0</DocSecurity></Properties>')


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed entry times and neutral extended properties, so the same annex gives
    the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            data = APP_XML if info.filename == "docProps/app.xml" else src.read(info.filename)
            dst.writestr(entry, data)
    return out.getvalue()
