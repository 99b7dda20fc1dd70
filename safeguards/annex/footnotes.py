"""Real Word footnotes for python-docx documents.

python-docx has no footnote API; this adds the ``word/footnotes.xml`` part (with the two
separator footnotes Word expects) through python-docx's OPC layer, and inserts
``w:footnoteReference`` runs. LibreOffice and Word show them as ordinary footnotes.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class Footnotes:
    """Collects footnote texts while the document is written, then adds the part."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def reference(self, paragraph: Any, text: str) -> int:
        """Append a superscript footnote reference to ``paragraph``; the footnote says ``text``."""
        from docx.oxml import parse_xml

        self.texts.append(text)
        number = len(self.texts)
        run = parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                        f'<w:footnoteReference w:id="{number}"/></w:r>')
        paragraph._p.append(run)
        return number

    def attach(self, document: Any) -> None:
        """Add the footnotes part to ``document`` (call once, before saving)."""
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                 '</w:r></w:p></w:footnote>']
        for number, text in enumerate(self.texts, 1):
            notes.append(f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
                         f'</w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
                         f'<w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>')
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">' + \
            "".join(notes) + "</w:footnotes>"
        part = Part(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, xml.encode("utf-8"), document.part.package)
        document.part.relate_to(part, RT_FOOTNOTES)
