"""Re-identification check for public annexes, in the spirit of k-anonymity.

A pseudonym protects no one if the case is the only one with its place, date,
age, sex and context: anyone who knows the events can recognise it. For each
pseudonymised case, count the published cases that share its quasi-identifiers;
when fewer than ``k`` do, warn and name the coarsenings (date to month, place to
region, age to an age group) that would bring it into a group of ``k``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from safeguards.message import N_, Message

QUASI = ("place", "date", "age", "sex", "context")
COARSEN = {"date": N_("the month instead of day"), "place": N_("the region instead of locality"),
           "age": N_("the age group instead of age")}


@dataclass(frozen=True)
class Quasi:
    """What an outsider could match a published case against."""

    case: str
    pseudonymised: bool
    locality: str | None
    region: str | None
    day: str | None
    age: int | None
    sex: str
    context: str | None

    def key(self, coarse: frozenset[str]) -> tuple[object, ...]:
        place = self.region if "place" in coarse else (self.locality or self.region)
        date = (self.day or "")[:7] if "date" in coarse else self.day
        age: object = _age_group(self.age) if "age" in coarse else self.age
        return (place, date, age, self.sex, self.context)


def _age_group(age: int | None) -> str:
    if age is None:
        return "unknown"
    if age < 18:
        return "under 18"
    for top in (25, 35, 45, 55, 65):
        if age < top:
            return f"{top - 10 if top > 25 else 18}-{top - 1}"
    return "65 and over"


def age_group(age: int | None) -> str:
    """The age group shown in the annex."""
    return _age_group(age)


COMBOS = [frozenset(combo) for size in range(1, len(COARSEN) + 1) for combo in combinations(sorted(COARSEN), size)]


def check(cases: Sequence[Quasi], k: int = 2) -> list[Message]:
    """A warning for every pseudonymised case that fewer than ``k`` published cases resemble."""
    counts = {coarse: Counter(c.key(coarse) for c in cases) for coarse in [frozenset(), *COMBOS]}
    alike = ((c.case, c.pseudonymised, {coarse: counts[coarse][c.key(coarse)] for coarse in counts}) for c in cases)
    return list(warnings(alike, len(cases), k))


_PUBLISH = (N_("publish {a}"), N_("publish {a}, {b}"), N_("publish {a}, {b}, {c}"))
_NOT_ENOUGH = N_("coarsening date, place and age is not enough: consider leaving the case out or merging it into "
                 "counts")


def warnings(alike: Iterable[tuple[str, bool, Mapping[frozenset[str], int]]], total: int,
             k: int) -> Iterator[Message]:
    """The warnings for cases given as (case, pseudonymised, how many published cases share its key under each
    coarsening, ``frozenset()`` for none), ``total`` published cases in all."""
    for case, pseudonymised, counts in alike:
        if not pseudonymised or counts[frozenset()] >= k:
            continue
        fix = next((coarse for coarse in COMBOS if counts[coarse] >= k), None)
        if fix:
            steps = [COARSEN[f] for f in sorted(fix)]
            advice = _PUBLISH[len(steps) - 1].fill(**dict(zip("abc", steps, strict=False)))
        else:
            advice = _NOT_ENOUGH
        yield N_("{case}: unique on place, date, age, sex and context among {total} published case(s) (fewer than "
                 "{k} alike); {advice}", case=case, total=total, k=k, advice=advice)
