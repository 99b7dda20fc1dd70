"""The engine's own messages, in English, by key; rule messages come from the rule files.

Each template names its parameters in braces. :mod:`safeguards.publish.texts` writes them in the reader's
language; the strings are marked for extraction into the translation catalogues.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for extraction into the message catalogue."""
    return text


ENGINE: dict[str, str] = {
    "engine.not_applicable": N_("The rule does not apply to these facts."),
    "engine.applies_open": N_("The recorded facts do not show whether this safeguard applies."),
    "engine.insufficient": N_("The recorded facts do not decide this safeguard."),
    "engine.needed": N_("Needed: {items}."),
    "engine.contested": N_("Sources disagree on a fact this safeguard depends on: {versions}."),
    "engine.version": N_("on the account of {sources} ({contested} = {value}) the outcome is {outcome}"),
    "engine.too_many_combinations": N_("Too many combinations of contested facts to evaluate ({total}; {evaluated} "
                                       "evaluated, all giving {outcome}): the outcome is not decided."),
    "engine.denial_set_aside": N_("A denial by the State that does not rebut the presumption arising from injuries "
                                  "in its custody: not weighed as a competing account."),
    "engine.not_applicable_version": N_("The rule does not apply under this version."),
    "engine.profile_not_applicable": N_("The {profile} profile applies to cases of {states}; this case is of "
                                        "{jurisdiction}, so no national-law findings were made."),
    "missing.not_recorded": N_("not recorded"),
    "missing.range": N_("the recorded precision leaves it {range}"),
    "missing.combinations": N_("combinations not evaluated"),
    "proof.no_fact": N_("the finding rests on no recorded fact"),
    "proof.weakest": N_("weakest fact {fact}: {cites}"),
    "proof.burden": N_("injuries or a death in State custody, and no satisfactory, evidenced explanation from the "
                       "State; the facts themselves: weakest fact {fact}: {cites}"),
    "proof.origins": N_("{cites}: {origins} independent origin(s)"),
    "article.violation": N_("Breach of: {findings}."),
    "article.contested": N_("Sources disagree on facts that decide: {findings}."),
    "article.concern_pattern": N_("Concern (a pattern, not one case, shows a breach of this article): {findings}."),
    "article.concern_indicator": N_("Concern (these rules are indicators or of low severity): {findings}."),
    "article.insufficient": N_("Not decided for lack of information: {findings}."),
    "article.not_indicated": N_("Every applicable safeguard bearing on this article was met."),
    "article.not_assessed": N_("No rule bearing on this article applies to the facts recorded."),
    "instance.case": N_("case"),
    "instance.episode": N_("episode {id}"),
    "instance.complaint": N_("complaint {id} ({to})"),
    "instance.complaint_unknown": N_("complaint {id} (body unknown)"),
    "instance.investigation": N_("investigation {id} ({body})"),
    "instance.death": N_("death ({id})"),
    "article.subsumed": N_("Subsumed under art 1: the ill-treatment recorded is addressed as torture ({form}). "
                           "{then}"),
}

# How a citation counts, and why it counts for less than stated.
ROLES: dict[str, str] = {
    "finding": N_("finding"), "uncontested": N_("not contested by the State"), "record": N_("record"),
    "allegation": N_("allegation"),
}
CAVEATS: dict[str, str] = {
    "not_read": N_("cited, not read"), "read_not_stated": N_("not marked as read"),
    "weak_grade": N_("graded {grade}"),
}
WORDS: dict[str, str] = {
    "yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown"), "none": N_("none"),
    "hours": N_("{n} h"), "hours_range": N_("between {lo} and {hi} h"),
    "days": N_("{n} days"), "days_range": N_("between {lo} and {hi} days"),
    "withheld": N_("[not published]"),
    "more_precisely": N_("(more precisely)"),
    "cited_as": N_("cited as"),
    "counts_as": N_("counts as"),
}
