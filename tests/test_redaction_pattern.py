"""The trie-shaped redaction pattern matches exactly what the plain alternation, longest first, matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from safeguards.privacy import Redactor, _compile

# Small alphabets make shared prefixes, prefixes of one another and word boundaries likely.
WORD = st.text(alphabet="abAB -'.é", min_size=3, max_size=8).filter(lambda t: t.strip())
TEXT = st.text(alphabet="abAB -'.é_1\"", max_size=60)


def _plain(terms: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(terms), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)", re.IGNORECASE)


@settings(max_examples=300)
@given(st.lists(WORD.map(str.lower), min_size=1, max_size=12), st.lists(TEXT, min_size=1, max_size=5))
def test_trie_pattern_matches_like_the_plain_alternation(terms: list[str], texts: list[str]) -> None:
    trie, plain = _compile(terms), _plain(terms)
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_longest_name_wins_and_word_boundaries_hold() -> None:
    redactor = Redactor.from_replacements({"ivan": "[A]", "ivanov": "[B]", "ivan ivanov": "[C]", "ivanova": "[D]"})
    assert redactor.text("Ivan Ivanov met Ivanova, not Ivanovich; ivan.") == "[C] met [D], not Ivanovich; [A]."


def test_a_trie_too_deep_to_compile_falls_back_to_the_alternation() -> None:
    terms = ["a" * n for n in range(3, 1500)]  # each a prefix of the next: one nested group per term
    pattern = _compile(terms)
    assert pattern.fullmatch("A" * 1499) and not pattern.search("a" * 1500)
