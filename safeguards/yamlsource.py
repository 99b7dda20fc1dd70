"""Read YAML as data that remembers where every value came from.

PyYAML's C parser composes the node tree; we build the Python values ourselves
instead of using its constructor, because the constructor:

* keeps the last of two duplicate keys silently (an analyst's data lost);
* follows YAML 1.1, where ``NO`` (Norway) is ``False``, ``12:30`` is the
  integer 750 and ``2007-03-27`` becomes a ``date``;
* expands aliases without limit ("billion laughs").

Scalars are resolved with the YAML 1.2 core schema (only ``true``/``false``
are booleans), timestamps stay strings for the model to parse with their
precision, and the node tree is kept so that any path into the data can be
mapped back to a line and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from safeguards.discovery import MAX_BYTES
from safeguards.message import N_, Message
from safeguards.message import parse as parse_message
from safeguards.problems import InputError, Level, Problem

try:  # the C parser is a hard requirement in CI; the fallback keeps a broken install usable
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_NUMBER_LENGTH = 64

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

PathItem = str | int
Path = tuple[PathItem, ...]

# What libyaml says of a syntax error or a forbidden character, as templates, so that it is translated
# (a text not among them is printed as the parser wrote it).
YAML_PROBLEMS = (
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}}'"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected whitespace or line break"),
    N_("did not find URI escaped octet"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found undefined alias"),
    N_("found unexpected ':'"),
    N_("found unknown escape character"),
    N_("found unexpected document indicator"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found duplicate anchor; first occurrence"),
    N_("found incompatible YAML document"),
    N_("found duplicate YAML directive"),
    N_("found duplicate %TAG directive"),
    N_("found extra tokens at the end of the directive"),
    N_("found undefined tag handle"),
    N_("found an indentation indicator equal to 0"),
    N_("found a comment without whitespace before it"),
    N_("mapping values are not allowed in this context"),
    N_("block sequence entries are not allowed in this context"),
    N_("block mapping entries are not allowed in this context"),
    N_("could not find expected ':'"),
    N_("expected <block end>, but found '{token}'"),
    N_("expected <stream end>, but found '{token}'"),
    N_("expected ',' or ']', but got {token}"),
    N_("expected ',' or '}}', but got {token}"),
    N_("found unexpected end of stream while scanning a quoted scalar"),
    N_("control characters are not allowed"),
    N_("special characters are not allowed"),
    N_("invalid leading UTF-8 octet"),
    N_("invalid trailing UTF-8 octet"),
    N_("incomplete UTF-8 octet sequence"),
    N_("invalid Unicode character"),
)


def _yaml_text(text: str) -> str:
    return parse_message(text, YAML_PROBLEMS)


@dataclass(frozen=True)
class Document:
    """Parsed data plus the node tree it came from."""

    path: str
    data: Any
    root: yaml.Node | None
    problems: tuple[Problem, ...] = ()
    _located: dict[tuple[tuple[PathItem, ...], bool], tuple[int, int]] = field(
        default_factory=dict, compare=False, repr=False)
    _mappings: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, compare=False, repr=False)

    def locate(self, loc: Sequence[PathItem], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc`` (or of its key).

        Path items that do not exist in the document (e.g. the tag of a
        tagged union that pydantic adds to its error locations) are skipped;
        if the path leaves the document, the deepest node reached is used.
        """
        memo = (tuple(loc), key)
        found = self._located.get(memo)
        if found is None:
            found = self._located[memo] = self._walk(loc, key)
        return found

    def _keys(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The first key and value node of each key of a mapping, indexed once (a file with many keys
        is located in linear time, not quadratic)."""
        index = self._mappings.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    index.setdefault(str(k.value), (k, v))
            self._mappings[id(node)] = index
        return index

    def _walk(self, loc: Sequence[PathItem], key: bool) -> tuple[int, int]:
        node = self.root
        key_node: yaml.Node | None = None
        if node is None:
            return (1, 1)
        for item in loc:
            if isinstance(node, yaml.MappingNode):
                pair = self._keys(node).get(str(item))
                if pair is None:
                    continue
                key_node, node = pair
            elif isinstance(node, yaml.SequenceNode) and isinstance(item, int):
                if 0 <= item < len(node.value):
                    key_node, node = None, node.value[item]
            else:
                break
        target = key_node if key and key_node is not None else node
        mark = target.start_mark
        return (mark.line + 1, mark.column + 1)


def _problem(path: str, line: int, col: int, code: str, message: Message, hint: Message) -> InputError:
    return InputError(Problem(path, line, col, Level.ERROR, code, message, hint))


def read_text(path: str, raw: bytes) -> str:
    """Decode a case or rule file, refusing what is not UTF-8 text."""
    if len(raw) > MAX_BYTES:
        raise _problem(path, 0, 0, "file-too-large",
                       N_("file is {size} bytes; the limit is {limit}", size=len(raw), limit=MAX_BYTES),
                       N_("split the file: one case file holds one person"))
    if b"\x00" in raw[:8192]:
        raise _problem(path, 0, 0, "binary-file", N_("file contains NUL bytes: it is not a YAML text file"),
                       N_("save the file as UTF-8 text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _problem(path, line, col, "not-utf8", N_("byte 0x{byte:02x} is not valid UTF-8", byte=raw[exc.start]),
                       N_("save the file as UTF-8")) from None
    return text


def parse(path: str, text: str) -> Document:
    """Compose ``text`` and build plain Python data, raising :class:`InputError` on the first fault.

    Several faults in one file are reported by the validator as separate
    problems where possible; a syntax error stops the file, as it must.
    """
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = _yaml_text(exc.problem) if exc.problem else N_("invalid YAML")
        raise _problem(path, line, col, "yaml-syntax", N_("YAML syntax error: {what}", what=what),
                       N_("check indentation, colons and quotes around this point")) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a raw control character
        line, col = _position(text, exc)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise _problem(path, line, col, "yaml-character",
                       N_("character U+{char:04X} is not allowed in a YAML file ({reason})", char=char,
                          reason=_yaml_text(str(exc.reason))),
                       N_("remove it, or write it as an escape such as \\x01 inside double quotes")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - no other unmarked error is known
        raise _problem(path, 1, 1, "yaml-syntax", N_("YAML error: {error}", error=str(exc)),
                       N_("check the file's encoding and syntax")) from None
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        raise _problem(path, mark.line + 1, mark.column + 1, "multiple-documents",
                       N_("file holds more than one YAML document"),
                       N_("keep one case per file; remove the '---' separator"))
    root = nodes[0] if nodes else None
    builder = _Builder(path)
    data = builder.build(root, 0) if root is not None else None
    return Document(path, data, root, tuple(builder.problems))


def _position(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int]:
    """1-based line and column of the character a reader error is about (its first occurrence)."""
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    index = text.find(char)
    if index < 0:
        index = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def load_file(path: str, raw: bytes) -> Document:
    """Decode and parse a file's bytes."""
    return parse(path, read_text(path, raw))


class _Builder:
    """Turns a node tree into dicts, lists and scalars with limits on size and depth."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        self.problems: list[Problem] = []

    def _fail(self, node: yaml.Node, code: str, message: Message, hint: Message) -> InputError:
        return _problem(self.path, node.start_mark.line + 1, node.start_mark.column + 1, code, message, hint)

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._fail(node, "too-many-nodes", N_("document expands to more than {n} values", n=MAX_NODES),
                             N_("remove anchors/aliases that multiply content (a 'billion laughs' file is refused)"))
        if depth > MAX_DEPTH:
            raise self._fail(node, "too-deep", N_("nesting deeper than {n} levels", n=MAX_DEPTH),
                             N_("flatten the structure"))
        if node.tag not in _ALLOWED_TAGS:
            raise self._fail(node, "yaml-tag", N_("tag {tag!r} is not allowed", tag=node.tag),
                             N_("remove the '!' tag; case and rule files hold plain data only"))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        raise self._fail(node, "yaml-node", N_("unsupported YAML node"),  # pragma: no cover
                         N_("use plain mappings, lists and scalars"))

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._fail(key_node, "yaml-key", N_("mapping keys must be plain strings"),
                                 N_("use a simple key"))
            key = str(key_node.value)
            if key == "<<":
                raise self._fail(key_node, "yaml-merge-key", N_("merge keys ('<<') are not supported"),
                                 N_("write the fields out in full"))
            if key in seen:
                # Reported, not raised, so the rest of the file is still checked;
                # the first value is kept and the duplicate ignored.
                first = seen[key].start_mark
                self.problems.append(self._fail(key_node, "duplicate-key",
                                                N_("duplicate key {key!r} (first defined at line {line}); YAML "
                                                   "would silently keep only the last value", key=key,
                                                   line=first.line + 1),
                                                N_("merge the two entries or rename one")).problem)
                continue
            seen[key] = key_node
            out[key] = self.build(value_node, depth + 1)
        return out

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        value: str = node.value
        # Quoted and block scalars, and anything the 1.1 resolver already saw as a
        # string (including an explicit !!str), stay strings.
        # The C parser marks plain scalars with style '' and the Python one with None.
        if node.style not in (None, "") or node.tag == _TAG + "str":
            return value
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if len(value) <= MAX_NUMBER_LENGTH:
            if _INT.match(value):
                return int(value)
            if _OCT.match(value):
                return int(value[2:], 8)
            if _HEX.match(value):
                return int(value[2:], 16)
            if _FLOAT.match(value):
                return float(value)
            if _INF.match(value):
                return -math.inf if value.startswith("-") else math.inf
            if _NAN.match(value):
                return math.nan
        return value
