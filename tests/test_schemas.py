"""Committed JSON Schemas match their models; the case schema accepts every bundled case and rejects bad ones."""

from __future__ import annotations

import json

import jsonschema
import pytest

from safeguards.casefile import load
from safeguards.schemas import GENERATORS, committed_path, schema_text
from tests.conftest import CASES, ROOT


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_committed_schema_is_current(name: str) -> None:
    path = committed_path(name)
    assert path.read_text(encoding="utf-8") == schema_text(name), (
        f"{path} is stale: run 'safeguards schema {name} > {path.relative_to(ROOT)}'")


def _case_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(committed_path("case").read_text()))


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_bundled_case(path: object) -> None:
    loaded = load(str(path))
    errors = list(_case_validator().iter_errors(loaded.document.data))  # type: ignore[union-attr]
    assert errors == []


@pytest.mark.parametrize("name", ["unknown-field", "bad-enum", "missing-consent", "jurisdiction-format",
                                  "schema-version", "unknown-event-type"])
def test_schema_rejects_invalid_examples(name: str) -> None:
    loaded = load(str(ROOT / "tests" / "cases" / "invalid" / f"{name}.yaml"))
    assert loaded.document is not None
    assert list(_case_validator().iter_errors(loaded.document.data))


def test_every_bundled_case_points_editors_at_the_schema() -> None:
    for path in CASES.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../safeguards/schemas/case.schema.json", path
