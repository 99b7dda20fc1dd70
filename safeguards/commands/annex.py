"""``safeguards annex``: the case annex of a shadow report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.atomic import confined, write_together
from safeguards.discovery import discover
from safeguards.problems import RuleError
from safeguards.rules.compile import load_rules

EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "csv": "csv", "json": "json"}


def run(args: argparse.Namespace) -> int:
    """Build and write the annex; 2 (and nothing written) if any input is missing or invalid, else 0."""
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
    collected = collect(files, rules, args.profile, args.audience, args.context, args.date_from, args.date_to,
                        max(0, args.jobs))
    for p in [*missing, *collected.invalid]:
        sys.stderr.write(p.render() + "\n")
    out = Path(args.output)
    if missing or collected.invalid or not files:
        # An annex built from part of its inputs would replace a good one with less: refuse, write nothing.
        count = len(missing) + len({p.path for p in collected.invalid})
        what = f"{count} input(s) missing or invalid" if files or missing else "no case files (*.yaml, *.yml) found"
        sys.stderr.write(f"safeguards: annex not written: {what}; the annex in {out} is left as it was "
                         "(fix the inputs, or leave the invalid ones out, and run again)\n")
        return 2
    annex = assemble(collected, rules, args.profile, args.audience)
    # Every format is rendered first, then all are written together or none.
    rendered = [(confined(out, f"annex.{EXTENSIONS[fmt]}"), WRITERS[fmt](annex)) for fmt in formats]
    write_together(rendered)
    if args.audience == "public":
        for warning in check([s.quasi for s in collected.summaries], k=args.k):
            sys.stderr.write(f"safeguards: re-identification risk: {warning}\n")
    if not args.quiet:
        sys.stdout.write(f"annex ({args.audience}): {len(annex.cases)} case(s), {annex.withheld_confidential} "
                         f"withheld as confidential, {annex.excluded_invalid} invalid; "
                         f"{len(formats)} file(s) written to {out}\n")
    return 0
