"""The compiled rule set, remembered between runs in the user's cache directory.

Loading the rules parses every rule file, validates it, type-checks its CEL conditions and samples
them for contradictions: most of the start-up of a single-case ``check``. All of that depends only
on the rule files and on the code that reads them, so the result is kept in the cache folder of
:mod:`safeguards.cache` (``<cache>/rules/``) under a key made of the rule set's digest, its folder,
the tool, Python, pydantic and CEL versions, and the size and modification time of the modules
that load and declare rules and facts. An entry holds the validated rule and profile models, the
CEL conditions as checked expressions (``Expression.serialize``), the facts each condition reads,
and the positions of each rule file's top-level keys. It is signed with the cache folder's key
and never read unless its signature verifies; a forged or foreign entry is ignored (with a
warning) and the rules are compiled from their files.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguards import __version__

if TYPE_CHECKING:
    from safeguards.rules.compile import RuleSet

FORMAT = 1  # bumped when the layout of an entry changes
FOLDER = "rules"
# The modules whose code shapes a compiled rule set: the package's own top level, the rule loader, the
# fact declarations and the models. Any change to one of them (its size or modification time) misses.
_CODE_DIRS = ("", "rules", "facts", "engine", "model")


def _code_stamp() -> list[tuple[str, int, int]]:
    root = Path(__file__).resolve().parent.parent
    stamp: list[tuple[str, int, int]] = []
    for sub in _CODE_DIRS:
        with os.scandir(root / sub) as entries:
            for entry in entries:
                if entry.name.endswith(".py") and entry.is_file():
                    st = entry.stat()
                    stamp.append((f"{sub}/{entry.name}", st.st_size, st.st_mtime_ns))
    try:
        from cel_expr_python import cel

        st = os.stat(str(cel.__file__))
        stamp.append(("cel", st.st_size, st.st_mtime_ns))
    except (ImportError, OSError, TypeError):  # pragma: no cover - an unusual build of the binding
        stamp.append(("cel", 0, 0))
    return sorted(stamp)


def entry_name(directory: str, digest: str) -> str:
    """The file name of the entry for the rule set in ``directory`` with ``digest``."""
    import pydantic
    import pydantic_core

    key = json.dumps([FORMAT, __version__, sys.version, sys.implementation.cache_tag, pydantic.VERSION,
                      pydantic_core.__version__, directory, digest, _code_stamp()])
    return hashlib.sha256(key.encode()).hexdigest() + ".pickle"


@dataclass(frozen=True)
class Positions:
    """Where a rule file's top-level keys are, as the parsed document located them; any other path is
    located by reading the file again."""

    path: str
    table: dict[tuple[Any, ...], tuple[int, int]]
    _parsed: list[Any] = field(default_factory=list, compare=False, repr=False)

    def locate(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        found = None if key else self.table.get(tuple(loc))
        if found is not None:
            return found
        if not self._parsed:
            from safeguards.yamlsource import load_file

            self._parsed.append(load_file(self.path, Path(self.path).read_bytes()))
        located: tuple[int, int] = self._parsed[0].locate(loc, key=key)
        return located


def positions(doc: Any) -> Positions:
    """The positions of ``doc``'s root and top-level keys, for a cache entry."""
    keys = list(doc.data) if isinstance(doc.data, dict) else []
    table: dict[tuple[Any, ...], tuple[int, int]] = {(): doc.locate(())}
    for k in keys:
        table[(k,)] = doc.locate((k,))
    return Positions(doc.path, table)


def _positions(where: Any) -> Positions:
    return Positions(where.path, dict(where.table)) if isinstance(where, Positions) else positions(where)


def _folder() -> Path:
    from safeguards.cache import default_directory

    return default_directory()


def load(directory: str, digest: str, origin: str) -> RuleSet | None:
    """The rule set remembered for ``directory`` at ``digest``, or None (not there, or not to be trusted)."""
    from safeguards.cache import _warn, verified

    cache = _folder()
    name = entry_name(directory, digest)
    path = cache / FOLDER / name
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    body = verified(cache, name, raw)
    if body is None:
        _warn(f"ignoring cache entry {path}: it does not verify against this cache's key (an entry copied "
              "from elsewhere, or tampered with); the rules are compiled from their files")
        return None
    try:
        return _restore(pickle.loads(body), origin)  # verified above: written by this user's own runs
    except Exception:  # an entry this code cannot read (it was verified, so it is ours): compile instead
        return None


def store(rules: RuleSet) -> None:
    """Remember a rule set that compiled without problems; a cache that cannot be written only costs speed."""
    from safeguards.atomic import write_atomic
    from safeguards.cache import sign
    from safeguards.problems import SafeguardsError

    cache = _folder()
    name = entry_name(rules.directory, rules.digest)
    entry = {"digest": rules.digest, "directory": rules.directory, "profiles": rules.profiles,
             "rules": [(r.rule, r.path, _positions(r.document), {k: p.serialize() for k, p in r.programs.items()},
                        r.reads) for r in rules.rules]}
    try:
        signed = sign(cache, name, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
        if signed is not None:
            write_atomic(cache / FOLDER / name, signed, mode=0o600)
    except (OSError, SafeguardsError, pickle.PicklingError, RuntimeError):
        pass


def _restore(entry: dict[str, Any], origin: str) -> RuleSet:
    from safeguards.rules.compile import CompiledRule, RuleSet, _cel

    env = _cel().NewEnv(variables={})  # a checked expression carries its types: no declarations needed to run it
    compiled = tuple(CompiledRule(rule, path, where, {k: env.deserialize(b) for k, b in programs.items()}, reads)
                     for rule, path, where, programs, reads in entry["rules"])
    return RuleSet(compiled, entry["digest"], entry["directory"], entry["profiles"], origin)
