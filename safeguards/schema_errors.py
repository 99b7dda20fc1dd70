"""Turn pydantic validation errors into located problems with hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from safeguards.problems import Level, Problem
from safeguards.yamlsource import Document, PathItem

_TYPE_NAMES = {
    "string_type": "a string (quote the value)",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "none_required": "nothing (null)",
}


def field_names(models: Iterable[type[BaseModel]]) -> set[str]:
    """Every field name of ``models`` and of the models they contain."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    stack = list(models)
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            stack.extend(_models_in(info.annotation))
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found.extend(_models_in(meta))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        found.extend(_models_in(origin))
    return found


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def to_problems(doc: Document, error: ValidationError, known_fields: set[str],
                docs: str = "docs/case-files.md") -> list[Problem]:
    """One problem per faulty location; alternatives of a union are merged into one message."""
    grouped: dict[tuple[int, int, str], list[Any]] = {}
    order: list[tuple[int, int, str]] = []
    for err in error.errors(include_url=False):
        loc: tuple[PathItem, ...] = tuple(err["loc"])
        kind = err["type"]
        on_key = kind == "extra_forbidden"
        line, col = doc.locate(loc, key=on_key)
        bucket = "type" if kind.endswith("_type") or kind == "none_required" else kind + str(loc[-1:])
        k = (line, col, bucket)
        if k not in grouped:
            grouped[k] = []
            order.append(k)
        grouped[k].append(err)
    problems = []
    suggest = _Suggester(sorted(known_fields))
    for k in order:
        errs = grouped[k]
        line, col, _ = k
        code, message, hint = _explain(errs, suggest, docs)
        problems.append(Problem(doc.path, line, col, Level.ERROR, code, message, hint))
    return problems


class _Suggester:
    """"Did you mean" for unknown field names, for at most ``MAX_SUGGESTIONS`` distinct names per file:
    each costs a fuzzy comparison with every known field, and a hostile file can hold 100,000 of them."""

    MAX_SUGGESTIONS = 200

    def __init__(self, known: list[str]) -> None:
        self.known = known
        self.memo: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        if name not in self.memo:
            if len(self.memo) >= self.MAX_SUGGESTIONS:
                return None
            close = difflib.get_close_matches(name, self.known, n=1, cutoff=0.75)
            self.memo[name] = close[0] if close else None
        return self.memo[name]


def _explain(errs: list[dict[str, Any]], suggest: _Suggester, docs: str) -> tuple[str, str, str]:
    err = errs[0]
    kind = err["type"]
    loc = err["loc"]
    where = ".".join(str(p) for p in loc if not _is_union_member(p)) or "document"
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(loc[-1])
        suggestion = suggest(name)
        hint = f"did you mean {suggestion!r}?" if suggestion else f"remove it, or check the field list in {docs}"
        return "unknown-field", f"unknown field {name!r}", hint
    if kind == "missing":
        return "missing-field", f"required field {str(loc[-1])!r} is missing", "add it"
    if kind == "union_tag_invalid":
        tags = ctx.get("expected_tags", "")
        close = difflib.get_close_matches(str(ctx.get("tag")), [t.strip(" '") for t in tags.split(",")], n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of: {tags}"
        return "unknown-type", f"{where}: unknown type {ctx.get('tag')!r}", hint
    if kind == "union_tag_not_found":
        return "missing-field", f"{where}: required field 'type' is missing", "add 'type:' (e.g. apprehension)"
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        got = err.get("input")
        close = difflib.get_close_matches(str(got), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")],
                                          n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of: {expected}"
        return "invalid-value", f"{where}: {_describe(got)} is not allowed here", hint
    if kind == "value_error":
        reason = str(ctx.get("error", err["msg"]))
        return "invalid-value", f"{where}: {reason}", "correct the value"
    if kind == "string_pattern_mismatch":
        return ("invalid-format", f"{where}: {_describe(err.get('input'))} does not match the required format",
                f"expected pattern {ctx.get('pattern')}")
    if all(e["type"].endswith("_type") or e["type"] == "none_required" for e in errs):
        wanted = sorted({_TYPE_NAMES.get(e["type"], e["type"].replace("_type", "")) for e in errs})
        return ("wrong-type", f"{where}: {_describe(err.get('input'))} should be {' or '.join(wanted)}",
                "quote text values; write true/false for yes/no fields")
    return "invalid-value", f"{where}: {err['msg']}", "correct the value"


def _is_union_member(item: PathItem) -> bool:
    return isinstance(item, str) and (item in {"bool", "int", "float", "str", "none", "constrained-str",
                                               "source-id", "source-mapping"}
                                      or item.startswith("function-"))
