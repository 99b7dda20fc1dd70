"""``safeguards check``: evaluate case files and write their reports.

Invalid case files are reported with their located errors and skipped; the
others are still checked. Exit 2 if any input was invalid, else 1 if a
finding reaches ``--fail-on``, else 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguards.discovery import discover
from safeguards.message import N_, localize
from safeguards.problems import Problem, SafeguardsError, sort_problems
from safeguards.report.formats import BY_NAME, DEFAULT, EXTENSIONS, FORMATS, RUN_FORMATS
from safeguards.terminal import colour_enabled, paint, progress

if TYPE_CHECKING:
    from safeguards.results import CaseResult
    from safeguards.rules.compile import RuleSet
    from safeguards.writers.run import RunWriter

FAIL_ON = ("breach", "critical", "high", "medium", "low", "never")
SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3, "critical": 4}
SUMMARY_ROWS = 200  # above this many case files the console shows totals instead of a row per case
OUTCOME_ORDER = ("breach", "contested", "insufficient_information", "met", "not_applicable")


LEAKED = N_("safeguards: a withheld name reached an output; nothing of this run was kept. Mark the field's text as "
            "not for publication, or correct the consent decision, and rerun.")
INVALID_SKIPPED = N_("safeguards: {count} input(s) invalid and skipped")
NO_CASE_FILES = N_("safeguards: no case files (*.yaml, *.yml) found")

@dataclass(frozen=True)
class Options:
    """What a check run was asked to do."""

    profile: str
    formats: tuple[str, ...]
    output: str
    timestamp: bool
    rules_dir: str | None
    use_cache: bool
    cache_dir: str | None = None  # from the configuration; $SAFEGUARDS_CACHE_DIR wins over it
    # Every name withheld from the public in any input of the run (name, label): a person withheld in one file
    # is withheld from every report of the run, whatever another file records.
    withheld: tuple[tuple[str, str], ...] = ()
    language: str = "en"  # of every report and run-level output; the result cache keys on it


@dataclass(frozen=True)
class CaseOutcome:
    """What one case file gave: its problems, or its summary and written files."""

    path: str
    problems: tuple[Problem, ...]
    case_id: str = ""
    counts: tuple[tuple[str, int], ...] = ()
    shown_met: float | None = None
    completeness: float | None = None
    violations: tuple[str, ...] = ()
    breach_severities: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    leaks: tuple[str, ...] = ()  # the audit found a withheld name in these outputs (rendered, names not printed)
    records: tuple[tuple[str, Any], ...] = ()  # (run format, what its adapter kept of the report)


_RULES: dict[str | None, RuleSet] = {}


def _rules(rules_dir: str | None) -> RuleSet:
    """The rule set, compiled once per process and directory (CEL programs cannot be pickled to workers)."""
    if rules_dir not in _RULES:
        from safeguards.rules.compile import load_rules

        _RULES[rules_dir] = load_rules(rules_dir)
    return _RULES[rules_dir]


def check_one(path: str, opts: Options) -> CaseOutcome:
    """Load, evaluate, and write the reports of one case file; remember the outcome in the cache."""
    from safeguards.cache import Cache
    from safeguards.casefile import load

    rules = _rules(opts.rules_dir)
    loaded = load(path)
    if not loaded.ok:
        return CaseOutcome(path, loaded.errors)
    outcome = _evaluate_and_write(loaded, rules, opts)
    if opts.use_cache and not outcome.leaks:
        Cache.for_run(rules.digest, opts).put(loaded.digest, outcome)
    return outcome


def _from_cache(files: Iterable[str], opts: Options,
                digests: dict[str, str] | None = None) -> Iterator[CaseOutcome | None]:
    """The remembered outcome of each file whose content, rules and options are unchanged (None: not known);
    ``digests``: the SHA-256 of files already read in this run."""
    import hashlib

    from safeguards.cache import Cache
    from safeguards.discovery import read_bounded
    from safeguards.rules.files import rules_digest

    cache = Cache.for_run(rules_digest(opts.rules_dir), opts)
    known = digests or {}
    for path in files:
        digest = known.get(path)
        if digest is None:
            try:
                digest = hashlib.sha256(read_bounded(path)).hexdigest()
            except SafeguardsError:
                yield None  # reported when the file is checked
                continue
        hit = cache.get(digest)  # None unless every report it lists is still there, unchanged in size
        yield None if hit is None else CaseOutcome(**{**hit.__dict__, "path": path})


@dataclass
class _Tally:
    """What a run keeps of its cases as they stream past: totals, the problems of invalid files, and a
    row per case only when the run is small enough to print one (memory stays flat on large corpora)."""

    fail_on: str
    keep_rows: bool
    rows: list[CaseOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    checked: int = 0
    invalid: int = 0
    written: int = 0
    with_breach: int = 0
    failing: bool = False
    written_paths: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)

    def add(self, outcome: CaseOutcome) -> None:
        self.written_paths.extend(outcome.written)
        self.leaks.extend(outcome.leaks)
        if outcome.problems:
            self.invalid += 1
            self.problems.extend(outcome.problems)
            return
        self.checked += 1
        self.written += len(outcome.written)
        self.counts.update(dict(outcome.counts))
        self.with_breach += bool(dict(outcome.counts).get("breach"))
        self.failing = self.failing or _fails(outcome, self.fail_on)
        if self.keep_rows:
            self.rows.append(replace(outcome, records=()))


def _evaluate_and_write(loaded: object, rules: RuleSet, opts: Options, result: CaseResult | None = None) -> CaseOutcome:
    """Evaluate a loaded case (unless its ``result`` is given), publish it and write its reports in every format
    asked for (none: nothing is published or written)."""
    import json
    from importlib import import_module

    from safeguards.api import evaluate
    from safeguards.atomic import confined, safe_name, write_together
    from safeguards.casefile import Loaded
    from safeguards.publish.audit import audit_text
    from safeguards.publish.report import publish_report
    from safeguards.publish.withheld import Withheld, for_run
    from safeguards.report.render import WRITERS

    assert isinstance(loaded, Loaded) and loaded.case is not None
    result = evaluate(loaded, rules, opts.profile) if result is None else result
    withheld = Withheld.for_case(loaded.case, "public", for_run(opts.withheld))
    report = publish_report(loaded, result, rules, "public", opts.timestamp, withheld,
                            language=opts.language) if opts.formats else None
    name = safe_name(loaded.case.id)  # the checked case id (validate refuses one that spells a withheld name)
    outputs = []
    records = []
    leaks: list[str] = []
    for fmt in opts.formats:
        assert report is not None
        if fmt in RUN_FORMATS:  # written once for the run, from the small records kept here
            rows = import_module(BY_NAME[fmt].module).rows(report, loaded.path)
            leaks += [leak.render(opts.language) for leak in audit_text(
                N_("{format} output", format=fmt), json.dumps(rows, ensure_ascii=False), withheld)]
            records.append((fmt, rows))
            continue
        target = confined(opts.output, f"{opts.profile}/{name}.{EXTENSIONS[fmt]}")
        text = WRITERS[fmt](report, rules)
        leaks += [leak.render(opts.language) for leak in audit_text(str(target), text, withheld)]  # fail closed
        outputs.append((target, text))
    # Every format is rendered and audited, then all are written together or none (no mix of old and new).
    if leaks:
        records = []
    else:
        write_together(outputs)
    written = [] if leaks else [str(target) for target, _ in outputs]
    return CaseOutcome(
        leaks=tuple(leaks),
        path=loaded.path, problems=(), case_id=loaded.case.id,
        counts=tuple(result.score.counts.items()), shown_met=result.score.shown_met,
        completeness=result.score.completeness,
        violations=tuple(a.article for a in result.articles if a.outcome == "violation_indicated"),
        breach_severities=tuple(sorted({f.severity for f in result.findings if f.outcome == "breach"})),
        written=tuple(written), records=tuple(records))


def _in_order(files: list[str], cached: list[bool], evaluated: Iterator[CaseOutcome],
              opts: Options) -> Iterator[CaseOutcome]:
    """Every file's outcome in input order: the evaluated ones, and the cached ones read again (so that
    their records are not all held at once); an entry that went missing meanwhile is evaluated here."""
    again = _from_cache([p for p, c in zip(files, cached, strict=True) if c], opts)
    for path, was_cached in zip(files, cached, strict=True):
        if was_cached:
            hit = next(again)
            yield hit if hit is not None else check_one(path, opts)
        else:
            yield next(evaluated)


def _run_writers(opts: Options, undecided: bool) -> dict[str, RunWriter]:
    """A writer for each run format asked for, opened before the first case arrives."""
    from importlib import import_module

    from safeguards.writers.run import RunContext

    ctx = RunContext(Path(opts.output) / opts.profile, opts.profile, undecided,
                     _RULES.get(opts.rules_dir), sys.stdout, language=opts.language)
    writers: dict[str, RunWriter] = {}
    try:
        for fmt in opts.formats:
            if fmt in RUN_FORMATS:
                writers[fmt] = import_module(BY_NAME[fmt].module).Writer(ctx)
    except BaseException:
        _abort(writers)
        raise
    return writers


def _feed(writers: dict[str, RunWriter], outcome: CaseOutcome) -> None:
    for fmt, rows in outcome.records:
        if fmt in writers:
            writers[fmt].add(rows)


def _abort(writers: dict[str, RunWriter]) -> None:
    for writer in writers.values():
        writer.abort()


def _every_input_withholds(files: list[str], cache_dir: str | None = None, use_cache: bool = False,
                           digests: dict[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """The names withheld from the public in every input, read as far as each file's YAML allows (with the
    cache, by each file's digest: a rerun parses only the files that changed). The digest of each file within
    the size limit is put in ``digests``, for the result cache to look up without reading the file again."""
    import hashlib

    from safeguards.cache import WithheldCache, default_directory
    from safeguards.discovery import MAX_BYTES
    from safeguards.publish.withheld import withheld_in_bytes

    cache = WithheldCache(default_directory(cache_dir)) if use_cache else None
    names: dict[str, str] = {}
    for path in files:
        try:
            with open(path, "rb") as fh:
                data = fh.read(8 * 1024 * 1024)
        except OSError:
            continue  # reported, located, when the file is checked
        digest = hashlib.sha256(data).hexdigest() if cache is not None else ""
        if digests is not None and digest and len(data) <= MAX_BYTES:
            digests[path] = digest
        found = cache.get(digest) if cache is not None else None
        if found is None:
            found = withheld_in_bytes(data, "public")
            if cache is not None:
                cache.put(digest, found)
        for name, label in found.items():
            names.setdefault(name, label)
    return tuple(sorted(names.items()))


def _run_many(files: list[str], opts: Options, jobs: int) -> Iterator[CaseOutcome]:
    from functools import partial

    from safeguards.parallel import imap, workers

    # The rules are compiled in this process before the pool forks, so workers inherit them.
    yield from imap(partial(check_one, opts=opts), files, workers(jobs, len(files)))


def _fails(outcome: CaseOutcome, fail_on: str) -> bool:
    if fail_on == "never" or not outcome.breach_severities:
        return False
    if fail_on == "breach":
        return True
    return any(SEVERITY_RANK[s] >= SEVERITY_RANK[fail_on] for s in outcome.breach_severities)


def profile_exists(rules_dir: str | None, profile: str, lang: str = "en") -> bool:
    """Whether the rule set has a profile file ``profile`` (checked without compiling the rules)."""
    from safeguards.rules.files import PROFILES_DIR, default_rules_dir, profile_files

    base = Path(rules_dir) if rules_dir else default_rules_dir()
    names = sorted(path.stem for path in profile_files(base))
    if profile in names or not names:  # no profiles at all: load_rules reports that, located
        return True
    sys.stderr.write(localize(N_("safeguards: unknown profile {profile!r}; the rule set's {folder}/ has: {names}",
                                 profile=profile, folder=PROFILES_DIR, names=", ".join(names)), lang) + "\n")
    return False


def refuse_duplicates(files: list[str], lang: str = "en") -> bool:
    """Report inputs that share a case id (naming both files) and say whether there were any."""
    from safeguards.identity import duplicate_ids, scan_ids

    found = duplicate_ids(scan_ids(files))
    enabled = colour_enabled(sys.stderr)
    for p in found:
        sys.stderr.write(paint(p.render(lang), enabled) + "\n")
    if found:
        sys.stderr.write(localize(N_("safeguards: {count} input(s) share a case id with another; nothing was "
                                     "written", count=len(found)), lang) + "\n")
    return bool(found)


def _colour(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def run(args: argparse.Namespace) -> int:
    """Run ``check`` from parsed arguments."""
    from safeguards.i18n import lang_from

    language = lang_from(getattr(args, "lang", None), getattr(args, "language", None))
    db = getattr(args, "db", None)
    if getattr(args, "prune", False) and not db:
        sys.stderr.write(localize(N_("safeguards: --prune removes files from a database: give it with --db FILE"),
                                  language) + "\n")
        return 2
    chosen = args.format if args.format is not None else "" if db else getattr(args, "default_format", DEFAULT)
    formats = tuple(f.strip() for f in chosen.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or (not formats and not db):
        sys.stderr.write(localize(N_("safeguards: unknown format {formats}; use {known}",
                                     formats=", ".join(bad) or N_("(none)"), known=",".join(FORMATS)), language) + "\n")
        return 2
    formats = tuple(dict.fromkeys(formats))  # each once, in the order given
    if args.fail_on not in FAIL_ON:
        sys.stderr.write(localize(N_("safeguards: --fail-on takes one of {values}", values=", ".join(FAIL_ON)),
                                  language) + "\n")
        return 2
    if not profile_exists(args.rules, args.profile, language):
        return 2
    _RULES.clear()  # every run reads the rule files afresh; the memo only serves this run and its workers
    files, missing = discover(args.paths)
    if refuse_duplicates(files, language):
        return 2
    digests: dict[str, str] = {}  # of the inputs the names pass read: the result cache's lookup reuses them
    opts = Options(args.profile, formats, args.output, not args.no_timestamp, args.rules, not args.no_cache,
                   getattr(args, "cache_dir", None),
                   _every_input_withholds(files, getattr(args, "cache_dir", None), not args.no_cache, digests)
                   if len(files) > 1 and formats else (), language)
    if db:  # results kept in a database, incrementally (safeguards/db/check.py)
        from safeguards.db.check import run as run_db

        return run_db(args, files, list(missing), opts)
    colour = colour_enabled(sys.stdout)
    tally = _Tally(args.fail_on, keep_rows=len(files) <= SUMMARY_ROWS)
    writers: dict[str, RunWriter] = {}
    try:
        # Unchanged files are answered from the cache before anything heavy is imported; the rules are
        # compiled only when some file has to be evaluated.
        todo: list[str] = []
        cached: list[bool] = []
        ordered = any(f in RUN_FORMATS for f in formats)  # run-level outputs take every case in input order
        for path, hit in zip(files, _from_cache(files, opts, digests) if opts.use_cache else [None] * len(files),
                             strict=True):
            cached.append(hit is not None)
            if hit is None:
                todo.append(path)
            elif not ordered:
                tally.add(hit)
        if todo or "sarif" in formats:  # the SARIF log describes the rules
            _rules(args.rules)
        from safeguards import gcpolicy

        gcpolicy.for_batch()
        writers = _run_writers(opts, args.sarif_undecided)
        outcomes = _run_many(todo, opts, max(0, args.jobs))
        if ordered:
            outcomes = _in_order(files, cached, outcomes, opts)
        for outcome in progress(outcomes, len(files) if ordered else len(todo), "check", sys.stderr, args.quiet):
            _feed(writers, outcome)
            tally.add(outcome)
        if tally.leaks:
            _abort(writers)  # the run-level outputs are never completed either
            writers = {}
        for fmt in list(writers):
            tally.written += len(writers.pop(fmt).close())
    except SafeguardsError as exc:  # a broken rule, or a case the engine cannot take
        _abort(writers)
        sys.stderr.write(paint(exc.problem.render(language), colour_enabled(sys.stderr)) + "\n")
        return 2
    except BaseException:
        _abort(writers)
        raise
    errors_in_colour = colour_enabled(sys.stderr)
    for p in sort_problems(list(missing) + tally.problems):
        sys.stderr.write(paint(p.render(language), errors_in_colour) + "\n")
    if tally.leaks:
        from safeguards.publish.audit import delete

        delete(tally.written_paths)
        for leak in tally.leaks:
            sys.stderr.write(f"{leak}\n")
        sys.stderr.write(localize(LEAKED, language) + "\n")
        return 2
    if not args.quiet:
        _summary(tally, args.profile, colour, language)
    invalid = tally.invalid + len(missing)
    if invalid:
        sys.stderr.write(localize(INVALID_SKIPPED.fill(count=invalid), language) + "\n")
        return 2
    if not files:
        sys.stderr.write(localize(NO_CASE_FILES, language) + "\n")
        return 2
    return 1 if tally.failing else 0


def _summary(tally: _Tally, profile: str, colour: bool, language: str = "en") -> None:
    """The console summary, in the run's language: a row per case (or totals), a key to the columns, the count."""
    from safeguards.i18n import translator
    from safeguards.publish.catalog import FINDING_OUTCOMES

    t = translator(language)
    _ = t.gettext
    sys.stdout.write(_("profile: {profile}").format(profile=profile) + "\n")
    if tally.keep_rows:
        # Column heads, each fitted to its column (a translation longer than the column is cut).
        heads = [(t.pgettext("check summary", "case"), 34), (t.pgettext("check summary", "breach"), 6),
                 (t.pgettext("check summary", "contest"), 7), (t.pgettext("check summary", "insuff"), 6),
                 (t.pgettext("check summary", "met"), 4), (t.pgettext("check summary", "n/a"), 4),
                 (t.pgettext("check summary", "shown"), 6), (t.pgettext("check summary", "decided"), 8)]
        cells = [f"{heads[0][0][:34]:34}"] + [f"{h[:w]:>{w}}" for h, w in heads[1:]]
        sys.stdout.write(" ".join(cells) + "  " + t.pgettext("check summary", "arts") + "\n")
        for o in sorted(tally.rows, key=lambda x: x.case_id):
            c = dict(o.counts)
            score = "-" if o.shown_met is None else f"{o.shown_met:.0f}%"
            comp = "-" if o.completeness is None else f"{o.completeness:.0f}%"
            breaches = _colour(f"{c.get('breach', 0):>6}", "31", colour and c.get("breach", 0) > 0)
            sys.stdout.write(f"{o.case_id[:34]:34} {breaches} {c.get('contested', 0):>7} "
                             f"{c.get('insufficient_information', 0):>6} {c.get('met', 0):>4} "
                             f"{c.get('not_applicable', 0):>4} {score:>6} {comp:>8}  "
                             f"{', '.join(o.violations) or '-'}\n")
        sys.stdout.write(_("Columns: findings whose safeguard was not respected (breach), contested, with not enough "
                           "information (insuff), respected (met) and not applicable (n/a); shown: weighted share of "
                           "the applicable safeguards the file shows respected; decided: share of the applicable "
                           "findings the file decides; arts: articles with a violation indicated. These are aids "
                           "to reading the file, not legal conclusions.") + "\n")
    else:
        totals = ", ".join(f"{tally.counts[k]} {_(FINDING_OUTCOMES[k])}" for k in OUTCOME_ORDER)
        sys.stdout.write(_("findings: {totals}; {cases} case(s) with a breach (one row per case is shown up to "
                           "{rows} files; see the reports)").format(totals=totals, cases=tally.with_breach,
                                                                    rows=SUMMARY_ROWS) + "\n")
    sys.stdout.write(_("{checked} case(s) checked, {written} file(s) written").format(
        checked=tally.checked, written=tally.written) + "\n")
