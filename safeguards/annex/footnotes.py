"""Real Word footnotes for python-docx documents, with a short form for a source cited again.

python-docx has no footnote API; this adds the ``word/footnotes.xml`` part (with the two
separator footnotes Word expects) through python-docx's OPC layer, and inserts
``w:footnoteReference`` runs. Word and LibreOffice number the notes themselves, so each note
shows one number. A source cited a second time gets a short note pointing back to the first, in the
annex's language: ``Amnesty International (2013), n. 3``; in Russian, as Russian legal writing cites,
``Amnesty International (2013), см. сноску 3``, and ``Там же.`` when the note just before cites the
same source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from safeguards.annex.layout import xml_safe

if TYPE_CHECKING:
    from safeguards.i18n import Translator

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
NOTE_TEXT, NOTE_MARK = "FootnoteText", "FootnoteReference"  # style ids the Word writer defines
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

# The annex writes a source as: publisher, date, "title", citation, url (reliability B2).
_AUTHOR_YEAR = re.compile(r'^(?P<author>[^",(]+?)(?: \([^)]*\))?, (?P<year>\d{4})(?:-\d\d){0,2}(?:, |$)')
_AUTHOR_TITLE = re.compile(r'^(?P<author>[^",(]+?)(?: \([^)]*\))?, "(?P<title>[^"]+)"')
_TITLE = re.compile(r'^(?:\d{4}(?:-\d\d){0,2}, )?"(?P<title>[^"]+)"')


@dataclass(frozen=True)
class CitationStyle:
    """How a note cites a source again: ``again`` with ``{short}`` and ``{number}``; ``ibid`` (or None) when the
    note just before cites it; ``grade`` starts the reliability grade that a short form leaves out."""

    again: str = "{short}, n. {number}."
    ibid: str | None = None
    grade: str = " (reliability"


# Languages whose legal writing cites a source repeated from the note just before as "ibid." ("там же");
# the English annex keeps the "n." form throughout, as NGO annexes to the Committee usually do.
IBID_LANGS = frozenset({"ru", "kk"})


def citation_style(t: Translator) -> CitationStyle:
    """The citation style of ``t``'s language."""
    from safeguards.annex.texts import grade_marker

    ibid = t.pgettext("annex:footnote", "Ibid.") if t.lang in IBID_LANGS else None
    return CitationStyle(t.pgettext("annex:footnote", "{short}, n. {number}."), ibid, grade_marker(t).rstrip())


def short_form(text: str, grade: str = " (reliability") -> str:
    """The short citation of a source: ``Amnesty International (2013)``, else author and title, else the title."""
    if m := _AUTHOR_YEAR.match(text):
        return f"{m['author']} ({m['year']})"
    if m := _AUTHOR_TITLE.match(text):
        return f'{m["author"]}, "{_clip(m["title"])}"'
    if m := _TITLE.match(text):
        return f'"{_clip(m["title"])}"'
    return _clip(text.split(grade)[0])


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class Footnotes:
    """Collects footnote texts while the document is written, then adds the part."""

    NOTES_MARK = "<!--safeguards:notes-->"  # where streamed notes go in the part (see ``sink``)

    def __init__(self, style: CitationStyle | None = None, sink: Callable[[str], None] | None = None) -> None:
        """``style``: how a source cited again is written (the annex's language). ``sink``: called with the XML
        of each note as it is made, instead of keeping the notes (the part then holds :attr:`NOTES_MARK` where
        they go), so that a long annex's notes need not be held."""
        self.texts: list[str] = []
        self.first: dict[str, int] = {}
        self.style = style or CitationStyle()
        self.last: str | None = None
        self.count = 0
        self.sink = sink

    def cite(self, paragraph: Any, source: str) -> int:
        """Cite ``source`` (its full text) at the end of ``paragraph``: in full the first time, short after."""
        previous, self.last = self.last, source
        if source in self.first:
            if self.style.ibid is not None and previous == source:
                return self.reference(paragraph, self.style.ibid)
            short = short_form(source, self.style.grade)
            return self.reference(paragraph, self.style.again.format(short=short, number=self.first[source]))
        number = self.reference(paragraph, source.rstrip(".") + ".")
        self.first[source] = number
        return number

    def reference(self, paragraph: Any, text: str) -> int:
        """Append a footnote reference to ``paragraph``; the footnote says ``text``. Marks that follow each
        other are separated by a superscript comma, so two notes never read as one number."""
        from docx.oxml import parse_xml

        self.count += 1
        number = self.count
        if self.sink is None:
            self.texts.append(xml_safe(text))
        else:
            self.sink(note_xml(number, xml_safe(text)))
        last = paragraph._p[-1] if len(paragraph._p) else None
        superscript = '<w:vertAlign w:val="superscript"/>'
        if last is not None and last.find(f"{{{W}}}footnoteReference") is not None:
            paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr>{superscript}</w:rPr><w:t>,</w:t></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:rStyle w:val="{NOTE_MARK}"/>{superscript}</w:rPr>'
                                      f'<w:footnoteReference w:id="{number}"/></w:r>'))
        return number

    def attach(self, document: Any) -> None:
        """Add the footnotes part to ``document`` (call once, before saving)."""
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                 '</w:r></w:p></w:footnote>']
        notes += [note_xml(number, text) for number, text in enumerate(self.texts, 1)]
        if self.sink is not None:
            notes.append(self.NOTES_MARK)
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">' + \
            "".join(notes) + "</w:footnotes>"
        part = Part(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, xml.encode("utf-8"), document.part.package)
        document.part.relate_to(part, RT_FOOTNOTES)


def note_xml(number: int, text: str) -> str:
    """The XML of footnote ``number`` saying ``text`` (already safe for XML)."""
    return (f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{NOTE_TEXT}"/>'
            f'<w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:rStyle w:val="{NOTE_MARK}"/>'
            f'<w:sz w:val="18"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
            f'<w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>')
