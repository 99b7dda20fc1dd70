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

# A finding's outcome in words that fit its rule's title, which names a safeguard ("Lawyer present at
# questioning": respected / not respected), never a bare "met" beside a title a reader could take for a breach.
FINDING_OUTCOMES: dict[str, str] = {
    "breach": N_("not respected"), "met": N_("respected"), "insufficient_information": N_("not enough information"),
    "contested": N_("contested"), "not_applicable": N_("does not apply"),
}

# The heading of each safeguard (the folders of ``rules/``); an unknown one is shown by its id.
SAFEGUARDS: dict[str, str] = {
    "access-to-lawyer-from-outset": N_("Access to a lawyer from the outset"),
    "accountability-of-perpetrators": N_("Accountability of perpetrators"),
    "coerced-confession-exclusion": N_("Exclusion of coerced statements"),
    "conditions-of-detention": N_("Conditions of detention"),
    "death-in-custody-investigation": N_("Investigation of deaths in custody"),
    "incommunicado-detention": N_("No incommunicado detention"),
    "independence-of-investigators": N_("Independence of investigators"),
    "independent-medical-examination": N_("Independent medical examination"),
    "independent-monitoring-access": N_("Access of independent monitors"),
    "information-on-rights": N_("Information on rights"),
    "medical-care-for-injured-detainees": N_("Medical care for injured detainees"),
    "non-refoulement": N_("Non-refoulement"),
    "notification-of-family": N_("Notification of family"),
    "prolonged-solitary-confinement": N_("No prolonged solitary confinement"),
    "prompt-impartial-investigation": N_("Prompt and impartial investigation"),
    "prompt-judicial-control": N_("Prompt judicial control"),
    "protection-from-reprisal": N_("Protection from reprisal"),
    "recording-of-interrogations": N_("Recording of questioning"),
    "redress-and-rehabilitation": N_("Redress and rehabilitation"),
    "registration-and-custody-records": N_("Registration and custody records"),
    "right-to-complain": N_("Right to complain"),
    "unofficial-or-secret-detention": N_("No unofficial or secret detention"),
}

# The Admiralty grades of a source (the letter) and of its information (the figure), as every report explains them.
SOURCE_GRADES: dict[str, str] = {
    "A": N_("completely reliable"), "B": N_("usually reliable"), "C": N_("fairly reliable"),
    "D": N_("not usually reliable"), "E": N_("unreliable"), "F": N_("reliability cannot be judged"),
}
INFORMATION_GRADES: dict[str, str] = {
    "1": N_("confirmed by other sources"), "2": N_("probably true"), "3": N_("possibly true"), "4": N_("doubtful"),
    "5": N_("improbable"), "6": N_("truth cannot be judged"),
}
# The marks after a legal source: how the project's reference knows the provision.
CITATION_MARKS: dict[str, str] = {
    "S": N_("the provision and its number were read in the source"),
    "S2": N_("seen in a secondary source"),
    "N": N_("the content is well known but the paragraph number was not confirmed, so none is printed"),
    "U": N_("not verified"),
}

# What each finding outcome means, for the legend every report carries.
OUTCOME_TEXT: dict[str, str] = {
    "breach": N_("the recorded facts show the safeguard was not respected"),
    "contested": N_("sources disagree on a fact that decides it, and the versions give different outcomes"),
    "insufficient_information": N_("the file does not record enough to decide it; this is never a finding that "
                                   "the safeguard was respected"),
    "met": N_("the recorded facts show the safeguard was respected"),
    "not_applicable": N_("the rule does not apply to the facts recorded"),
}
SEVERITIES: dict[str, str] = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"),
                              "critical": N_("critical")}
