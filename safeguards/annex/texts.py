"""The annex's own words in one language: labels of safeguards and categories, and the methodology.

English is the source text; every text passes the language's catalogue (context ``annex`` and
``annex:<what>``; docs/i18n.md). The annex model keeps codes for categories (sex, age group,
treatment, outcome) and this module gives their labels when a writer prints them.
"""

from __future__ import annotations

import re

from safeguards.engine import proof
from safeguards.i18n import Translator


def safeguard_name(safeguard: str) -> str:
    """``access-to-lawyer-from-outset`` as a reader sees it in English: ``Access to lawyer from outset``."""
    return safeguard.replace("-", " ").capitalize()


def safeguard_labels(t: Translator) -> dict[str, str]:
    """The label of each bundled safeguard in ``t``'s language (a safeguard of a rule set of one's own is
    shown by :func:`safeguard_name`)."""
    return {
        "access-to-lawyer-from-outset": t.pgettext("safeguard", "Access to lawyer from outset"),
        "accountability-of-perpetrators": t.pgettext("safeguard", "Accountability of perpetrators"),
        "coerced-confession-exclusion": t.pgettext("safeguard", "Coerced confession exclusion"),
        "conditions-of-detention": t.pgettext("safeguard", "Conditions of detention"),
        "death-in-custody-investigation": t.pgettext("safeguard", "Death in custody investigation"),
        "incommunicado-detention": t.pgettext("safeguard", "Incommunicado detention"),
        "independence-of-investigators": t.pgettext("safeguard", "Independence of investigators"),
        "independent-medical-examination": t.pgettext("safeguard", "Independent medical examination"),
        "independent-monitoring-access": t.pgettext("safeguard", "Independent monitoring access"),
        "information-on-rights": t.pgettext("safeguard", "Information on rights"),
        "medical-care-for-injured-detainees": t.pgettext("safeguard", "Medical care for injured detainees"),
        "non-refoulement": t.pgettext("safeguard", "Non refoulement"),
        "notification-of-family": t.pgettext("safeguard", "Notification of family"),
        "prolonged-solitary-confinement": t.pgettext("safeguard", "Prolonged solitary confinement"),
        "prompt-impartial-investigation": t.pgettext("safeguard", "Prompt impartial investigation"),
        "prompt-judicial-control": t.pgettext("safeguard", "Prompt judicial control"),
        "protection-from-reprisal": t.pgettext("safeguard", "Protection from reprisal"),
        "recording-of-interrogations": t.pgettext("safeguard", "Recording of interrogations"),
        "redress-and-rehabilitation": t.pgettext("safeguard", "Redress and rehabilitation"),
        "registration-and-custody-records": t.pgettext("safeguard", "Registration and custody records"),
        "right-to-complain": t.pgettext("safeguard", "Right to complain"),
        "unofficial-or-secret-detention": t.pgettext("safeguard", "Unofficial or secret detention"),
    }


def safeguard_label(t: Translator, safeguard: str) -> str:
    return safeguard_labels(t).get(safeguard) or safeguard_name(safeguard)


def article_title(t: Translator, article: str, title: str) -> str:
    return t.pgettext(f"article:{article}", title)


def with_articles(t: Translator, label: str, articles: list[str]) -> str:
    """``Protection from reprisal (art 13, 22)`` / ``Защита от преследований (ст. 13, 22)``."""
    return t.pgettext("annex", "{safeguard} (art {articles})").format(safeguard=label, articles=", ".join(articles))


def with_articles_pattern(t: Translator) -> re.Pattern[str]:
    """The pattern :func:`with_articles` writes, with groups ``name`` and ``arts``."""
    template = re.escape(t.pgettext("annex", "{safeguard} (art {articles})"))
    template = template.replace(re.escape("{safeguard}"), "(?P<name>.*?)").replace(re.escape("{articles}"),
                                                                                   "(?P<arts>[^)]*)")
    return re.compile(f"^{template}$")


def outcome_texts(t: Translator) -> dict[str, str]:
    """What each outcome means, keyed by outcome code."""
    return {
        "breach": t.pgettext("annex", "the recorded facts show the safeguard was not respected"),
        "met": t.pgettext("annex", "the recorded facts show it was respected"),
        "insufficient_information": t.pgettext("annex", "the facts needed are not recorded, or not precisely enough"),
        "not_applicable": t.pgettext("annex", "the rule does not concern the facts of the case"),
        "contested": t.pgettext("annex", "sources disagree on a fact the outcome depends on; each version is shown"),
    }


def proof_texts(t: Translator) -> dict[str, str]:
    """What the sources in a file establish under each standard of proof, keyed by its English label."""
    return {label.replace("_", " "): t.pgettext(f"proof:{label}", text) for label, text in proof.PROOF_TEXT.items()
            if label != "not_assessed"}


def protection_text(t: Translator, audience: str) -> str:
    return {
        "public": t.pgettext("annex", "Only people who consented appear by name; others by pseudonym or case code; "
                                      "cases whose subject asked for confidentiality are left out and counted. Names "
                                      "and aliases of people who have not consented are removed from every text."),
        "committee": t.pgettext("annex", "Cases whose subject asked for confidentiality are included, marked "
                                     "confidential in every format, and their people are never named; every page is "
                                     "marked confidential."),
        "internal": t.pgettext("annex", "Everything but the names of people who asked for confidentiality, for the "
                                    "documenting organisation only."),
    }[audience]


def reliability_text(t: Translator) -> str:
    return t.pgettext("annex", "Sources are graded on the Admiralty scale: source reliability A (reliable) to F "
                               "(cannot be judged), information credibility 1 (confirmed) to 6 (cannot be judged).")


def conclusions_text(t: Translator) -> str:
    return t.pgettext("annex", "An article shows a violation indicated when a rule bearing on it is breached on the "
                           "recorded facts; this is what the facts indicate, not a finding of the Committee.") + \
        " " + t.pgettext("proof", proof.LEGEND_NOTE)


def default_title(t: Translator) -> str:
    return t.pgettext("annex", "Annex: documented cases")


def period_text(t: Translator, first: str | None, last: str | None) -> str:
    if first is None or last is None:
        return t.pgettext("annex:period", "unknown")
    return t.pgettext("annex", "{start} to {end}").format(start=first, end=last)


def confidential_banner(t: Translator) -> str:
    return t.pgettext("annex", "CONFIDENTIAL - for the Committee against Torture only; not for publication")


def confidential_word(t: Translator) -> str:
    return t.pgettext("annex", "CONFIDENTIAL")


def treatment_label(t: Translator, treatment: str) -> str:
    return {
        "torture indicated": t.pgettext("annex:treatment", "torture indicated"),
        "other ill-treatment": t.pgettext("annex:treatment", "other ill-treatment"),
        "contested": t.pgettext("annex:treatment", "contested"),
        "not established": t.pgettext("annex:treatment", "not established"),
    }.get(treatment, treatment)


def age_group_label(t: Translator, group: str) -> str:
    if group == "unknown":
        return t.pgettext("annex:age-group", "unknown")
    if group == "under 18":
        return t.pgettext("annex:age-group", "under 18")
    if group.endswith(" and over"):
        return t.pgettext("annex:age-group", "{age} and over").format(age=group.split()[0])
    return t.pgettext("annex:age-group", "{low}-{high}").format(low=group.split("-")[0], high=group.split("-")[-1])


def sex_label(t: Translator, sex: str) -> str:
    return t.vocab("Sex", sex)


def category_label(t: Translator, figure: str, key: str) -> str:
    """A row label of a figures table: a code or placeholder translated, a name from the case files kept."""
    if figure == "by_sex":
        return sex_label(t, key)
    if figure == "by_age_group":
        return age_group_label(t, key)
    if figure == "treatment":
        return treatment_label(t, key)
    if figure == "by_context" and key == "none":
        return t.pgettext("annex:figures", "none")
    if figure == "by_region" and key == "unknown":
        return t.pgettext("annex:figures", "unknown")
    return key


def figure_titles(t: Translator) -> list[tuple[str, str]]:
    """(field of ``Figures``, heading) of each table of counts."""
    return [("by_context", t.pgettext("annex", "By context")), ("by_region", t.pgettext("annex", "By region")),
            ("by_sex", t.pgettext("annex", "By sex")), ("by_age_group", t.pgettext("annex", "By age group")),
            ("treatment", t.pgettext("annex", "Torture and other ill-treatment"))]


def figure_columns(t: Translator) -> dict[str, str]:
    """The first column's header of each table of counts in Word."""
    return {"by_context": t.pgettext("annex", "Context"), "by_region": t.pgettext("annex", "Region"),
            "by_sex": t.pgettext("annex", "Sex"), "by_age_group": t.pgettext("annex", "Age group"),
            "treatment": t.pgettext("annex", "Torture and other ill-treatment")}


def cases_count(t: Translator, n: int) -> str:
    return t.npgettext("annex", "{n} documented case(s)", "{n} documented case(s)", n).format(n=n)


def withheld_count(t: Translator, n: int) -> str:
    return t.npgettext("annex", "{n} case(s) withheld as confidential", "{n} case(s) withheld as confidential",
                       n).format(n=n)


def invalid_count(t: Translator, n: int) -> str:
    return t.npgettext("annex", "{n} case file(s) excluded as invalid", "{n} case file(s) excluded as invalid",
                       n).format(n=n)


def violation_count(t: Translator, n: int) -> str:
    return t.npgettext("annex", "{n} case(s) with a violation indicated", "{n} case(s) with a violation indicated",
                       n).format(n=n)


def profile_line(t: Translator, profile: str, count: int, sha256: str) -> str:
    return t.pgettext("annex", "Profile: {profile}. Rule set: {count} rules, sha256 {sha256}.").format(
        profile=profile, count=count, sha256=sha256)


def header_line(t: Translator, cases: int, period: str, withheld: int, invalid: int, profile: str, rules: int,
                sha256: str) -> str:
    """The line under the title of the Markdown and HTML annex."""
    text = f"{cases_count(t, cases)}, {period}; {withheld_count(t, withheld)}"
    if invalid:
        text += f"; {invalid_count(t, invalid)}"
    return f"{text}. {profile_line(t, profile, rules, sha256)}"


def activity_line(t: Translator, complaints: int, investigations: int, prosecutions: int) -> str:
    return t.pgettext("annex", "Complaints made: {complaints}; investigations opened: {investigations}; prosecutions: "
                           "{prosecutions}.").format(complaints=complaints, investigations=investigations,
                                                     prosecutions=prosecutions)


def outcome_label(t: Translator, outcome: str) -> str:
    return t.vocab("Outcome", outcome)


def proof_label(t: Translator, label: str) -> str:
    return t.vocab("Proof", label)


def source_grade(t: Translator, grade: str) -> str:
    """`` (reliability B2)`` as appended to a source."""
    return t.pgettext("annex", " (reliability {grade})").format(grade=grade)


def grade_marker(t: Translator) -> str:
    """What :func:`source_grade` starts with: where a short citation ends."""
    return source_grade(t, "\0").split("\0")[0]
