"""Which case files a run reads: paths as given, directories searched recursively.

Kept apart from loading, so that a command can list its inputs (and answer from
the cache) without importing the case model.
"""

from __future__ import annotations

from pathlib import Path as FsPath

from safeguards.problems import Level, Problem


def discover(paths: list[str], suffixes: tuple[str, ...] = (".yaml", ".yml")) -> tuple[list[str], list[Problem]]:
    """Files named by ``paths``, directories searched recursively, in a stable order."""
    found: list[str] = []
    problems: list[Problem] = []
    for raw in paths:
        p = FsPath(raw)
        if p.is_dir():
            found.extend(sorted(str(f) for f in p.rglob("*") if f.suffix in suffixes and f.is_file()))
        elif p.is_file():
            found.append(str(p))
        else:
            problems.append(Problem(raw, 0, 0, Level.ERROR, "not-found", "no such file or directory",
                                    "check the path"))
    seen: set[str] = set()
    unique = []
    for f in found:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique, problems
