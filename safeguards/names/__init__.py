"""Placeholder matcher (word-bounded, case-insensitive), replaced by the full name matcher."""

from __future__ import annotations

import re
from collections.abc import Mapping

from safeguards.privacy import Redactor, name_terms


class NameMatcher:
    def __init__(self, names: Mapping[str, str]) -> None:
        repl: dict[str, str] = {}
        for full, label in names.items():
            for t in [full, *(p for p in re.split(r"[\s,.\-]+", full) if len(p) >= 3)]:
                repl.setdefault(t.lower(), label)
        self._r = Redactor.from_replacements(repl)
        _ = name_terms

    def redact(self, text: str) -> str:
        return self._r.text(text)

    def hits(self, text: str) -> list[str]:
        p = self._r.pattern
        return [m.group(0) for m in p.finditer(text)] if p is not None else []

    def __bool__(self) -> bool:
        return bool(self._r.replacements)
