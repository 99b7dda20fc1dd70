"""Times as analysts know them: exact, to the day, to the month, or to the year.

A time is never widened into false precision. ``2007-03`` is the whole of
March 2007; the engine compares intervals and decides a duration only when
every instant the two intervals allow gives the same answer.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_PATTERN = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$"
)

# The last year whose intervals (a year, widened by "approximate", in any zone) stay within what
# Python's datetime can hold; later years are refused as values, not as a crash.
MAX_YEAR = 9998
SYNTAX_HINT = "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM with an optional offset such as +06:00"

# How far "approximate" widens a time on each side, by precision. A documented
# project convention (docs/case-files.md), not a legal standard.
APPROX_WIDENING = {"minute": timedelta(hours=2), "day": timedelta(days=1)}


class Precision(str, Enum):
    """How precisely a time is known."""

    MINUTE = "minute"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Parsed:
    """A syntactically valid time, before a time zone is applied."""

    year: int
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    second: int | None
    offset_minutes: int | None

    @property
    def precision(self) -> Precision:
        if self.hour is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR


@dataclass(frozen=True)
class Interval:
    """The instants a recorded time allows, as UTC epoch seconds ``[start, end)``."""

    start: float
    end: float
    precision: Precision
    approximate: bool

    @property
    def exact(self) -> bool:
        return self.precision is Precision.MINUTE and not self.approximate


def parse_time(text: str) -> Parsed:
    """Check the syntax and calendar validity of a time string; raise ``ValueError`` with a reason."""
    m = _PATTERN.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a time: {SYNTAX_HINT}")
    year = int(m["y"])
    month = int(m["m"]) if m["m"] else None
    day = int(m["d"]) if m["d"] else None
    hour = int(m["H"]) if m["H"] else None
    minute = int(m["M"]) if m["M"] else None
    second = int(m["S"]) if m["S"] else None
    if year < 1900:
        raise ValueError(f"year {year} is before 1900")
    if year > MAX_YEAR:
        raise ValueError(f"year {year} is after {MAX_YEAR}, the last year a time can be computed in")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} does not exist")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"day {day:02d} does not exist in {year}-{month:02d} (it has {last} days)")
    if hour is not None and not 0 <= hour <= 23:
        raise ValueError(f"hour {hour:02d} does not exist (00-23)")
    if minute is not None and not 0 <= minute <= 59:
        raise ValueError(f"minute {minute:02d} does not exist (00-59)")
    if second is not None and not 0 <= second <= 59:
        raise ValueError(f"second {second:02d} does not exist (00-59)")
    offset = None
    tz = m["tz"]
    if tz:
        if tz == "Z":
            offset = 0
        else:
            sign = -1 if tz[0] == "-" else 1
            oh, om = int(tz[1:3]), int(tz[4:6])
            if oh > 14 or om > 59 or (oh == 14 and om):
                raise ValueError(f"offset {tz} is out of range (-14:00 to +14:00)")
            offset = sign * (oh * 60 + om)
    return Parsed(year, month, day, hour, minute, second, offset)


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises ``ValueError`` when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a tzdata folder, e.g. 'America'
        raise ValueError(f"unknown time zone {name!r}: use an IANA name such as Asia/Almaty") from exc


def _local(p: Parsed, tzname: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0,
           second: int = 0) -> datetime:
    if p.offset_minutes is not None:
        tzinfo: timezone | ZoneInfo = timezone(timedelta(minutes=p.offset_minutes))
    else:
        tzinfo = zone(tzname)
    return datetime(year, month, day, hour, minute, second, tzinfo=tzinfo)


@lru_cache(maxsize=8192)
def interval(text: str, tzname: str, approximate: bool = False) -> Interval:
    """The interval of instants that ``text`` allows in the zone ``tzname`` (memoised: validation,
    derivation and the report's timeline all ask for the same times)."""
    try:
        return _interval(parse_time(text), tzname, approximate)
    except OverflowError as exc:  # guarded by MAX_YEAR; kept so no time can crash a run
        raise ValueError(f"{text!r} is out of the range of times that can be computed") from exc


def _interval(p: Parsed, tzname: str, approximate: bool) -> Interval:
    prec = p.precision
    if prec is Precision.YEAR:
        start = _local(p, tzname, p.year, 1, 1)
        end = _local(p, tzname, p.year + 1, 1, 1)
    elif prec is Precision.MONTH:
        assert p.month is not None
        start = _local(p, tzname, p.year, p.month, 1)
        ny, nm = (p.year + 1, 1) if p.month == 12 else (p.year, p.month + 1)
        end = _local(p, tzname, ny, nm, 1)
    elif prec is Precision.DAY:
        assert p.month is not None and p.day is not None
        start = _local(p, tzname, p.year, p.month, p.day)
        end = start + timedelta(days=1)
    else:
        assert p.month is not None and p.day is not None and p.hour is not None and p.minute is not None
        start = _local(p, tzname, p.year, p.month, p.day, p.hour, p.minute, p.second or 0)
        end = start + timedelta(minutes=1)
    if approximate:
        widen = APPROX_WIDENING.get(prec.value, timedelta(0))
        start, end = start - widen, end + widen
    return Interval(start.timestamp(), end.timestamp(), prec, approximate)
