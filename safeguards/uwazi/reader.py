"""CSV files of the Uwazi template back to case files (schema version 2).

Only what the cells hold is written: an empty cell leaves the field out (unknown, or the model's default), and
nothing is invented. Every problem is located at ``FILE.csv:ROW:COL``, ROW being the spreadsheet row (the header
is row 1) and COL the column (1 for the first).
"""

from __future__ import annotations

import csv
import io
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from safeguards.message import N_, Message, message_of
from safeguards.model import case as cm
from safeguards.problems import Level, Problem
from safeguards.uwazi.cells import parse_date_cells, parse_flag, split, unguard
from safeguards.uwazi.template import CASE, COUNTRIES, Column, Template

MAX_BYTES = 64 * 1024 * 1024
MAX_CELL = 100_000
# Columns of Uwazi's own CSV export that are not properties of the template.
UWAZI_COMMON = frozenset({"date_added", "template", "documents", "attachments", "published"})
_LANGUAGE = re.compile(r"^[a-z0-9_]+__[a-z]{2,3}$")
_EVENT_MODELS: dict[str, type[BaseModel]] = {
    typing.get_args(m.model_fields["type"].annotation)[0]: m for m in typing.get_args(typing.get_args(cm.Event)[0])}
Where = tuple[str, int, int]  # file, row, column


@dataclass
class Row:
    """One record: its cells by column name, and where each is."""

    path: str
    number: int
    cells: dict[str, str]
    columns: dict[str, int]

    def at(self, name: str) -> Where:
        return (self.path, self.number, self.columns.get(name, 1))

    def get(self, name: str) -> str:
        return self.cells.get(name, "")


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    found: bool = True


def header_name(header: str) -> str:
    """A header as Uwazi names a property from its label: lower case, anything but a-z0-9 as ``_``."""
    return re.sub(r"[^a-z0-9]", "_", header.strip().lower())


def _locate_offset(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_table(path: Path, template: Template, problems: list[Problem]) -> Table:
    """The rows of one CSV file; problems (unreadable, not UTF-8, bad header) are appended to ``problems``."""
    name = str(path)
    if not path.is_file():
        return Table(found=False)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        problems.append(Problem(name, 0, 0, Level.ERROR, "too-large",
                                N_("the file has {size} bytes, more than {limit}", size=len(raw), limit=MAX_BYTES),
                                N_("split the export")))
        return Table()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = raw[:exc.start].decode("utf-8", "replace")
        line, col = _locate_offset(head, len(head))
        problems.append(Problem(name, line, col, Level.ERROR, "not-utf8",
                                N_("byte 0x{byte:02x} is not UTF-8", byte=raw[exc.start]),
                                N_("save the file as CSV UTF-8")))
        return Table()
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line, col = _locate_offset(text, text.index("\x00"))
        problems.append(Problem(name, line, col, Level.ERROR, "nul-byte", N_("the file holds a NUL character"),
                                N_("save the file as CSV UTF-8")))
        return Table()
    # Cells longer than MAX_CELL are reported one by one below; the csv module's own limit would stop the file.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        table = _rows(name, list(records), template, problems)
    except csv.Error as exc:
        problems.append(Problem(name, records.line_num, 1, Level.ERROR, "csv-syntax",
                                N_("not a CSV file: {error}", error=str(exc)),
                                N_("save the file as CSV (comma-separated, UTF-8)")))
        return Table()
    return table


def _rows(name: str, records: list[list[str]], template: Template, problems: list[Problem]) -> Table:
    if not records:
        problems.append(Problem(name, 1, 1, Level.ERROR, "csv-empty", N_("the file has no header row"),
                                N_("export it again with safeguards uwazi export")))
        return Table()
    known = set(template.headers())
    headers = [header_name(h) for h in records[0]]
    columns: dict[str, int] = {}
    for i, h in enumerate(headers, 1):
        if h in columns:
            problems.append(Problem(name, 1, i, Level.ERROR, "csv-duplicate-column",
                                    N_("column {column!r} appears twice", column=h), N_("remove one of them")))
        elif h in known:
            columns[h] = i
        elif h not in UWAZI_COMMON and h:
            why = N_("a translation column, not read") if _LANGUAGE.match(h) else \
                N_("not a property of the template")
            problems.append(Problem(name, 1, i, Level.WARNING, "csv-unknown-column",
                                    N_("column {column!r} is {why}", column=h, why=why),
                                    N_("see docs/uwazi.md for the template's columns")))
    for required in ("title", "case_id") if template is CASE else ("case_id",):
        if required not in columns:
            problems.append(Problem(name, 1, len(headers) + 1, Level.ERROR, "csv-missing-column",
                                    N_("column {column!r} is missing", column=required),
                                    N_("see docs/uwazi.md for the template's columns")))
            return Table()
    table = Table()
    for number, record in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in record):
            continue
        for extra in range(len(headers), len(record)):
            if record[extra].strip():
                problems.append(Problem(name, number, extra + 1, Level.ERROR, "csv-extra-cell",
                                        N_("a cell beyond the last column"), N_("remove it or add a header")))
        cells: dict[str, str] = {}
        for h, i in columns.items():
            cell = record[i - 1] if i - 1 < len(record) else ""
            if len(cell) > MAX_CELL:
                problems.append(Problem(name, number, i, Level.ERROR, "csv-cell-too-long",
                                        N_("the cell has {size} characters, more than {limit}", size=len(cell),
                                           limit=MAX_CELL), N_("shorten it")))
                cell = ""
            cells[h] = unguard(cell)
        table.rows.append(Row(name, number, cells, columns))
    return table


def _why(exc: ValueError) -> str:
    """A reason a cell cannot be read, translatable: ours, or one of the case model's (safeguards.schema_errors)."""
    from safeguards.schema_errors import reason

    found = message_of(exc)
    return found if isinstance(found, Message) else reason(found)


class CellError(ValueError):
    """A cell that cannot be read, and where it is."""

    def __init__(self, where: Where, message: str, hint: str = N_("see docs/uwazi.md")) -> None:
        super().__init__(message)
        self.where, self.hint, self.message = where, hint, message


def _values_of(column: Column, cell: str, where: Where) -> list[str]:
    values = split(cell) if column.kind == "multiselect" else [cell.strip()]
    if column.values and column.thesaurus != COUNTRIES:
        for v in values:
            if v not in column.values:
                shown = ", ".join(column.values[:12]) + (", ..." if len(column.values) > 12 else "")
                raise CellError(where, N_("{value!r} is not a value of the thesaurus {thesaurus}", value=v,
                                          thesaurus=column.thesaurus), N_("use one of: {values}", values=shown))
    return values


def decode(column: Column, row: Row) -> Any:
    """The value of ``column`` in ``row``: None for an empty cell; ``CellError`` when it cannot be read."""
    where = row.at(column.name)
    if column.kind == "date":
        a, b, c = (row.get(h) for h in column.headers())
        try:
            return parse_date_cells(a, b, c)
        except ValueError as exc:
            raise CellError(where, _why(exc), N_("write the date as YYYY-MM-DD, its precision as year, month, "
                                                       "day or minute, and the time of day as HH:MM")) from exc
    cell = row.get(column.name)
    if not cell.strip():
        return None
    kind = column.kind
    try:
        if kind in ("text", "markdown"):
            return cell
        if kind == "id":
            return cell.strip()
        if kind in ("ids", "list"):
            return split(cell)
        if kind == "link":
            return cell.rpartition("|")[2].strip()  # Uwazi exports a link as label|url
        if kind == "flag":
            return parse_flag(cell)
        if kind == "numeric":
            text = cell.strip()
            return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
        if kind == "citations":
            out: list[Any] = []
            for item in split(cell):
                sid, _, role = item.partition(":")
                out.append({"source": sid, "as": role} if role else sid)
            return out
        values = _values_of(column, cell, where)
        typed = [int(v) if column.values and column.values[0].isdigit() else v for v in values]
        return typed if kind == "multiselect" else typed[0]
    except CellError:
        raise
    except ValueError as exc:
        raise CellError(where, N_("{column}: {reason}", column=column.name, reason=_why(exc))) from exc
