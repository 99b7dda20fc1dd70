"""Result cache for ``check``: an unchanged case is not evaluated again.

The key is the SHA-256 of the case file's bytes together with the tool
version, the rule set's digest, the profile, the formats, the output
directory and the timestamp flag; so a changed rule, tool version or option
misses. Looking up needs only the rule files' digest, not the compiled rules,
so a rerun where nothing changed imports neither the case model nor the engine.
Entries are small JSON files under ``.safeguards-cache/`` (or
``$SAFEGUARDS_CACHE_DIR``), written atomically; the folder is safe to delete.
A hit is used only if every report it lists is still there with its size. An entry also keeps the small
records the run-level writers (SARIF, JUnit, JSON Lines, annotations) take from the report.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeguards import __version__
from safeguards.atomic import write_atomic


@dataclass(frozen=True)
class Cache:
    """One run's view of the cache."""

    directory: Path
    salt: bytes

    @classmethod
    def for_run(cls, rules_digest: str, opts: Any) -> Cache:
        directory = Path(os.environ.get("SAFEGUARDS_CACHE_DIR", ".safeguards-cache"))
        salt = json.dumps([__version__, rules_digest, opts.profile, list(opts.formats),
                           str(Path(opts.output).resolve()), opts.timestamp]).encode()
        return cls(directory, salt)

    def _path(self, case_sha256: str) -> Path:
        key = hashlib.sha256(self.salt + b"\0" + case_sha256.encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, case_sha256: str) -> Any:
        """The outcome remembered for a case file with this content, if its reports are all still there."""
        from safeguards.commands.check import CaseOutcome

        path = self._path(case_sha256)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
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
        try:
            write_atomic(self._path(case_sha256), json.dumps(data))
        except OSError:
            pass  # a cache that cannot be written only costs speed
