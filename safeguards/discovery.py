"""Which case files a run reads: paths as given, directories searched recursively.

Kept apart from loading, so that a command can list its inputs (and answer from
the cache) without importing the case model.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path as FsPath

from safeguards.problems import InputError, Level, Problem

MAX_BYTES = 2 * 1024 * 1024  # the largest case or rule file read


def _exists(p: FsPath) -> bool:
    try:
        p.stat()
    except (OSError, ValueError):
        return False
    return True


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
        elif _exists(p):
            problems.append(Problem(raw, 0, 0, Level.ERROR, "not-a-regular-file",
                                    "not a regular file (a FIFO, device or socket)", "give the path of a case file"))
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


def read_bounded(path: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, refusing it (:class:`InputError`) if it is not a
    regular file or is larger than ``limit``: the size is checked before reading, and no more than
    ``limit + 1`` bytes are ever read (a file that grows while it is read is still refused)."""
    def refuse(code: str, message: str, hint: str) -> InputError:
        return InputError(Problem(path, 0, 0, Level.ERROR, code, message, hint))

    try:
        st = os.stat(path)  # before opening: opening a FIFO would block until a writer came
        if not stat.S_ISREG(st.st_mode):
            raise refuse("not-a-regular-file", "not a regular file (a FIFO, device, socket or folder)",
                         "give the path of a case file")
        if st.st_size > limit:
            raise refuse("file-too-large", f"file is {st.st_size} bytes; the limit is {limit}",
                         "split the file: one case file holds one person")
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced between stat and open
                raise refuse("not-a-regular-file", "not a regular file", "give the path of a case file")
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise refuse("unreadable", f"cannot read file: {exc.strerror or exc}",
                     "check the path and permissions") from None
    if len(raw) > limit:
        raise refuse("file-too-large", f"file is more than {limit} bytes; the limit is {limit}",
                     "split the file: one case file holds one person")
    return raw
