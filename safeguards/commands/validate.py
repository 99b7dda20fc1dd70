"""``safeguards validate``: the CI gate for case submissions."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from safeguards.atomic import write_atomic
from safeguards.discovery import discover
from safeguards.identity import CaseId, duplicate_ids, is_case_data
from safeguards.message import N_, localize
from safeguards.problems import Level, Problem, sort_problems
from safeguards.terminal import colour_enabled, paint, progress
from safeguards.writers.problems import WRITERS

NO_CASE_FILES = N_("safeguards: no case files (*.yaml, *.yml) found")


@dataclass(frozen=True)
class _Checked:
    """One file's problems and case id; ``case`` is False for a YAML file that is not a case file."""

    problems: tuple[Problem, ...]
    case_id: CaseId | None = None
    case: bool = True


def _check(path: str, only_case_files: bool = False) -> _Checked:
    from safeguards.casefile import check_document, load
    from safeguards.problems import InputError
    from safeguards.yamlsource import load_file

    if not only_case_files:
        loaded = load(path)
    else:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
            doc = load_file(path, raw)
        except (OSError, InputError):
            loaded = load(path)  # unreadable or not YAML: reported, since it may be a broken case file
        else:
            if not is_case_data(doc.data):
                return _Checked((), None, case=False)
            loaded = check_document(doc)
    parsed = loaded.document
    case_id = None
    if parsed is not None and isinstance(parsed.data, dict) and isinstance(parsed.data.get("id"), str):
        line, col = parsed.locate(("id",))
        case_id = CaseId(path, parsed.data["id"], line, col)
    return _Checked(loaded.problems, case_id)


def _check_case_files(path: str) -> _Checked:
    return _check(path, only_case_files=True)


def collect(paths: list[str], jobs: int = 1, only_case_files: bool = False,
            quiet: bool = True, lang: str = "en") -> tuple[list[Problem], int]:
    """Every problem in every case file under ``paths`` (duplicate case ids included), and how many were read."""
    from safeguards.parallel import imap, workers

    files, problems = discover(paths)
    ids: list[CaseId] = []
    count = 0
    work = imap(_check_case_files if only_case_files else _check, files, workers(jobs, len(files)))
    for checked in progress(work, len(files), "validate", sys.stderr, quiet, localize(N_("file"), lang)):
        if not checked.case:
            continue
        count += 1
        problems.extend(checked.problems)
        if checked.case_id is not None:
            ids.append(checked.case_id)
    problems.extend(duplicate_ids(ids))
    return sort_problems(problems), count


def run(paths: list[str], fmt: str | None, strict: bool, output: str | None, jobs: int = 0, *,
        only_case_files: bool = False, quiet: bool = False, lang: str = "en") -> int:
    """Validate, render in ``lang``, and return 0 (clean), 1 (problems) or 2 (nothing could be read)."""
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    problems, count = collect(paths, jobs, only_case_files, quiet, lang)
    rendered = WRITERS[fmt](problems, count, lang)
    if output:
        write_atomic(output, rendered)
    elif not (quiet and not problems):
        sys.stdout.write(paint(rendered, fmt == "text" and colour_enabled(sys.stdout), lang))
    if any(p.code in ("not-found", "not-a-regular-file") for p in problems) or (count == 0 and not only_case_files):
        if count == 0:
            sys.stderr.write(localize(NO_CASE_FILES, lang) + "\n")
        return 2
    failing = [p for p in problems if p.level is Level.ERROR or strict]
    return 1 if failing else 0
