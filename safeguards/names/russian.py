"""Russian case forms of names: ``pymorphy3`` for the names its dictionary knows, endings rules for the rest.

pymorphy3 tags first names, surnames and patronymics (Name, Surn, Patr) and guesses unknown words by analogy;
Kazakh surnames with Russian endings (Ерімбетов) it often takes for plural nouns, so every part also gets the
forms that its ending implies (``-ов``, ``-ин``, ``-ский``, ``-ович``, ``-овна``, consonant, ``-а``, ``-ь``).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
Forms = dict[tuple[str, str], str]  # (case, gender) -> form

# (ending of the nominative, how much of it to cut, masculine endings by case, feminine endings by case)
_RULES: list[tuple[str, int, tuple[str, ...], tuple[str, ...]]] = [
    ("ская", 2, ("ий", "ого", "ому", "ого", "им", "ом"), ("ая", "ой", "ой", "ую", "ой", "ой")),
    ("цкая", 2, ("ий", "ого", "ому", "ого", "им", "ом"), ("ая", "ой", "ой", "ую", "ой", "ой")),
    ("ский", 2, ("ий", "ого", "ому", "ого", "им", "ом"), ("ая", "ой", "ой", "ую", "ой", "ой")),
    ("цкий", 2, ("ий", "ого", "ому", "ого", "им", "ом"), ("ая", "ой", "ой", "ую", "ой", "ой")),
    ("ской", 2, ("ой", "ого", "ому", "ого", "им", "ом"), ("ая", "ой", "ой", "ую", "ой", "ой")),
    ("ична", 4, ("ич", "ича", "ичу", "ича", "ичем", "иче"), ("ична", "ичны", "ичне", "ичну", "ичной", "ичне")),
    ("овна", 2, ("ич", "ича", "ичу", "ича", "ичем", "иче"), ("на", "ны", "не", "ну", "ной", "не")),
    ("евна", 2, ("ич", "ича", "ичу", "ича", "ичем", "иче"), ("на", "ны", "не", "ну", "ной", "не")),
    ("вич", 2, ("ич", "ича", "ичу", "ича", "ичем", "иче"), ("на", "ны", "не", "ну", "ной", "не")),
    ("ич", 2, ("ич", "ича", "ичу", "ича", "ичем", "иче"), ("ична", "ичны", "ичне", "ичну", "ичной", "ичне")),
    ("ова", 1, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ева", 1, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ёва", 1, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ина", 1, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ына", 1, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ов", 0, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ев", 0, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ёв", 0, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ин", 0, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ын", 0, ("", "а", "у", "а", "ым", "е"), ("а", "ой", "ой", "у", "ой", "ой")),
    ("ий", 2, ("ий", "ия", "ию", "ия", "ием", "ии"), ()),
    ("ай", 1, ("й", "я", "ю", "я", "ем", "е"), ()),
    ("ей", 1, ("й", "я", "ю", "я", "ем", "е"), ()),
    ("ь", 1, ("ь", "я", "ю", "я", "ем", "е"), ("ь", "и", "и", "ь", "ью", "и")),
    ("я", 1, ("я", "и", "е", "ю", "ей", "е"), ("я", "и", "е", "ю", "ей", "е")),
    ("ка", 1, ("а", "и", "е", "у", "ой", "е"), ("а", "и", "е", "у", "ой", "е")),
    ("га", 1, ("а", "и", "е", "у", "ой", "е"), ("а", "и", "е", "у", "ой", "е")),
    ("а", 1, ("а", "ы", "е", "у", "ой", "е"), ("а", "ы", "е", "у", "ой", "е")),
]
_CONSONANT = ("", "а", "у", "а", "ом", "е")
_HUSHING = ("", "а", "у", "а", "ем", "е")
_UNCHANGED = ("ұлы", "улы", "қызы", "кызы", "оглы", "кызи")


def rule_forms(word: str) -> Forms:
    """The forms the ending of ``word`` (a Cyrillic name in the nominative) implies, by case and gender."""
    low = word.lower()
    forms: Forms = {(c, g): low for c in CASES for g in GENDERS}
    if low.endswith(_UNCHANGED) or len(low) < 2:
        return forms
    for ending, cut, masc, femn in _RULES:
        if low.endswith(ending):
            stem = low[: len(low) - cut] if cut else low
            for case, m, f in zip(CASES, masc, femn or masc, strict=True):
                forms[case, "masc"] = stem + m
                forms[case, "femn"] = stem + f if femn else low
            return forms
    if low[-1] in "бвгджзклмнпрстфхцчшщқғңһ":
        endings = _HUSHING if low[-1] in "жшчщц" else _CONSONANT
        for case, m in zip(CASES, endings, strict=True):
            forms[case, "masc"] = low + m  # a woman's consonant-final name or surname does not change
    return forms


@cache
def _analyser() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


_NAME_TAGS = {"Name", "Surn", "Patr"}


def dictionary_forms(word: str) -> tuple[Forms, frozenset[str]]:
    """The forms pymorphy3 gives ``word`` read as a name in the nominative: by case and gender, and all."""
    forms: Forms = {}
    every: set[str] = set()
    for parse in _analyser().parse(word):
        grammemes = set(parse.tag.grammemes)
        if not (_NAME_TAGS & grammemes and "nomn" in grammemes and "plur" not in grammemes):
            continue
        for form in parse.lexeme:
            tag = set(form.tag.grammemes)
            if "plur" in tag and "Name" in tag:
                continue  # "Иванов" (of the Ivans) is a surname, not a form of Иван worth looking for
            every.add(form.word)
            case = next((c for c in CASES if c in tag), None)
            if case is None or "plur" in tag:
                continue
            genders = [g for g in GENDERS if g in tag] or list(GENDERS)
            for gender in genders:
                forms.setdefault((case, gender), form.word)
    return forms, frozenset(every)


@lru_cache(maxsize=65_536)  # bounded: a corpus's distinct name parts, not every one ever seen
def case_forms(word: str) -> tuple[Forms, frozenset[str]]:
    """``word``'s forms by case and gender (dictionary first, then rules) and every form worth looking for."""
    by_rule = rule_forms(word)
    by_dictionary, every = dictionary_forms(word)
    merged = {**by_rule, **by_dictionary}
    return merged, frozenset({*every, *by_rule.values(), *by_dictionary.values(), word.lower()})
