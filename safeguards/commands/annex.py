"""``safeguards annex``: the case annex of a shadow report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.atomic import confined, write_atomic
from safeguards.discovery import discover
from safeguards.problems import RuleError
from safeguards.rules.compile import load_rules

EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "csv": "csv", "json": "json"}


def run(args: argparse.Namespace) -> int:
    """Build and write the annex; 2 on invalid input, else 0."""
    from safeguards.annex.build import assemble, collect
    from safeguards.annex.reid import check
    from safeguards.annex.render import WRITERS, Cover, write_csv, write_docx

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
    collected = collect(files, rules, args.profile, args.audience, args.context, args.date_from, args.date_to,
                        max(0, args.jobs))
    for p in [*missing, *collected.invalid]:
        sys.stderr.write(p.render() + "\n")
    annex = assemble(collected, rules, args.profile, args.audience)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    cover = Cover(organisation=args.organisation, state=args.state, session=args.session, date=args.date)
    for fmt in formats:
        if fmt == "docx":
            data = write_docx(annex, cover)
        elif fmt == "csv":
            data = write_csv(annex, bom=args.csv_bom)
        else:
            data = WRITERS[fmt](annex)
        write_atomic(confined(out, f"annex.{EXTENSIONS[fmt]}"), data)
    if args.audience == "public":
        for warning in check([s.quasi for s in collected.summaries], k=args.k):
            sys.stderr.write(f"safeguards: re-identification risk: {warning}\n")
    if not args.quiet:
        sys.stdout.write(f"annex ({args.audience}): {len(annex.cases)} case(s), {annex.withheld_confidential} "
                         f"withheld as confidential, {annex.excluded_invalid} invalid; "
                         f"{len(formats)} file(s) written to {out}\n")
    return 2 if (collected.invalid or missing) else 0
