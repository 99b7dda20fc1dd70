"""CSV cells: formula guarding, multi-value cells, flags, and dates with their precision in a column of their own."""

from __future__ import annotations

import re

from safeguards.message import N_
from safeguards.model.timepoint import parse_time

SEPARATOR = "|"  # Uwazi's multi-value separator
# A cell a spreadsheet would run as a formula starts with one of these; a leading quote is guarded too, so that
# unguarding on import is exact ("'=x" as written by a person comes back as "'=x").
_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")
YES, NO = "yes", "no"
PRECISIONS = ("year", "month", "day", "minute")
_TIME = re.compile(r"^\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?$")


def guard(cell: str) -> str:
    """``cell`` as written to the CSV: prefixed with ``'`` when a spreadsheet would run it as a formula."""
    return "'" + cell if cell.startswith(_GUARDED) else cell


def unguard(cell: str) -> str:
    """The value of a cell written by ``guard``."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_GUARDED) else cell


def join(values: list[str]) -> str:
    """Values of a multi-value cell; raises ``ValueError`` when a value holds the separator."""
    for value in values:
        if SEPARATOR in value:
            raise ValueError(N_("the value {value!r} contains {separator!r}, Uwazi's separator of multiple values",
                                value=value, separator=SEPARATOR))
    return SEPARATOR.join(values)


def split(cell: str) -> list[str]:
    """The values of a multi-value cell, empty ones dropped."""
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def flag(value: bool | None) -> str:
    return "" if value is None else (YES if value else NO)


def parse_flag(cell: str) -> bool:
    low = cell.strip().lower()
    if low in (YES, "true", "1"):
        return True
    if low in (NO, "false", "0"):
        return False
    raise ValueError(N_("{cell!r} is not yes or no", cell=cell))


def date_cells(time: str | None) -> tuple[str, str, str]:
    """A case-file time as Uwazi cells: the date (YYYY-MM-DD, the first day of a month or year known only to
    that precision), its precision (year, month, day, minute) and the time of day with its offset, if known."""
    if not time:
        return "", "", ""
    p = parse_time(time)
    date = f"{p.year:04d}-{p.month or 1:02d}-{p.day or 1:02d}"
    clock = ""
    if p.hour is not None:
        clock = time.partition("T")[2] or time.partition(" ")[2]
    return date, p.precision.value, clock


def parse_date_cells(date: str, precision: str, clock: str) -> str | None:
    """The case-file time that the three cells give, or None when all are empty; ``ValueError`` with a reason."""
    date, precision, clock = date.strip(), precision.strip().lower(), clock.strip()
    if not date:
        if precision or clock:
            raise ValueError(N_("a precision or time of day is given without a date"))
        return None
    if "T" in date or " " in date:  # a full time in the date cell
        if clock:
            raise ValueError(N_("the date cell has a time of day and so does the time cell"))
        date, _, clock = date.replace(" ", "T", 1).partition("T")
    m = re.fullmatch(r"(\d{4})(?:[-/](\d{2})(?:[-/](\d{2}))?)?", date)
    if not m:
        raise ValueError(N_("{date!r} is not a date: write YYYY-MM-DD", date=date))
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not precision:
        precision = "minute" if clock else "day" if day else "month" if month else "year"
    if precision not in PRECISIONS:
        raise ValueError(N_("{precision!r} is not a precision: use year, month, day or minute", precision=precision))
    if clock and precision != "minute":
        raise ValueError(N_("a time of day is given but the precision is {precision}", precision=precision))
    if precision == "minute" and not clock:
        raise ValueError(N_("the precision is minute but no time of day is given"))
    if clock and not _TIME.match(clock):
        raise ValueError(N_("{clock!r} is not a time of day: write HH:MM, with an optional offset such as +06:00",
                            clock=clock))
    need = {"year": 0, "month": 1, "day": 2, "minute": 2}[precision]
    parts = [year, month, day]
    if any(part is None for part in parts[:need + 1]):
        raise ValueError(N_("the date {date!r} is less precise than its precision, {precision}", date=date,
                            precision=precision))
    text = "-".join(str(part) for part in parts[:need + 1])
    if clock:
        text += "T" + clock
    parse_time(text)
    return text
