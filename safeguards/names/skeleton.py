"""A key of a text that is the same however a name in it is written: script, romanisation, case, disguise.

``skeleton`` maps each character on its own (NFKC-compatible decomposition, full case folding, marks and
format characters dropped, look-alikes of the word's own script folded, Cyrillic transliterated), then folds
the spellings that romanisations disagree on ("zh"/"j", "kh"/"h"/"x", "yu"/"iu"/"ju", doubled letters, ...)
to one form. Every key character remembers the original character it came from, so a match in the key is a
span of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from safeguards.names.lookalikes import CYRILLIC_TO_LATIN, GREEK_TO_LATIN, LATIN_TO_CYRILLIC

# Each Cyrillic letter (Russian and Kazakh), lower case, as key letters. The romanisation folds below are
# already applied: ж and й are "i" like "zh", "j" and "y"; ч and ц are "c" like "ch" and "ts"; х and һ "h";
# ң is "n" like "ng" and "ñ" (passports write "Zhenis" for Жеңіс).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "i", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "iu", "я": "ia", "є": "e", "ї": "i", "ў": "u", "ј": "i", "ѕ": "z",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}
# Latin letters whose decomposition would lose what they stand for, written as the romanisations spell them.
LATIN = {
    "ş": "sh", "ș": "sh", "š": "sh", "ŝ": "sh", "ç": "ch", "č": "ch", "ĉ": "ch", "ž": "zh", "ẑ": "zh",
    "ñ": "n", "ń": "n", "ŋ": "n", "ğ": "g", "ǵ": "g", "ı": "i", "ä": "a", "ə": "a", "ö": "o", "ü": "u",
    "ū": "u", "ŭ": "u", "ý": "i", "ʹ": "", "ʺ": "", "ʼ": "",
}
# Spellings the romanisations disagree on, folded (after the letters are mapped), longest first.
MERGES = {"shch": "sh", "sch": "sh", "kh": "h", "zh": "i", "ts": "c", "ch": "c", "ye": "e", "yo": "e", "ng": "n"}
_SINGLES = (("y", "i"), ("j", "i"), ("x", "h"), ("q", "k"))
# each fold as a pattern that lets gaps (soft hyphens, ...) sit between its letters, and a template of the same
# length: the folded letters, the gaps that were inside, and a gap for each letter dropped
_MERGE_STEPS = [
    (
        re.compile("(\x01*)".join(re.escape(c) for c in m)),
        r + "".join(f"\\{i}" for i in range(1, len(m))) + "\x01" * (len(m) - len(r)),
    )
    for m in sorted(MERGES, key=lambda m: (-len(m), m))
    for r in [MERGES[m]]
]
_DOUBLE = re.compile(r"([^\W\d_])\1+")
_IGNORABLE = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F}  # fillers and joiners that are not format characters
_LOWER = "a-zà-öø-ÿа-яёәғқңөұүһіїєў"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁӘҒҚҢӨҰҮҺІЇЄЎ"
# what ends just before a word that starts inside a longer one (the match's end is where it starts)
_CAMEL = re.compile(f"[{_LOWER}]{{2}}(?=[{_UPPER}])|[A-Za-z](?=[\u0400-\u052f])|[\u0400-\u052f](?=[A-Za-z])")
_CYR = "\u0400-\u052f"
_MIXED_HINT = re.compile(f"[A-Za-z][{_CYR}]|[{_CYR}][A-Za-z]")


# Latin letters in a Cyrillic word are read as the Russian or Kazakh letter they look like (not as Izhitsa)
_TO_CYRILLIC = {k: v for k, v in LATIN_TO_CYRILLIC.items() if v.lower() in CYRILLIC and k != "r"}
_LATIN_RUN = re.compile("[A-Za-z]{3}")
_CYRILLIC_RUN = re.compile("[\u0400-\u052f]{3}")


def _dropped(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Mc", "Cf") or ord(ch) in _IGNORABLE


@cache
def char_key(ch: str) -> str:
    """The key letters of one character (empty for a mark or an invisible character)."""
    ch = GREEK_TO_LATIN.get(ch, ch)
    out = []
    for folded in ch.casefold():
        for part in LATIN.get(folded, folded):
            for d in unicodedata.normalize("NFKD", part):
                if _dropped(d):
                    continue
                d = d.casefold()
                d = GREEK_TO_LATIN.get(d, d)
                out.append(CYRILLIC.get(d, LATIN.get(d, d)))
    return "".join(out)


_IRREGULAR: set[str] = set()  # characters whose key is longer than one character
_GAP = "\x01"  # stands for a character that gives no key letter, until the gaps are removed
_GAPS = re.compile(_GAP + "+")


class _Table(dict[int, str]):
    """A ``str.translate`` table that fills itself: each code point's key, computed once.

    A character with no key gives ``_GAP`` (removed afterwards in one pass), so that only the few characters
    whose key is longer than one (ш, ю, я, ß) cost a step of Python each.
    """

    def __missing__(self, code: int) -> str:
        got = char_key(chr(code)) or _GAP
        self[code] = got
        if len(got) > 1:
            _IRREGULAR.add(chr(code))
            _irregular.cache_clear()
        return got


_TABLE = _Table()
_RUN = re.compile(r"[^\x00-\x7f](?:[^A-Za-z]*[^\x00-\x7f])?")  # non-ASCII text with no ASCII letter inside


@cache
def _irregular() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(_IRREGULAR)) + "]" if _IRREGULAR else "(?!)")


@cache
def _inside_class() -> str:
    """The marks and invisible characters that may sit inside a word, as a regex class body."""
    return "".join(re.escape(chr(c)) for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000 and _dropped(chr(c)))


@cache
def _token() -> re.Pattern[str]:
    return re.compile(f"(?:[^\\W\\d_]|[{_inside_class()}])+")


@cache
def _mixed() -> re.Pattern[str]:
    inside = _inside_class()
    return re.compile(f"[A-Za-z][{inside}]*[{_CYR}]|[{_CYR}][{inside}]*[A-Za-z]")


def unmix(text: str) -> str:
    """Each word that mixes Latin and Cyrillic letters written in its main script's look-alikes (same length)."""
    if text.isascii():
        return text
    out, last = [], 0
    token = _token()
    for mixed in _mixed().finditer(text):
        if mixed.start() < last:
            continue
        start = mixed.start()
        while start > last and token.fullmatch(text, start - 1, start):
            start -= 1
        word = token.match(text, start)
        if word is None:  # pragma: no cover - a mixed pair is always inside a word
            continue
        latin = sum(1 for c in word.group() if c.isascii() and c.isalpha())
        cyrillic = sum(1 for c in word.group() if "\u0400" <= c <= "\u052f")
        minority = _LATIN_RUN if cyrillic > latin else _CYRILLIC_RUN
        if not minority.search(word.group()):  # a run of three is glued text ("#FreeTimurБеков"), not a disguise
            table = _TO_CYRILLIC if cyrillic > latin else CYRILLIC_TO_LATIN
            out += [text[last:start], "".join(table.get(c, c) for c in word.group())]
            last = word.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _mapped(text: str) -> tuple[str, list[int]]:
    """Every character replaced by its key letters, and the original index of each key character.

    ASCII text is only lower-cased; the stretches with other characters go through the table, and only the
    characters whose key is not one character long cost a step of Python each.
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    idx: list[int] = []
    last = 0
    for run in _RUN.finditer(text):
        start, end = run.span()
        parts += [text[last:start].lower(), run.group().translate(_TABLE)]
        pos = last
        for odd in _irregular().finditer(text, start, end):
            i = odd.start()
            idx.extend(range(pos, i))
            idx.extend([i] * len(_TABLE[ord(text[i])]))
            pos = i + 1
        idx.extend(range(pos, end))
        last = end
    parts.append(text[last:].lower())
    idx.extend(range(last, len(text)))
    return "".join(parts), idx


def _closed(key: str, idx: list[int]) -> tuple[str, list[int]]:
    """``key`` without its gaps, and ``idx`` without their entries."""
    if _GAP not in key:
        return key, idx
    kept: list[int] = []
    last = 0
    for gap in _GAPS.finditer(key):
        kept.extend(idx[last : gap.start()])
        last = gap.end()
    kept.extend(idx[last:])
    return key.replace(_GAP, ""), kept


def _fold(pattern: re.Pattern[str], key: str, idx: list[int], repl: dict[str, str] | None) -> tuple[str, list[int]]:
    """Each match of ``pattern`` in ``key`` replaced (by ``repl[match]`` or its first letter); ``idx`` kept along."""
    parts: list[str] = []
    new: list[int] = []
    last = 0
    for m in pattern.finditer(key):
        start, end = m.span()
        got = repl[m.group()] if repl is not None else m.group()[0]
        parts += [key[last:start], got]
        new.extend(idx[last:start])
        new.extend(idx[start : start + len(got)])
        last = end
    if not parts:
        return key, idx
    parts.append(key[last:])
    new.extend(idx[last:])
    return "".join(parts), new


def raw_key(text: str) -> tuple[str, list[int]]:
    """The key of ``text`` with doubled letters kept (the matcher allows them), and each key character's origin."""
    return unmixed_key(unmix(text))


def unmixed_key(text: str) -> tuple[str, list[int]]:
    """``raw_key`` of a text that ``unmix`` has already read."""
    key, idx = _mapped(text)
    for pattern, repl in _MERGE_STEPS:  # each fold keeps the length: the letters it drops become gaps
        key = pattern.sub(repl, key)
    for letter, canonical in _SINGLES:
        key = key.replace(letter, canonical)
    return _closed(key, idx)


def unfolded_key(text: str) -> tuple[str, list[int]]:
    """``unmixed_key`` without the folds of letter pairs ("yo", "ng", "ts"...): two glued names can form such a
    pair across their seam ("bekuly" + "olga"), which the folded key no longer holds."""
    key, idx = _mapped(text)
    for letter, canonical in _SINGLES:
        key = key.replace(letter, canonical)
    return _closed(key, idx)


def skeleton(text: str) -> tuple[str, list[int]]:
    """A script- and romanisation-independent key of ``text`` and, per key character, its original index.

    >>> skeleton("Жанаозен")[0] == skeleton("Zhanaozen")[0] == skeleton("JANAOZEN")[0]
    True
    """
    key, idx = raw_key(text)
    return _fold(_DOUBLE, key, idx, None)


def camel_boundaries(text: str) -> list[int]:
    """Indexes in ``text`` where a word starts inside a longer one: CamelCase ("Free|Timur|Bekov"), a capital
    after two small letters ("ивана|T"), or a change of script ("Free|Тимур")."""
    if text.isascii() and text.islower():
        return []
    return [m.end() for m in _CAMEL.finditer(text)]
