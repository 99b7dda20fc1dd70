"""Kazakh case endings of a name, chosen by vowel harmony and the name's last sound.

Kazakh adds case endings to the unchanged name (Бекұлы -> Бекұлының); the ending's vowel follows the
last vowel of the name (back а о ұ ы, front ә е ө ү і и) and its first consonant the last sound (vowel,
voiced or voiceless consonant). Where the rule is not simple (у and и, loan words) both vowels are given.
"""

from __future__ import annotations

_BACK = "аоұыуяёю"
_FRONT = "әеөүіиэ"
_VOWELS = _BACK + _FRONT
_VOICELESS = "кқпстфхцчшщбвгд"  # the last four are devoiced at the end of a word
_NASAL = "мнң"
_SIBILANT = "жз"

# case -> (after a vowel, after л р у й, after ж з, after м н ң, after a voiceless consonant); "А"/"Ы" stand
# for the harmonic vowel (а/е, ы/і)
_ENDINGS = {
    "genitive": ("ның", "дың", "дың", "ның", "тың"),
    "dative": ("ғА", "ғА", "ғА", "ғА", "қА"),
    "accusative": ("ны", "ды", "ды", "ды", "ты"),
    "locative": ("дА", "дА", "дА", "дА", "тА"),
    "ablative": ("дАн", "дАн", "дАн", "нАн", "тАн"),
    "instrumental": ("мен", "мен", "бен", "мен", "пен"),
    "possessive-dative": ("сынА", "ынА", "ынА", "ынА", "ынА"),  # Бековтың ... -> Бековына
    "possessive-locative": ("сындА", "ындА", "ындА", "ындА", "ындА"),
}
# every ending in both harmonies, for a matcher that accepts any ending after any name
ALL_ENDINGS = frozenset(
    e.replace("А", a).replace("ы", y).replace("ғ", g).replace("қ", k)
    for row in _ENDINGS.values()
    for e in row
    for a, y, g, k in (("а", "ы", "ғ", "қ"), ("е", "і", "г", "к"))
) | frozenset({"на", "не", "нда", "нде", "нан", "нен"})


def _harmony(word: str) -> tuple[bool, ...]:
    """Whether the endings are back (True), front (False), or both, from the last vowel of ``word``."""
    for ch in reversed(word):
        if ch in "уи":
            return (True, False)  # у and и occur in both harmonies
        if ch in _BACK:
            return (True,)
        if ch in _FRONT:
            return (False,)
    return (True, False)


def _column(word: str) -> int:
    last = word[-1]
    if last in _VOWELS:
        return 0
    if last in "лрйуw":
        return 1
    if last in _SIBILANT:
        return 2
    if last in _NASAL:
        return 3
    return 4 if last in _VOICELESS else 1


def kazakh_forms(word: str) -> frozenset[str]:
    """``word`` (a Cyrillic name) with each Kazakh case ending: Бекова -> Бекованың, Бековаға, ..."""
    low = word.lower()
    if not low:
        return frozenset()
    column = _column(low)
    out = set()
    for row in _ENDINGS.values():
        ending = row[column]
        for back in _harmony(low):
            a, y = ("а", "ы") if back else ("е", "і")
            g, k = ("ғ", "қ") if back else ("г", "к")
            out.add(low + ending.replace("А", a).replace("ы", y).replace("ғ", g).replace("қ", k))
    return frozenset(out)
