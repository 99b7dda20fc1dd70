"""Latin spellings of Russian and Kazakh names written back in Cyrillic, for inflecting them."""

from __future__ import annotations

import re

_VOWELS = "aeiouyäöüū"
_TO_CYRILLIC = {
    "shch": "щ", "sch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "yu": "ю", "ju": "ю",
    "iu": "ю", "ya": "я", "ja": "я", "ia": "ия", "yo": "ё", "jo": "ё", "ye": "е", "je": "е", "iy": "ий",
    "ij": "ий", "ii": "ий", "ey": "ей", "ay": "ай", "oy": "ой", "uy": "уй",
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т",
    "u": "у", "v": "в", "w": "у", "x": "кс", "y": "ы", "z": "з", "ş": "ш", "ç": "ч", "ğ": "ғ", "ñ": "ң",
    "ä": "ә", "ö": "ө", "ü": "ү", "ū": "ұ", "ı": "ы", "š": "ш", "č": "ч", "ž": "ж", "é": "е", "ë": "ё",
}
_SPELLING = re.compile("|".join(sorted(map(re.escape, _TO_CYRILLIC), key=lambda s: (-len(s), s))))
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")


def is_latin(word: str) -> bool:
    """Whether ``word`` is written in Latin letters."""
    return bool(_LATIN.search(word))


def to_cyrillic(word: str) -> str:
    """A plausible Cyrillic spelling of a romanised Russian or Kazakh name ("Timur Bekov" -> "Тимур Беков")."""

    def one(m: re.Match[str]) -> str:
        got, start = _TO_CYRILLIC[m.group()], m.start()
        if m.group() == "y" and (start == 0 or low[start - 1] in _VOWELS):
            return "й"  # after a vowel or at the start "y" is a glide: Kuanyshbay, Yerlan
        if m.group() in ("ye", "e") and start == 0:
            return "е"
        return got

    low = word.lower()
    out = _SPELLING.sub(one, low)
    # keep the capitals of the original word's start, for the morphological analyser
    return "".join(c.upper() if i == 0 and word[:1].isupper() else c for i, c in enumerate(out))
