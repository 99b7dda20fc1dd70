"""The SQL examples of docs/database.md run against a database of the bundled cases and give the results shown."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from safeguards.cli import main
from tests.conftest import CASES, ROOT

PAIR = re.compile(r"```sql\n(.*?)```\s*```text\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    return PAIR.findall((ROOT / "docs" / "database.md").read_text(encoding="utf-8"))


def test_the_page_has_the_analysts_questions() -> None:
    queries = " ".join(q for q, _ in _examples())
    assert len(_examples()) >= 4
    assert "2022-01" in queries and "access-to-lawyer" in queries  # January 2022, a lawyer denied
    assert "GROUP BY region, year" in queries  # breaches by region and year
    assert "investigation_opened = 0" in queries  # investigations never opened


@pytest.mark.parametrize("query, shown", _examples())
def test_sql_example_gives_the_result_shown(tmp_path_factory: pytest.TempPathFactory, query: str,
                                            shown: str) -> None:
    db = tmp_path_factory.getbasetemp() / "docs-cases.sqlite"
    if not db.exists():
        assert main(["check", str(CASES), "--db", str(db), "--quiet", "--fail-on", "never", "--no-cache"]) == 0
    with sqlite3.connect(Path(db)) as con:
        rows = con.execute(query).fetchall()
    got = ["|".join("NULL" if v is None else str(v) for v in row) for row in rows]
    assert got == shown.splitlines()
