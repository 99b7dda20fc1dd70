"""Generated JSON Schemas; ``tests/test_schemas.py`` fails when a committed file drifts from its model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def _case() -> dict[str, Any]:
    from safeguards.model.case import case_json_schema

    return case_json_schema()


def _rule() -> dict[str, Any]:
    from safeguards.rules.model import rule_json_schema

    return rule_json_schema()


def _profile() -> dict[str, Any]:
    from safeguards.rules.profiles import profile_json_schema

    return profile_json_schema()


def _report() -> dict[str, Any]:
    from safeguards.report.document import report_json_schema

    return report_json_schema()


def _annex() -> dict[str, Any]:
    from safeguards.annex.model import annex_json_schema

    return annex_json_schema()


GENERATORS: dict[str, Callable[[], dict[str, Any]]] = {"case": _case, "rule": _rule, "profile": _profile,
                                                       "report": _report, "annex": _annex}


def render(schema: dict[str, Any]) -> str:
    """Canonical text of a schema, as committed."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_text(name: str) -> str:
    """The freshly generated schema ``name``."""
    return render(GENERATORS[name]())


def committed_path(name: str) -> Path:
    return HERE / f"{name}.schema.json"
