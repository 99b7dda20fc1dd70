"""Which case files a run reads: paths as given, directories searched recursively.

Kept apart from loading, so that a command can list its inputs (and answer from
the cache) without importing the case model.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path as FsPath

from safeguards.message import N_, Message
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
                                    N_("not a regular file (a FIFO, device or socket)"),
                                    N_("give the path of a case file")))
        else:
            problems.append(Problem(raw, 0, 0, Level.ERROR, "not-found", N_("no such file or directory"),
                                    N_("check the path")))
    seen: set[str] = set()
    unique = []
    for f in found:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique, problems


# The operating system's reasons a file cannot be read or written (strerror, in English), translatable.
OS_REASONS = {
    "No such file or directory": N_("No such file or directory"),
    "Permission denied": N_("Permission denied"),
    "Is a directory": N_("Is a directory"),
    "Not a directory": N_("Not a directory"),
    "File exists": N_("File exists"),
    "No space left on device": N_("No space left on device"),
    "Read-only file system": N_("Read-only file system"),
    "File name too long": N_("File name too long"),
    "Too many levels of symbolic links": N_("Too many levels of symbolic links"),
    "Input/output error": N_("Input/output error"),
}


def os_reason(exc: OSError) -> str:
    """``exc.strerror`` (else the exception's text), translatable when it is a reason we know."""
    text = exc.strerror or str(exc)
    return OS_REASONS.get(text, text)


def read_bounded(path: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, refusing it (:class:`InputError`) if it is not a
    regular file or is larger than ``limit``: the size is checked before reading, and no more than
    ``limit + 1`` bytes are ever read (a file that grows while it is read is still refused)."""
    def refuse(code: str, message: Message, hint: Message) -> InputError:
        return InputError(Problem(path, 0, 0, Level.ERROR, code, message, hint))

    try:
        st = os.stat(path)  # before opening: opening a FIFO would block until a writer came
        if not stat.S_ISREG(st.st_mode):
            raise refuse("not-a-regular-file", N_("not a regular file (a FIFO, device, socket or folder)"),
                         N_("give the path of a case file"))
        if st.st_size > limit:
            raise refuse("file-too-large", N_("file is {size} bytes; the limit is {limit}", size=st.st_size,
                                              limit=limit),
                         N_("split the file: one case file holds one person"))
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced between stat and open
                raise refuse("not-a-regular-file", N_("not a regular file"), N_("give the path of a case file"))
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise refuse("unreadable", N_("cannot read file: {reason}", reason=os_reason(exc)),
                     N_("check the path and permissions")) from None
    if len(raw) > limit:
        raise refuse("file-too-large", N_("file is more than {limit} bytes; the limit is {limit}", limit=limit),
                     N_("split the file: one case file holds one person"))
    return raw
