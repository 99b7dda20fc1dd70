"""``safeguards report --db FILE CASE-ID...``: per-case reports rendered from the database on demand.

The database keeps each case file's bytes; a report is made from them by the same pipeline as
``check`` (load, evaluate, publish, render), with the rule set and profile the database was checked
with, so it is byte for byte the report ``check`` writes for that case. Every report is audited
before any is written.
"""

from __future__ import annotations

import argparse
import sys

from safeguards.message import N_, localize
from safeguards.problems import SafeguardsError

FORMATS = ("md", "html", "json")


def _withheld_union(con: object, audience: str) -> dict[str, str]:
    """The names withheld in every file of the database, as ``check`` withholds those of every input of a run."""
    import sqlite3

    assert isinstance(con, sqlite3.Connection)
    if con.execute("SELECT count(*) FROM files").fetchone()[0] < 2:
        return {}  # check withholds a run's other inputs' names only when there are other inputs
    if audience == "public":
        sql = ("SELECT name, label FROM withheld WHERE audience = 'public' AND kind = 'file' ORDER BY path, seq")
        rows = con.execute(sql).fetchall()
    else:
        rows = con.execute(
            "SELECT w.name, w.label FROM withheld w JOIN files f ON f.path = w.path WHERE w.audience = ? AND "
            "w.kind = CASE WHEN f.problems > 0 THEN 'file' ELSE 'case' END ORDER BY w.path, w.seq",
            (audience,)).fetchall()
    names: dict[str, str] = {}
    for name, label in rows:
        names.setdefault(name, label)
    return names


def run(args: argparse.Namespace) -> int:
    """Write the reports of the cases named; 2 (and nothing written) if a case is unknown or a report leaks."""
    from safeguards.api import evaluate
    from safeguards.atomic import confined, safe_name, write_together
    from safeguards.casefile import load
    from safeguards.db.store import bad_database, connect, meta
    from safeguards.i18n import lang_from
    from safeguards.publish.audit import audit_text
    from safeguards.publish.report import publish_report
    from safeguards.publish.withheld import Withheld
    from safeguards.report.formats import EXTENSIONS
    from safeguards.report.render import WRITERS
    from safeguards.rules.compile import load_rules

    language = lang_from(getattr(args, "lang", None), getattr(args, "language", None))
    formats = tuple(dict.fromkeys(f.strip() for f in args.format.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        sys.stderr.write(localize(N_("safeguards: unknown report format {formats}; use {known}",
                                     formats=", ".join(bad) or N_("(none)"), known=",".join(FORMATS)), language) + "\n")
        return 2
    try:
        con = connect(args.db, create=False)
    except SafeguardsError as exc:
        sys.stderr.write(exc.problem.render(language) + "\n")
        return 2
    try:
        recorded = meta(con)
        rules = load_rules(args.rules)
        if rules.digest != recorded.get("rules_sha256"):
            raise bad_database(args.db, N_("checked with another rule set than the one given"),
                               N_("give the --rules the database was checked with, or run check --db again"))
        profile = recorded["profile"]
        also = _withheld_union(con, args.audience)
        outputs = []
        leaks = []
        unknown = []
        for case_id in dict.fromkeys(args.case_ids):
            row = con.execute("SELECT path, content FROM files WHERE case_id = ?", (case_id,)).fetchone()
            if row is None:
                unknown.append(case_id)
                continue
            path, content = row
            loaded = load(path, bytes(content))
            if not loaded.ok or loaded.case is None:
                raise bad_database(args.db, N_("the stored file of {case_id} does not load", case_id=case_id),
                                   N_("run check --db again"))
            result = evaluate(loaded, rules, profile)
            withheld = Withheld.for_case(loaded.case, args.audience, also)
            report = publish_report(loaded, result, rules, args.audience, not args.no_timestamp, withheld,
                                    language=language)
            for fmt in formats:
                target = confined(args.output, f"{profile}/{safe_name(loaded.case.id)}.{EXTENSIONS[fmt]}")
                text = WRITERS[fmt](report, rules)
                leaks += audit_text(str(target), text, withheld)
                outputs.append((target, text))
    except SafeguardsError as exc:
        sys.stderr.write(exc.problem.render(language) + "\n")
        return 2
    finally:
        con.close()
    if unknown:
        sys.stderr.write(localize(N_("safeguards: no case {ids} in {db}; nothing was written (the case ids are those "
                                     "of the case files checked with --db)", ids=", ".join(unknown), db=args.db),
                                  language) + "\n")
        return 2
    if leaks:
        for leak in leaks:
            sys.stderr.write(leak.render(language, written=False) + "\n")
        return 2
    write_together(outputs)
    if not args.quiet:
        sys.stdout.write(localize(N_("{count} file(s) written to {out}", count=len(outputs), out=args.output),
                                  language) + "\n")
    return 0
