"""``safeguards annex``: the case annex of a shadow report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.atomic import confined, write_together
from safeguards.commands.check import refuse_duplicates
from safeguards.discovery import discover
from safeguards.problems import RuleError
from safeguards.rules.compile import RuleSet, load_rules
from safeguards.terminal import colour_enabled, paint

EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "csv": "csv", "json": "json"}


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
        sys.stderr.write(f"safeguards: unknown annex format {', '.join(bad) or '(none)'}; use {','.join(WRITERS)}\n")
        return 2
    try:
        rules = load_rules(args.rules)
    except RuleError as exc:
        sys.stderr.write(str(exc) + "\n")
        return 2
    from safeguards import gcpolicy

    gcpolicy.for_batch()
    if args.profile not in rules.profiles:
        names = ", ".join(sorted(rules.profiles))
        sys.stderr.write(f"safeguards: unknown profile {args.profile!r}; use one of: {names}\n")
        return 2
    if getattr(args, "db", None):
        if args.paths:
            sys.stderr.write("safeguards: give case files or --db, not both\n")
            return 2
        return _from_db(args, formats, rules, lang)
    if not args.paths:
        sys.stderr.write("safeguards: give the case files (or folders) of the annex, or --db FILE\n")
        return 2
    files, missing = discover(args.paths)
    if refuse_duplicates(files):
        return 2
    collected = collect(files, rules, args.profile, args.audience, args.context, args.date_from, args.date_to,
                        max(0, args.jobs), quiet=args.quiet, lang=lang)
    errors_in_colour = colour_enabled(sys.stderr)
    for p in [*missing, *collected.invalid]:
        sys.stderr.write(paint(p.render(), errors_in_colour) + "\n")
    out = Path(args.output)
    if missing or collected.invalid or not files:
        # Every input counts: an annex is never built around a file that could not be read (its people and
        # their consent are then unknown), nor from part of its inputs. Nothing is written.
        count = len(missing) + len({p.path for p in collected.invalid})
        what = f"{count} input(s) missing or invalid" if files or missing else "no case files (*.yaml, *.yml) found"
        sys.stderr.write(f"safeguards: annex not written: {what}; the annex in {out} is left as it was "
                         "(fix the inputs, or leave the invalid ones out, and run again)\n")
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
        for leak in leaks:
            sys.stderr.write(f"error[name-leak]: {leak.file}: {leak.where}: a withheld name appears "
                             f"({len(leak.form)} characters; not printed); nothing was written\n")
        return 2
    write_together(rendered)
    if args.audience == "public":
        for warning in check([s.quasi for s in collected.summaries], k=args.k):
            sys.stderr.write(f"safeguards: re-identification risk: {warning}\n")
    if not args.quiet:
        sys.stdout.write(f"annex ({args.audience}): {len(annex.cases)} case(s), {annex.withheld_confidential} "
                         f"withheld as confidential, {annex.excluded_invalid} invalid; "
                         f"{len(formats)} file(s) written to {out}\n")
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
        sys.stderr.write(str(exc) + "\n")
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
                for leak in leaks:
                    sys.stderr.write(f"error[name-leak]: {leak.file}: {leak.where}: a withheld name appears "
                                     f"({len(leak.form)} characters; not printed); nothing was written\n")
                return 2
            for tmp in pending:
                tmp.commit()
            pending = []
        finally:
            for tmp in pending:
                tmp.abort()
        if args.audience == "public":
            for warning in annex.reid_warnings(args.k):
                sys.stderr.write(f"safeguards: re-identification risk: {warning}\n")
        head = annex.stream.head
    except SafeguardsError as exc:
        sys.stderr.write(str(exc) + "\n")
        return 2
    finally:
        con.close()
    if not args.quiet:
        sys.stdout.write(f"annex ({args.audience}): {annex.stream.count} case(s), {head.withheld_confidential} "
                         f"withheld as confidential, {head.excluded_invalid} invalid; "
                         f"{len(formats)} file(s) written to {out}\n")
    return 0
