"""Roll Convention findings up to the articles of the Convention, as the Committee draws conclusions.

For each article, the applicable Convention findings of the rules that bear on it decide, in order:

1. a breach of a rule that carries the article (a safeguard rule, not of low severity) indicates a
   violation;
2. otherwise a contested finding makes the article contested;
3. otherwise a breach of an indicator or low-severity rule is a *concern* for the article;
4. otherwise any insufficient information leaves it open;
5. otherwise, if some rule was met, no violation is indicated.

Art 11 (systematic review of interrogation and custody rules) is a duty about practice: one case
can raise a concern under it, never a violation. Art 16 is *subsumed* when the same file indicates
torture (art 1), unless a breach of its own (conditions, say) carries it. National-law findings
never enter a conclusion. "Violation indicated" is what the facts in the file show under the rules,
not a finding of the Committee.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from safeguards.engine.proof import strongest
from safeguards.results import ArticleConclusion, ArticleOutcome, Finding, Text


@dataclass(frozen=True)
class ArticleInfo:
    """An article: its title, how a conclusion on it is stated, and whether one case can carry it."""

    title: str
    form: str
    single_case: bool = True  # False: one case shows at most a concern (a pattern is needed)


ARTICLES: dict[str, ArticleInfo] = {
    "1": ArticleInfo("Torture", "art 2(1), read with art 1"),
    "2": ArticleInfo("Effective measures to prevent torture", "art 2(1)"),
    "3": ArticleInfo("Non-refoulement", "art 3"),
    "4": ArticleInfo("Torture as an offence, with penalties fitting its gravity", "art 4"),
    "10": ArticleInfo("Education and training of personnel", "art 10", single_case=False),
    "11": ArticleInfo("Systematic review of interrogation and custody rules", "art 11", single_case=False),
    "12": ArticleInfo("Prompt and impartial investigation", "art 12"),
    "13": ArticleInfo("Right to complain and protection of complainants", "art 13"),
    "14": ArticleInfo("Redress and rehabilitation", "art 14"),
    "15": ArticleInfo("Exclusion of statements made as a result of torture", "art 15"),
    "16": ArticleInfo("Other cruel, inhuman or degrading treatment", "art 16"),
    "22": ArticleInfo("Individual communications to the Committee", "art 22"),
}
ARTICLE_TITLES: dict[str, str] = {k: v.title for k, v in ARTICLES.items()}
# Safeguards whose art 16 findings concern the acts themselves, which art 1 already covers when torture is shown.
SAME_ACTS = frozenset({"accountability-of-perpetrators"})


def carries(f: Finding, article: str) -> bool:
    """Whether a breach in ``f`` is enough, by itself, to indicate a violation of ``article``."""
    return f.role == "safeguard" and f.severity != "low" and ARTICLES[article].single_case


def _refs(findings: Sequence[Finding], instances: bool = True) -> list[list[str]]:
    """References to findings (rule id, instance) for a message; the publication step writes their titles."""
    out = [[f.rule_id, f.instance] if instances else [f.rule_id] for f in findings]
    return [list(x) for x in dict.fromkeys(tuple(r) for r in out)]


def _conclude_one(article: str, findings: Sequence[Finding]) -> ArticleConclusion:
    info = ARTICLES[article]
    bearing = [f for f in findings if article in f.articles and f.outcome != "not_applicable"]
    breaches = [f for f in bearing if f.outcome == "breach"]
    carrying = [f for f in breaches if carries(f, article)]
    concerns = [f for f in breaches if not carries(f, article)]
    outcome: ArticleOutcome
    if carrying:
        outcome = "violation_indicated"
        why = Text.assemble(key="article.violation", params={"findings": _refs(carrying)})
    elif any(f.outcome == "contested" for f in bearing):
        outcome = "contested"
        why = Text.assemble(key="article.contested", params={"findings": _refs(
            [f for f in bearing if f.outcome == "contested"], instances=False)})
    elif concerns:
        outcome = "concern"
        why = Text.assemble(key="article.concern_pattern" if not info.single_case else "article.concern_indicator",
                   params={"findings": _refs(concerns)})
    elif any(f.outcome == "insufficient_information" for f in bearing):
        outcome = "insufficient_information"
        why = Text.assemble(key="article.insufficient", params={"findings": _refs(
            [f for f in bearing if f.outcome == "insufficient_information"], instances=False)})
    elif bearing:
        outcome = "not_indicated"
        why = Text.assemble(key="article.not_indicated", params={})
    else:
        outcome = "not_assessed"
        why = Text.assemble(key="article.not_assessed", params={})
    proof = strongest(f.standard_of_proof for f in carrying) if carrying else "not_assessed"
    return ArticleConclusion(
        article=article, title=info.title, form=info.form, outcome=outcome, standard_of_proof=proof,
        breaches=sorted({f"{f.rule_id}@{f.instance}" for f in carrying}),
        concerns=sorted({f"{f.rule_id}@{f.instance}" for f in concerns}),
        bearing=sorted({f.rule_id for f in bearing}), explanation=why)


def conclude(findings: Sequence[Finding]) -> list[ArticleConclusion]:
    """One conclusion per article, in the Convention's order, from the Convention findings only."""
    convention = [f for f in findings if f.law == "convention"]
    out = {a: _conclude_one(a, convention) for a in ARTICLES}
    if out["1"].outcome == "violation_indicated":
        # The same acts are not counted twice: art 16 keeps only breaches of other safeguards (conditions,
        # care, prolonged incommunicado detention) and is otherwise subsumed under art 1.
        own = [f for f in convention if not ("16" in f.articles and f.safeguard in SAME_ACTS)]
        art16 = _conclude_one("16", own)
        if art16.outcome != "violation_indicated":
            art16 = art16.model_copy(update={
                "outcome": "subsumed",
                "explanation": Text.assemble(key="article.subsumed", params={
                    "form": out["1"].form, "then": art16.explanation.model_dump()})})
        out["16"] = art16
    return list(out.values())
