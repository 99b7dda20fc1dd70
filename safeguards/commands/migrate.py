"""``safeguards migrate``: upgrade case files to the current schema version without changing their meaning.

A migration edits the text of the file, not its parsed data: comments, key order, quoting, blank lines, line
endings and a byte-order mark are kept, and only what a version step must change is rewritten. From version 1
to 2 that is the ``schema_version`` line alone, since every field version 2 added is optional and no version-1
field changed its meaning. After each step the result is parsed again and compared with the input: anything
but the intended change refuses the file.

Inputs are never written unless ``--in-place`` is given, and then atomically (``safeguards.atomic``). Exit
codes: 0 every file upgraded or already current; 1 with ``--check`` when a file needs upgrading; 2 usage,
unreadable input, a file that is not a case file, an unknown version, or an output that cannot be written.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from safeguards.atomic import confined, write_atomic
from safeguards.discovery import discover, os_reason
from safeguards.message import N_, Message, localize
from safeguards.model.case import SCHEMA_VERSION, SCHEMA_VERSIONS
from safeguards.problems import InputError, Level, Problem, SafeguardsError, sort_problems
from safeguards.yamlsource import Document, load_file

EXIT_OK, EXIT_OUTDATED, EXIT_ERROR = 0, 1, 2
_BOM = "\ufeff".encode()
_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")  # the line breaks YAML (libyaml) counts


class MigrationError(InputError):
    """A case file that cannot be migrated (its problem is located)."""


@dataclass(frozen=True)
class Migrated:
    """The outcome for one file: its upgraded bytes, the versions, and any problem."""

    path: str
    data: bytes = b""
    from_version: int = 0
    problem: Problem | None = None

    @property
    def changed(self) -> bool:
        return self.problem is None and self.from_version != SCHEMA_VERSION


def _fail(doc: Document, loc: tuple[str, ...], code: str, message: Message, hint: Message) -> MigrationError:
    line, col = doc.locate(loc)
    return MigrationError(Problem(doc.path, line, col, Level.ERROR, code, message, hint))


def _value_node(doc: Document, key: str) -> yaml.ScalarNode | None:
    root = doc.root
    if not isinstance(root, yaml.MappingNode):
        return None
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode):
            return v
    return None


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of a 0-based (line, column) as the YAML parser counts them."""
    start = 0
    for _ in range(line):
        m = _BREAK.search(text, start)
        if m is None:
            raise ValueError("line out of range")
        start = m.end()
    return start + column


def _set_version(doc: Document, text: str, version: int) -> str:
    """``text`` with the plain scalar of the top-level ``schema_version`` replaced by ``version``."""
    node = _value_node(doc, "schema_version")
    if node is None or node.style not in (None, ""):
        raise _fail(doc, ("schema_version",), "migrate-unsupported", N_("schema_version is not a plain number"),
                    N_("write it as 'schema_version: 1' and run migrate again"))
    at = _offset(text, node.start_mark.line, node.start_mark.column)
    if text[at:at + len(node.value)] != node.value:
        raise _fail(doc, ("schema_version",), "migrate-unsupported",
                    N_("cannot find the schema_version value in the text"),
                    N_("write it as 'schema_version: 1' on a line of its own and run migrate again"))
    return text[:at] + str(version) + text[at + len(node.value):]


def _v1_to_v2(doc: Document, text: str) -> str:
    """Version 2 only added optional fields and values: a version-1 file means the same with the new number."""
    return _set_version(doc, text, 2)


# STEPS[n] turns a version-n text into a version-(n+1) text; each step keeps the meaning of the file.
STEPS: dict[int, Callable[[Document, str], str]] = {1: _v1_to_v2}


def _expected(before: Any, version: int) -> Any:
    """The data a step from ``version`` must give: the same, with the new version number."""
    return {**before, "schema_version": version + 1}


def migrate_bytes(path: str, raw: bytes) -> Migrated:
    """Upgrade the case file ``raw`` (read from ``path``) to the current version."""
    try:
        doc = load_file(path, raw)
        broken = [p for p in doc.problems if p.level is Level.ERROR]
        if broken:  # e.g. a duplicate key: which of the two values is meant must be settled first
            return Migrated(path, problem=broken[0])
        data = doc.data
        if not isinstance(data, dict) or "schema_version" not in data:
            what = N_("it has no schema_version") if isinstance(data, dict) else \
                (N_("it is empty") if data is None else N_("it is a {type}, not a mapping", type=type(data).__name__))
            raise _fail(doc, (), "not-a-case-file", N_("not a case file: {what}", what=what),
                        N_("migrate reads case files (see docs/case-files.md); leave other YAML files out"))
        version = data["schema_version"]
        if isinstance(version, bool) or not isinstance(version, int) or version not in SCHEMA_VERSIONS:
            raise _fail(doc, ("schema_version",), "schema-version-unknown",
                        N_("schema_version {version!r} is not a version of the case-file format ({versions})",
                           version=version, versions=", ".join(map(str, SCHEMA_VERSIONS))),
                        N_("this safeguards reads versions {first} to {last}", first=SCHEMA_VERSIONS[0],
                           last=SCHEMA_VERSION))
        text = raw.decode("utf-8-sig")
        current = version
        while current < SCHEMA_VERSION:
            new_text = STEPS[current](doc, text)
            new_doc = load_file(path, new_text.encode("utf-8"))
            if new_doc.data != _expected(doc.data, current):
                raise _fail(doc, ("schema_version",), "migrate-failed",
                            N_("the upgrade from version {version} would change more than the version",
                               version=current),
                            N_("upgrade this file by hand (see docs/case-files.md, 'Migrating from version 1')"))
            text, doc, current = new_text, new_doc, current + 1
    except SafeguardsError as exc:
        return Migrated(path, problem=exc.problem)
    bom = _BOM if raw.startswith(_BOM) else b""
    return Migrated(path, bom + text.encode("utf-8"), version)


def _inputs(paths: list[str]) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(file, name under -o DIR) for each case file: a file by its base name, a directory's by relative path."""
    out: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for raw in paths:
        files, missing = discover([raw])
        problems.extend(missing)
        base = Path(raw)
        for f in files:
            name = Path(f).relative_to(base).as_posix() if base.is_dir() else base.name
            if all(f != seen for seen, _ in out):
                out.append((f, name))
    return out, problems


def _problem(path: str, code: str, message: Message, hint: Message) -> Problem:
    return Problem(path, 0, 0, Level.ERROR, code, message, hint)


def run(paths: list[str], in_place: bool, output: str | None, check: bool = False, lang: str = "en") -> int:
    """Migrate ``paths``, printing in ``lang``; return the exit code."""
    from safeguards.commands.validate import NO_CASE_FILES

    def say(message: Message) -> None:
        sys.stderr.write(localize(message, lang) + "\n")

    files, problems = _inputs(paths)
    if not files and not problems:
        say(NO_CASE_FILES)
        return EXIT_ERROR
    to_stdout = not (in_place or output or check)
    if to_stdout and len(files) > 1:
        say(N_("safeguards: {n} case files: give -o DIR or --in-place (stdout takes one file)", n=len(files)))
        return EXIT_ERROR
    outdated = current = written = 0
    targets: dict[Path, str] = {}
    for path, name in files:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            problems.append(_problem(path, "unreadable", N_("cannot read file: {reason}", reason=os_reason(exc)),
                                     N_("check the path and permissions")))
            continue
        got = migrate_bytes(path, raw)
        if got.problem is not None:
            problems.append(got.problem)
            continue
        if got.changed:
            outdated += 1
        else:
            current += 1
        if check:
            if got.changed:
                say(N_("{path}: schema_version {version}, can be upgraded to {current}", path=path,
                       version=got.from_version, current=SCHEMA_VERSION))
            continue
        try:
            if to_stdout:
                sys.stdout.buffer.write(got.data)
                sys.stdout.flush()
            elif in_place:
                if got.changed:
                    real = Path(path).resolve()
                    write_atomic(real, got.data, mode=os.stat(real).st_mode & 0o7777)
                    written += 1
            else:
                assert output is not None
                target = confined(output, name)
                if target in targets:
                    problems.append(_problem(path, "output-collision",
                                             N_("{other} is also written to {target}", other=targets[target],
                                                target=str(target)),
                                             N_("migrate the two files into different directories")))
                    continue
                if target.exists() and target.samefile(path):
                    problems.append(_problem(path, "output-is-input",
                                             N_("-o would overwrite the input {path}", path=path),
                                             N_("give another directory, or use --in-place")))
                    continue
                targets[target] = path
                write_atomic(target, got.data)
                written += 1
        except SafeguardsError as exc:
            problems.append(exc.problem)
        except OSError as exc:
            problems.append(_problem(path, "unwritable", N_("cannot write: {reason}", reason=os_reason(exc)),
                                     N_("check the output directory and its permissions")))
    for p in sort_problems(problems):
        sys.stderr.write(p.render(lang) + "\n")
    counts = {"outdated": outdated, "version": SCHEMA_VERSION, "current": current, "errors": len(problems)}
    summary = N_("safeguards: {outdated} file(s) to upgrade to version {version}, {current} already current, "
                 "{errors} error(s)", **counts) if check else \
        N_("safeguards: {outdated} file(s) upgraded to version {version}, {current} already current, "
           "{errors} error(s)", **counts)
    say(N_("{summary}; {written} written", summary=summary, written=written) if written else summary)
    if problems:
        return EXIT_ERROR
    return EXIT_OUTDATED if check and outdated else EXIT_OK
