"""Who may be named, and redaction of everyone else from every text that leaves the tool.

Audiences:

* ``public``: only people whose decision is ``publish_name`` appear by name;
  ``pseudonym_only`` people by their pseudonym; ``confidential`` people by a
  neutral label, and a confidential *subject* keeps their case out of public
  outputs altogether (the annex counts such cases, it does not show them).
* ``committee``: as public for names, but cases of confidential subjects appear, marked and unnamed.
* ``internal``: every name but a confidential person's, for the analyst's own use.

A confidential person's name is never printed, for any audience.

Redaction replaces each non-consented name, alias and name part (of three
letters or more) wherever it occurs in free text, case-insensitively and on
word boundaries, longest first, so "Erimbetova" is caught before "Erimbetov".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from safeguards.model.case import Case, Person

Audience = Literal["public", "committee", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "committee", "internal")
MIN_PART = 3
_JSON_STRING = re.compile(r'("(?:[^"\\]|\\.)*")(\s*:)?')
_KEY_AFTER = re.compile(r"\s*:")


def label_for(person: Person, audience: Audience) -> str:
    """How ``person`` is shown to ``audience``."""
    decision = person.consent.decision
    if audience == "internal" and person.name and decision != "confidential":
        return person.name
    if decision == "publish_name" and person.name:
        return person.name
    if decision == "pseudonym_only" and person.consent.pseudonym:
        return person.consent.pseudonym
    # Confidential means not even the Committee: no audience but the analyst's own sees the name.
    return f"[{person.role} {person.id}]"


def spells_a_name(text: str, terms: Iterable[str]) -> bool:
    """Whether any of ``terms`` occurs in ``text``, case-insensitively, even inside a word ("p-ivanov")."""
    low = fold(text)
    return any(fold(t) in low for t in terms)


def case_code(case: Case) -> str:
    """A neutral code for a case whose subject may not be named."""
    return case.id


@dataclass(frozen=True)
class Redactor:
    """Replaces the names of people who have not consented; built once per case and audience.

    ``replacements`` maps each lower-cased term to what replaces it; the patterns are compiled
    only when a text is found to need them.
    """

    replacements: dict[str, str]

    @classmethod
    def for_case(cls, case: Case, audience: Audience, extra: Iterable[Person] = ()) -> Redactor:
        people = [*case.people, *extra]
        hidden = [(p, label_for(p, audience)) for p in people]
        hidden = [(p, shown) for p, shown in hidden if not (p.name and shown == p.name)]
        withheld = {term.lower() for p, _ in hidden for term in name_terms(p)}
        replacements: dict[str, str] = {}
        for person, shown in hidden:
            if spells_a_name(person.id, withheld):
                shown = f"[{person.role}]"  # the id itself spells a withheld name, so it cannot be shown
            for term in name_terms(person):
                replacements.setdefault(term.lower(), shown)
        # A consented name that contains a redacted part (a shared surname) must not
        # leak through the part either: redaction wins over publication.
        return cls(replacements)

    @classmethod
    def from_replacements(cls, replacements: dict[str, str]) -> Redactor:
        """A redactor for lower-cased terms and what replaces each."""
        return cls(replacements)

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Any term, on word boundaries, case-insensitively, the longest first; None when nothing is redacted."""
        return _compile(self.replacements) if self.replacements else None

    @cached_property
    def _plain_in_json(self) -> bool:
        """Whether every term is written as itself in JSON text (no character JSON escapes)."""
        return not any(ch in '"\\' or ch < " " for t in self.replacements for ch in t)

    @cached_property
    def anywhere(self) -> re.Pattern[str] | None:
        """Any term as a substring of JSON text; None when a term holds a character JSON escapes."""
        if not self.replacements or not self._plain_in_json:
            return None
        return _compile(self.replacements, bounded=False)

    @cached_property
    def folded(self) -> tuple[str, ...] | None:
        """The terms folded (see ``fold``), for a plain substring search; None without the fold table."""
        return None if _FOLD is None else tuple(sorted({fold(t) for t in self.replacements}))

    def json_text(self, text: str) -> str:
        """Redact the string values (not the keys) of a JSON document's text in one pass.

        Each string is looked at decoded: in JSON text a name may sit against an escape
        (``\\nIvanov``), where a word boundary would not be seen. Where the terms can be looked
        for in the text itself, a plain substring search over the folded text (see ``fold``)
        finds every place a term might be, and only the strings there are decoded; otherwise
        every string that holds a term anywhere is.
        """
        if not self.replacements:
            return text
        searchable = "\\u" not in text and self._plain_in_json
        if searchable and self.folded is not None:  # a plain substring search finds every candidate place
            low = fold(text)
            hits = sorted(i for term in self.folded for i in _find_all(low, term))
            return self._redact_strings_at(text, hits) if hits else text
        gate = self.anywhere if searchable else None
        if gate is not None and not gate.search(text):
            return text

        def value(m: re.Match[str]) -> str:
            if m.group(2) or (gate is not None and not gate.search(m.group(1))):  # a key, or no term in it
                return m.group(0)
            return self._json_string(m.group(1))

        return _JSON_STRING.sub(value, text)

    def _json_string(self, raw: str) -> str:
        """One JSON string literal, decoded, redacted, and encoded again only if it changed."""
        decoded = json.loads(raw)
        redacted = self.text(decoded)
        return raw if redacted == decoded else json.dumps(redacted, ensure_ascii=False)

    def _redact_strings_at(self, text: str, hits: list[int]) -> str:
        """Redact the JSON string values that hold the positions ``hits`` (sorted), decoded one by one."""
        # With escaped backslashes and escaped quotes blanked out (same length), every '"' left is a
        # string's delimiter: an odd number of them before a position puts it inside a string.
        plain = text.replace("\\\\", "  ").replace('\\"', "  ")
        spans: list[tuple[int, int]] = []
        quotes, counted = 0, 0
        for hit in hits:
            quotes += plain.count('"', counted, hit)
            counted = hit
            if quotes % 2 == 0 or (spans and spans[-1][0] <= hit < spans[-1][1]):
                continue  # outside every string (true, null, a number), or in a string already taken
            start, end = plain.rfind('"', 0, hit), plain.find('"', hit) + 1
            if not _KEY_AFTER.match(plain, end):
                spans.append((start, end))
        if not spans:
            return text
        out, last = [], 0
        for start, end in spans:
            out += [text[last:start], self._json_string(text[start:end])]
            last = end
        out.append(text[last:])
        return "".join(out)

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


def _fold_table() -> dict[int, int] | None:
    """Each character that case-insensitive matching treats as the same letter, mapped to one of them.

    Besides upper and lower case, the ``re`` module matches a few letters with others ("ı" with "i",
    "ſ" with "s", "µ" with "μ"); the table lives in the standard library's ``re._casefix``. Without
    it there is no folding, and redaction always takes the exact, slower path.
    """
    import importlib

    try:
        extra: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):  # pragma: no cover - a Python whose re keeps the table elsewhere
        return None
    canon: dict[int, int] = {}

    def root(c: int) -> int:
        while canon.get(c, c) != c:
            c = canon[c]
        return c

    for key, others in extra.items():
        for other in others:
            a, b = root(key), root(other)
            if a != b:
                canon[max(a, b)] = min(a, b)
    return {c: root(c) for c in canon}


_FOLD = _fold_table()
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]") if _FOLD else None


def fold(text: str) -> str:
    """``text`` with every letter that case-insensitive matching equates mapped to one form, length kept.

    Lower case equates what ``re.IGNORECASE`` equates except for "İ", whose lower case is two
    characters (it is matched as "i"), and the letters of ``_fold_table``; so a term that matches
    somewhere in ``text`` case-insensitively is a plain substring of ``fold(text)``.
    """
    low = text.replace("\u0130", "i").lower()
    if _FOLD and _FOLDABLE is not None and _FOLDABLE.search(low):
        # Only the few foldable letters are replaced: str.translate with a mapping costs a lookup for every
        # character of a long report, this only one per foldable letter.
        low = _FOLDABLE.sub(_fold_one, low)
    return low


def _fold_one(m: re.Match[str]) -> str:
    got = _FOLD[ord(m.group())] if _FOLD else None
    return chr(got) if isinstance(got, int) else (got if isinstance(got, str) else m.group())


def _find_all(text: str, term: str) -> Iterable[int]:
    i = text.find(term)
    while i != -1:
        yield i
        i = text.find(term, i + 1)


def _compile(terms: Iterable[str], bounded: bool = True) -> re.Pattern[str]:
    """One case-insensitive, word-bounded pattern matching the longest of ``terms`` at each place.

    The terms are laid out as a trie (``ivan(?:ov(?:a)?)?``), so matching costs the length of the text,
    not the number of terms: an annex withholds thousands of names. A trie too deep for the regular
    expression compiler falls back to the plain alternation, longest first, which matches the same.
    """
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    before, after = (r"(?<!\w)(", r")(?!\w)") if bounded else ("(", ")")
    try:
        return re.compile(before + _trie_regex(ordered) + after, re.IGNORECASE)
    except (RecursionError, OverflowError, re.error):
        return re.compile(before + "|".join(re.escape(t) for t in ordered) + after, re.IGNORECASE)


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


def name_terms(person: Person) -> list[str]:
    """A person's name, aliases and their parts of three letters or more: what redaction removes."""
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
