"""Finds every known form of withheld names in a text: Aho-Corasick to see which forms a text may hold, then a
regular expression over the text's key for those forms.

Each form of each name (``variant_terms``) is reduced to its key (``skeleton``). The letters of every key
(doubled letters once) go into one Aho-Corasick automaton, which finds in one pass over a text's letters the
forms it may hold; most texts hold none, and their scan ends there. The forms found are laid out as a trie in
a pattern (compiled once per set of forms), so a scan costs the length of the text, not the number of names.
In the pattern every key letter may repeat ("ana" matches the key of "Anna" and of "Ana"), the separator
between words may be any run of non-letters or nothing ("TimurBekov", "timur-bekov", "T. Bekov"), and any
Kazakh case ending may follow. Forms of short parts (three letters) match only as whole words or CamelCase
words, of parts of four or five letters only as words (CamelCase words included) or with a two-letter ending,
never inside a longer word ("Zhana" of "Zhanaozen", "iring" of "requiring"), of longer parts and of whole
names anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from safeguards.names.kazakh import ALL_ENDINGS
from safeguards.names.skeleton import camel_boundaries, skeleton, unfolded_key, unmix, unmixed_key
from safeguards.names.variants import light_terms, variant_terms

_SEP = " "
_SEP_REGEX = r"[\W_]*"
_NOT_LETTER = re.compile(r"[\W\d_]+")
_TAIL = 3  # at most this many letters left of a word after a match are taken with it
_SHORT_TAIL = 2  # for a part of four or five letters that starts a word
_GLUE = frozenset("#@/_.=\\")  # a word right after one of these is part of a hashtag, handle, path or id
_MAX_GAP = 3  # parts of one name this close, with nothing but spaces or punctuation between, are one match


@lru_cache(maxsize=262_144)
def term_key(term: str) -> str:
    """The key of a form as the trie holds it: letters, and one space between words (remembered: the forms of
    common names recur from case to case)."""
    return _SEP.join(w for w in _NOT_LETTER.split(skeleton(term)[0]) if w)


def _canonical(matched: str) -> str:
    """A matched stretch of key as a lookup key: letters only, doubled letters once."""
    return _REPEATED.sub("", _NOT_LETTER.sub("", matched))


_REPEATED = re.compile(r"([^\W\d_])(?=\1)")  # a letter the same letter follows (removed: no template to expand)


@lru_cache(maxsize=262_144)
def _key_letters(key: str) -> str:
    """``_canonical`` of a form's key (remembered, like the keys)."""
    return _canonical(key)


_END = ""


def _trie_regex(terms: list[str]) -> str:
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_regex(trie)


def _letter(ch: str) -> str:
    return _SEP_REGEX if ch == _SEP else re.escape(ch) + re.escape(ch) + "*"


def _node_regex(node: dict[str, Any]) -> str:
    parts = []
    for ch in sorted((k for k in node if k != _END), key=lambda k: (k == _SEP, k)):  # letters before a break
        child, text = node[ch], _letter(ch)
        while len(child) == 1 and _END not in child:
            ((nxt, child),) = child.items()
            text += _letter(nxt)
        parts.append(text + _node_regex(child) if child else text)
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return "(?:" + body + ")?" if _END in node else body


# each ending also without its first letter, which the name's last letter may have taken (Ерлан-ның: "erlan-nin")
_ENDING_KEYS = {k for e in ALL_ENDINGS for k in (term_key(e), term_key(e)[1:]) if len(k) > 1}
_ENDING_REGEX = (
    "(?:"
    + "|".join("".join(_letter(c) for c in k) for k in sorted(_ENDING_KEYS, key=lambda k: (-len(k), k)))
    + ")?"
)


def _compile(keys: list[str]) -> re.Pattern[str] | None:
    if not keys:
        return None
    # the caller checks the boundaries: a lookbehind here would slow the scan down tenfold
    return re.compile("(?P<t>" + _trie_regex(sorted(keys)) + ")" + _ENDING_REGEX)


_Patterns = tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]


@lru_cache(maxsize=4096)
def _patterns(forms: frozenset[tuple[str, int]]) -> _Patterns:
    """The patterns for forms found anywhere, at one end of a word, and as whole words (texts hold the same few
    forms again and again: remembered)."""
    return (
        _compile([k for k, b in forms if b == 0]),
        _compile([k for k, b in forms if b == 1]),
        _compile([k for k, b in forms if b == 2]),
    )


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    label: str
    size: int


class NameMatcher:
    """Finds and replaces every known form of the given full names (full name -> replacement label)."""

    def __init__(self, names: Mapping[str, str], light: bool = False) -> None:
        """``light``: for many names (every input of a run), each name as written and the forms of its parts
        (``light_terms``), with initials next to a part taken with it."""
        labels: dict[str, str] = {}
        ends: dict[str, int] = {}
        self._light = light
        forms = light_terms if light else variant_terms
        for full, label in names.items():
            for term, bounded in forms(full).items():
                key = term_key(term)
                if not key:
                    continue
                labels.setdefault(_key_letters(key), label)
                ends[key] = min(ends.get(key, 2), bounded)
        self._labels = labels
        self._ends = ends
        # Each form's letters, doubled letters once, as a substring to look for with Aho-Corasick: a form the
        # patterns would match is always among them, so a text with none needs no pattern at all, and the
        # patterns are compiled for the forms a text holds, not for every form of every name.
        by_letters: dict[str, list[str]] = {}
        for key in ends:
            by_letters.setdefault(_key_letters(key), []).append(key)
        self._automaton: Any = None
        if by_letters:
            automaton = ahocorasick.Automaton()
            for letters, keys in by_letters.items():
                automaton.add_word(letters, tuple(sorted(keys)))
            automaton.make_automaton()
            self._automaton = automaton

    def __bool__(self) -> bool:
        return self._automaton is not None

    @property
    def forms(self) -> list[str]:
        """The keys of every form looked for."""
        return list(self._ends)

    def _patterns(self, key: str) -> _Patterns | None:
        """The patterns for the forms whose letters ``key`` holds (None: it holds none)."""
        letters = _canonical(key)
        found: set[str] = set()
        for _, keys in self._automaton.iter(letters):
            found.update(keys)
        if not found:
            return None
        return _patterns(frozenset((k, self._ends[k]) for k in found))

    def _hits(self, pattern: re.Pattern[str], key: str, idx: list[int], size: int, camel: set[int] | None,
              both: bool = False, text: str = "") -> list[_Hit]:
        """Every match of ``pattern`` in ``key`` as a span of the text.

        With ``camel`` (the text's CamelCase word starts) a match must start or end a word; with ``both`` it
        must do both.
        """
        hits: list[_Hit] = []

        def boundary(k: int) -> bool:
            return k <= 0 or k >= len(key) or not (key[k - 1].isalpha() and key[k].isalpha()) or idx[k] in starts

        starts = camel or set()

        def glued(k: int) -> bool:
            """The word holding key position ``k`` is glued onto a hashtag, a handle, a path or an id."""
            while k > 0 and not boundary(k):
                k -= 1
            at = idx[k] if k < len(idx) else size
            return at > 0 and text[at - 1] in _GLUE

        def hit(m: re.Match[str]) -> int:
            s, e = m.span()
            tail = e
            while tail < len(key) and tail - e <= _TAIL and not boundary(tail):
                tail += 1
            ends_soon = tail - e <= _TAIL  # the rest of the word is an ending no form gave ("Бекович", "-ннан")
            if camel is not None:
                # A short part must be a word ("Жанной", a form the variants give; "FreeIvan", a CamelCase
                # word), or start one that ends within two more letters (an ending the key folds: "бақыттан").
                # It is never the start or the end of a longer word ("Zhana" of "Zhanaozen", "Жанну" of
                # "January", "iring" of "requiring"); a short part glued in lower case ("#freeirina") is missed.
                ok = boundary(s) and (boundary(e) or (not both and ends_soon and tail - e <= _SHORT_TAIL))
                if not ok and not both and ends_soon and glued(s):
                    ok = True  # "#Freebekove", "kz_2020_freebekov": the end of a glued token
                if not ok:
                    return -1
            if ends_soon:
                e = tail
            end = size if e >= len(idx) else max(idx[e], idx[e - 1] + 1)
            label = self._labels.get(_canonical(m.group("t")))
            if label is not None:
                hits.append(_Hit(idx[s], end, label, e - s))
            return e

        pos = 0
        while (m := pattern.search(key, pos)) is not None:
            e = hit(m)
            if e < 0:
                pos = m.start() + 1
                continue
            p = m.start() + 1
            while p < e:  # a longer form of another name may start inside this one
                inner = pattern.match(key, p)
                if inner is not None and inner.end() > e:
                    e = max(e, hit(inner))
                p += 1
            pos = max(e, m.start() + 1)
        return hits

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every match as (start, end, replacement) in ``text``: sorted, non-overlapping, the longest wins."""
        if not self or not text:
            return []
        unmixed = unmix(text)
        starts = camel_boundaries(unmixed)
        hits = self._found(text, unmixed, starts)
        if starts:
            # Folding a romanisation can join letters across a CamelCase seam ("BekulyOlga": "yo" read as one
            # letter): the words around each seam are read again with the seams as spaces, and the hits mapped
            # back (only those words: the rest of the text reads the same either way).
            again, origin = _around_seams(text, starts)
            for h in self._found(again, unmix(again), []):
                hits.append(_Hit(origin[h.start], origin[h.end - 1] + 1, h.label, h.size))
        spans = _merge(text, hits)
        return _with_initials(text, spans) if self._light and spans else spans

    def _found(self, text: str, unmixed: str, starts: list[int]) -> list[_Hit]:
        key, idx = unmixed_key(unmixed)
        hits = self._in_key(text, key, idx, starts)
        plain, where = unfolded_key(unmixed)
        if plain != key:
            hits += self._in_key(text, plain, where, starts)
        return hits

    def _in_key(self, text: str, key: str, idx: list[int], starts: list[int]) -> list[_Hit]:
        patterns = self._patterns(key)
        if patterns is None:
            return []
        anywhere, one_end, whole = patterns
        hits: list[_Hit] = []
        if anywhere is not None:
            hits += self._hits(anywhere, key, idx, len(text), None)
        if one_end is not None:
            hits += self._hits(one_end, key, idx, len(text), set(starts), text=text)
        if whole is not None:
            hits += self._hits(whole, key, idx, len(text), set(starts), both=True)
        return hits

    def redact(self, text: str) -> str:
        """``text`` with every match replaced by its label."""
        out, last = [], 0
        for start, end, label in self.find(text):
            out += [text[last:start], label]
            last = end
        out.append(text[last:])
        return "".join(out)

    def hits(self, text: str) -> list[str]:
        """The matched stretches of ``text``, as written there."""
        return [text[s:e] for s, e, _ in self.find(text)]


def _merge(text: str, hits: list[_Hit]) -> list[tuple[int, int, str]]:
    """Overlapping hits as one (the longest's label), then neighbouring hits of one label joined."""
    hits.sort(key=lambda h: (h.start, -h.end))
    groups: list[list[_Hit]] = []
    end = -1
    for h in hits:
        if groups and h.start < end:
            groups[-1].append(h)
            end = max(end, h.end)
        else:
            groups.append([h])
            end = h.end
    spans: list[tuple[int, int, str]] = []
    for group in groups:
        best = max(group, key=lambda h: (h.size, -h.start))
        start, stop = group[0].start, max(h.end for h in group)
        if spans and spans[-1][2] == best.label and _joinable(text[spans[-1][1] : start]):
            spans[-1] = (spans[-1][0], stop, best.label)
        else:
            spans.append((start, stop, best.label))
    return spans


_REACH = 40  # characters read on each side of a seam, then on to the end of the word (at most _REACH more)
_WINDOWS_JOIN = "\n0\n"  # between two stretches: a digit, which no form crosses


def _around_seams(text: str, starts: list[int]) -> tuple[str, list[int]]:
    """The stretches of ``text`` around its CamelCase seams, with a space at each seam, joined; and the index in
    ``text`` of each character (a space at a seam, and the join, count as the character before them)."""
    spans: list[list[int]] = []
    for cut in sorted(set(starts)):
        lo, hi = max(0, cut - _REACH), min(len(text), cut + _REACH)
        stop = max(0, lo - _REACH)
        while lo > stop and not text[lo - 1].isspace():
            lo -= 1
        stop = min(len(text), hi + _REACH)
        while hi < stop and not text[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    cuts = sorted(set(starts))
    pieces: list[str] = []
    origin: list[int] = []
    k = 0
    for n, (lo, hi) in enumerate(spans):
        if n:
            pieces.append(_WINDOWS_JOIN)
            origin += [origin[-1]] * len(_WINDOWS_JOIN)
        last = lo
        while k < len(cuts) and cuts[k] < hi:
            cut = cuts[k]
            if cut > lo:
                pieces += [text[last:cut], " "]
                origin += range(last, cut)
                origin.append(cut)
                last = cut
            k += 1
        pieces.append(text[last:hi])
        origin += range(last, hi)
    return "".join(pieces), origin


_INITIALS_BEFORE = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.[ \u00a0]?){1,3}$")
_INITIALS_AFTER = re.compile(r"[ \u00a0]?(?:[^\W\d_]\.){1,3}(?![^\W\d_])")


def _with_initials(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each span widened over the initials written next to it ("I. S. Petrov", "Petrov I.S.")."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        before = _INITIALS_BEFORE.search(text, max(0, start - 9), start)
        if before is not None and (not out or before.start() >= out[-1][1]):
            start = before.start()
        after = _INITIALS_AFTER.match(text, end, end + 9)
        if after is not None:
            end = after.end()
        out.append((start, end, label))
    return out


def _joinable(gap: str) -> bool:
    """Whether two parts of a name with ``gap`` between them are one mention ("Ivan Petrov", "I.Petrov")."""
    return len(gap) <= _MAX_GAP and all(c in _GAP for c in gap)


_GAP = frozenset(" \t\u00a0.,-_'’‐–\u200b\u00ad")
