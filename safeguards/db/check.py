"""``check --db FILE``: the check pipeline with its results kept in a database, incrementally.

A file whose bytes, rule set, profile, language and tool version are those recorded is skipped; any
other file is evaluated (in worker processes) and its rows replaced in one transaction. Per-case
reports are written only when ``--format`` is given.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from functools import partial
from itertools import chain
from typing import Any

from safeguards.commands.check import (
    INVALID_SKIPPED,
    NO_CASE_FILES,
    SUMMARY_ROWS,
    CaseOutcome,
    Options,
    _evaluate_and_write,
    _rules,
    _summary,
    _Tally,
)
from safeguards.db.store import Record, Writer, connect, record_case, record_invalid
from safeguards.message import N_, localize
from safeguards.problems import Problem, SafeguardsError, sort_problems
from safeguards.terminal import colour_enabled, paint, progress


def run_key(rules_digest: str, profile: str, language: str) -> str:
    """What a case's stored results depend on besides its bytes (the annex's summaries are written in
    ``language``)."""
    from safeguards import __version__

    return f"rules={rules_digest};profile={profile};language={language};version={__version__}"


def db_one(path: str, opts: Options) -> tuple[CaseOutcome, Record]:
    """Evaluate one case file and make its record; write its reports if formats were asked."""
    from safeguards.api import evaluate
    from safeguards.casefile import load
    from safeguards.discovery import read_bounded
    from safeguards.problems import InputError

    rules = _rules(opts.rules_dir)
    try:
        raw: bytes | None = read_bounded(path)
    except InputError as exc:
        return CaseOutcome(path, (exc.problem,)), record_invalid(path, b"", "", (exc.problem,))
    loaded = load(path, raw)
    if not loaded.ok or loaded.case is None or raw is None:
        return CaseOutcome(path, loaded.errors), record_invalid(path, raw or b"", loaded.digest, loaded.errors)
    result = evaluate(loaded, rules, opts.profile)
    outcome = _evaluate_and_write(loaded, rules, opts, result)
    return outcome, record_case(path, raw, loaded, result, rules, opts.language)


def _stored(con: Any, path: str) -> CaseOutcome:
    """The outcome of a skipped file, as the database holds it."""
    case_id, *counts, shown_met, completeness = con.execute(
        "SELECT case_id, breach, contested, insufficient_information, met, not_applicable, shown_met, completeness "
        "FROM cases WHERE path = ?", (path,)).fetchone()
    names = ("breach", "contested", "insufficient_information", "met", "not_applicable")
    violations = [r[0] for r in con.execute("SELECT article FROM article_conclusions WHERE case_id = ? AND "
                                            "outcome = 'violation_indicated' ORDER BY rowid", (case_id,))]
    severities = [r[0] for r in con.execute("SELECT DISTINCT severity FROM findings WHERE case_id = ? AND "
                                            "law = 'convention' AND outcome = 'breach' ORDER BY severity",
                                            (case_id,))]
    return CaseOutcome(path, (), case_id, tuple(zip(names, counts, strict=True)), shown_met, completeness,
                       tuple(violations), tuple(severities))


def run(args: argparse.Namespace, files: list[str], missing: list[Problem], opts: Options) -> int:
    """Run ``check --db``; exit codes as ``check``."""
    from safeguards.casefile import load
    from safeguards.discovery import read_bounded
    from safeguards.parallel import imap, workers
    from safeguards.problems import InputError
    from safeguards.report.formats import RUN_FORMATS
    from safeguards.rules.files import rules_digest

    if any(fmt in RUN_FORMATS for fmt in opts.formats):
        sys.stderr.write(localize(N_("safeguards: with --db, --format takes per-case formats only (md, html, "
                                     "json), not {formats}; run check without --db for those",
                                     formats=", ".join(f for f in opts.formats if f in RUN_FORMATS)),
                                  opts.language) + "\n")
        return 2
    key = run_key(rules_digest(opts.rules_dir), opts.profile, opts.language)
    tally = _Tally(args.fail_on, keep_rows=len(files) <= SUMMARY_ROWS)
    pending: list[str] = []  # the files to evaluate
    con = connect(args.db, create=True)
    try:
        for path in files:
            try:
                digest = hashlib.sha256(read_bounded(path)).hexdigest()
            except InputError:
                pending.append(path)  # reported, located, when it is checked
                continue
            have = con.execute("SELECT sha256, run_key, problems FROM files WHERE path = ?", (path,)).fetchone()
            if have is None or have[0] != digest or have[1] != key or opts.formats:
                pending.append(path)
            elif have[2]:
                tally.add(CaseOutcome(path, load(path).errors))  # unchanged and invalid: its problems again
            else:
                tally.add(_stored(con, path))
    finally:
        con.close()  # no connection is open while worker processes are forked
    skipped = len(files) - len(pending)
    try:
        _rules(opts.rules_dir)  # compiled before the pool forks, so workers inherit the rules
        results = imap(partial(db_one, opts=opts), pending, workers(max(0, args.jobs), len(pending)))
        first = next(results, None)
        con = connect(args.db, create=True)
        try:
            writer = Writer(con, key)
            for outcome, record in progress(chain([first] if first else [], results), len(pending), "check",
                                            sys.stderr, args.quiet):
                writer.add(record)
                tally.add(outcome)
            writer.set_meta({"rules_sha256": rules_digest(opts.rules_dir), "profile": opts.profile,
                             "language": opts.language, "run_key": key})
            pruned = writer.prune(files) if args.prune else 0
        finally:
            con.close()
    except SafeguardsError as exc:
        sys.stderr.write(paint(exc.problem.render(opts.language), colour_enabled(sys.stderr)) + "\n")
        return 2
    errors_in_colour = colour_enabled(sys.stderr)
    for p in sort_problems(list(missing) + tally.problems):
        sys.stderr.write(paint(p.render(opts.language), errors_in_colour) + "\n")
    if tally.leaks:
        from safeguards.publish.audit import delete

        delete(tally.written_paths)
        for leak in tally.leaks:
            sys.stderr.write(f"{leak}\n")
        sys.stderr.write(localize(N_("safeguards: a withheld name reached a report; no report of this run was kept "
                                     "(the database was updated). Mark the field's text as not for publication, or "
                                     "correct the consent decision, and rerun."), opts.language) + "\n")
        return 2
    if not args.quiet:
        _summary(tally, opts.profile, colour_enabled(sys.stdout), opts.language)
        done = N_("database {db}: {evaluated} file(s) evaluated, {skipped} unchanged and skipped", db=str(args.db),
                  evaluated=len(pending), skipped=skipped) if not args.prune else \
            N_("database {db}: {evaluated} file(s) evaluated, {skipped} unchanged and skipped, {pruned} no longer "
               "given and removed", db=str(args.db), evaluated=len(pending), skipped=skipped, pruned=pruned)
        sys.stdout.write(localize(done, opts.language) + "\n")
    invalid = tally.invalid + len(missing)
    if invalid:
        sys.stderr.write(localize(INVALID_SKIPPED.fill(count=invalid), opts.language) + "\n")
        return 2
    if not files:
        sys.stderr.write(localize(NO_CASE_FILES, opts.language) + "\n")
        return 2
    return 1 if tally.failing else 0
