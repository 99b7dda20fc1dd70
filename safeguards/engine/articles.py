"""Roll findings up to the articles of the Convention.

For each article, the applicable findings of the rules that bear on it decide:
any breach indicates a violation; otherwise a contested finding makes the
article contested; otherwise any insufficient information leaves it open;
otherwise, if some rule was met, no violation is indicated. Not applicable
findings are ignored. "Violation indicated" is what the facts in the file
show under the rules, not a finding of the Committee.
"""

from __future__ import annotations

from collections.abc import Sequence

from safeguards.engine.proof import strongest
from safeguards.results import ArticleConclusion, ArticleOutcome, Finding

ARTICLE_TITLES: dict[str, str] = {
    "1": "Definition of torture",
    "2": "Effective measures to prevent torture",
    "3": "Non-refoulement",
    "11": "Review of interrogation and custody rules",
    "12": "Prompt and impartial investigation",
    "13": "Right to complain and protection of complainants",
    "14": "Redress and compensation",
    "15": "Exclusion of statements obtained by torture",
    "16": "Other cruel, inhuman or degrading treatment",
    "22": "Individual communications to the Committee",
}


def conclude(findings: Sequence[Finding]) -> list[ArticleConclusion]:
    """One conclusion per article, in the Convention's order."""
    out = []
    for article, title in ARTICLE_TITLES.items():
        bearing = [f for f in findings if article in f.articles and f.outcome != "not_applicable"]
        breaches = [f for f in bearing if f.outcome == "breach"]
        outcome: ArticleOutcome
        if breaches:
            outcome = "violation_indicated"
            why = "Breach of: " + "; ".join(f"{f.title} ({f.instance_label})" for f in breaches) + "."
        elif any(f.outcome == "contested" for f in bearing):
            outcome = "contested"
            why = "Sources disagree on facts that decide: " + "; ".join(
                f.title for f in bearing if f.outcome == "contested") + "."
        elif any(f.outcome == "insufficient_information" for f in bearing):
            outcome = "insufficient_information"
            why = "Not decided for lack of information: " + "; ".join(
                f.title for f in bearing if f.outcome == "insufficient_information") + "."
        elif bearing:
            outcome = "not_indicated"
            why = "Every applicable safeguard bearing on this article was met."
        else:
            outcome = "not_assessed"
            why = "No rule bearing on this article applies to the facts recorded."
        proof = strongest(f.standard_of_proof for f in breaches) if breaches else "not_assessed"
        out.append(ArticleConclusion(
            article=article, title=title, outcome=outcome, standard_of_proof=proof,
            breaches=sorted({f"{f.rule_id}@{f.instance}" for f in breaches}),
            bearing=sorted({f.rule_id for f in bearing}), explanation=why))
    return out
