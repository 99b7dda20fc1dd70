"""Standard of proof of a finding, derived from the sources of the facts it rests on.

* established: a UN decision, a court record or a medical record graded A-C;
* reasonable grounds: two or more sources from different publishers (independent
  corroboration) graded A-D, or one reliable (A/B) direct source whose information
  is confirmed or probably true (1/2);
* alleged: anything else, including facts with no source.

A finding is only as strong as the weakest fact it needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from safeguards.model.case import Source
from safeguards.results import Proof

ORDER: dict[Proof, int] = {"not_assessed": 0, "alleged": 1, "reasonable_grounds": 2, "established": 3}
AUTHORITATIVE = frozenset({"un_decision", "court_record", "medical_record"})
DIRECT = frozenset({"victim", "witness", "medical", "lawyer", "un_body", "relative"})


def standard_for(sources: Sequence[Source]) -> Proof:
    """The standard one fact reaches with these sources."""
    graded = [s for s in sources if s.reliability.source in "ABCD"]
    if any(s.kind in AUTHORITATIVE and s.reliability.source in "ABC" for s in graded):
        return "established"
    publishers = {(s.publisher or s.id) for s in graded}
    if len(publishers) >= 2:
        return "reasonable_grounds"
    if any(s.reliability.source in "AB" and s.reliability.information in (1, 2) and s.connection in DIRECT
           for s in graded):
        return "reasonable_grounds"
    return "alleged"


def weakest(standards: Iterable[Proof]) -> Proof:
    """The weakest of several standards (alleged when there are none)."""
    items = list(standards)
    if not items:
        return "alleged"
    return min(items, key=lambda p: ORDER[p])


def strongest(standards: Iterable[Proof]) -> Proof:
    items = list(standards)
    if not items:
        return "not_assessed"
    return max(items, key=lambda p: ORDER[p])
