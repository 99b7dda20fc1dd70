"""Load rule files and compile their CEL conditions once per run, with type checking.

Every variable a rule may use is declared with its CEL type (the facts of its
scope and its own parameters), so a misspelled fact, a comparison of a number
with a string, or a syntax error is reported at load time with the rule
file's line and column, never discovered as a silent ``false``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from safeguards.engine.facts import variables_for
from safeguards.message import N_
from safeguards.problems import InputError, Level, Problem, RuleError
from safeguards.rules.files import (
    BUNDLED,
    check_directory,
    digest_update,
    profile_files,
    rule_files,
    rules_digest,
    rules_origin,
)
from safeguards.rules.files import default_rules_dir as default_rules_dir  # re-exported
from safeguards.rules.model import Rule
from safeguards.rules.profiles import Profile, load_profiles
from safeguards.schema_errors import field_names, to_problems
from safeguards.yamlsource import Document, load_file

_CEL_POS = re.compile(r"<input>:(\d+):(\d+): (.*?)(?:\n|$)")
_STRING = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")
_IDENT = re.compile(r"(?<![.\w])([A-Za-z_][A-Za-z0-9_]*)")
_TEMPLATE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_MACRO = re.compile(r"\.\s*(all|exists|exists_one|map|filter)\s*\(")
# CEL always terminates, but nested comprehensions multiply: three over the longest fact list
# (the ~30 methods of ill-treatment) stay in the tens of thousands of steps.
MAX_MACROS = 3
# Activations tried on every load to refuse a rule whose met and breach can both hold (kept small: it runs
# on every start); `rules test` and the test suite try thousands more, and every evaluation checks it too.
SAMPLES_AT_LOAD = 24
SAMPLES_IN_RULES_TEST = 4000
KNOWN_FIELDS = field_names([Rule])
EXPRESSIONS = ("applies", "breach", "met")


class Locator(Protocol):
    """What finds a path's line and column in a rule file."""

    def locate(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]: ...


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its compiled expressions and the fact variables each one reads."""

    rule: Rule
    path: str
    document: Locator  # the parsed rule file, or (from the cache) the positions of its keys
    programs: dict[str, Any]
    reads: dict[str, frozenset[str]]

    def locate(self, *loc: str | int) -> tuple[int, int]:
        return self.document.locate(loc)


def _fits(kind: str, value: object) -> bool:
    if kind == "double":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, {"string": str, "bool": bool}[kind])


@dataclass(frozen=True)
class RuleSet:
    """All rules of a run, the profiles, and a digest of their files (part of every report's provenance)."""

    rules: tuple[CompiledRule, ...]
    digest: str
    directory: str
    profiles: dict[str, Profile] = field(default_factory=dict)
    origin: str = BUNDLED  # "bundled", or the directory given (--rules or the configuration)

    @cached_property
    def _index(self) -> dict[str, CompiledRule]:
        return {r.rule.id: r for r in reversed(self.rules)}  # the first of a duplicated id wins, as before

    def by_id(self, rule_id: str) -> CompiledRule | None:
        return self._index.get(rule_id)


def _cel() -> Any:
    from cel_expr_python import cel

    return cel


def _cel_type(cel: Any, name: str) -> Any:
    return {"bool": cel.Type.BOOL, "double": cel.Type.DOUBLE, "int": cel.Type.INT, "string": cel.Type.STRING,
            "list": cel.Type.List(cel.Type.STRING)}[name]


def identifiers(expr: str) -> set[str]:
    """Top-level identifiers an expression mentions (string literals and member names excluded)."""
    return set(_IDENT.findall(_STRING.sub("''", expr)))


def _located(doc: Document, loc: tuple[str | int, ...], code: str, message: str, hint: str) -> Problem:
    line, col = doc.locate(loc)
    return Problem(doc.path, line, col, Level.ERROR, code, message, hint)


def compile_rule(doc: Document) -> tuple[CompiledRule | None, list[Problem]]:
    """Validate and compile one parsed rule file."""
    problems = list(doc.problems)
    if not isinstance(doc.data, dict):
        return None, [_located(doc, (), "not-a-mapping", "a rule file must be a mapping", "see docs/rules.md")]
    try:
        rule = Rule.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems + to_problems(doc, exc, KNOWN_FIELDS, "docs/rules.md")
    cel = _cel()
    facts = variables_for(rule.scope)
    declared = {name: _cel_type(cel, typ) for name, typ in facts.items()}
    for name, param in rule.params.items():
        if name in declared:
            problems.append(_located(doc, ("params", name), "param-shadows-fact",
                                     f"parameter {name!r} has the name of a fact", "rename the parameter"))
        declared[name] = _cel_type(cel, param.type)
        if not _fits(param.type, param.value):
            problems.append(_located(doc, ("params", name, "value"), "param-type",
                                     f"parameter {name!r} is declared {param.type} but its value is "
                                     f"{type(param.value).__name__}", f"give a {param.type} value"))
    env = cel.NewEnv(variables=declared)
    programs: dict[str, Any] = {}
    reads: dict[str, frozenset[str]] = {}
    for key in EXPRESSIONS:
        expr = getattr(rule, key)
        if expr is None:
            continue
        macros = len(_MACRO.findall(_STRING.sub("''", expr)))
        if macros > MAX_MACROS:
            problems.append(_located(doc, (key,), "rule-too-complex",
                                     f"{key} uses {macros} list comprehensions; at most {MAX_MACROS} are allowed",
                                     "split the condition or use 'in' instead of nested macros"))
            continue
        try:
            program = env.compile(expr)
        except RuntimeError as exc:
            problems.append(_cel_problem(doc, key, str(exc)))
            continue
        if program.return_type() != cel.Type.BOOL:
            problems.append(_located(doc, (key,), "rule-not-boolean",
                                     f"{key} gives {program.return_type().name().lower()}, not a boolean",
                                     "compare the value, e.g. hours_to_court_min > limit_hours"))
            continue
        programs[key] = program
        reads[key] = frozenset(n for n in identifiers(expr) if n in facts)
    allowed = set(declared)
    for outcome in ("breach", "met", "not_applicable", "insufficient"):
        text = getattr(rule.messages, outcome)
        if not text:
            continue
        for name in _TEMPLATE.findall(text):
            base = name
            if base not in allowed and f"{base}_min" not in allowed:
                problems.append(_located(doc, ("messages", outcome), "template-unknown-name",
                                         f"message {outcome} uses {{{name}}}, which is no fact or parameter "
                                         f"of a {rule.scope} rule", "use a declared fact name (docs/facts.md)"))
    if any(p.level is Level.ERROR for p in problems):
        return None, problems
    from safeguards.rules.consistency import contradictions

    compiled = CompiledRule(rule, doc.path, doc, programs, reads)
    clash = contradictions(compiled, samples=SAMPLES_AT_LOAD)
    if clash is not None:
        problems.append(_located(doc, ("met",), "rule-contradiction",
                                 f"met and breach can both be true, e.g. when {clash}",
                                 "make the met condition imply that the breach condition is false"))
        return None, problems
    return compiled, problems


def _cel_problem(doc: Document, key: str, text: str) -> Problem:
    line, col = doc.locate((key,))
    m = _CEL_POS.search(text)
    message = text.replace("INVALID_ARGUMENT: ", "").split("\n")[0]
    if m:
        cel_line, cel_col, message = int(m.group(1)), int(m.group(2)), m.group(3)
        node = _node_of(doc, key)
        style = getattr(node, "style", None) if node is not None else None
        if style in ("|", ">"):
            line, col = line + cel_line, cel_col + 2
        elif cel_line == 1:
            col = col + cel_col - 1 + (1 if style in ("'", '"') else 0)
        else:
            line += cel_line - 1
    code = "rule-syntax" if "Syntax error" in message else "rule-type"
    hint = ("check the fact name against docs/facts.md" if "undeclared reference" in message
            else "see the CEL language definition in docs/rules.md")
    return Problem(doc.path, line, col, Level.ERROR, code, f"{key}: {message}", hint)


def _node_of(doc: Document, key: str) -> Any:
    import yaml

    root = doc.root
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if getattr(k, "value", None) == key:
                return v
    return None


def load_rules(directory: str | Path | None = None, *, cache: bool = True) -> RuleSet:
    """Load and compile every rule under ``directory``; raise :class:`RuleError` listing all problems.

    With ``cache``, a rule set compiled before from the same files by the same code is read from the
    user's cache directory (:mod:`safeguards.rules.cached`), and one compiled now is remembered there.
    """
    base = Path(directory) if directory is not None else default_rules_dir()
    check_directory(base)
    if cache:
        from safeguards.rules import cached

        remembered = cached.load(str(base), rules_digest(base), rules_origin(directory))
        if remembered is not None:
            return remembered
        compiled_now = load_rules(directory, cache=False)
        cached.store(compiled_now)
        return compiled_now
    compiled: list[CompiledRule] = []
    problems: list[Problem] = []
    digest = hashlib.sha256()
    seen: dict[str, str] = {}
    for path in rule_files(base):
        raw = path.read_bytes()
        digest_update(digest, base, path, raw)
        try:
            doc = load_file(str(path), raw)
        except InputError as exc:
            problems.append(exc.problem)
            continue
        rule, found = compile_rule(doc)
        problems.extend(found)
        if rule is None:
            continue
        if rule.rule.id in seen:
            problems.append(_located(doc, ("id",), "duplicate-rule-id",
                                     f"rule id {rule.rule.id!r} is also used in {seen[rule.rule.id]}",
                                     "rule ids are unique"))
            continue
        if path.stem != rule.rule.id:
            problems.append(_located(doc, ("id",), "rule-file-name",
                                     f"file name {path.name!r} does not match the rule id {rule.rule.id!r}",
                                     f"rename the file to {rule.rule.id}.yaml"))
            continue
        seen[rule.rule.id] = str(path)
        compiled.append(rule)
    for path in profile_files(base):
        digest_update(digest, base, path, path.read_bytes())
    errors = [p for p in problems if p.level is Level.ERROR]
    if errors:
        raise RuleSetError(errors)
    if not compiled:
        raise RuleError(Problem(str(base), 0, 0, Level.ERROR, "no-rules", N_("no rule files found"),
                                N_("rules are *.yaml files under the rule directory")))
    profiles = load_profiles(base)
    _check_profiles(base, compiled, profiles)
    return RuleSet(tuple(sorted(compiled, key=lambda r: (r.rule.safeguard, r.rule.id))), digest.hexdigest(),
                   str(base), profiles, rules_origin(directory))


def from_files(rules: RuleSet) -> RuleSet:
    """``rules`` as compiled from their files: itself, or, if it was read from the cache, compiled again (every
    rule validated, its conditions type-checked and sampled, as on a cache miss)."""
    if all(isinstance(r.document, Document) for r in rules.rules):
        return rules
    return load_rules(None if rules.origin == BUNDLED else rules.origin, cache=False)


def _check_profiles(base: Path, compiled: list[CompiledRule], profiles: dict[str, Profile]) -> None:
    """National values must name a real parameter and fit its type; national rules a real profile."""
    by_id = {r.rule.id: r for r in compiled}
    problems: list[Problem] = []
    for profile in profiles.values():
        where = str(base / "profiles" / f"{profile.id}.yaml")
        for rule_id, values in profile.params.items():
            rule = by_id.get(rule_id)
            for name, value in values.items():
                if rule is None or name not in rule.rule.params:
                    problems.append(Problem(where, 0, 0, Level.ERROR, "profile-unknown-param",
                                            f"profile {profile.id}: {rule_id}.{name} is no rule parameter",
                                            "name a rule id and one of its params"))
                elif not _fits(rule.rule.params[name].type, value.value):
                    problems.append(Problem(where, 0, 0, Level.ERROR, "profile-param-type",
                                            f"profile {profile.id}: {rule_id}.{name} must be "
                                            f"{rule.rule.params[name].type}", "give a value of the parameter's type"))
    for r in compiled:
        if r.rule.profile is not None and r.rule.profile not in profiles:
            line, col = r.locate("profile")
            problems.append(Problem(r.path, line, col, Level.ERROR, "unknown-profile",
                                    f"rule {r.rule.id} names profile {r.rule.profile!r}, which has no file",
                                    f"add profiles/{r.rule.profile}.yaml"))
    if problems:
        raise RuleSetError(problems)


class RuleSetError(RuleError):
    """Several rule files failed to load; all their problems are kept."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0])
        self.problems = problems

    def __reduce__(self) -> tuple[type[RuleSetError], tuple[list[Problem]]]:  # type: ignore[override]
        return (type(self), (self.problems,))

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)
