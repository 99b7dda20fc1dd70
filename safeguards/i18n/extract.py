"""Babel extractors for reader-facing text that is data, not code: rules, profiles and module tables.

Registered in ``babel.cfg`` (``[extractors]``) and as ``babel.extractors`` entry points. Each yields
``(lineno, "pgettext", (context, text), comments)``; the contexts are:

* ``rule:<id>``: a rule's ``title``, ``description`` and ``messages``;
* ``profile:<id>``: a profile's title, description, timeline labels and recommendations;
* ``fact:<name>``: a declared fact's ``meaning`` and ``record`` (``safeguards/facts/*.py``);
* ``vocab:<Type>``: each value of a vocabulary ``Literal`` (``model/vocab.py``, ``results.py``), underscores
  read as spaces (:func:`vocab_msgid`);
* ``article:<n>``: an article's title and form (``engine/articles.py``);
* ``proof:<label>``, ``proof`` and ``citation-role``: the standards of proof (``engine/proof.py``);
* ``event``: the timeline event labels (``report/build.py``).

Module tables are read from the live modules, so a computed text is extracted as the program uses it;
``extract_module`` also runs Babel's Python extractor on the same file, so ``_()`` calls there are kept.
"""

from __future__ import annotations

import ast
import importlib
import typing
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import IO, Any, cast

import yaml
from babel.messages.extract import extract_python

Extracted = tuple[int, str, tuple[str, str], list[str]]
RULE_MESSAGES = ("breach", "met", "not_applicable", "insufficient")


def vocab_msgid(value: str) -> str:
    """The English label of a vocabulary value: ``not_happened`` -> ``not happened``."""
    return value.replace("_", " ")


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _text(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value.strip():
        return str(node.value)
    return None


def _load(fileobj: IO[bytes]) -> dict[str, yaml.Node]:
    try:
        return _mapping(yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return {}  # a broken file is reported by the rule loader, not by extraction


def _entry(ctx: str, node: yaml.Node | None, comment: str) -> Iterator[Extracted]:
    text = _text(node)
    if node is not None and text is not None:
        yield node.start_mark.line + 1, "pgettext", (ctx, text), [comment]


def extract_rules(fileobj: IO[bytes], keywords: object, comment_tags: object,
                  options: dict[str, Any]) -> Iterator[Extracted]:
    """A rule file's title, description and messages, in context ``rule:<id>``."""
    doc = _load(fileobj)
    rule_id = _text(doc.get("id"))
    if rule_id is None or "safeguard" not in doc:
        return  # not a rule (a shared fixture, say)
    ctx = f"rule:{rule_id}"
    yield from _entry(ctx, doc.get("title"), "title")
    yield from _entry(ctx, doc.get("description"), "description")
    messages = _mapping(doc.get("messages"))
    for key in RULE_MESSAGES:
        yield from _entry(ctx, messages.get(key), f"messages.{key}")


def extract_profiles(fileobj: IO[bytes], keywords: object, comment_tags: object,
                     options: dict[str, Any]) -> Iterator[Extracted]:
    """A profile's title, description, timeline labels and recommendations, in context ``profile:<id>``."""
    doc = _load(fileobj)
    profile_id = _text(doc.get("id"))
    if profile_id is None:
        return
    ctx = f"profile:{profile_id}"
    yield from _entry(ctx, doc.get("title"), "title")
    yield from _entry(ctx, doc.get("description"), "description")
    timeline = doc.get("timeline")
    if isinstance(timeline, yaml.SequenceNode):
        for i, item in enumerate(timeline.value):
            yield from _entry(ctx, _mapping(item).get("label"), f"timeline[{i}].label")
    by_rule = _mapping(_mapping(doc.get("recommendations")).get("by_rule"))
    for rule_id, node in by_rule.items():
        yield from _entry(ctx, node, f"recommendations.by_rule.{rule_id}")


# --- module tables -----------------------------------------------------------------------------


def _module_name(fileobj: IO[bytes]) -> str:
    parts = PurePath(str(getattr(fileobj, "name", ""))).with_suffix("").parts
    if "safeguards" not in parts:
        return ""
    start = len(parts) - 1 - parts[::-1].index("safeguards")
    return ".".join(parts[start:])


def _facts(tree: ast.Module, module: Any) -> Iterator[Extracted]:
    from safeguards.facts.registry import declared

    decls = {d.name: d for d in declared()}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "declare"
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in decls):
            decl = decls[node.args[0].value]
            yield node.lineno, "pgettext", (f"fact:{decl.name}", decl.meaning), ["meaning"]
            yield node.lineno, "pgettext", (f"fact:{decl.name}", decl.record), ["record"]


def _assigned(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    """The name and value of a module-level ``NAME = value`` or ``NAME: T = value``."""
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id, node.value
    return None, None


def _literals(tree: ast.Module, module: Any) -> Iterator[Extracted]:
    for node in tree.body:
        name, _value = _assigned(node)
        value = getattr(module, name, None) if name else None
        if name is None or typing.get_origin(value) is not typing.Literal:
            continue
        for item in typing.get_args(value):
            if isinstance(item, str) and not item.isupper():  # codes such as "S2" or "A" are not words
                yield node.lineno, "pgettext", (f"vocab:{name}", vocab_msgid(item)), [f"{name}: {item}"]


def _keys(tree: ast.Module, name: str) -> dict[str, int]:
    """Line of each constant key of the module-level dict ``name``."""
    for node in tree.body:
        target, value = _assigned(node)
        if target == name and isinstance(value, ast.Dict):
            return {k.value: k.lineno for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return {}


def _line(tree: ast.Module, name: str) -> int:
    return next((node.lineno for node in tree.body if _assigned(node)[0] == name), 1)


def _articles(tree: ast.Module, module: Any) -> Iterator[Extracted]:
    lines = _keys(tree, "ARTICLES")
    for number, info in module.ARTICLES.items():
        yield lines.get(number, 1), "pgettext", (f"article:{number}", info.title), ["title"]
        yield lines.get(number, 1), "pgettext", (f"article:{number}", info.form), ["form"]


def _proof(tree: ast.Module, module: Any) -> Iterator[Extracted]:
    lines = _keys(tree, "PROOF_TEXT")
    for label, text in module.PROOF_TEXT.items():
        yield lines.get(label, 1), "pgettext", (f"proof:{label}", text), ["PROOF_TEXT"]
    yield _line(tree, "LEGEND_NOTE"), "pgettext", ("proof", module.LEGEND_NOTE), ["LEGEND_NOTE"]
    lines = _keys(tree, "ROLE_TEXT")
    for role, text in module.ROLE_TEXT.items():
        yield lines.get(role, 1), "pgettext", ("citation-role", text), [f"ROLE_TEXT: {role}"]


def _events(tree: ast.Module, module: Any) -> Iterator[Extracted]:
    lines = _keys(tree, "EVENT_LABELS")
    for kind, text in module.EVENT_LABELS.items():
        yield lines.get(kind, 1), "pgettext", ("event", text), [f"EVENT_LABELS: {kind}"]


def _cli(tree: ast.Module, module: Any) -> Iterator[Extracted]:
    """Every help text, description and group title of the command line, and argparse's own messages."""
    for text in module.help_texts(module._parser()):
        yield 1, "pgettext", ("cli", text), ["command line"]
    for text in module.ARGPARSE_MESSAGES:
        yield 1, "gettext", text, ["argparse"]


TABLES: dict[str, Callable[[ast.Module, Any], Iterator[Extracted]]] = {
    "safeguards.cli": _cli,
    "safeguards.model.vocab": _literals,
    "safeguards.results": _literals,
    "safeguards.engine.articles": _articles,
    "safeguards.engine.proof": _proof,
    "safeguards.report.build": _events,
}


def extract_module(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]) -> Iterator[Any]:
    """The reader-facing tables of a module (see :data:`TABLES`; fact declarations in ``safeguards.facts``),
    read from the live module, then the module's own ``_()`` calls."""
    name = _module_name(fileobj)
    source = fileobj.read()
    tree = ast.parse(source)
    table = TABLES.get(name) or (_facts if name.startswith("safeguards.facts.") else None)
    if table is not None:
        module = importlib.import_module(name)
        if table is _facts:
            importlib.import_module("safeguards.facts")  # every declaring module, so the registry is complete
        yield from table(tree, module)
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, cast(Any, options))
