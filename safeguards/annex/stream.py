"""The annex as a stream: its head (every count and figure) and its cases and sources, read in order as
often as a writer needs them, so that a writer holds one case at a time.

An annex built in memory (:func:`from_annex`) and one read from a database (``safeguards.db.annex``)
go through the same writers, so they give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from safeguards.annex.model import Annex, CaseRow, SourceEntry
from safeguards.publish.audit import Leak, audit_text
from safeguards.publish.withheld import Withheld

Entry = tuple[CaseRow, list[SourceEntry]]  # a case row and the sources it cites, in the order it cites them


@dataclass(frozen=True)
class AnnexStream:
    """An annex whose cases and sources are read on demand."""

    head: Annex  # every field of the annex, with ``cases`` and ``sources`` empty
    entries: Callable[[], Iterator[Entry]]  # the cases in annex order, each with its sources
    sources: Callable[[], Iterator[SourceEntry]]  # every source cited, by number
    count: int  # cases
    confidential: int  # cases marked confidential

    def cases(self) -> Iterator[CaseRow]:
        for row, _ in self.entries():
            yield row


def from_annex(annex: Annex) -> AnnexStream:
    """The stream of an annex held in memory."""
    by_number = {s.number: s for s in annex.sources}
    return AnnexStream(head=annex.model_copy(update={"cases": [], "sources": []}),
                       entries=lambda: ((c, [by_number[n] for n in c.sources]) for c in annex.cases),
                       sources=lambda: iter(annex.sources), count=len(annex.cases),
                       confidential=sum(c.confidential for c in annex.cases))


class Again:
    """An iterable that starts afresh each time it is iterated (a template may loop over the cases twice)."""

    def __init__(self, make: Callable[[], Iterator[Any]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Any]:
        return self._make()


class TemplateView:
    """The annex as the templates read it: the head's fields, with the cases and sources streamed."""

    def __init__(self, stream: AnnexStream) -> None:
        self._stream = stream

    @property
    def cases(self) -> Again:
        return Again(self._stream.cases)

    @property
    def sources(self) -> Again:
        return Again(self._stream.sources)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream.head, name)


class AuditedText:
    """Text written in pieces to a binary file, every line of it audited for withheld names on the way.

    Lines are audited in blocks, each block with the end of the one before it (its last line, at most
    :attr:`OVERLAP` characters), so a name broken across two blocks is still seen. The caller discards
    the file when :attr:`leaks` is not empty.
    """

    BLOCK = 256 * 1024
    OVERLAP = 1024  # characters of the previous block audited again with the next (longer than any name)

    def __init__(self, name: str, out: IO[bytes], withheld: Withheld | None) -> None:
        self.name, self.out, self.withheld = name, out, withheld
        self.leaks: list[Leak] = []
        self._pending: list[str] = []
        self._size = 0
        self._carry = ""  # the last line audited, kept for the next block
        self._line = 0  # lines audited before the carried one

    def write(self, text: str) -> None:
        self._pending.append(text)
        self._size += len(text)
        if self._size >= self.BLOCK:
            self._flush(final=False)

    def close(self) -> None:
        self._flush(final=True)

    def _flush(self, final: bool) -> None:
        text = "".join(self._pending)
        cut = len(text) if final else text.rfind("\n") + 1
        if cut == 0:  # one very long line (a list written without line breaks): audited in pieces, overlapping
            cut = len(text)
        block, rest = text[:cut], text[cut:]
        self._pending, self._size = ([rest] if rest else []), len(rest)
        self.out.write(block.encode("utf-8"))
        seen = self._carry + block
        first = self._line - self._carry.count("\n")  # line breaks written before the first line of ``seen``
        if self.withheld and self.withheld.hits(seen):
            for leak in audit_text(self.name, seen, self.withheld):
                where = f"line {int(leak.where[5:]) + first}" if leak.where.startswith("line ") else leak.where
                self.leaks.append(Leak(leak.file, where, leak.form))
        self._line += block.count("\n")
        start = max(block.rfind("\n", 0, len(block) - 1) + 1, len(block) - self.OVERLAP)
        self._carry = block[start:]
