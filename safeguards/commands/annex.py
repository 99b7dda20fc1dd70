"""``safeguards annex``: the case annex of a shadow report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.atomic import confined, write_together
from safeguards.commands.check import refuse_duplicates
from safeguards.discovery import discover
from safeguards.message import N_, Message, localize
from safeguards.problems import RuleError
from safeguards.publish.audit import Leak
from safeguards.rules.compile import RuleSet, load_rules
from safeguards.terminal import colour_enabled, paint

EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "csv": "csv", "json": "json"}
REID_SHOWN = 50  # re-identification warnings printed one by one; beyond, a count (a national annex has thousands)


def _say(message: str, lang: str) -> None:
    sys.stderr.write(localize(message, lang) + "\n")


def _reid(warnings: list[Message], k: int, lang: str) -> None:
    """The re-identification warnings: the first ``REID_SHOWN`` one by one, then how many more."""
    for warning in warnings[:REID_SHOWN]:
        _say(N_("safeguards: re-identification risk: {warning}", warning=warning), lang)
    if len(warnings) > REID_SHOWN:
        _say(N_("safeguards: re-identification risk: {count} more pseudonymised case(s) with fewer than {k} alike "
                "(the first {shown} are listed above)", count=len(warnings) - REID_SHOWN, k=k, shown=REID_SHOWN),
             lang)


def _leaks(leaks: list[Leak], lang: str) -> None:
    for leak in leaks:
        _say(N_("error[name-leak]: {file}: {where}: a withheld name appears ({size} characters; not printed); "
                "nothing was written", file=leak.file, where=leak.where, size=len(leak.form)), lang)


def _done(audience: str, count: int, confidential: int, invalid: int, files: int, out: Path, lang: str) -> None:
    sys.stdout.write(localize(N_("annex ({audience}): {count} case(s), {confidential} withheld as confidential, "
                                 "{invalid} invalid; {files} file(s) written to {out}", audience=audience,
                                 count=count, confidential=confidential, invalid=invalid, files=files,
                                 out=str(out)), lang) + "\n")


def run(args: argparse.Namespace) -> int:
    """Build and write the annex; 2 (and nothing written) if any input is missing or invalid, else 0."""
    from safeguards.annex.build import assemble, collect
    from safeguards.annex.reid import check
    from safeguards.annex.render import WRITERS, Cover, write_csv, write_docx
    from safeguards.i18n import lang_from

    lang = lang_from(getattr(args, "lang", None), getattr(args, "language", None))

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    bad = [f for f in formats if f not in WRITERS]
    if bad or not formats:
        _say(N_("safeguards: unknown annex format {formats}; use {known}", formats=", ".join(bad) or N_("(none)"),
                known=",".join(WRITERS)), lang)
        return 2
    try:
        rules = load_rules(args.rules)
    except RuleError as exc:
        sys.stderr.write(exc.problem.render(lang) + "\n")
        return 2
    from safeguards import gcpolicy

    gcpolicy.for_batch()
    if args.profile not in rules.profiles:
        names = ", ".join(sorted(rules.profiles))
        _say(N_("safeguards: unknown profile {profile!r}; use one of: {names}", profile=args.profile, names=names),
             lang)
        return 2
    if getattr(args, "db", None):
        if args.paths:
            _say(N_("safeguards: give case files or --db, not both"), lang)
            return 2
        return _from_db(args, formats, rules, lang)
    if not args.paths:
        _say(N_("safeguards: give the case files (or folders) of the annex, or --db FILE"), lang)
        return 2
    files, missing = discover(args.paths)
    if refuse_duplicates(files, lang):
        return 2
    collected = collect(files, rules, args.profile, args.audience, args.context, args.date_from, args.date_to,
                        max(0, args.jobs), quiet=args.quiet, lang=lang)
    errors_in_colour = colour_enabled(sys.stderr)
    for p in [*missing, *collected.invalid]:
        sys.stderr.write(paint(p.render(lang), errors_in_colour) + "\n")
    out = Path(args.output)
    if missing or collected.invalid or not files:
        # Every input counts: an annex is never built around a file that could not be read (its people and
        # their consent are then unknown), nor from part of its inputs. Nothing is written.
        count = len(missing) + len({p.path for p in collected.invalid})
        what = N_("{count} input(s) missing or invalid", count=count) if files or missing else \
            N_("no case files (*.yaml, *.yml) found")
        _say(N_("safeguards: annex not written: {what}; the annex in {out} is left as it was (fix the inputs, or "
                "leave the invalid ones out, and run again)", what=what, out=str(out)), lang)
        return 2
    from safeguards.publish.audit import audit_docx, audit_text

    annex = assemble(collected, rules, args.profile, args.audience)
    hidden = collected.everyone_withheld()
    cover = Cover(organisation=args.organisation, state=args.state, session=args.session, date=args.date)
    rendered = []
    leaks = []
    for fmt in formats:  # every format is rendered and audited; then all are written together, or none
        target = confined(out, f"annex.{EXTENSIONS[fmt]}")
        if fmt == "docx":
            data = write_docx(annex, cover)
        elif fmt == "csv":
            data = write_csv(annex, bom=args.csv_bom)
        else:
            data = WRITERS[fmt](annex)
        leaks += audit_docx(target.name, data, hidden) if fmt == "docx" else audit_text(
            target.name, data.decode("utf-8", "replace"), hidden)
        rendered.append((target, data))
    if leaks:
        _leaks(leaks, lang)
        return 2
    write_together(rendered)
    if args.audience == "public":
        _reid(check([s.quasi for s in collected.summaries], k=args.k), args.k, lang)
    if not args.quiet:
        _done(args.audience, len(annex.cases), annex.withheld_confidential, annex.excluded_invalid, len(formats),
              out, lang)
    return 0


def _from_db(args: argparse.Namespace, formats: tuple[str, ...], rules: RuleSet, lang: str) -> int:
    """The annex from a database made by ``check --db``, streamed to temporary files, audited as it is written,
    then renamed into place all together (or, on a leak, none)."""

    from safeguards.annex.render import csv_chunks, html_chunks, json_chunks, md_chunks
    from safeguards.annex.stream import AuditedText
    from safeguards.annex.word import Cover, stream_docx
    from safeguards.atomic import AtomicFile
    from safeguards.db.annex import from_db, refuse_stale
    from safeguards.db.check import run_key
    from safeguards.db.store import connect
    from safeguards.problems import SafeguardsError

    out = Path(args.output)
    try:
        con = connect(args.db, create=False)
    except SafeguardsError as exc:
        sys.stderr.write(exc.problem.render(lang) + "\n")
        return 2
    try:
        refuse_stale(con, args.db, run_key(rules.digest, args.profile, lang))
        annex = from_db(con, rules, args.profile, args.audience, args.context, args.date_from, args.date_to, lang)
        cover = Cover(organisation=args.organisation, state=args.state, session=args.session, date=args.date)
        pending: list[AtomicFile] = []
        leaks = []
        try:
            for fmt in formats:
                target = confined(out, f"annex.{EXTENSIONS[fmt]}")
                tmp = AtomicFile(target)
                pending.append(tmp)
                if fmt == "docx":
                    leaks += stream_docx(annex.stream, tmp.binary, cover, annex.hidden, target.name)
                    continue
                chunks = {"md": md_chunks, "html": html_chunks, "json": json_chunks}.get(fmt)
                text = AuditedText(target.name, tmp.binary, annex.hidden)
                for chunk in (csv_chunks(annex.stream, bom=args.csv_bom) if chunks is None else
                              chunks(annex.stream)):
                    text.write(chunk)
                text.close()
                leaks += text.leaks
            if leaks:
                _leaks(leaks, lang)
                return 2
            for tmp in pending:
                tmp.commit()
            pending = []
        finally:
            for tmp in pending:
                tmp.abort()
        if args.audience == "public":
            _reid(annex.reid_warnings(args.k), args.k, lang)
        head = annex.stream.head
    except SafeguardsError as exc:
        sys.stderr.write(exc.problem.render(lang) + "\n")
        return 2
    finally:
        con.close()
    if not args.quiet:
        _done(args.audience, annex.stream.count, head.withheld_confidential, head.excluded_invalid, len(formats), out,
              lang)
    return 0
