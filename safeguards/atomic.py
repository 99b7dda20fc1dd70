"""Atomic, confined writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from safeguards.problems import Level, OutputError, Problem

_UMASK = os.umask(0)
os.umask(_UMASK)


def safe_name(name: str) -> str:
    """A file name from an id: only [a-z0-9._-], never a path, never hidden."""
    cleaned = "".join(ch if (ch.isalnum() and ch.isascii()) or ch in "._-" else "_" for ch in name.lower())
    cleaned = cleaned.lstrip(".") or "unnamed"
    return cleaned[:120]


def confined(directory: str | os.PathLike[str], name: str) -> Path:
    """``directory/name``, refusing names that would leave ``directory`` (``..``, absolute, symlinks)."""
    base = Path(directory).resolve()
    target = base / name
    if target.is_symlink():
        raise OutputError(Problem(str(target), 0, 0, Level.ERROR, "output-symlink",
                                  "refusing to write through a symbolic link in the output directory",
                                  "remove the link"))
    resolved = target.resolve()
    if resolved.parent != base and base not in resolved.parents:
        raise OutputError(Problem(name, 0, 0, Level.ERROR, "output-escape",
                                  f"output name {name!r} would be written outside {base}",
                                  "use a case id made of letters, digits, '.', '-' and '_'"))
    return resolved


def write_atomic(path: str | os.PathLike[str], data: bytes | str, mode: int | None = None) -> None:
    """Write to a temporary file in the same directory, then rename it over ``path``.

    ``mode``: the permission bits of the new file (default: 0666 less the umask), e.g. those of the file it
    replaces.

    The rename is atomic: a reader, or a process killed mid-write, sees the old file or the new one.
    There is no fsync: outputs can be regenerated, and syncing every report costs more than the
    evaluation of a small case.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp creates 0600 files; reports are ordinary files, so follow the umask.
        os.chmod(tmp, 0o666 & ~_UMASK if mode is None else mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class AtomicFile:
    """A text file written in pieces and renamed into place by :meth:`commit`; :meth:`abort` leaves the old one.

    For outputs too large to hold in memory (one file for a whole run): the pieces go to a temporary file
    in the target's directory, as in :func:`write_atomic`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        os.chmod(self._tmp, 0o666 & ~_UMASK)
        self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self._fh.write(text)

    def commit(self) -> None:
        """Close the temporary file and rename it over the target."""
        self._fh.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        """Close and remove the temporary file; the target is untouched."""
        self._fh.close()
        try:
            os.unlink(self._tmp)
        except FileNotFoundError:
            pass
