"""Render validation problems as text, JSON, GitHub annotations, SARIF 2.1.0 or JUnit XML.

Paths, messages and hints can carry text from case files and file names, so every writer passes
them through :mod:`safeguards.textsafe`: control and bidi characters become visible escapes, SARIF
URIs are percent-encoded, and XML text holds only characters XML allows.

Every writer prints messages, hints and its own words in the language ``lang`` (docs/i18n.md); codes,
paths, levels in machine-read fields and the JSON keys stay as they are.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, Protocol

from safeguards import __version__
from safeguards.message import N_, localize
from safeguards.problems import Level, Problem
from safeguards.textsafe import uri, visible, xml_attr, xml_text


class Writer(Protocol):
    def __call__(self, problems: Sequence[Problem], files: int, lang: str = "en") -> str: ...


def _summary(problems: Sequence[Problem], files: int) -> dict[str, int]:
    errors = sum(1 for p in problems if p.level is Level.ERROR)
    return {"files": files, "errors": errors, "warnings": len(problems) - errors}


def summary_line(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """``N file(s) checked: M error(s), K warning(s)`` in ``lang``."""
    s = _summary(problems, files)
    return localize(N_("{files} file(s) checked: {errors} error(s), {warnings} warning(s)", **s), lang)


def text(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """``path:line:col: level[code]: message (hint: ...)`` lines and a one-line summary."""
    lines = [p.render(lang) for p in problems]
    lines.append(summary_line(problems, files, lang))
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """A stable JSON document: summary and a list of problems."""
    doc = {
        "tool": "safeguards",
        "version": __version__,
        "summary": _summary(problems, files),
        "problems": [
            {"path": visible(p.path), "line": p.line, "column": p.column, "level": p.level.value,
             "code": visible(p.code), "message": visible(p.message_in(lang)), "hint": visible(p.hint_in(lang))}
            for p in problems
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _message(p: Problem, lang: str) -> str:
    hint = localize(N_(" (hint: {hint})", hint=p.hint_in(lang)), lang) if p.hint else ""
    return p.message_in(lang) + hint


def github(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    out = []
    for p in problems:
        kind = "error" if p.level is Level.ERROR else "warning"
        props = f"file={_escape_prop(p.path)}"
        if p.line:
            props += f",line={p.line},col={p.column}"
        props += f",title={_escape_prop(p.code)}"
        out.append(f"::{kind} {props}::{_escape_data(_message(p, lang))}")
    return "\n".join(out) + ("\n" if out else "")


def sarif_location(path: str, line: int, column: int) -> dict[str, Any]:
    """A SARIF physical location; the region is left out for whole-file problems."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(PurePath(path).as_posix())}}
    if line > 0:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return {"physicalLocation": physical}


def sarif(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """A SARIF 2.1.0 log with one rule per problem code."""
    codes = sorted({visible(p.code) for p in problems})
    index = {c: i for i, c in enumerate(codes)}
    results = [
        {
            "ruleId": visible(p.code),
            "ruleIndex": index[visible(p.code)],
            "level": "error" if p.level is Level.ERROR else "warning",
            "message": {"text": visible(_message(p, lang))},
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
                           "shortDescription": {"text": localize(N_("case-file check: {code}", code=c), lang)}}
                          for c in codes],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def junit(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """JUnit XML for CI test views: one test case per problem (errors fail, warnings pass with their
    text as output), or a single passing case when there is none."""
    s = _summary(problems, files)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name="safeguards validate" tests="{max(len(problems), 1)}" failures="{s["errors"]}">',
             f'<testsuite name="case files" tests="{max(len(problems), 1)}" failures="{s["errors"]}" errors="0" '
             f'skipped="0">']
    if not problems:
        valid = localize(N_("{files} file(s) valid", files=files), lang)
        lines.append(f'<testcase classname="validate" name={xml_attr(valid)}/>')
    for p in problems:
        where = visible(p.path) + (f":{p.line}:{p.column}" if p.line else "")
        lines.append(f'<testcase classname={xml_attr(visible(p.path))} name={xml_attr(f"{where} {visible(p.code)}")}>')
        body = xml_text(visible(_message(p, lang)))
        if p.level is Level.ERROR:
            lines.append(f'<failure message={xml_attr(visible(p.message_in(lang)))} type={xml_attr(visible(p.code))}>'
                         f"{body}</failure>")
        else:
            lines.append(f"<system-out>{xml_text(p.level_in(lang))}: {body}</system-out>")
        lines.append("</testcase>")
    lines += ["</testsuite>", "</testsuites>"]
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Writer] = {"text": text, "json": as_json, "github": github, "sarif": sarif, "junit": junit}
