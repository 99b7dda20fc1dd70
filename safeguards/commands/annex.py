"""``safeguards annex``: the case annex of a shadow report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.atomic import confined, write_atomic
from safeguards.commands.check import refuse_duplicates
from safeguards.discovery import discover
from safeguards.problems import RuleError
from safeguards.rules.compile import load_rules
from safeguards.terminal import colour_enabled, paint

EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "csv": "csv", "json": "json"}


def run(args: argparse.Namespace) -> int:
    """Build and write the annex; 2 on invalid input, else 0."""
    from safeguards.annex.build import assemble, collect
    from safeguards.annex.reid import check
    from safeguards.annex.render import WRITERS

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
    if args.profile not in rules.profiles:
        names = ", ".join(sorted(rules.profiles))
        sys.stderr.write(f"safeguards: unknown profile {args.profile!r}; use one of: {names}\n")
        return 2
    files, missing = discover(args.paths)
    if refuse_duplicates(files):
        return 2
    collected = collect(files, rules, args.profile, args.audience, args.context, args.date_from, args.date_to,
                        max(0, args.jobs), quiet=args.quiet)
    errors_in_colour = colour_enabled(sys.stderr)
    for p in [*missing, *collected.invalid]:
        sys.stderr.write(paint(p.render(), errors_in_colour) + "\n")
    if collected.invalid or missing or not files:
        # Every input counts: an annex is never built around a file that could not be read, whose people
        # and consent decisions are then unknown. Nothing is written; a previous annex is left as it was.
        sys.stderr.write("safeguards: annex refused: every input must be a valid case file (nothing written; fix "
                         "or remove the files above and rerun)\n" if files else "safeguards: no case files found\n")
        return 2
    from safeguards.publish.audit import audit_docx, audit_text
    from safeguards.publish.withheld import Withheld

    annex = assemble(collected, rules, args.profile, args.audience)
    hidden = Withheld({**collected.withheld_names, **{k: v for s in collected.summaries for k, v in s.withheld.items()}})
    out = Path(args.output)
    rendered = {}
    leaks = []
    for fmt in formats:  # every format is rendered and audited before any is written
        name = f"annex.{EXTENSIONS[fmt]}"
        data = WRITERS[fmt](annex)
        found = audit_docx(name, data, hidden) if fmt == "docx" else audit_text(
            name, data.decode("utf-8", "replace"), hidden)
        leaks += found
        rendered[name] = data
    if leaks:
        for leak in leaks:
            sys.stderr.write(f"error[name-leak]: {leak.file}: {leak.where}: a withheld name appears; nothing was "
                             "written\n")
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for name, data in rendered.items():
        write_atomic(confined(out, name), data)
    if args.audience == "public":
        for warning in check([s.quasi for s in collected.summaries], k=args.k):
            sys.stderr.write(f"safeguards: re-identification risk: {warning}\n")
    if not args.quiet:
        sys.stdout.write(f"annex ({args.audience}): {len(annex.cases)} case(s), {annex.withheld_confidential} "
                         f"withheld as confidential, {annex.excluded_invalid} invalid; "
                         f"{len(formats)} file(s) written to {out}\n")
    return 0
