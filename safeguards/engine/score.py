"""The scoring model (docs/scoring.md): two data-completeness aids, never a legal conclusion.

* shown met = weight of met findings / weight of every applicable finding (breach, met,
  insufficient information, contested): how much of what applies the file shows was respected;
* completeness = decided findings / applicable findings (not applicable ones left out).

An undecided finding counts in the denominator and never in the numerator, so neither figure can
rise when a recorded fact becomes unknown (a property the test suite checks).
"""

from __future__ import annotations

from collections.abc import Sequence

from safeguards.results import OUTCOMES, Finding, Score

APPLICABLE = frozenset({"breach", "met", "insufficient_information", "contested"})


def score(findings: Sequence[Finding]) -> Score:
    """Scores for one case's Convention findings; order-independent by construction."""
    counts = {o: 0 for o in OUTCOMES}
    met_w = breach_w = applicable_w = 0.0
    for f in findings:
        counts[f.outcome] += 1
        if f.outcome in APPLICABLE:
            applicable_w += f.weight
        if f.outcome == "met":
            met_w += f.weight
        elif f.outcome == "breach":
            breach_w += f.weight
    decided = counts["met"] + counts["breach"]
    applicable = decided + counts["insufficient_information"] + counts["contested"]
    shown = round(100.0 * met_w / applicable_w, 1) if applicable_w > 0 else None
    completeness = round(100.0 * decided / applicable, 1) if applicable else None
    return Score(shown_met=shown, completeness=completeness, counts=counts, met_weight=round(met_w, 3),
                 breach_weight=round(breach_w, 3))
