"""The configuration file: ``[tool.safeguards]`` in ``pyproject.toml``, or a ``safeguards.toml``.

The first folder, from the current one upwards, that has a ``safeguards.toml``
(its top-level keys) or a ``pyproject.toml`` with a ``[tool.safeguards]`` table
gives the defaults; the command line overrides them. Paths are relative to the
file's folder. Unknown keys and bad values are located errors.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from safeguards.message import N_, Message
from safeguards.problems import InputError, Level, Problem

SAFEGUARDS_TOML = "safeguards.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("breach", "critical", "high", "medium", "low", "never")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Config:
    """Defaults for the commands; None means "not set here: the built-in default applies"."""

    profile: str | None = None
    rules: str | None = None
    format: str | None = None
    output: str | None = None
    annex_format: str | None = None
    annex_output: str | None = None
    fail_on: str | None = None
    language: str | None = None
    cache: str | None = None
    source: str | None = field(default=None, compare=False)  # the file these came from



def config_keys() -> list[str]:
    """The keys a configuration file may set, as written in it."""
    return [f.name.replace("_", "-") for f in fields(Config) if f.name != "source"]


def find(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the current directory), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / SAFEGUARDS_TOML
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        return "[tool.safeguards]" in pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def load(start: Path | None = None) -> Config:
    """The configuration that applies in ``start``; an empty one when there is no file."""
    path = find(start)
    return Config() if path is None else read(path)


def read(path: Path) -> Config:
    """Read and check one configuration file; raise :class:`InputError` at the first bad key or value."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(shown, 0, 0, Level.ERROR, "config-unreadable", N_("cannot read: {error}", error=exc),
                                 N_("check the file's permissions and that it is UTF-8"))) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_AT.search(str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        raise InputError(Problem(shown, line, col, Level.ERROR, "config-syntax",
                                 N_("not valid TOML: {error}", error=_TOML_AT.sub("", str(exc)).strip()),
                                 N_("see docs/ci.md for the configuration file's form"))) from None
    in_pyproject = path.name == PYPROJECT
    table: Any = data.get("tool", {}).get("safeguards", {}) if in_pyproject else data
    header = "[tool.safeguards]" if in_pyproject else None
    if not isinstance(table, dict):
        raise InputError(Problem(shown, *_locate(text, None, "safeguards"), Level.ERROR, "config-value",
                                 N_("tool.safeguards must be a table"), N_("write it as [tool.safeguards]")))
    values: dict[str, str] = {}
    for key, value in table.items():
        where = _locate(text, header, key)
        if key not in config_keys():
            raise InputError(Problem(shown, *where, Level.ERROR, "config-key", N_("unknown key {key!r}", key=key),
                                     N_("the keys are: {keys}", keys=", ".join(config_keys()))))
        values[key.replace("-", "_")] = _value(shown, where, key, value, path.parent)
    return Config(**values, source=shown)


def _value(shown: str, where: tuple[int, int], key: str, value: Any, base: Path) -> str:
    """One checked value, as the command line would take it (lists joined with commas, paths resolved)."""
    def bad(message: Message, hint: Message) -> InputError:
        return InputError(Problem(shown, *where, Level.ERROR, "config-value",
                                  N_("{key}: {message}", key=key, message=message), hint))

    if key in ("format", "annex-format") and isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise bad(N_("a list of format names is expected"), N_('write e.g. format = ["md", "sarif"]'))
        value = ",".join(value)
    if not isinstance(value, str) or not value.strip():
        raise bad(N_("a text value is expected, not {value!r}", value=value),
                  N_('write e.g. {key} = "..." with quotes', key=key))
    if key in ("rules", "output", "annex-output", "cache"):
        return str(base / value) if not Path(value).is_absolute() else value
    if key == "fail-on" and value not in FAIL_ON:
        raise bad(N_("{value!r} is not a level", value=value), N_("use one of {levels}", levels=", ".join(FAIL_ON)))
    if key == "language" and not _LANGUAGE.match(value):
        raise bad(N_("{value!r} is not a language tag", value=value), N_('use a tag such as "en", "ru" or "kk"'))
    if key in ("format", "annex-format"):
        known = _formats(key)
        unknown = [f for f in (x.strip() for x in value.split(",")) if f not in known]
        if unknown:
            raise bad(N_("unknown format {formats}", formats=", ".join(unknown) or N_("(none)")),
                      N_("use {formats}", formats=",".join(known)))
    return value


def _formats(key: str) -> tuple[str, ...]:
    if key == "format":
        from safeguards.report.formats import FORMATS

        return FORMATS
    from safeguards.commands.annex import EXTENSIONS

    return tuple(EXTENSIONS)


def _locate(text: str, header: str | None, key: str) -> tuple[int, int]:
    """1-based line and column of ``key =`` in the table under ``header`` (None: the top level)."""
    inside = header is None
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.split("#")[0].strip() == header
            continue
        if inside and pattern.match(line):
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1
