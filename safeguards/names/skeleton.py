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
SINGLES = str.maketrans({"y": "i", "j": "i", "x": "h", "q": "k"})
_MERGE = re.compile("|".join(sorted(MERGES, key=lambda m: (-len(m), m))))
_DOUBLE = re.compile(r"([^\W\d_])\1+")
_IGNORABLE = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F}  # fillers and joiners that are not format characters
_LOWER = "a-zà-öø-ÿа-яёәғқңөұүһіїєў"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁӘҒҚҢӨҰҮҺІЇЄЎ"
_CAMEL = re.compile(f"(?<=[{_LOWER}][{_LOWER}])[{_UPPER}](?=[{_LOWER}])")
_CYR = "\u0400-\u052f"
_MIXED_HINT = re.compile(f"[A-Za-z][{_CYR}]|[{_CYR}][A-Za-z]")


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


class _Table(dict[int, str]):
    """A ``str.translate`` table that fills itself: each code point's key, computed once."""

    def __missing__(self, code: int) -> str:
        got = self[code] = char_key(chr(code))
        return got


class _Lengths(dict[int, str]):
    """How many key characters each code point gives, as one character ("1" for one), for a regex to scan."""

    def __missing__(self, code: int) -> str:
        got = self[code] = chr(0x30 + len(_TABLE[code]))
        return got


_TABLE = _Table()
_LENGTHS = _Lengths()


@cache
def _token_class() -> str:
    """Letters and the marks and invisible characters that may sit inside a word."""
    inside = "".join(
        re.escape(chr(c)) for c in range(0x80, 0x10000) if _dropped(chr(c)) and not 0xD800 <= c < 0xE000
    )
    return rf"(?:[^\W\d_]|[{inside}])+"


@cache
def _token() -> re.Pattern[str]:
    return re.compile(_token_class())


def unmix(text: str) -> str:
    """Each word that mixes Latin and Cyrillic letters written in its main script's look-alikes (same length)."""
    if not _MIXED_HINT.search(text) and not _has_split_mix(text):
        return text
    out, last = [], 0
    for m in _token().finditer(text):
        word = m.group()
        latin = sum(1 for c in word if c.isascii() and c.isalpha())
        cyrillic = sum(1 for c in word if "\u0400" <= c <= "\u052f")
        if not (latin and cyrillic):
            continue
        table = LATIN_TO_CYRILLIC if cyrillic > latin else CYRILLIC_TO_LATIN
        out += [text[last : m.start()], "".join(table.get(c, c) for c in word)]
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _has_split_mix(text: str) -> bool:
    """Whether Latin and Cyrillic letters may meet across an invisible character or a mark."""
    return not text.isascii() and any(_dropped(c) for c in text if not c.isascii()) and bool(
        re.search(f"[{_CYR}]", text)
    )


def _mapped(text: str) -> tuple[str, list[int]]:
    """Every character replaced by its key letters, and the original index of each key character."""
    key = text.translate(_TABLE)
    lengths = text.translate(_LENGTHS)
    if len(key) == len(text) and "1" * len(text) == lengths:
        return key, list(range(len(text)))
    idx: list[int] = []
    last = 0
    for m in re.finditer("[^1]+", lengths):
        idx.extend(range(last, m.start()))
        for i in range(m.start(), m.end()):
            idx.extend([i] * (ord(lengths[i]) - 0x30))
        last = m.end()
    idx.extend(range(last, len(text)))
    return key, idx


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
    key, idx = _mapped(unmix(text))
    key, idx = _fold(_MERGE, key, idx, MERGES)
    return key.translate(SINGLES), idx


def skeleton(text: str) -> tuple[str, list[int]]:
    """A script- and romanisation-independent key of ``text`` and, per key character, its original index.

    >>> skeleton("Жанаозен")[0] == skeleton("Zhanaozen")[0] == skeleton("JANAOZEN")[0]
    True
    """
    key, idx = raw_key(text)
    return _fold(_DOUBLE, key, idx, None)


def camel_boundaries(text: str) -> list[int]:
    """Indexes in ``text`` where a CamelCase word starts inside a longer one ("Free|Timur|Bekov")."""
    return [m.start() for m in _CAMEL.finditer(unmix(text))]
