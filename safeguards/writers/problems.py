"""Render validation problems as text, JSON, GitHub annotations, SARIF 2.1.0 or JUnit XML.

Paths, messages and hints can carry text from case files and file names, so every writer passes
them through :mod:`safeguards.textsafe`: control and bidi characters become visible escapes, SARIF
URIs are percent-encoded, and XML text holds only characters XML allows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

from safeguards import __version__
from safeguards.problems import Level, Problem
from safeguards.textsafe import uri, visible, xml_attr, xml_text

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
            {"path": visible(p.path), "line": p.line, "column": p.column, "level": p.level.value,
             "code": visible(p.code), "message": visible(p.message), "hint": visible(p.hint)}
            for p in problems
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _message(p: Problem) -> str:
    return p.message + (f" (hint: {p.hint})" if p.hint else "")


def github(problems: Sequence[Problem], files: int) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    out = []
    for p in problems:
        kind = "error" if p.level is Level.ERROR else "warning"
        props = f"file={_escape_prop(p.path)}"
        if p.line:
            props += f",line={p.line},col={p.column}"
        props += f",title={_escape_prop(p.code)}"
        out.append(f"::{kind} {props}::{_escape_data(_message(p))}")
    return "\n".join(out) + ("\n" if out else "")


def sarif_location(path: str, line: int, column: int) -> dict[str, Any]:
    """A SARIF physical location; the region is left out for whole-file problems."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(PurePath(path).as_posix())}}
    if line > 0:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return {"physicalLocation": physical}


def sarif(problems: Sequence[Problem], files: int) -> str:
    """A SARIF 2.1.0 log with one rule per problem code."""
    codes = sorted({visible(p.code) for p in problems})
    index = {c: i for i, c in enumerate(codes)}
    results = [
        {
            "ruleId": visible(p.code),
            "ruleIndex": index[visible(p.code)],
            "level": "error" if p.level is Level.ERROR else "warning",
            "message": {"text": visible(_message(p))},
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


def junit(problems: Sequence[Problem], files: int) -> str:
    """JUnit XML for CI test views: one test case per problem (errors fail, warnings pass with their
    text as output), or a single passing case when there is none."""
    s = _summary(problems, files)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name="safeguards validate" tests="{max(len(problems), 1)}" failures="{s["errors"]}">',
             f'<testsuite name="case files" tests="{max(len(problems), 1)}" failures="{s["errors"]}" errors="0" '
             f'skipped="0">']
    if not problems:
        lines.append(f'<testcase classname="validate" name={xml_attr(f"{files} file(s) valid")}/>')
    for p in problems:
        where = visible(p.path) + (f":{p.line}:{p.column}" if p.line else "")
        lines.append(f'<testcase classname={xml_attr(visible(p.path))} name={xml_attr(f"{where} {visible(p.code)}")}>')
        body = xml_text(visible(_message(p)))
        if p.level is Level.ERROR:
            lines.append(f'<failure message={xml_attr(visible(p.message))} type={xml_attr(visible(p.code))}>'
                         f"{body}</failure>")
        else:
            lines.append(f"<system-out>warning: {body}</system-out>")
        lines.append("</testcase>")
    lines += ["</testsuite>", "</testsuites>"]
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Writer] = {"text": text, "json": as_json, "github": github, "sarif": sarif, "junit": junit}
