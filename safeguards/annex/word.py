"""The Word annex as NGOs file it with the Committee: A4, a title page, numbered pages, tables whose
header rows repeat and whose columns fit their words, and real footnotes."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from safeguards.annex import texts
from safeguards.annex.chart import WORD_WIDTH_PT, breaches_png
from safeguards.annex.footnotes import NOTE_MARK, NOTE_TEXT, Footnotes, W, citation_style
from safeguards.annex.layout import ColumnStats, xml_safe
from safeguards.annex.model import Annex, CaseRow
from safeguards.annex.stream import AnnexStream, from_annex
from safeguards.i18n import Translator, translator
from safeguards.publish.audit import Leak, audit_docx, audit_xml
from safeguards.publish.withheld import Withheld

CONFIDENTIAL = "CONFIDENTIAL - for the Committee against Torture only; not for publication"
PAGE_MM = (210, 297)  # A4
MARGIN_MM = 20
LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}
TABLE_PT = 9.0
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


@dataclass(frozen=True)
class Cover:
    """What the title page says about the submission; a field left out is not printed (never invented)."""

    organisation: str | None = None
    state: str | None = None
    session: str | None = None
    date: str | None = None


def merged_safeguards(breaches: list[str], t: Translator | None = None) -> dict[str, list[str]]:
    """``["X (art 1, 2)", "X (art 16)"]`` as one label per safeguard: ``{"X": ["1", "2", "16"]}`` (labels as
    written in ``t``'s language, English by default)."""
    pattern = texts.with_articles_pattern(t or translator("en"))
    out: dict[str, list[str]] = {}
    for b in breaches:
        m = pattern.match(b)
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
    out = io.BytesIO()
    stream_docx(from_annex(annex), out, cover)
    return out.getvalue()


# Where the streamed pieces go in the document built around them (XML comments, never left in the output).
_ROWS, _SUMMARIES, _SOURCES = (f"<!--safeguards:{n}-->" for n in ("rows", "summaries", "sources"))
_NS_DECL = re.compile(r' xmlns:[A-Za-z0-9]+="[^"]*"')
BIG_CASES = 100_000  # from this many cases document.xml may pass 4 GiB, so its zip entry is written as zip64


def stream_docx(stream: AnnexStream, out: IO[bytes], cover: Cover | None = None, withheld: Withheld | None = None,
                file_name: str = "annex.docx") -> list[Leak]:
    """Write the Word annex to ``out`` (a seekable binary file) one case at a time.

    The document is laid out around its cases first (title page, methodology, figures, the case table's
    header); then the case table's rows, the summaries and the sources are made one by one and written
    into ``word/document.xml`` as they come, and each footnote into a spool that becomes
    ``word/footnotes.xml``. With ``withheld`` every part and every piece is audited, and the leaks are
    returned (the caller then discards ``out``). The same stream and cover give the same bytes.
    """
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    annex = Annex.model_validate(_clean(stream.head.model_dump(mode="python")))
    t = translator(annex.language)
    cover = Cover(**{k: xml_safe(v) if v else None for k, v in vars(cover or Cover()).items()})
    doc = Document()
    _metadata(doc, annex, cover, t)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(11)
    lang = OxmlElement("w:lang")  # the proofing language, so spelling and hyphenation follow the annex's
    lang.set(f"{{{W}}}val", LANGUAGE_TAGS.get(annex.language, annex.language))
    normal.element.get_or_add_rPr().append(lang)
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
        _header_footer(section, texts.confidential_banner(t) if annex.confidential_marking else None,
                       WD_ALIGN_PARAGRAPH.CENTER, t)
    body = _Appender(doc)
    _title_page(body, annex, cover, stream.confidential, t)
    body.paragraph().add_run().add_break(WD_BREAK.PAGE)
    m = annex.methodology
    body.heading(t.pgettext("annex", "Methodology"), level=1)
    body.paragraph(m["article_conclusions"])
    for name, text in m["outcomes"].items():
        label = texts.outcome_label(t, name)
        body.paragraph(f"{label[:1].upper()}{label[1:]}: {text}.", style="List Bullet")
    body.paragraph(t.pgettext("annex", "Standards of proof:") + " " + "; ".join(
        f"{texts.proof_label(t, k)}: {v}" for k, v in m["standards_of_proof"].items()) + ".")
    body.paragraph(t.pgettext("annex", "Protection of people:") + " " + m["protection"])
    body.paragraph(m["reliability"])
    body.paragraph(texts.profile_line(t, m["profile"], m["rules"]["count"], m["rules"]["sha256"][:16]))
    body.heading(t.pgettext("annex", "Findings by article of the Convention"), level=1)
    for art in annex.articles:
        heading = t.pgettext("annex", "Article %(number)s: %(title)s") % {"number": art.article, "title": art.title}
        body.heading(f"{heading} ({texts.violation_count(t, art.cases_with_violation)})", level=2)
        body.table((t.pgettext("annex", "Safeguard"), t.pgettext("annex", "Breach"), t.pgettext("annex", "Met"),
                    t.pgettext("annex", "Insufficient information"), t.pgettext("annex", "Contested")),
                   [(line.safeguard, str(line.breach), str(line.met), str(line.insufficient_information),
                     str(line.contested)) for line in art.safeguards])
    body.heading(t.pgettext("annex", "Figures"), level=1)
    chart_title = t.pgettext("annex", "Cases with a breach, by safeguard")
    body.paragraph(chart_title + ":")
    run = body.paragraph().add_run()
    png = breaches_png(annex.figures.breaches_by_safeguard, empty=t.pgettext("annex", "no breaches recorded"))
    shape = run.add_picture(io.BytesIO(png), width=Pt(WORD_WIDTH_PT))
    bars = "; ".join(f"{k}: {v}" for k, v in annex.figures.breaches_by_safeguard.items())
    shape._inline.docPr.set("descr", t.pgettext("annex", "Bar chart of cases with a breach, by safeguard:") + " " +
                            (bars or t.pgettext("annex", "none")))
    f = annex.figures
    columns = texts.figure_columns(t)
    for name, title in texts.figure_titles(t):
        body.heading(title, level=2)
        body.table((columns[name], t.pgettext("annex", "Cases")),
                   [(texts.category_label(t, name, str(k)), str(v)) for k, v in getattr(f, name).items()])
    body.paragraph(texts.activity_line(t, f.complaints_made, f.investigations_opened, f.prosecutions))
    body.heading(t.pgettext("annex", "Case table"), level=1)
    confidential = texts.confidential_word(t)
    if annex.confidential_marking and stream.confidential:
        body.paragraph(t.pgettext("annex", "Cases marked CONFIDENTIAL must not be published or shared with the State."))
    header = (t.pgettext("annex", "Case"), t.pgettext("annex", "Detained"), t.pgettext("annex", "Place"),
              t.pgettext("annex", "Safeguards breached"), t.pgettext("annex", "Investigation"),
              t.pgettext("annex", "Sources"))
    stats = ColumnStats(header)
    for c in stream.cases():
        stats.add(_table_row(_clean_row(c), annex.confidential_marking, t))
    rows = body.table_head(header, stats)
    body.heading(t.pgettext("annex", "Case summaries"), level=1)
    body.mark(_SUMMARIES)
    body.heading(t.pgettext("annex", "Sources cited"), level=1)
    body.mark(_SOURCES)
    with tempfile.TemporaryFile() as spool:  # the footnotes, until document.xml is written
        leaks: list[Leak] = []

        def note(xml: str) -> None:
            if withheld:
                leaks.extend(audit_xml(file_name, "word/footnotes.xml", xml, withheld))
            spool.write(xml.encode("utf-8"))

        notes = Footnotes(citation_style(t), sink=note)
        notes.attach(doc)
        raw = io.BytesIO()
        doc.save(raw)
        skeleton = raw.getvalue()
        if withheld:
            leaks += audit_docx(file_name, skeleton, withheld)

        def piece(element: Any) -> bytes:
            xml = _fragment(element)
            element.getparent().remove(element)
            if withheld:
                leaks.extend(audit_xml(file_name, "word/document.xml", xml, withheld))
            return xml.encode("utf-8")

        def row_pieces() -> Iterator[bytes]:
            for c in stream.cases():
                yield piece(rows.row(_table_row(_clean_row(c), annex.confidential_marking, t)))

        def summary_pieces() -> Iterator[bytes]:
            for c, cited in stream.entries():
                c = _clean_row(c)
                heading = c.label if c.label == c.code else f"{c.label} ({c.code})"
                yield piece(body.heading(heading + (f" - {confidential}" if annex.confidential_marking
                                                    and c.confidential else ""), level=2)._p)
                paragraph = body.paragraph(c.summary)
                for s in cited:
                    notes.cite(paragraph, xml_safe(s.text))
                yield piece(paragraph._p)

        def source_pieces() -> Iterator[bytes]:
            for s in stream.sources():
                yield piece(body.paragraph(f"[{s.number}] {xml_safe(s.text)}")._p)

        def document(xml: bytes) -> Iterator[bytes]:
            for mark, pieces in ((_ROWS, row_pieces), (_SUMMARIES, summary_pieces), (_SOURCES, source_pieces)):
                before, xml = xml.split(mark.encode(), 1)
                yield before
                yield from pieces()
            yield xml

        def footnotes(xml: bytes) -> Iterator[bytes]:
            before, after = xml.split(Footnotes.NOTES_MARK.encode(), 1)
            yield before
            spool.seek(0)
            while chunk := spool.read(1 << 20):
                yield chunk
            yield after

        _deterministic_zip(skeleton, out, {"word/document.xml": document, "word/footnotes.xml": footnotes},
                           big=stream.count >= BIG_CASES)
        return leaks


def _clean_row(c: CaseRow) -> CaseRow:
    return CaseRow.model_validate(_clean(c.model_dump(mode="python")))


def _table_row(c: CaseRow, marking: bool, t: Translator) -> tuple[str, ...]:
    """A case's row of the case table, in ``t``'s language."""
    label = c.label if c.label == c.code else f"{c.label} ({c.code})"
    if marking and c.confidential:
        label += "\n" + texts.confidential_word(t)
    breaches = "\n".join(texts.with_articles(t, name, arts) if arts else name
                         for name, arts in merged_safeguards(c.breaches, t).items())
    unknown = t.pgettext("annex", "unknown")
    return (label, c.apprehended or unknown, c.place or unknown, breaches or t.pgettext("annex", "none shown"),
            c.investigation, " ".join(f"[{n}]" for n in c.sources))


def _etree() -> Any:
    """lxml's etree (python-docx builds on it; it ships no type information)."""
    from importlib import import_module

    return import_module("lxml.etree")


def _fragment(element: Any) -> str:
    """An element's XML as it reads inside the document: without the namespace declarations that the
    document's root makes."""
    text = str(_etree().tostring(element, encoding="unicode"))
    end = text.index(">")
    return _NS_DECL.sub("", text[:end]) + text[end:]


def _metadata(doc: Any, annex: Annex, cover: Cover, t: Translator) -> None:
    """Core properties: the title, the organisation if given, nothing from the machine, fixed dates."""
    core = doc.core_properties
    core.title = annex.title
    core.author = cover.organisation or ""
    core.last_modified_by = ""
    core.comments = ""
    core.keywords = ""
    core.subject = t.pgettext("annex", "Annex to an alternative report to the Committee against Torture")
    core.language = annex.language
    fixed = datetime(2000, 1, 1, tzinfo=UTC)
    core.created = core.modified = core.last_printed = fixed
    core.revision = 1
    package = doc.part.package
    for rid, rel in list(package.rels.items()):  # python-docx's blank template thumbnail
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rid]


def _header_footer(section: Any, banner: str | None, centre: Any, t: Translator) -> None:
    """"Page N of M" in every footer; the confidential ``banner`` in header and footer of a committee annex."""
    from docx.oxml import parse_xml

    if banner:
        for part in (section.header, section.footer):
            p = part.paragraphs[0]
            p.text = banner
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

    before, between, after = _page_words(t)
    if before:
        page.add_run(before)
    field("PAGE")
    page.add_run(between)
    field("NUMPAGES")
    if after:
        page.add_run(after)


def _page_words(t: Translator) -> tuple[str, str, str]:
    """The words around the page number and the page count: ``("Page ", " of ", "")``."""
    text = t.pgettext("annex", "Page {page} of {pages}")
    before, _, rest = text.partition("{page}")
    between, _, after = rest.partition("{pages}")
    return before, between, after


def _title_page(body: _Appender, annex: Annex, cover: Cover, confidential: int, t: Translator) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = [t.pgettext("annex", "Submitted by {organisation}").format(organisation=cover.organisation)
             if cover.organisation else None,
             t.pgettext("annex", "State party: {state}").format(state=cover.state) if cover.state else None,
             t.pgettext("annex", "Committee against Torture, {session}").format(session=cover.session)
             if cover.session else None,
             cover.date]
    body.heading(annex.title, level=0)
    for line in lines:
        if line:
            body.paragraph(line).alignment = WD_ALIGN_PARAGRAPH.LEFT
    m = annex.methodology
    if annex.audience == "public":
        held = t.npgettext("annex", "{n} case(s) withheld as confidential and counted only.",
                           "{n} case(s) withheld as confidential and counted only.",
                           annex.withheld_confidential).format(n=annex.withheld_confidential)
    else:
        marked = confidential
        held = (t.npgettext("annex", "{n} confidential case(s) included, each marked CONFIDENTIAL.",
                            "{n} confidential case(s) included, each marked CONFIDENTIAL.", marked)
                if annex.confidential_marking else
                t.npgettext("annex", "{n} confidential case(s) included.", "{n} confidential case(s) included.",
                            marked)).format(n=marked)
    body.paragraph(f"{texts.cases_count(t, m['cases'])}, {m['period']}. {held}")
    if annex.excluded_invalid:
        body.paragraph(t.npgettext("annex", "{n} case file(s) left out because they did not validate.",
                                   "{n} case file(s) left out because they did not validate.",
                                   annex.excluded_invalid).format(n=annex.excluded_invalid))
    if annex.confidential_marking:
        body.paragraph(texts.confidential_banner(t))


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

    def mark(self, comment: str) -> None:
        """An XML comment where streamed pieces will go."""
        self._append(_etree().Comment(comment.removeprefix("<!--").removesuffix("-->")))

    def table(self, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Any:
        """A grid table whose header row repeats on every page, whose rows never split across pages,
        and whose column widths fit the longest word of each column."""
        stats = ColumnStats(header)
        for values in rows:
            stats.add(values)
        streamed = self.table_head(header, stats, mark=False)
        for values in rows:
            streamed.row(values)
        return streamed.table

    def table_head(self, header: tuple[str, ...], stats: ColumnStats, mark: bool = True) -> _Rows:
        """Such a table with its header row only, laid out for the rows ``stats`` describes; its rows are
        added by :meth:`_Rows.row` (and, with ``mark``, streamed where a comment marks them)."""
        from docx.oxml.table import CT_Tbl
        from docx.shared import Emu, Pt
        from docx.table import Table

        size = TABLE_PT
        widths = stats.fit(self.width_pt, size)
        while widths is None and size > 6:  # too many long words for the page: smaller type, never split words
            size -= 0.5
            widths = stats.fit(self.width_pt, size)
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
        rows = _Rows(table, twips, size, self._style("Table Text"))
        rows.row(header, head=True)
        if mark:
            tbl.append(_etree().Comment(_ROWS.removeprefix("<!--").removesuffix("-->")))
        return rows


class _Rows:
    """Adds rows to a table laid out by :meth:`_Appender.table_head`."""

    def __init__(self, table: Any, twips: list[int], size: float, style_id: str | None) -> None:
        self.table, self.twips, self.size, self.style_id = table, twips, size, style_id

    def row(self, values: Sequence[str], head: bool = False) -> Any:
        """Append a row (a row never splits across pages; the header row repeats on each) and return it."""
        from docx.oxml import OxmlElement
        from docx.shared import Pt

        tr = self.table._tbl.add_tr()
        tr_pr = tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if head:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for w, text in zip(self.twips, values, strict=True):
            tc = tr.add_tc()
            tc.width = Pt(w / 20)
            p = tc.p_lst[0] if tc.p_lst else tc.add_p()
            p.style = self.style_id
            r = p.add_r()
            r.text = _DIGIT_HYPHEN.sub("\u2011", text)  # no line break inside a date
            if head:
                r.get_or_add_rPr().append(OxmlElement("w:b"))
            if self.size != TABLE_PT:
                from docx.text.run import Run

                Run(r, self.table).font.size = Pt(self.size)
        return tr


# The template's extended properties name another application; these name none and count nothing.
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
           b'formats.org/officeDocument/2006/extended-properties"><Application>safeguards</Application>'
           b'<DocSecurity>0</DocSecurity></Properties>')


def _deterministic_zip(data: bytes, out: IO[bytes],
                       pieces: dict[str, Callable[[bytes], Iterator[bytes]]] | None = None, big: bool = False) -> None:
    """Rewrite a .docx into ``out`` with fixed entry times and neutral extended properties, so the same annex
    gives the same bytes; the parts named in ``pieces`` are written from the pieces made from their text."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            make = (pieces or {}).get(info.filename)
            if make is not None:
                with dst.open(entry, "w", force_zip64=big) as fh:
                    for chunk in make(src.read(info.filename)):
                        fh.write(chunk)
                continue
            dst.writestr(entry, APP_XML if info.filename == "docProps/app.xml" else src.read(info.filename))
