"""Render validation problems as text, JSON, GitHub annotations or SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

from safeguards import __version__
from safeguards.problems import Level, Problem

Writer = Callable[[Sequence[Problem], int], str]


def _summary(problems: Sequence[Problem], files: int) -> dict[str, int]:
    errors = sum(1 for p in problems if p.level is Level.ERROR)
    return {"files": files, "errors": errors, "warnings": len(problems) - errors}


def text(problems: Sequence[Problem], files: int) -> str:
    """``path:line:col: level[code]: message (hint: ...)`` lines and a one-line summary."""
    lines = [p.render() for p in problems]
    s = _summary(problems, files)
    lines.append(f"{s['files']} file(s) checked: {s['errors']} error(s), {s['warnings']} warning(s)")
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], files: int) -> str:
    """A stable JSON document: summary and a list of problems."""
    doc = {
        "tool": "safeguards",
        "version": __version__,
        "summary": _summary(problems, files),
        "problems": [
            {"path": p.path, "line": p.line, "column": p.column, "level": p.level.value, "code": p.code,
             "message": p.message, "hint": p.hint}
            for p in problems
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], files: int) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    out = []
    for p in problems:
        kind = "error" if p.level is Level.ERROR else "warning"
        props = f"file={_escape_prop(p.path)}"
        if p.line:
            props += f",line={p.line},col={p.column}"
        props += f",title={_escape_prop(p.code)}"
        msg = p.message + (f" (hint: {p.hint})" if p.hint else "")
        out.append(f"::{kind} {props}::{_escape_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")


def sarif_location(path: str, line: int, column: int) -> dict[str, Any]:
    """A SARIF physical location; the region is left out for whole-file problems."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": PurePath(path).as_posix()}}
    if line > 0:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return {"physicalLocation": physical}


def sarif(problems: Sequence[Problem], files: int) -> str:
    """A SARIF 2.1.0 log with one rule per problem code."""
    codes = sorted({p.code for p in problems})
    index = {c: i for i, c in enumerate(codes)}
    results = [
        {
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": "error" if p.level is Level.ERROR else "warning",
            "message": {"text": p.message + (f" (hint: {p.hint})" if p.hint else "")},
            "locations": [sarif_location(p.path, p.line, p.column)],
        }
        for p in problems
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "safeguards",
                "version": __version__,
                "rules": [{"id": c, "name": c.replace("-", " "),
                           "shortDescription": {"text": f"case-file check: {c}"}} for c in codes],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


WRITERS: dict[str, Writer] = {"text": text, "json": as_json, "github": github, "sarif": sarif}
