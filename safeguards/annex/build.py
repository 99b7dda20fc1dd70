"""Build the annex from many case files, one case at a time (only small summaries are kept).

The names withheld in every input count, including files left out by ``--context`` or the dates and
files that fail validation: the same person may appear in several files with different consent
records, and the stricter decision wins. Text taken from case files is redacted once, when the annex
is assembled, with every input's withheld names. Confidential subjects are left out of public annexes
and counted; the committee annex includes them, marked and unnamed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from safeguards import __version__
from safeguards.annex import texts
from safeguards.annex.model import Annex, ArticleSection, CaseRow, Figures, SafeguardLine, SourceEntry
from safeguards.annex.reid import Quasi, age_group
from safeguards.annex.summary import summary_paragraph
from safeguards.casefile import Loaded, load
from safeguards.engine.articles import ARTICLE_TITLES
from safeguards.facts import Fact, derive
from safeguards.i18n import Translator, translator
from safeguards.model.case import Case
from safeguards.privacy import Audience, is_confidential, label_for
from safeguards.problems import Problem
from safeguards.publish.report import is_published
from safeguards.publish.withheld import Withheld, withheld_in_file, withheld_names
from safeguards.results import CaseResult
from safeguards.rules.compile import RuleSet

RANK = {"breach": 0, "contested": 1, "insufficient_information": 2, "met": 3, "not_applicable": 4}


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


def _investigation_text(t: Translator, case: Case) -> str:
    """The investigations of the case, for the case table."""
    if not case.investigations:
        return t.pgettext("annex", "none recorded")
    parts = []
    for inv in case.investigations:
        state = {"happened": t.pgettext("annex:investigation-state", "opened"),
                 "not_happened": t.pgettext("annex:investigation-state", "not opened"),
                 "unknown": t.pgettext("annex:investigation-state", "status unknown")}[inv.status]
        when = f" {inv.opened_at}" if inv.opened_at and inv.status == "happened" else ""
        parts.append(t.pgettext("annex", "{subject}: {state}{when} by {body} (relation to those accused: {relation}; "
                                         "outcome: {outcome})").format(
            subject=t.vocab("Subject", inv.subject), state=state, when=when, body=inv.body,
            relation=t.vocab("Relation", inv.relation), outcome=t.vocab("InvestigationOutcome", inv.outcome)))
    return "; ".join(parts)


def _source_text(t: Translator, s: Any, audience: Audience) -> str:
    """A published document by its title; an interview or an internal record by its kind and date only."""
    grade = texts.source_grade(t, f"{s.reliability.source}{s.reliability.information}")
    if audience != "internal" and not is_published(s):
        return ", ".join(b for b in (t.vocab("SourceKind", s.kind), s.date) if b) + grade
    bits = [s.publisher, s.date, f'"{s.title}"', s.citation, s.url]
    return ", ".join(b for b in bits if b) + grade


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


def summarise(loaded: Loaded, result: CaseResult, rules: RuleSet, audience: Audience, lang: str = "en") -> Summary:
    """The annex's view of one evaluated case for ``audience``, in ``lang``; its text is redacted when the annex is
    assembled."""
    t = translator(lang)
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
    breached = sorted({texts.with_articles(t, texts.safeguard_label(t, f.safeguard), list(f.articles))
                       for f in result.findings if f.outcome == "breach"})
    breached_ids = {f.safeguard for f in result.findings if f.outcome == "breach"}
    treatment = _treatment(result)
    facts = derive(case)[0].facts
    sources = [(f"{case.id}/{s.id}", _source_text(t, s, audience)) for s in case.sources]
    row = CaseRow(
        code=case.id, label=label, context=case.context, region=case.region or None,
        apprehended=when[:10] if when else None, place=place or None,
        sex=subject.sex if subject else "unknown",
        age_group=age_group(subject.age if subject else None), breaches=breached,
        articles=[a.article for a in result.articles if a.outcome == "violation_indicated"],
        investigation=_investigation_text(t, case), sources=[],
        summary=summary_paragraph(t, case, label, result, sorted(breached_ids), when, place or None),
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
                   sources=sources, breached_safeguards=breached_ids,
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
    lang: str = "en"  # the language the summaries are written in

    def everyone_withheld(self) -> Withheld:
        """The names withheld in any input, for the one redaction and the audit: the stricter decision wins."""
        names = dict(self.withheld_names)
        for s in self.summaries:
            for term, shown in s.withheld.items():
                names.setdefault(term, shown)
        return Withheld(names, light=True)


def collect(files: Sequence[str], rules: RuleSet, profile: str, audience: Audience, context: str | None = None,
            date_from: str | None = None, date_to: str | None = None, jobs: int = 1, quiet: bool = True,
            lang: str = "en") -> Collected:
    """Load, filter, evaluate and summarise each case in turn (in ``jobs`` processes, 0: automatic), with the
    summaries written in ``lang``.

    Unless ``quiet``, a progress bar is drawn on a terminal's stderr for large runs.
    """
    import sys

    from safeguards.parallel import imap, workers
    from safeguards.terminal import progress

    global _TASK
    translator(lang)  # an unknown language fails here, before any work
    _TASK = _Task(rules, profile, audience, context, date_from, date_to, lang)
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
    return Collected(summaries, withheld, invalid, every_input, lang)


@dataclass(frozen=True)
class _Task:
    rules: RuleSet
    profile: str
    audience: Audience
    context: str | None
    date_from: str | None
    date_to: str | None
    lang: str = "en"


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
    result = evaluate(loaded, task.rules, task.profile)
    return "summary", summarise(loaded, result, task.rules, task.audience, task.lang), names


def _redacted(row: CaseRow, hidden: Withheld) -> CaseRow:
    """A case row with every text taken from the case file redacted (ids are checked by validate, not rewritten)."""
    r = hidden.redact
    return row.model_copy(update={
        "label": r(row.label), "region": r(row.region) or None, "place": r(row.place) or None,
        "investigation": r(row.investigation), "summary": r(row.summary)})


def assemble(collected: Collected, rules: RuleSet, profile: str, audience: Audience,
             title: str | None = None) -> Annex:
    """The annex document from the collected summaries, in their language (``collected.lang``)."""
    t = translator(collected.lang)
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
            lines.append(SafeguardLine(safeguard=texts.safeguard_label(t, sg), breach=counts["breach"],
                                       met=counts["met"], insufficient_information=counts["insufficient_information"],
                                       contested=counts["contested"]))
        articles.append(ArticleSection(article=art, title=texts.article_title(t, art, art_title), safeguards=lines,
                                       cases_with_violation=sum(1 for s in summaries if art in s.violations)))
    breaches_by_safeguard = Counter(texts.safeguard_label(t, sg) for s in summaries for sg in s.breached_safeguards)
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
        "period": texts.period_text(t, dates[0][:10] if dates else None, dates[-1][:10] if dates else None),
        "profile": profile,
        "rules": {"count": len(rules.rules), "sha256": rules.digest},
        "tool_version": __version__,
        "outcomes": texts.outcome_texts(t),
        "standards_of_proof": texts.proof_texts(t),
        "protection": texts.protection_text(t, audience),
        "reliability": texts.reliability_text(t),
        "article_conclusions": texts.conclusions_text(t),
    }
    return Annex(title=title or texts.default_title(t), language=collected.lang, audience=audience,
                 confidential_marking=audience == "committee", methodology=methodology, articles=articles,
                 figures=figures, cases=rows, sources=sources, withheld_confidential=collected.withheld,
                 excluded_invalid=len({p.path for p in collected.invalid}))
