"""``safeguards validate``: the CI gate for case submissions."""

from __future__ import annotations

import os
import sys

from safeguards.atomic import write_atomic
from safeguards.casefile import load
from safeguards.discovery import discover
from safeguards.problems import Level, Problem, sort_problems
from safeguards.writers.problems import WRITERS


def _problems(path: str) -> list[Problem]:
    return list(load(path).problems)


def collect(paths: list[str], jobs: int = 1) -> tuple[list[Problem], int]:
    """Every problem in every case file under ``paths``, and how many files were read."""
    from safeguards.parallel import imap, workers

    files, problems = discover(paths)
    for found in imap(_problems, files, workers(jobs, len(files))):
        problems.extend(found)
    return sort_problems(problems), len(files)


def run(paths: list[str], fmt: str | None, strict: bool, output: str | None, jobs: int = 0) -> int:
    """Validate, render, and return 0 (clean), 1 (problems) or 2 (nothing could be read)."""
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    problems, count = collect(paths, jobs)
    rendered = WRITERS[fmt](problems, count)
    if output:
        write_atomic(output, rendered)
    else:
        sys.stdout.write(rendered)
    if any(p.code in ("not-found", "not-a-regular-file") for p in problems) or count == 0:
        if count == 0:
            sys.stderr.write("safeguards: no case files (*.yaml, *.yml) found\n")
        return 2
    failing = [p for p in problems if p.level is Level.ERROR or strict]
    return 1 if failing else 0
