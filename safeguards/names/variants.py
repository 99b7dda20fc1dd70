"""Every form of one full name worth looking for: parts, initials, Russian case forms, Kazakh endings."""

from __future__ import annotations

import re
from functools import lru_cache

from safeguards.names.kazakh import kazakh_forms
from safeguards.names.russian import CASES, GENDERS, case_forms
from safeguards.names.skeleton import skeleton
from safeguards.names.transliterate import is_latin, to_cyrillic

MIN_PART = 3  # a part of fewer letters is not looked for on its own
SHORT = 3  # a part of this many letters or fewer is looked for only as a whole word
MEDIUM = 5  # a part of this many letters or fewer is looked for at the start or the end of a word
_SPLIT = re.compile(r"[^\w'’]+|_")


def parts(full: str) -> list[str]:
    """The words of a full name ("Ivan S. Petrov" -> Ivan, S, Petrov)."""
    return [p for p in _SPLIT.split(full) if p]


def _cyrillic(word: str) -> str:
    return to_cyrillic(word) if is_latin(word) else word


def _ends(word: str) -> int:
    """How many ends of a form of ``word`` must be word boundaries, from the letters of its key."""
    size = sum(1 for c in skeleton(word)[0] if c.isalpha())
    return 2 if size <= SHORT else 1 if size <= MEDIUM else 0


@lru_cache(maxsize=4096)  # bounded: one case's names are asked for again, a corpus's are not kept
def variant_terms(full: str) -> dict[str, int]:
    """Each form of ``full`` but its Kazakh endings, and how many of its ends must be word boundaries.

    2: a whole word (forms of a part of three letters, initials); 1: the start or the end of a word (parts
    of four or five letters: "Erlan" is not looked for in "Switzerland"); 0: anywhere. The matcher accepts a
    Kazakh case ending after every form, so these are the stems it looks for.
    """
    words = parts(full.strip())
    terms: dict[str, int] = {}

    def add(term: str, bounded: int) -> None:
        if term:
            terms[term] = min(terms.get(term, 2), bounded)

    if not words:
        return terms
    add(" ".join(words), _ends(words[0]) if len(words) == 1 else 0)
    spelled = [_cyrillic(w) for w in words]
    per_part: list[tuple[dict[tuple[str, str], str], frozenset[str]]] = [case_forms(w) for w in spelled]
    for word in words:
        for term, bounded in part_terms(word):
            add(term, bounded)
    if len(words) > 1:
        for case in CASES:
            for gender in GENDERS:
                combo = [forms.get((case, gender), w.lower()) for w, (forms, _) in zip(spelled, per_part, strict=True)]
                add(" ".join(combo), 0)
                add(" ".join(reversed(combo)), 0)
        for surname_at in {0, len(words) - 1}:
            given = [w for i, w in enumerate(words) if i != surname_at and w]
            given_cyr = [w for i, w in enumerate(spelled) if i != surname_at and w]
            surname_forms = {words[surname_at], *per_part[surname_at][1]}
            for initials in {" ".join(g[0] + "." for g in given), " ".join(g[0] + "." for g in given_cyr),
                             given[0][0] + ".", given_cyr[0][0] + "."}:
                for form in surname_forms:
                    add(f"{initials} {form}", 2)
                    add(f"{form} {initials}", 2)
    return terms


@lru_cache(maxsize=65_536)
def part_terms(word: str) -> tuple[tuple[str, int], ...]:
    """The forms of one part of a name looked for on its own, with how many of their ends must be word
    boundaries (remembered: parts recur across the people of a corpus far more than whole names do)."""
    if len(word) < MIN_PART:
        return ()
    ends = _ends(word)
    cyr = _cyrillic(word)
    _, every = case_forms(cyr)
    return tuple((t, ends) for t in dict.fromkeys([word, cyr, *sorted(every)]) if t)


def light_terms(full: str) -> dict[str, int]:
    """The forms of ``full`` for a matcher of many names: the name as written and the forms of each part, without
    the forms of the whole name and the initials (the parts' forms find those stretches too, and the matcher
    takes the initials next to a part with it), so that the forms grow with the distinct parts of a corpus, not
    with its people."""
    words = parts(full.strip())
    terms: dict[str, int] = {}
    if not words:
        return terms
    terms[" ".join(words)] = _ends(words[0]) if len(words) == 1 else 0
    for word in words:
        for term, bounded in part_terms(word):
            terms[term] = min(terms.get(term, 2), bounded)
    return terms


@lru_cache(maxsize=4096)
def name_variants(full_name: str) -> frozenset[str]:
    """Every form of ``full_name`` worth looking for.

    The full name, each part of three letters or more, initials with the surname, the Russian case forms
    of each part and of the whole name, and the Kazakh case endings of each part (in Cyrillic; a Latin
    name through its Cyrillic spelling).

    >>> {"иваном петровым", "петровой", "I. петров", "петровтың"} <= name_variants("Иван Петров") - {"И. Петров"}
    True
    """
    terms = set(variant_terms(full_name))
    words = parts(full_name)
    for word in words:
        if len(word) >= MIN_PART:
            terms |= kazakh_forms(_cyrillic(word))
    if len(words) > 1:
        head = " ".join(words[:-1])
        terms |= {f"{head} {form}" for form in kazakh_forms(_cyrillic(words[-1]))}
    return frozenset(terms)
