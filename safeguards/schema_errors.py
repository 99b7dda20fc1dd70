"""Turn pydantic validation errors into located problems with hints.

Messages are :class:`~safeguards.message.Message` templates, printed in the run's language. The
few texts made in English elsewhere (pydantic's own messages, the case model's validators) are read
back into the templates of :data:`REASONS`, so they are translated too; a text none of them matches is
kept as it is.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from safeguards.message import N_, Message, parse
from safeguards.problems import Level, Problem
from safeguards.yamlsource import Document, PathItem

_TYPE_NAMES = {
    "string_type": N_("a string (quote the value)"),
    "bool_type": N_("true or false"),
    "int_type": N_("a whole number"),
    "float_type": N_("a number"),
    "list_type": N_("a list"),
    "dict_type": N_("a mapping"),
    "model_type": N_("a mapping"),
    "none_required": N_("nothing (null)"),
    "model_attributes_type": N_("model_attributes"),
}

# English texts made by pydantic and by the case model's validators (safeguards/model), as templates: a
# message that fits one is printed in the run's language.
REASONS = (
    N_("Input should be greater than {limit}"),
    N_("Input should be greater than or equal to {limit}"),
    N_("Input should be less than {limit}"),
    N_("Input should be less than or equal to {limit}"),
    N_("List should have at least 1 item after validation, not {actual}"),
    N_("List should have at least {limit} items after validation, not {actual}"),
    N_("List should have at most {limit} items after validation, not {actual}"),
    N_("String should have at least 1 character"),
    N_("String should have at least {limit} characters"),
    N_("String should have at most {limit} characters"),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid integer, got a number with a fractional part"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be a valid boolean, unable to interpret input"),
    N_("Input should be a finite number"),
    N_("Field required"),
    N_("{value} is a device name reserved by Windows (con, prn, aux, nul, com1-com9, lpt1-lpt9) and cannot name a "
       "file there; choose another id"),
    N_("{value} is not a time: write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM with an optional offset such as "
       "+06:00"),
    N_("year {year} is before 1900"),
    N_("year {year} is after {last}, the last year a time can be computed in"),
    N_("month {month} does not exist"),
    N_("day {day} does not exist in {month} (it has {days} days)"),
    N_("hour {hour} does not exist (00-23)"),
    N_("minute {minute} does not exist (00-59)"),
    N_("second {second} does not exist (00-59)"),
    N_("offset {offset} is out of range (-14:00 to +14:00)"),
    N_("unknown time zone {name}: use an IANA name such as Asia/Almaty"),
    N_("{value} is out of the range of times that can be computed"),
)
_LITERAL = N_("Input should be {expected}")


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


def alternatives(expected: str) -> str:
    """pydantic's list of allowed values (``'a', 'b' or 'c'``), with its "or" translatable."""
    head, sep, last = expected.rpartition(" or ")
    return N_("{first} or {last}", first=head, last=last) if sep else expected


def reason(text: str) -> str:
    """A validator's or pydantic's English message as a translatable message, when it is one we know."""
    return parse(text, REASONS)


def pydantic_message(err: Any) -> str:
    """The ``msg`` of a pydantic error, translatable where its type is known."""
    if err.get("type") == "literal_error" and isinstance((err.get("ctx") or {}).get("expected"), str):
        candidate = _LITERAL.fill(expected=alternatives(err["ctx"]["expected"]))
        if candidate == err["msg"]:
            return candidate
    return reason(str(err["msg"]))


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


def _explain(errs: list[dict[str, Any]], suggest: _Suggester, docs: str) -> tuple[str, Message, Message]:
    err = errs[0]
    kind = err["type"]
    loc = err["loc"]
    where: str = ".".join(str(p) for p in loc if not _is_union_member(p)) or N_("document")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(loc[-1])
        suggestion = suggest(name)
        hint = N_("did you mean {name!r}?", name=suggestion) if suggestion else \
            N_("remove it, or check the field list in {docs}", docs=docs)
        return "unknown-field", N_("unknown field {name!r}", name=name), hint
    if kind == "missing":
        return "missing-field", N_("required field {name!r} is missing", name=str(loc[-1])), N_("add it")
    if kind == "union_tag_invalid":
        tags = ctx.get("expected_tags", "")
        close = difflib.get_close_matches(str(ctx.get("tag")), [t.strip(" '") for t in tags.split(",")], n=1)
        hint = N_("did you mean {name!r}?", name=close[0]) if close else N_("use one of: {values}", values=tags)
        return "unknown-type", N_("{where}: unknown type {tag!r}", where=where, tag=ctx.get("tag")), hint
    if kind == "union_tag_not_found":
        return ("missing-field", N_("{where}: required field 'type' is missing", where=where),
                N_("add 'type:' (e.g. apprehension)"))
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        got = err.get("input")
        close = difflib.get_close_matches(str(got), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")],
                                          n=1)
        hint = N_("did you mean {name!r}?", name=close[0]) if close else \
            N_("use one of: {values}", values=alternatives(expected))
        return "invalid-value", N_("{where}: {value} is not allowed here", where=where, value=_describe(got)), hint
    if kind == "value_error":
        why = reason(str(ctx.get("error", err["msg"])))
        return "invalid-value", N_("{where}: {reason}", where=where, reason=why), N_("correct the value")
    if kind == "string_pattern_mismatch":
        return ("invalid-format", N_("{where}: {value} does not match the required format", where=where,
                                     value=_describe(err.get("input"))),
                N_("expected pattern {pattern}", pattern=ctx.get("pattern")))
    if all(e["type"].endswith("_type") or e["type"] == "none_required" for e in errs):
        wanted = sorted({_TYPE_NAMES.get(e["type"]) or Message(e["type"].replace("_type", "")) for e in errs})
        either: str = wanted[0]
        for other in wanted[1:]:
            either = N_("{first} or {last}", first=either, last=other)
        return ("wrong-type", N_("{where}: {value} should be {types}", where=where, value=_describe(err.get("input")),
                                 types=either),
                N_("quote text values; write true/false for yes/no fields"))
    return ("invalid-value", N_("{where}: {reason}", where=where, reason=pydantic_message(err)),
            N_("correct the value"))


def _is_union_member(item: PathItem) -> bool:
    return isinstance(item, str) and (item in {"bool", "int", "float", "str", "none", "constrained-str",
                                               "source-id", "source-mapping"}
                                      or item.startswith("function-"))
