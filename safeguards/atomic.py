"""Atomic, confined writes: a reader sees the old file or the new one, never half of either.

Temporary files are named ``.NAME.sgtmp-HOST-PID-RANDOM``: a run killed with SIGKILL cannot remove
its own, so the first write of a later run to that folder removes those whose process on this host
has ended.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from safeguards.discovery import os_reason
from safeguards.message import N_
from safeguards.problems import Level, OutputError, Problem

_UMASK = os.umask(0)
os.umask(_UMASK)
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:8]
_TEMP = re.compile(r"^\..*\.sgtmp-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[0-9a-f]{8}$")
_SWEPT: set[str] = set()


def safe_name(name: str) -> str:
    """A file name from an id: only [a-z0-9._-], never a path, never hidden."""
    cleaned = "".join(ch if (ch.isalnum() and ch.isascii()) or ch in "._-" else "_" for ch in name.lower())
    cleaned = cleaned.lstrip(".") or "unnamed"
    return cleaned[:120]


def confined(directory: str | os.PathLike[str], name: str) -> Path:
    """``directory/name``, refusing a name that would leave ``directory`` (``..``, absolute) or pass
    through a symbolic link inside it (a linked folder or file). ``name`` may hold folders (``a/b.md``).

    ``directory`` itself is the user's choice and may be a link; nothing below it may be one.
    """
    base = Path(directory).resolve()
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or any(p in ("..", ".", "") for p in parts):
        raise OutputError(Problem(name, 0, 0, Level.ERROR, "output-escape",
                                  f"output name {name!r} would be written outside {base}",
                                  "use a case id made of letters, digits, '.', '-' and '_'"))
    target = base
    for part in parts:
        target = target / part
        if target.is_symlink():
            raise OutputError(Problem(str(target), 0, 0, Level.ERROR, "output-symlink",
                                      N_("refusing to write through a symbolic link in the output directory"),
                                      N_("remove the link, or choose another output directory")))
    return target


def _write_failed(target: Path, exc: OSError) -> OutputError:
    hint = (N_("free some space on that disk, or write to another directory with -o")
            if exc.errno in (errno.ENOSPC, errno.EDQUOT) else N_("check that the directory exists and is writable"))
    return OutputError(Problem(str(target), 0, 0, Level.ERROR, "write-failed",
                               N_("cannot write: {reason}", reason=os_reason(exc)), hint))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or a pid this system cannot have: leave it
    return True


def sweep(directory: Path) -> None:
    """Remove temporary files left in ``directory`` by writers on this host that no longer run
    (once per folder and process)."""
    key = str(directory)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for entry in names:
        m = _TEMP.match(entry)
        if m is None or m["host"] != _HOST or _pid_alive(int(m["pid"])):
            continue
        try:
            os.unlink(directory / entry)
        except OSError:
            pass


def _temp(target: Path, payload: bytes, mode: int | None) -> Path:
    """Write ``payload`` to a new temporary file beside ``target`` and return its path."""
    while True:
        tmp = target.parent / f".{target.name[:100]}.sgtmp-{_HOST}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue
        break
    try:
        # Reports are ordinary files, so follow the umask (or keep the mode of the file replaced).
        os.chmod(tmp, 0o666 & ~_UMASK if mode is None else mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_atomic(path: str | os.PathLike[str], data: bytes | str, mode: int | None = None) -> None:
    """Write to a temporary file in the same directory, then rename it over ``path``.

    ``mode``: the permission bits of the new file (default: 0666 less the umask), e.g. those of the file it
    replaces.

    The rename is atomic: a reader, or a process killed mid-write, sees the old file or the new one.
    There is no fsync: outputs can be regenerated, and syncing every report costs more than the
    evaluation of a small case. A failed write (a full disk) raises :class:`OutputError` naming the file.
    """
    write_together([(path, data)], mode)


def write_together(items: Sequence[tuple[str | os.PathLike[str], bytes | str]], mode: int | None = None) -> None:
    """Write several files all or none: every new content goes to a temporary file first, and only
    when all are written are they renamed into place (one rename after another). A failure before
    that leaves every old file as it was and no temporary file behind."""
    done: list[tuple[Path, Path]] = []
    try:
        for path, data in items:
            target = Path(path)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                sweep(target.parent)
                payload = data.encode("utf-8") if isinstance(data, str) else data
                done.append((_temp(target, payload, mode), target))
            except OSError as exc:
                raise _write_failed(target, exc) from None
        for tmp, target in done:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise _write_failed(target, exc) from None
    except BaseException:
        for tmp, _ in done:
            _unlink(tmp)
        raise


class AtomicFile:
    """A text file written in pieces and renamed into place by :meth:`commit`; :meth:`abort` leaves the old one.

    For outputs too large to hold in memory (one file for a whole run): the pieces go to a temporary file
    in the target's directory, as in :func:`write_atomic`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        sweep(self.path.parent)
        tmp = self.path.parent / f".{self.path.name[:100]}.sgtmp-{_HOST}-{os.getpid()}-{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666 & ~_UMASK)
        self._tmp = str(tmp)
        self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    @property
    def binary(self) -> IO[bytes]:
        """The temporary file as bytes (flush text written before writing bytes); seekable."""
        self._fh.flush()
        return self._fh.buffer  # type: ignore[return-value]

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
