"""What makes a YAML file a case file, and one case id per case.

Two inputs with one case id would overwrite each other's reports and be counted
twice in an annex, so ``validate`` reports them and ``check`` and ``annex``
refuse them. ``validate --only-case-files`` skips YAML files that are plainly
not case files (workflows, tool configuration), recognised by their top-level keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from safeguards.message import N_
from safeguards.problems import Level, Problem

CASE_KEYS = frozenset({"schema_version", "people", "episodes"})  # top-level keys only case files have
# A top-level ``id:`` line (block style), read without parsing the YAML: cheap enough for a pre-pass.
_ID_LINE = re.compile(rb"^id:[ \t]*(?P<q>['\"]?)(?P<id>[^'\"#\r\n]*?)(?P=q)[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)


def is_case_data(data: Any) -> bool:
    """Whether parsed YAML looks like a case file: a mapping with ``schema_version``, ``people`` or ``episodes``."""
    return isinstance(data, dict) and not CASE_KEYS.isdisjoint(data)


@dataclass(frozen=True)
class CaseId:
    """The id one input gives its case, and where it is written."""

    path: str
    case_id: str
    line: int
    column: int


def scan_id(path: str, raw: bytes) -> CaseId | None:
    """The case id of ``raw`` from its top-level ``id:`` line, or None when there is none."""
    m = _ID_LINE.search(raw)
    if m is None or not m.group("id").strip():
        return None
    line = raw.count(b"\n", 0, m.start()) + 1
    column = m.start("id") - m.start() + 1
    return CaseId(path, m.group("id").decode("utf-8", "replace").strip(), line, column)


def scan_ids(files: Iterable[str]) -> list[CaseId]:
    """The case ids of ``files`` (unreadable files are skipped here: they are reported when loaded)."""
    found = []
    for path in files:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError:
            continue
        one = scan_id(path, raw)
        if one is not None:
            found.append(one)
    return found


def duplicate_ids(ids: Iterable[CaseId]) -> list[Problem]:
    """An error at the ``id`` of every input whose case id an earlier input already uses, naming both files."""
    first: dict[str, CaseId] = {}
    problems = []
    for one in ids:
        earlier = first.setdefault(one.case_id, one)
        if earlier is one:
            continue
        problems.append(Problem(one.path, one.line, one.column, Level.ERROR, "duplicate-case-id",
                                N_("case id {id!r} is also used by {path} (line {line})", id=one.case_id,
                                   path=earlier.path, line=earlier.line),
                                N_("every case file needs its own id: give one of the two files a new id, "
                                   "or remove the copy")))
    return problems
