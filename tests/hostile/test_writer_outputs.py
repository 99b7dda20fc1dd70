"""Arbitrary text in every case field that reaches a writer: every output of check and annex is well formed.

HTML parses with no script, event handler or non-http(s) link from the input; XML parses (JUnit, every
part of the Word file); JSON and SARIF parse; Markdown carries no raw HTML; CSV cells cannot run as
formulas. The same property drives ``fuzz/fuzz_writers.py`` for long runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fuzz.writer_outputs import check_outputs, run_all
from tests.privacy.conftest import case_data

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=60)


@st.composite
def hostile_cases(draw: st.DrawFn) -> dict[str, Any]:
    data = case_data(witness="Ivan Petrov")
    text = draw(TEXT)
    data["title"] = text
    data["sources"][1].update(title=text, publisher=text, citation=text,
                              url="https://example.org/" + "".join(c for c in text if c.isalnum())[:20])
    data["episodes"][0]["places"][0]["name"] = text
    data["episodes"][0]["authority"] = text
    data["region"] = text
    data["complaints"] = [{"id": "c1", "status": "happened", "to": text, "sources": ["s1"]}]
    data["investigations"] = [{"id": "i1", "status": "happened", "body": text, "sources": ["s2"]}]
    data["contested"] = [{"id": "k1", "about": text, "target": {"record": "ep-1", "field": "authority"},
                          "versions": [{"value": text[:200], "sources": ["s1"]},
                                       {"value": "<b>x</b>", "sources": ["s2"]}]}]
    return data


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(hostile_cases())
def test_every_output_is_well_formed(tmp_path_factory: Any, data: dict[str, Any]) -> None:
    tmp: Path = tmp_path_factory.mktemp("writers")
    outputs = run_all(tmp, data)
    assume(outputs)  # a value the model refuses (validate names it) writes nothing, which is fine
    check_outputs(outputs)
