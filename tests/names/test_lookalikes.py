"""The committed look-alike table is what Unicode's confusables data gives."""

from __future__ import annotations

import pytest

from safeguards.names import lookalikes


def test_committed_table_is_current() -> None:
    pytest.importorskip("confusable_homoglyphs")
    from safeguards.names.generate_lookalikes import tables

    for (source, target), table in tables().items():
        assert getattr(lookalikes, f"{source}_TO_{target}") == table
