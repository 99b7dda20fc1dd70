"""Text measures for laying out the Word annex: column widths that fit their words, text safe for XML."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Advance widths of printable ASCII in thousandths of an em, of DejaVu Serif: what LibreOffice uses where
# Times New Roman is missing, and wider than Times, so widths that fit DejaVu fit Times too.
_ASCII = (318, 402, 460, 838, 636, 950, 890, 275, 390, 390, 500, 838, 318, 338, 318, 337, 636, 636, 636, 636, 636,
          636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 536, 1000, 722, 735, 765, 802, 730, 694, 799, 872, 395,
          401, 747, 664, 1024, 875, 820, 673, 820, 753, 685, 667, 843, 722, 1028, 712, 660, 695, 390, 337, 390, 838,
          500, 500, 596, 640, 560, 640, 592, 370, 640, 644, 320, 310, 606, 320, 948, 644, 602, 640, 640, 478, 513,
          402, 644, 565, 856, 564, 565, 527, 636, 337, 636, 838)
_OTHER_UPPER, _OTHER_LOWER = 1.0, 0.85  # Cyrillic and other letters: on the wide side of their alphabet
_BOLD, _SPARE = 1.15, 1.03
# where a line may break: spaces, and after a hyphen that does not join two digits (dates are kept whole)
_BREAK = re.compile(r"\s+|(?<=[^\d\s]-)(?=\S)|(?<=-)(?=[^\d\s])")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                      "|[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CELL_PADDING_PT = 12.0
SAMPLE = 300  # rows measured when sharing out the width  # left and right cell margins together, with room to spare


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids (control characters from YAML escapes), and the C1 controls
    and bidirectional overrides that could disguise it, replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _em(c: str) -> float:
    if " " <= c <= "~":
        return _ASCII[ord(c) - 32] / 1000
    base = unicodedata.normalize("NFD", c)[0]
    if " " <= base <= "~":
        return _ASCII[ord(base) - 32] / 1000
    return _OTHER_UPPER if c.isupper() else _OTHER_LOWER


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """An upper estimate of the printed width of ``text`` in points."""
    return sum(_em(c) for c in text) * size_pt * (_BOLD if bold else 1.0) * _SPARE


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line cannot break inside."""
    return [w for w in _BREAK.split(text) if w]


SIZES = tuple(9.0 - 0.5 * i for i in range(7))  # the type sizes a table may be set in, 9 pt down to 6 pt


def _em_sum(text: str) -> float:
    return sum(_em(c) for c in text)


class ColumnStats:
    """What laying out a table needs of its rows, gathered one row at a time (a table of any length lays out
    in constant memory): each column's longest word and, for each type size, the summed width of its cells."""

    def __init__(self, header: Sequence[str]) -> None:
        self.header = tuple(header)
        self.longest_head = [max((_em_sum(w) for w in words(h)), default=None) for h in header]
        self.longest_cell: list[float | None] = [None] * len(header)
        self.totals = {size: [0.0] * len(header) for size in SIZES}
        self.rows = 0

    def add(self, row: Sequence[str]) -> None:
        if len(row) != len(self.header):
            raise ValueError("a row has more or fewer cells than the header")
        self.rows += 1
        for j, cell in enumerate(row):
            longest = max((_em_sum(w) for line in cell.splitlines() for w in words(line)), default=None)
            current = self.longest_cell[j]
            if longest is not None and (current is None or longest > current):
                self.longest_cell[j] = longest
            for size, totals in self.totals.items():
                totals[j] += text_width(cell, size)

    def fit(self, total_pt: float, size_pt: float) -> list[float] | None:
        """Column widths (points, summing to ``total_pt``) in which no word has to be split, or None if none exist.

        Every column is at least as wide as its longest word (the header in bold); beyond that, widths
        follow the amount of text in each column, so a long column gets room and a column of dates
        stays narrow.
        """
        minimum = []
        for head, cell in zip(self.longest_head, self.longest_cell, strict=True):
            widths = [] if head is None else [head * size_pt * _BOLD * _SPARE]
            widths += [] if cell is None else [cell * size_pt * 1.0 * _SPARE]
            minimum.append(max(widths, default=0.0) + CELL_PADDING_PT)
        if sum(minimum) > total_pt:
            return None
        # A row's cells are equally tall when each column's width is in proportion to its text, so that is
        # the aim; a column whose share is below its longest word keeps that word's width and the others
        # share the rest in the same proportion (water-filling).
        demand = [total / max(1, self.rows) + 1.0 for total in self.totals[size_pt]]
        fixed: set[int] = set()
        while True:
            free = [j for j in range(len(minimum)) if j not in fixed]
            if not free:
                return [m * total_pt / sum(minimum) for m in minimum]
            room = total_pt - sum(minimum[j] for j in fixed)
            weight = sum(demand[j] for j in free)
            widths = [minimum[j] if j in fixed else room * demand[j] / weight for j in range(len(minimum))]
            short = [j for j in free if widths[j] < minimum[j]]
            if not short:
                return widths
            fixed.update(short)


def fit_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total_pt: float,
               size_pt: float) -> list[float] | None:
    """Column widths (points, summing to ``total_pt``) in which no word has to be split, or None if none exist
    (see :meth:`ColumnStats.fit`)."""
    stats = ColumnStats(header)
    for row in rows:
        stats.add(row)
    if size_pt not in stats.totals:
        stats.totals[size_pt] = [sum(text_width(row[j], size_pt) for row in rows) for j in range(len(header))]
    return stats.fit(total_pt, size_pt)
