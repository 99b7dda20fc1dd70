"""The trie-shaped redaction pattern matches exactly what the plain alternation, longest first, matches."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from safeguards.privacy import Redactor, _compile, fold

# Small alphabets make shared prefixes, prefixes of one another and word boundaries likely.
WORD = st.text(alphabet="abAB -'.é", min_size=3, max_size=8).filter(lambda t: t.strip())
TEXT = st.text(alphabet="abAB -'.é_1\"", max_size=60)


def _plain(terms: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(terms), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)", re.IGNORECASE)


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


NAMES = st.sampled_from(["ivanov", "ivan ivanov", "sergei", "o'neil", 'kim "k"', "ерімбетов"])
PIECE = st.one_of(NAMES, st.sampled_from(["\n", "\t", '"', "\\", " ", "-", "x", "\u2028", "\x00"]), TEXT)
STRING = st.lists(PIECE, max_size=6).map("".join)
DOC = st.recursive(st.one_of(STRING, st.integers(), st.booleans(), st.none()),
                   lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(STRING, inner, max_size=4)),
                   max_leaves=12)


@given(st.lists(NAMES, min_size=1, max_size=3), DOC, st.booleans())
def test_json_text_redacts_every_string_value_as_decoded(names: list[str], doc: object, ascii_only: bool) -> None:
    redactor = Redactor.from_replacements({n: "[withheld]" for n in names})
    text = json.dumps(doc, ensure_ascii=ascii_only, separators=(",", ":"))

    def expected(value: object) -> object:  # values redacted, keys kept
        if isinstance(value, str):
            return redactor.text(value)
        if isinstance(value, list):
            return [expected(v) for v in value]
        if isinstance(value, dict):
            return {k: expected(v) for k, v in value.items()}
        return value

    assert json.loads(redactor.json_text(text)) == expected(doc)


def test_a_name_against_an_escape_is_redacted() -> None:
    redactor = Redactor.from_replacements({"ivanov": "[X]"})
    assert json.loads(redactor.json_text('{"a":"seen by\\nIvanov","b":"\\"Ivanov\\"\\t"}')) == {
        "a": "seen by\n[X]", "b": '"[X]"\t'}


def test_fold_equates_every_letter_that_case_insensitive_matching_equates() -> None:
    """The cheap substring gate is sound only if fold() never separates two letters re.IGNORECASE joins."""
    from safeguards.privacy import _FOLD

    assert _FOLD, "the standard library's table of extra case equivalences was not found"
    every = "".join(chr(c) for c in range(0x1F000) if not 0xD800 <= c < 0xE000)
    cased = [ch for ch in every if ch.lower() != ch or ch.upper() != ch or ord(ch) in _FOLD or fold(ch) != ch]
    for ch in cased:
        for m in re.finditer(re.escape(ch), every, re.IGNORECASE):
            assert fold(m.group(0)) == fold(ch), (hex(ord(ch)), hex(ord(m.group(0))))
        assert len(fold(ch)) == len(ch) or ch.lower() == "i\u0307"


@given(st.text(alphabet="iIİıSsſσςΣµμKkKÅåǅǆǄ" + "ab -", min_size=1, max_size=6),
       st.text(alphabet="iIİıSsſσςΣµμKkKÅåǅǆǄ" + "ab -\n", max_size=30))
def test_a_term_found_case_insensitively_is_a_substring_once_folded(term: str, text: str) -> None:
    if re.search(re.escape(term.lower()), text, re.IGNORECASE):
        assert fold(term.lower()) in fold(text)
