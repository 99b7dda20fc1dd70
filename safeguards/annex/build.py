"""Build the annex from many case files, one case at a time (only small summaries are kept).

The names withheld in every input count, including files left out by ``--context`` or the dates and
files that fail validation: the same person may appear in several files with different consent
records, and the stricter decision wins. Text taken from case files is redacted once, when the annex
is assembled, with every input's withheld names. Confidential subjects are left out of public annexes
and counted; the committee annex includes them, marked and unnamed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from safeguards import __version__
from safeguards.annex.model import Annex, ArticleSection, CaseRow, Figures, SafeguardLine, SourceEntry
from safeguards.annex.reid import Quasi, age_group
from safeguards.casefile import Loaded, load
from safeguards.engine import proof
from safeguards.engine.articles import ARTICLE_TITLES
from safeguards.facts import Fact, derive
from safeguards.model.case import Case
from safeguards.privacy import Audience, is_confidential, label_for
from safeguards.problems import Problem
from safeguards.publish.report import is_published
from safeguards.publish.withheld import Withheld, withheld_in_file, withheld_names
from safeguards.results import CaseResult
from safeguards.rules.compile import RuleSet


def safeguard_name(safeguard: str) -> str:
    """``access-to-lawyer-from-outset`` as a reader sees it: ``Access to lawyer from outset``."""
    return safeguard.replace("-", " ").capitalize()


RANK = {"breach": 0, "contested": 1, "insufficient_information": 2, "met": 3, "not_applicable": 4}
OUTCOME_TEXT = {
    "breach": "the recorded facts show the safeguard was not respected",
    "met": "the recorded facts show it was respected",
    "insufficient_information": "the facts needed are not recorded, or not precisely enough",
    "not_applicable": "the rule does not concern the facts of the case",
    "contested": "sources disagree on a fact the outcome depends on; each version is shown",
}
# What the sources in each file establish (safeguards/engine/proof.py); not judicial findings.
PROOF_TEXT = {label.replace("_", " "): text for label, text in proof.PROOF_TEXT.items() if label != "not_assessed"}


@dataclass
class Summary:
    """What the annex keeps of one case."""

    row: CaseRow
    quasi: Quasi
    by_article_safeguard: dict[tuple[str, str], str]
    violations: set[str]
    treatment: str
    complaint: bool
    investigation: bool
    prosecution: bool
    sources: list[tuple[str, str]] = field(default_factory=list)
    breached_safeguards: set[str] = field(default_factory=set)
    withheld: dict[str, str] = field(default_factory=dict)


def _worst(outcomes: Iterable[str]) -> str:
    return min(outcomes, key=lambda o: RANK[o], default="not_applicable")


def _apprehension(case: Case) -> tuple[str | None, str | None, str | None]:
    for ep in case.episodes:
        for ev in ep.events:
            if ev.type == "apprehension" and ev.status == "happened":
                place = next((p for p in ep.places if p.id == ev.place), ep.places[0] if ep.places else None)
                return ev.at, (place.name if place else None), (place.locality if place else None)
    return None, None, None


def _investigation_text(case: Case) -> str:
    if not case.investigations:
        return "none recorded"
    parts = []
    for inv in case.investigations:
        state = {"happened": "opened", "not_happened": "not opened", "unknown": "status unknown"}[inv.status]
        when = f" {inv.opened_at}" if inv.opened_at and inv.status == "happened" else ""
        relation = inv.relation.replace("_", " ")
        outcome = inv.outcome.replace("_", " ")
        parts.append(f"{inv.subject.replace('_', ' ')}: {state}{when} by {inv.body} (relation to those accused: "
                     f"{relation}; outcome: {outcome})")
    return "; ".join(parts)


def _source_text(s: Any, audience: Audience) -> str:
    """A published document by its title; an interview or an internal record by its kind and date only."""
    grade = f" (reliability {s.reliability.source}{s.reliability.information})"
    if audience != "internal" and not is_published(s):
        return ", ".join(b for b in (s.kind.replace("_", " "), s.date) if b) + grade
    bits = [s.publisher, s.date, f'"{s.title}"', s.citation, s.url]
    return ", ".join(b for b in bits if b) + grade


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def spoken_date(when: str, approximate: bool = False) -> str:
    """``2022-01-05T10:00`` as a sentence says it: ``on 5 January 2022`` (``in January 2022``, ``in 2022``)."""
    from safeguards.model.timepoint import parse_time

    try:
        t = parse_time(when)
    except ValueError:
        return f"on {when}"
    about = "about " if approximate else ""
    if t.month is None:
        return f"in {about}{t.year}"
    if t.day is None:
        return f"in {about}{MONTHS[t.month - 1]} {t.year}"
    return f"on {about}{t.day} {MONTHS[t.month - 1]} {t.year}"


def join_words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


_METHOD_TEXT = {"beating_with_objects": "beating with objects", "asphyxiation": "asphyxiation",
                "stress_position": "stress positions", "electric_shock": "electric shocks",
                "dousing_with_water": "dousing with water", "denial_of_medical_care": "denial of medical care",
                "denial_of_toilet": "denial of the toilet", "mock_execution": "mock execution",
                "violence_by_cellmates": "violence by cellmates", "cold": "exposure to cold"}
_EXAMINER_TEXT = {"independent": "an independent doctor", "facility": "the facility's doctor",
                  "police_medical": "a police doctor", "state_forensic": "a State forensic expert",
                  "ambulance": "an ambulance crew", "prison": "the prison doctor"}
_OUTCOME_TEXT = {"refused_to_open": "a refusal to open a criminal case", "closed_no_charges": "closure without charges",
                 "charges_brought": "charges against officials", "conviction": "a conviction",
                 "acquittal": "an acquittal"}


_ARTICLES = ("A", "An", "The", "Place")
_UNNAMED = ("not named", "unknown", "unnamed")


def _pronoun(sex: str) -> str:
    return {"male": "He", "female": "She"}.get(sex, "The person")


def _custody_sentence(case: Case, label: str, when: str | None, place: str | None) -> str:
    subject = case.person(case.subject)
    who = label
    if subject is not None:
        noun = {"male": "man", "female": "woman"}.get(subject.sex, "person")
        phrase = f"{subject.age}-year-old {noun}" if subject.age is not None else noun
        if phrase != "person":
            an = phrase.startswith(("8", "11-", "18-")) or phrase[0] in "aeiou"
            who += f", {'an' if an else 'a'} {phrase},"
    apprehension = next((ev for ep in case.episodes for ev in ep.events
                         if ev.type == "apprehension" and ev.status == "happened"), None)
    authority = next((ep.authority for ep in case.episodes if ep.authority), None)
    text = f"{who} was deprived of liberty"
    if when:
        text += " " + spoken_date(when, bool(apprehension and apprehension.approximate))
    if authority:
        text += f" by {authority}"
    if place:
        first, _, rest = place.partition(" ")
        text += f" and held at {first.lower() if first in _ARTICLES else first}{' ' if rest else ''}{rest}"
    return text + "."


def _event_sentences(case: Case, pronoun: str) -> list[str]:
    """What the recorded events say happened in custody, one clause per kind of event."""
    events = [ev for ep in case.episodes for ev in ep.events]
    out: list[str] = []
    methods: list[str] = []
    for ev in events:
        if ev.type == "ill_treatment" and ev.status == "happened":
            for m in ev.methods:
                if m not in ("other", "unknown"):
                    text = _METHOD_TEXT.get(m, m.replace("_", " "))
                    if text not in methods:
                        methods.append(text)
    if methods:
        out.append(f"The file records ill-treatment in custody: {join_words(methods)}.")
    elif any(ev.type == "ill_treatment" and ev.status == "happened" for ev in events):
        out.append("The file records ill-treatment in custody.")
    questioned = [ev for ev in events if ev.type == "interrogation" and ev.status == "happened"]
    if any(ev.lawyer_present is False for ev in questioned if ev.type == "interrogation"):
        out.append(f"{pronoun} was questioned without a lawyer.")
    exams = [ev for ev in events if ev.type == "medical_examination" and ev.status == "happened"]
    if exams:
        ex = exams[0]
        by = _EXAMINER_TEXT.get(ex.examiner, "a doctor") if ex.type == "medical_examination" else "a doctor"
        found = ""
        if ex.type == "medical_examination" and ex.injuries_found is True:
            found = ", who recorded injuries"
        elif ex.type == "medical_examination" and ex.injuries_found is False:
            found = ", who recorded no injuries"
        date = f" {spoken_date(ex.at, ex.approximate)}" if ex.at else ""
        out.append(f"{pronoun} was examined{date} by {by}{found}.")
    elif any(ev.type == "medical_examination" and ev.status == "not_happened" for ev in events):
        out.append(f"{pronoun} was not medically examined.")
    if any(ev.type == "death" and ev.status == "happened" for ev in events):
        out.append(f"{pronoun} died in custody.")
    return out


def _investigation_sentence(case: Case) -> str:
    made = [c for c in case.complaints if c.status == "happened"]
    text = "A complaint was made" if made else ""
    inv = next((i for i in case.investigations if i.subject in ("ill_treatment", "death")), None)
    if inv is None:
        return text + "; no investigation is recorded." if text else ""
    if inv.status == "happened":
        unnamed = inv.body.lower().startswith(_UNNAMED)
        clause = "an investigation was opened" + ("" if unnamed else f" by {inv.body}")
        if inv.opened_at:
            clause += " " + spoken_date(inv.opened_at, inv.approximate)
        if inv.outcome in _OUTCOME_TEXT:
            clause += f" and ended in {_OUTCOME_TEXT[inv.outcome]}"
        elif inv.outcome == "ongoing":
            clause += " and is recorded as ongoing"
    elif inv.status == "not_happened":
        unnamed = inv.body.lower().startswith(_UNNAMED)
        clause = "no investigation was opened" if unnamed else f"{inv.body} did not open an investigation"
        if inv.outcome == "refused_to_open":
            clause += " and refused to open a criminal case"
    else:
        return text + "." if text else ""
    return f"{text} and {clause}." if text else clause[0].upper() + clause[1:] + "."


def _sentence(case: Case, label: str, result: CaseResult, breached: list[str], when: str | None,
              place: str | None) -> str:
    """A paragraph of whole sentences from the recorded facts and the findings; no free text of the file."""
    subject = case.person(case.subject)
    pronoun = _pronoun(subject.sex if subject else "unknown")
    sentences = [_custody_sentence(case, label, when, place), *_event_sentences(case, pronoun)]
    investigation = _investigation_sentence(case)
    if investigation:
        sentences.append(investigation)
    names = list(dict.fromkeys(re.sub(r" \(art [^)]*\)$", "", b).lower() for b in breached))
    arts = [a.article for a in result.articles if a.outcome == "violation_indicated"]
    if names:
        finding = f"On the recorded facts, the rules indicate breaches of the safeguards of {join_words(names)}"
        if arts:
            finding += (f", bearing on article{'s' if len(arts) > 1 else ''} {join_words(arts)} of the "
                        f"Convention")
        sentences.append(finding + ".")
    else:
        sentences.append("The recorded facts show no breach of a safeguard.")
    contested = [a.article for a in result.articles if a.outcome == "contested"]
    if contested:
        sentences.append(f"Sources disagree on facts decisive under article{'s' if len(contested) > 1 else ''} "
                         f"{join_words(contested)}.")
    missing = result.score.counts["insufficient_information"]
    if missing:
        sentences.append(f"For {missing} other finding{'s' if missing != 1 else ''} the file does not record the "
                         f"facts needed.")
    return " ".join(sentences)


def _treatment(result: CaseResult) -> str:
    """How the annex classifies the treatment; an outcome in any instance (episode) counts, whatever the order."""
    outcomes: dict[str, set[str]] = {}
    for f in result.findings:
        outcomes.setdefault(f.rule_id, set()).add(f.outcome)
    if "breach" in outcomes.get("torture-indicated", set()):
        return "torture indicated"
    if "contested" in outcomes.get("torture-indicated", set()):
        return "contested"
    if "breach" in outcomes.get("ill-treatment-by-officials", set()):
        return "other ill-treatment"
    return "not established"


def _known_true(facts: Mapping[str, Fact], name: str) -> bool:
    """The case instance derived ``name`` as true (the engine's definition, not the annex's own)."""
    fact = facts.get(name)
    return fact is not None and fact.value is True


def summarise(loaded: Loaded, result: CaseResult, rules: RuleSet, audience: Audience) -> Summary:
    """The annex's view of one evaluated case for ``audience``; its text is redacted when the annex is assembled."""
    case = loaded.case
    assert case is not None
    subject = case.person(case.subject)
    label = label_for(subject, audience) if subject else case.id
    if label.startswith("["):
        label = case.id
    when, place, locality = _apprehension(case)
    by_rule = {c.rule.id: c.rule for c in rules.rules}
    by_article_safeguard: dict[tuple[str, str], list[str]] = {}
    for f in result.findings:
        for art in by_rule[f.rule_id].articles if f.rule_id in by_rule else f.articles:
            by_article_safeguard.setdefault((art, f.safeguard), []).append(f.outcome)
    breached = sorted({f"{safeguard_name(f.safeguard)} (art {', '.join(f.articles)})" for f in result.findings
                       if f.outcome == "breach"})
    treatment = _treatment(result)
    facts = derive(case)[0].facts
    sources = [(f"{case.id}/{s.id}", _source_text(s, audience)) for s in case.sources]
    row = CaseRow(
        code=case.id, label=label, context=case.context, region=case.region or None,
        apprehended=when[:10] if when else None, place=place or None,
        sex=subject.sex if subject else "unknown",
        age_group=age_group(subject.age if subject else None), breaches=breached,
        articles=[a.article for a in result.articles if a.outcome == "violation_indicated"],
        investigation=_investigation_text(case), sources=[],
        summary=_sentence(case, label, result, breached, when, place or None),
        confidential=is_confidential(case))
    pseudonymised = subject is None or subject.consent.decision != "publish_name"
    quasi = Quasi(case.id, pseudonymised, locality, case.region, when[:10] if when else None,
                  subject.age if subject else None, row.sex, case.context)
    return Summary(row=row, quasi=quasi,
                   by_article_safeguard={k: _worst(v) for k, v in by_article_safeguard.items()},
                   violations=set(row.articles), treatment=treatment,
                   complaint=_known_true(facts, "complaint_made"),
                   investigation=_known_true(facts, "investigation_opened"),
                   prosecution=_known_true(facts, "prosecution"),
                   sources=sources, breached_safeguards={f.safeguard for f in result.findings
                                                         if f.outcome == "breach"},
                   withheld=withheld_names(case.people, audience))


def _in_range(when: str | None, date_from: str | None, date_to: str | None) -> bool:
    if date_from is None and date_to is None:
        return True
    if when is None:
        return False
    if date_from is not None and when[: len(date_from)] < date_from:
        return False
    return not (date_to is not None and when[: len(date_to)] > date_to)


@dataclass
class Collected:
    """The summaries of the cases an annex includes, and what was left out."""

    summaries: list[Summary]
    withheld: int
    invalid: list[Problem]
    withheld_names: dict[str, str] = field(default_factory=dict)

    def everyone_withheld(self) -> Withheld:
        """The names withheld in any input, for the one redaction and the audit: the stricter decision wins."""
        names = dict(self.withheld_names)
        for s in self.summaries:
            for term, shown in s.withheld.items():
                names.setdefault(term, shown)
        return Withheld(names)


def collect(files: Sequence[str], rules: RuleSet, profile: str, audience: Audience, context: str | None = None,
            date_from: str | None = None, date_to: str | None = None, jobs: int = 1, quiet: bool = True) -> Collected:
    """Load, filter, evaluate and summarise each case in turn (in ``jobs`` processes, 0: automatic).

    Unless ``quiet``, a progress bar is drawn on a terminal's stderr for large runs.
    """
    import sys

    from safeguards.parallel import imap, workers
    from safeguards.terminal import progress

    global _TASK
    _TASK = _Task(rules, profile, audience, context, date_from, date_to)
    summaries: list[Summary] = []
    withheld = 0
    invalid: list[Problem] = []
    every_input: dict[str, str] = {}
    try:
        for kind, payload, names in progress(imap(_one, files, workers(jobs, len(files))), len(files), "annex",
                                             sys.stderr, quiet):
            for term, shown in names.items():  # every input's withheld names count, whatever became of it
                every_input.setdefault(term, shown)
            if kind == "invalid":
                invalid.extend(payload)
            elif kind == "withheld":
                withheld += 1
            elif kind == "summary":
                summaries.append(payload)
    finally:
        _TASK = None
    summaries.sort(key=lambda s: (s.row.apprehended or "", s.row.code))
    return Collected(summaries, withheld, invalid, every_input)


@dataclass(frozen=True)
class _Task:
    rules: RuleSet
    profile: str
    audience: Audience
    context: str | None
    date_from: str | None
    date_to: str | None


_TASK: _Task | None = None  # set by collect() before workers fork, so they inherit the compiled rules


def _one(path: str) -> tuple[str, Any, dict[str, str]]:
    """What one case file adds to the annex: ("invalid", problems), ("skip", None), ("withheld", None) or
    ("summary", Summary), each with the names the file withholds from the audience."""
    from safeguards.api import evaluate

    task = _TASK
    assert task is not None
    loaded = load(path)
    if not loaded.ok or loaded.case is None:
        return "invalid", list(loaded.errors), withheld_in_file(path, task.audience)
    case = loaded.case
    names = withheld_names(case.people, task.audience)
    if task.context is not None and case.context != task.context:
        return "skip", None, names
    if not _in_range(_apprehension(case)[0], task.date_from, task.date_to):
        return "skip", None, names
    if task.audience == "public" and is_confidential(case):
        return "withheld", None, names  # left out, and its people's names withheld through other cases too
    return "summary", summarise(loaded, evaluate(loaded, task.rules, task.profile), task.rules, task.audience), names


def _redacted(row: CaseRow, hidden: Withheld) -> CaseRow:
    """A case row with every text taken from the case file redacted (ids are checked by validate, not rewritten)."""
    r = hidden.redact
    return row.model_copy(update={
        "label": r(row.label), "region": r(row.region) or None, "place": r(row.place) or None,
        "investigation": r(row.investigation), "summary": r(row.summary)})


def assemble(collected: Collected, rules: RuleSet, profile: str, audience: Audience,
             title: str = "Annex: documented cases") -> Annex:
    """The annex document from the collected summaries."""
    summaries = collected.summaries
    hidden = collected.everyone_withheld()  # one redaction, with the names withheld in every input
    numbers: dict[str, int] = {}
    sources: list[SourceEntry] = []
    rows = []
    for s in summaries:
        refs = []
        for key, text in s.sources:
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                sources.append(SourceEntry(number=numbers[key], key=key, text=hidden.redact(text)))
            refs.append(numbers[key])
        rows.append(_redacted(s.row, hidden).model_copy(update={"sources": refs}))
    articles = []
    for art, art_title in ARTICLE_TITLES.items():
        safeguards = sorted({c.rule.safeguard for c in rules.rules if art in c.rule.articles})
        lines = []
        for sg in safeguards:
            counts = Counter(s.by_article_safeguard.get((art, sg), "not_applicable") for s in summaries)
            lines.append(SafeguardLine(safeguard=safeguard_name(sg), breach=counts["breach"], met=counts["met"],
                                       insufficient_information=counts["insufficient_information"],
                                       contested=counts["contested"]))
        articles.append(ArticleSection(article=art, title=art_title, safeguards=lines,
                                       cases_with_violation=sum(1 for s in summaries if art in s.violations)))
    breaches_by_safeguard = Counter(safeguard_name(sg) for s in summaries for sg in s.breached_safeguards)
    dates = sorted(s.row.apprehended for s in summaries if s.row.apprehended)
    figures = Figures(
        by_context=dict(sorted(Counter(s.row.context or "none" for s in summaries).items())),
        by_region=dict(sorted(Counter(s.row.region or "unknown" for s in summaries).items())),
        by_sex=dict(sorted(Counter(s.row.sex for s in summaries).items())),
        by_age_group=dict(sorted(Counter(s.row.age_group for s in summaries).items())),
        treatment=dict(sorted(Counter(s.treatment for s in summaries).items())),
        complaints_made=sum(s.complaint for s in summaries),
        investigations_opened=sum(s.investigation for s in summaries),
        prosecutions=sum(s.prosecution for s in summaries),
        breaches_by_safeguard=dict(sorted(breaches_by_safeguard.items(), key=lambda kv: (-kv[1], kv[0]))))
    methodology: dict[str, Any] = {
        "cases": len(summaries),
        "withheld_confidential": collected.withheld,
        "period": f"{dates[0][:10]} to {dates[-1][:10]}" if dates else "unknown",
        "profile": profile,
        "rules": {"count": len(rules.rules), "sha256": rules.digest},
        "tool_version": __version__,
        "outcomes": OUTCOME_TEXT,
        "standards_of_proof": PROOF_TEXT,
        "protection": {
            "public": "Only people who consented appear by name; others by pseudonym or case code; cases whose "
                      "subject asked for confidentiality are left out and counted. Names and aliases of people "
                      "who have not consented are removed from every text.",
            "committee": "Cases whose subject asked for confidentiality are included, marked confidential in every "
                         "format, and their people are never named; every page is marked confidential.",
            "internal": "Everything but the names of people who asked for confidentiality, for the documenting "
                        "organisation only.",
        }[audience],
        "reliability": "Sources are graded on the Admiralty scale: source reliability A (reliable) to F (cannot be "
                       "judged), information credibility 1 (confirmed) to 6 (cannot be judged).",
        "article_conclusions": "An article shows a violation indicated when a rule bearing on it is breached on the "
                               "recorded facts; this is what the facts indicate, not a finding of the Committee. "
                               + proof.LEGEND_NOTE,
    }
    return Annex(title=title, audience=audience, confidential_marking=audience == "committee",
                 methodology=methodology, articles=articles, figures=figures, cases=rows, sources=sources,
                 withheld_confidential=collected.withheld, excluded_invalid=len({p.path for p in collected.invalid}))
