"""The scoring model (docs/scoring.md), in the spirit of XCCDF's weighted default model.

* compliance = sum of weights of met findings / sum of weights of met and breached findings;
* completeness = decided findings / applicable findings (not applicable ones left out).

Insufficient information and contested findings are undecided: they lower
completeness and never count as met.
"""

from __future__ import annotations

from collections.abc import Sequence

from safeguards.results import OUTCOMES, Finding, Score


def score(findings: Sequence[Finding]) -> Score:
    """Scores for one case's findings; order-independent by construction."""
    counts = {o: 0 for o in OUTCOMES}
    met_w = breach_w = 0.0
    for f in findings:
        counts[f.outcome] += 1
        if f.outcome == "met":
            met_w += f.weight
        elif f.outcome == "breach":
            breach_w += f.weight
    decided = counts["met"] + counts["breach"]
    applicable = decided + counts["insufficient_information"] + counts["contested"]
    compliance = round(100.0 * met_w / (met_w + breach_w), 1) if met_w + breach_w > 0 else None
    completeness = round(100.0 * decided / applicable, 1) if applicable else None
    return Score(compliance=compliance, completeness=completeness, counts=counts, met_weight=round(met_w, 3),
                 breach_weight=round(breach_w, 3))
