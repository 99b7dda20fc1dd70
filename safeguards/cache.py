"""Result cache for ``check``: an unchanged case is not evaluated again.

The key is the SHA-256 of the case file's bytes together with the tool
version, the JSON report's layout version, the rule set's digest, the
profile, the formats, the output directory, the timestamp flag, the
withheld names and the reports' language; so a changed rule, tool version,
report layout, option or language misses.
Looking up needs only the rule files' digest, not the compiled rules, so a
rerun where nothing changed imports neither the case model nor the engine.

The cache is trusted input (a hit skips the evaluation), so it lives where
only the user writes: ``--cache-dir DIR``, else ``$SAFEGUARDS_CACHE_DIR``, else
the user's cache directory (``$XDG_CACHE_HOME/safeguards`` or
``~/.cache/safeguards``), never a folder of the checkout unless named. Every
entry carries an HMAC-SHA256 under a random key the tool creates in that
folder (``key``, mode 0600) and is verified on read; an entry that fails is
ignored with a warning, and a key file that others can read or write, or
that belongs to someone else, disables the cache. Entries are small files,
written atomically; the folder is safe to delete. A hit is used only if every
report it lists is still there with its size. An entry also keeps the small
records the run-level writers (SARIF, JUnit, JSON Lines, annotations) take from the report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeguards import __version__
from safeguards.atomic import write_atomic
from safeguards.problems import SafeguardsError

KEY_FILE = "key"
_KEYS: dict[str, bytes | None] = {}
_UNSAFE: set[str] = set()  # folders whose key file is not safe to trust (warned once)


def default_directory(named: str | None = None) -> Path:
    """The cache folder: ``named`` (``--cache-dir``), ``$SAFEGUARDS_CACHE_DIR``, or the user's cache directory."""
    if named:
        return Path(named)
    if os.environ.get("SAFEGUARDS_CACHE_DIR"):
        return Path(os.environ["SAFEGUARDS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "safeguards"


def _warn(message: str) -> None:
    from safeguards.textsafe import visible

    sys.stderr.write(f"safeguards: warning: {visible(message)}\n")


def _key(directory: Path, create: bool) -> bytes | None:
    """The folder's HMAC key, created (0600) if ``create`` and missing; None if there is none or it is not safe."""
    memo = str(directory.absolute())
    if memo in _UNSAFE:
        return None
    if memo in _KEYS and (_KEYS[memo] is not None or not create):
        return _KEYS[memo]
    path = directory / KEY_FILE
    key: bytes | None = None
    try:
        if not path.exists() and create:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = directory / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
            try:
                os.link(tmp, path)  # atomic and never replaces a key another run made first
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "r") as fh:
            st = os.fstat(fh.fileno())
            text = fh.read(200).strip()
        owner_ok = not hasattr(os, "getuid") or st.st_uid == os.getuid()
        if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o077 or not owner_ok:
            _UNSAFE.add(memo)
            _warn(f"cache disabled: {path} can be read or written by others, or is not yours "
                  "(a cache key must be mode 0600; delete the folder to start a new cache)")
        elif len(text) == 64:
            key = bytes.fromhex(text)
    except (OSError, ValueError):
        key = None
    _KEYS[memo] = key
    return key


def _mac(key: bytes, name: str, body: bytes) -> str:
    return hmac.new(key, name.encode() + b"\0" + body, hashlib.sha256).hexdigest()


def sign(directory: Path, name: str, body: bytes) -> bytes | None:
    """``body`` as an entry named ``name`` of the cache in ``directory`` (its MAC line first); None when the
    folder has no key that is safe to use (one is created, mode 0600, if missing)."""
    key = _key(directory, create=True)
    if key is None:
        return None
    return _mac(key, name, body).encode() + b"\n" + body


def verified(directory: Path, name: str, raw: bytes) -> bytes | None:
    """The body of an entry read back, if its MAC verifies under the folder's key; else None (never trusted)."""
    key = _key(directory, create=False)
    mac, _, body = raw.partition(b"\n")
    if key is None or not hmac.compare_digest(mac, _mac(key, name, body).encode()):
        return None
    return body


_TAMPERED = object()  # an entry that does not verify against the folder's key


def _load(directory: Path, path: Path) -> Any:
    """The JSON of the signed entry at ``path``: None when absent or unreadable, ``_TAMPERED`` when it does
    not verify."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    body = verified(directory, path.name, raw)
    if body is None:
        return _TAMPERED
    try:
        return json.loads(body.decode("utf-8"))
    except ValueError:
        return None


def _store(directory: Path, path: Path, data: Any) -> None:
    """Sign ``data`` (as JSON) and write it at ``path``; a cache that cannot be written only costs speed."""
    signed = sign(directory, path.name, json.dumps(data).encode("utf-8"))
    if signed is None:
        return
    try:
        write_atomic(path, signed)
    except (OSError, SafeguardsError):
        pass


@dataclass(frozen=True)
class Cache:
    """One run's view of the cache."""

    directory: Path
    salt: bytes

    @classmethod
    def for_run(cls, rules_digest: str, opts: Any) -> Cache:
        from safeguards.report.formats import REPORT_VERSION

        directory = default_directory(getattr(opts, "cache_dir", None))
        # the withheld names by their digest: a corpus's names would make every lookup hash megabytes
        names = hashlib.sha256(json.dumps(list(getattr(opts, "withheld", ()))).encode()).hexdigest()
        salt = json.dumps([__version__, REPORT_VERSION, rules_digest, opts.profile, list(opts.formats),
                           str(Path(opts.output).resolve()), opts.timestamp, names,
                           getattr(opts, "language", "en")]).encode()
        return cls(directory, salt)

    def _path(self, case_sha256: str) -> Path:
        key = hashlib.sha256(self.salt + b"\0" + case_sha256.encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, case_sha256: str) -> Any:
        """The outcome remembered for a case file with this content, if its entry verifies and its reports
        are all still there."""
        from safeguards.commands.check import CaseOutcome

        path = self._path(case_sha256)
        data = _load(self.directory, path)
        if data is _TAMPERED:
            _warn(f"ignoring cache entry {path}: it does not verify against this cache's key (an entry copied "
                  "from elsewhere, or tampered with); the case is evaluated")
            return None
        if not isinstance(data, dict):
            return None
        sizes = data.pop("sizes", {})
        for name in data.get("written", ()):  # every report must still be a file of the size written
            try:
                st = os.stat(name)
            except OSError:
                return None
            if not stat.S_ISREG(st.st_mode) or sizes.get(name) != st.st_size:
                return None
        try:
            return CaseOutcome(path=data["path"], problems=(), case_id=data["case_id"],
                               counts=tuple((k, v) for k, v in data["counts"]), shown_met=data["shown_met"],
                               completeness=data["completeness"], violations=tuple(data["violations"]),
                               breach_severities=tuple(data["breach_severities"]), written=tuple(data["written"]),
                               records=tuple((fmt, rows) for fmt, rows in data["records"]))
        except (KeyError, TypeError):
            return None

    def put(self, case_sha256: str, outcome: Any) -> None:
        data = {"path": outcome.path, "case_id": outcome.case_id, "counts": [list(c) for c in outcome.counts],
                "shown_met": outcome.shown_met, "completeness": outcome.completeness,
                "violations": list(outcome.violations), "breach_severities": list(outcome.breach_severities),
                "written": list(outcome.written), "records": [list(r) for r in outcome.records],
                "sizes": {w: os.stat(w).st_size for w in outcome.written if os.path.exists(w)}}
        _store(self.directory, self._path(case_sha256), data)


@dataclass(frozen=True)
class WithheldCache:
    """The names each case file withholds, by the SHA-256 of its bytes: a rerun collects a run's withheld names
    without parsing the files again (entries signed like the results)."""

    directory: Path

    def _path(self, case_sha256: str) -> Path:
        key = hashlib.sha256(f"withheld\0{__version__}\0{case_sha256}".encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, case_sha256: str) -> dict[str, str] | None:
        got = _load(self.directory, self._path(case_sha256))
        if not isinstance(got, list) or not all(isinstance(x, list) and len(x) == 2 for x in got):
            return None
        return {str(k): str(v) for k, v in got}

    def put(self, case_sha256: str, names: dict[str, str]) -> None:
        _store(self.directory, self._path(case_sha256), sorted(names.items()))
