"""The YAML layer: 1.2 scalars, duplicate keys, limits, tags, encodings, positions."""

from __future__ import annotations

import pytest

from safeguards.problems import InputError
from safeguards.yamlsource import MAX_NODES, load_file, parse


def test_yaml_11_surprises_stay_strings() -> None:
    doc = parse("t.yaml", "a: NO\nb: 12:30\nc: 2007-03-27\nd: yes\ne: off\nf: true\ng: !!str 12\nh: ~\ni: 0x1F\n")
    assert doc.data == {"a": "NO", "b": "12:30", "c": "2007-03-27", "d": "yes", "e": "off", "f": True, "g": "12",
                        "h": None, "i": 31}


def test_quoted_numbers_stay_strings() -> None:
    assert parse("t.yaml", "a: '12'\nb: \"1.5\"\n").data == {"a": "12", "b": "1.5"}


def test_duplicate_key_is_reported_with_position_and_first_value_kept() -> None:
    doc = parse("t.yaml", "a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    (problem,) = doc.problems
    assert (problem.code, problem.line, problem.column) == ("duplicate-key", 3, 1)
    assert "line 1" in problem.message


def test_billion_laughs_refused_quickly() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(InputError) as exc:
        parse("bomb.yaml", "\n".join(lines) + "\n")
    assert exc.value.problem.code == "too-many-nodes"
    assert str(MAX_NODES) in exc.value.problem.message


def test_deep_nesting_refused() -> None:
    with pytest.raises(InputError) as exc:
        parse("deep.yaml", "a: " + "[" * 100 + "]" * 100 + "\n")
    assert exc.value.problem.code == "too-deep"


def test_python_tags_refused() -> None:
    with pytest.raises(InputError) as exc:
        parse("t.yaml", "a: !!python/object/apply:os.system ['true']\n")
    assert exc.value.problem.code == "yaml-tag"


@pytest.mark.parametrize(("raw", "code"), [(b"a: \xff\xfe\n", "not-utf8"), (b"a: 1\x00\x00", "binary-file"),
                                           (b"x" * (2 * 1024 * 1024 + 1), "file-too-large")])
def test_undecodable_input(raw: bytes, code: str) -> None:
    with pytest.raises(InputError) as exc:
        load_file("t.yaml", raw)
    assert exc.value.problem.code == code


def test_locate_skips_union_tags_and_points_at_keys() -> None:
    doc = parse("t.yaml", "events:\n  - type: release\n    bad: 1\n")
    assert doc.locate(("events", 0, "release", "bad")) == (3, 10)
    assert doc.locate(("events", 0, "release", "bad"), key=True) == (3, 5)
