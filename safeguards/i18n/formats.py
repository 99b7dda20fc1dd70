"""Dates, numbers and hour ranges written the way a locale writes them (Babel's CLDR data)."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton, format_time, get_datetime_format
from babel.numbers import format_decimal

Precision = Literal["year", "month", "day", "minute"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day", "minute")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2}))?)?)?")


def format_date(iso: str, precision: str, locale: Locale) -> str:
    """ISO date text known to ``precision`` as the locale writes it: ``2022-03-12`` -> "12 марта 2022 г."

    Only what the precision says is known is printed; a time is shown as written, not converted.
    """
    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; expected one of {', '.join(PRECISIONS)}")
    m = _ISO.match(iso.strip())
    needed = PRECISIONS.index(precision) + 1 + (precision == "minute")
    if m is None or sum(g is not None for g in m.groups()) < needed:
        raise ValueError(f"{iso!r} does not give a {precision}")
    year, month, day, hour, minute = (int(g) if g is not None else 1 for g in m.groups())
    d = date(year, month, day)
    if precision == "year":
        return format_skeleton("y", d, locale=locale)
    if precision == "month":
        return format_skeleton("yMMMM", d, locale=locale)
    text = _babel_date(d, "long", locale=locale)
    if precision == "day":
        return text
    clock = format_time(time(hour, minute), "short", locale=locale)
    pattern = str(get_datetime_format("medium", locale=locale)).replace("'", "")
    return pattern.replace("{1}", text).replace("{0}", clock)


def format_number(x: float, digits: int, locale: Locale, *, trim: bool = False) -> str:
    """``x`` with ``digits`` decimals (fewer if ``trim`` and they are zeros), in the locale's separators."""
    if digits < 0:
        raise ValueError("digits must be 0 or more")
    pattern = "#,##0" + ("." + ("#" if trim else "0") * digits if digits else "")
    return str(format_decimal(round(x, digits), format=pattern, locale=locale))
