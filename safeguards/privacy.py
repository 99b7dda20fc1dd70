"""Who may be named, and redaction of everyone else from every text that leaves the tool.

Audiences:

* ``public``: only people whose decision is ``publish_name`` appear by name;
  ``pseudonym_only`` people by their pseudonym; ``confidential`` people by a
  neutral label, and a confidential *subject* keeps their case out of public
  outputs altogether (the annex counts such cases, it does not show them).
* ``committee``: as public, but confidential material may appear (marked).
* ``internal``: everything, for the analyst's own use.

Redaction replaces each non-consented name, alias and name part (of three
letters or more) wherever it occurs in free text, case-insensitively and on
word boundaries, longest first, so "Erimbetova" is caught before "Erimbetov".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from safeguards.model.case import Case, Person

Audience = Literal["public", "committee", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "committee", "internal")
MIN_PART = 3
_JSON_STRING = re.compile(r'("(?:[^"\\]|\\.)*")(\s*:)?')


def label_for(person: Person, audience: Audience) -> str:
    """How ``person`` is shown to ``audience``."""
    decision = person.consent.decision
    if audience == "internal" and person.name:
        return person.name
    if decision == "publish_name" and person.name:
        return person.name
    if decision == "pseudonym_only" and person.consent.pseudonym:
        return person.consent.pseudonym
    if audience == "committee" and decision == "confidential" and person.name:
        return person.name
    return f"[{person.role} {person.id}]"


def case_code(case: Case) -> str:
    """A neutral code for a case whose subject may not be named."""
    return case.id


@dataclass(frozen=True)
class Redactor:
    """Replaces the names of people who have not consented; built once per case and audience."""

    pattern: re.Pattern[str] | None
    replacements: dict[str, str]

    @classmethod
    def for_case(cls, case: Case, audience: Audience, extra: Iterable[Person] = ()) -> Redactor:
        replacements: dict[str, str] = {}
        for person in [*case.people, *extra]:
            shown = label_for(person, audience)
            if person.name and shown == person.name:
                continue
            for term in _terms(person):
                replacements.setdefault(term.lower(), shown)
        # A consented name that contains a redacted part (a shared surname) must not
        # leak through the part either: redaction wins over publication.
        return cls.from_replacements(replacements)

    @classmethod
    def from_replacements(cls, replacements: dict[str, str]) -> Redactor:
        """A redactor for lower-cased terms and what replaces each."""
        if not replacements:
            return cls(None, {})
        return cls(_compile(replacements), replacements)

    def json_text(self, text: str) -> str:
        """Redact the string values (not the keys) of a JSON document's text in one pass."""
        if self.pattern is None:
            return text
        pattern = self.pattern

        def value(m: re.Match[str]) -> str:
            if m.group(2) or not pattern.search(m.group(1)):  # a key, or nothing to redact
                return m.group(0)
            decoded = json.loads(m.group(1))
            redacted = pattern.sub(lambda n: self.replacements[n.group(0).lower()], decoded)
            return m.group(1) if redacted == decoded else json.dumps(redacted, ensure_ascii=False)

        return _JSON_STRING.sub(value, text)

    def redact(self, value: Any) -> Any:
        """Every string in a nested structure of dicts and lists, redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.redact(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.redact(v) for v in value]
        return value

    def text(self, value: str | None) -> str:
        """``value`` with every non-consented name replaced."""
        if not value:
            return value or ""
        if self.pattern is None:
            return value
        return self.pattern.sub(lambda m: self.replacements[m.group(0).lower()], value)


def _compile(terms: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive, word-bounded pattern matching the longest of ``terms`` at each place.

    The terms are laid out as a trie (``ivan(?:ov(?:a)?)?``), so matching costs the length of the text,
    not the number of terms: an annex withholds thousands of names. A trie too deep for the regular
    expression compiler falls back to the plain alternation, longest first, which matches the same.
    """
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    try:
        return re.compile(r"(?<!\w)(" + _trie_regex(ordered) + r")(?!\w)", re.IGNORECASE)
    except (RecursionError, OverflowError, re.error):
        return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)", re.IGNORECASE)


_END = ""


def _trie_regex(terms: list[str]) -> str:
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_regex(trie)


def _node_regex(node: dict[str, Any]) -> str:
    """The regex of a trie node: longer continuations first, then the end of a term (backtracking target)."""
    parts = []
    for ch in sorted(k for k in node if k != _END):
        child, text = node[ch], re.escape(ch)
        while len(child) == 1 and _END not in child:  # a chain with no branching is one literal
            (nxt, child), = child.items()
            text += re.escape(nxt)
        parts.append(text + _node_regex(child) if child else text)
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return "(?:" + body + ")?" if _END in node else body


def _terms(person: Person) -> list[str]:
    terms: list[str] = []
    for full in [person.name, *person.aliases]:
        if not full:
            continue
        terms.append(full)
        terms.extend(part for part in re.split(r"[\s,.\-]+", full) if len(part) >= MIN_PART)
    return terms


def subject_label(case: Case, audience: Audience) -> str:
    """The subject as ``audience`` may see them; the case code when they may not be shown at all."""
    subject = case.person(case.subject)
    if subject is None:
        return case_code(case)
    shown = label_for(subject, audience)
    return case_code(case) if shown.startswith("[") else shown


def is_confidential(case: Case) -> bool:
    """The subject asked that not even the Committee see their case."""
    subject = case.person(case.subject)
    return subject is not None and subject.consent.decision == "confidential"
