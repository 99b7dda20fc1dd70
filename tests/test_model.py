"""The case model: instances round-trip through YAML; times and precision behave as documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.generate import generate_case
from safeguards.model.case import Case
from safeguards.model.timepoint import Precision, interval, parse_time
from safeguards.yamlsource import parse
from tests.conftest import CASES


def _round_trip(case: Case) -> Case:
    text = yaml.safe_dump(case.model_dump(mode="json", exclude_unset=True), sort_keys=False, allow_unicode=True)
    return Case.model_validate(parse("rt.yaml", text).data)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=50))
def test_generated_instances_round_trip_through_yaml(index: int, seed: int) -> None:
    case = Case.model_validate(generate_case(seed, index))
    assert _round_trip(case) == case


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_cases_round_trip(path: object) -> None:
    case = Case.model_validate(parse(str(path), Path(str(path)).read_text(encoding="utf-8")).data)
    assert _round_trip(case) == case


@given(st.sampled_from(["2011", "2011-12", "2011-12-16", "2011-12-16T17:05", "2011-12-16T17:05+05:00",
                        "2011-12-16T17:05Z", "2011-12-16T17:05:30"]), st.booleans())
def test_intervals_contain_what_they_promise(text: str, approximate: bool) -> None:
    iv = interval(text, "Asia/Aqtau", approximate)
    assert iv.start < iv.end
    assert iv.exact == (parse_time(text).precision is Precision.MINUTE and not approximate)


def test_precision_widths() -> None:
    day = interval("2011-12-16", "Asia/Aqtau")
    assert day.end - day.start == 86400
    month = interval("2011-02", "UTC")
    assert month.end - month.start == 28 * 86400
    approx = interval("2011-12-16T17:00", "UTC", approximate=True)
    assert approx.end - approx.start == 4 * 3600 + 60
    offset = interval("2011-12-16T17:00+05:00", "Asia/Almaty")
    assert offset.start == interval("2011-12-16T12:00Z", "UTC").start
