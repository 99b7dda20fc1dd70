"""What every output of the problem writers must be, for any problem: shared by the fuzzing harness
(``fuzz_problems.py``) and the tests.

* no raw control, bidi, separator or surrogate character (line feeds only where the format puts them);
* text: one ``path:line:col`` line per problem and a summary; github: one ``::`` line per problem;
* json and sarif parse, and SARIF URIs hold only RFC 3986 characters;
* junit parses as XML with one test case per problem.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from safeguards.problems import Problem
from safeguards.textsafe import BIDI
from safeguards.writers.problems import WRITERS

_URI_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%:")


def hidden_characters(out: str) -> list[str]:
    """Characters of ``out`` that a reader would not see or that could change what is seen."""
    return [ch for ch in out if ch != "\n" and (ch in BIDI or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F
                                                or ch in "\u2028\u2029" or 0xD800 <= ord(ch) <= 0xDFFF)]


def check_output(fmt: str, out: str, count: int) -> None:
    """Raise ``AssertionError`` unless ``out`` (the ``fmt`` writer's output for ``count`` problems) is well formed."""
    hidden = hidden_characters(out)
    assert not hidden, (fmt, hidden)
    out.encode("utf-8")  # no lone surrogate
    if fmt == "text":
        lines = out.split("\n")
        assert lines[-1] == "" and len(lines) == count + 2, (fmt, lines)
        assert lines[-2].endswith("warning(s)")
        for line in lines[:-2]:
            head = line.split(": ", 1)[0]
            assert head.count(":") in (2, 3), line  # path:line:col (a Windows drive adds one)
    elif fmt == "github":
        lines = out.split("\n")
        assert lines[-1] == "" and len(lines) == count + 1 and all(line.startswith("::") for line in lines[:-1])
    elif fmt in ("json", "sarif"):
        doc = json.loads(out)
        if fmt == "sarif":
            results = doc["runs"][0]["results"]
            assert len(results) == count
            for result in results:
                uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                assert set(uri) <= _URI_CHARS, uri
                assert ":" not in uri or uri.startswith("file:///"), uri
        else:
            assert len(doc["problems"]) == count
    elif fmt == "junit":
        root = ET.fromstring(out.encode("utf-8"))
        assert sum(1 for _ in root.iter("testcase")) == max(count, 1)
    else:  # pragma: no cover - a new writer must be given its checks here
        raise AssertionError(f"no checks for format {fmt!r}")


def check_all(problems: Sequence[Problem]) -> None:
    """Every writer's output for ``problems`` is well formed."""
    for fmt, write in WRITERS.items():
        check_output(fmt, write(problems, len(problems)), len(problems))
