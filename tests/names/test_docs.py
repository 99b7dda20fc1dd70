"""The example of docs/security.md, "How names are recognised", runs."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_security_doc_example_runs() -> None:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    section = text.split("## How names are recognised", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    exec(compile(code, "docs/security.md", "exec"), {})
