"""Time bounds arithmetic: when something happened, as far as the record allows, and the span between two times.

A recorded time is an interval of instants (``safeguards.model.timepoint``). ``When.lo`` is the earliest
instant it allows and ``When.hi`` the latest (equal for an exact time); either is ``None`` when unknown.
Durations are given as bounds ``(low, high)``: every true value the records allow lies between them.
The engine and the report timeline both use these functions, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeguards.model.timepoint import interval

HOUR = 3600.0
DAY = 86400.0


@dataclass(frozen=True)
class When:
    """Bounds on an instant, in epoch seconds; ``None`` when the record does not bound it."""

    lo: float | None = None
    hi: float | None = None

    @property
    def known(self) -> bool:
        return self.lo is not None and self.hi is not None


UNKNOWN = When()


def when(text: str | None, tz: str, approximate: bool = False) -> When:
    """The bounds a recorded time allows (an exact time gives ``lo == hi``)."""
    if text is None:
        return UNKNOWN
    iv = interval(text, tz, approximate)
    return When(iv.start, iv.start if iv.exact else iv.end)


def span(a: When, b: When, unit: float) -> tuple[float, float] | None:
    """Bounds on ``b - a`` in ``unit``; an unknown lower bound of ``b`` counts as "as early as ``a``"."""
    if a.lo is None or a.hi is None or b.hi is None:
        return None
    low = 0.0 if b.lo is None else max(0.0, (b.lo - a.hi) / unit)
    high = max(0.0, (b.hi - a.lo) / unit)
    return (round(low, 2), round(high, 2))


def before(a: When, b: When) -> bool | None:
    """Whether ``a`` is at or before ``b``: ``None`` when the bounds overlap."""
    if a.hi is not None and b.lo is not None and a.hi <= b.lo:
        return True
    if a.lo is not None and b.hi is not None and a.lo > b.hi:
        return False
    return None


def earliest(times: list[When]) -> When:
    """Bounds on the earliest of several instants (``lo`` unknown if any of them may be earlier)."""
    his = [t.hi for t in times if t.hi is not None]
    los = [t.lo for t in times]
    lo = None if not times or any(x is None for x in los) else min(x for x in los if x is not None)
    return When(lo, min(his) if his else None)
