"""Where the rules are, and a digest of them, without compiling anything.

The digest is what ties a report and a cache entry to the exact rule files; a
cached rerun needs only this, not the compiled rules.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from safeguards.message import N_
from safeguards.problems import Level, Problem, RuleError

PROFILES_DIR = "profiles"


BUNDLED = "bundled"


def default_rules_dir() -> Path:
    """The bundled rule set, wherever the tool runs (never a ``rules/`` folder in the current directory).

    An installed wheel carries it as the package resource ``safeguards/_rules``; a source checkout or
    an editable install reads the checkout's ``rules/`` beside the package.
    """
    bundled = resources.files("safeguards") / "_rules"
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(__file__).resolve().parent.parent.parent / "rules"


def rules_origin(directory: str | Path | None) -> str:
    """How a report names its rule set: ``bundled``, or the directory given by ``--rules`` or the configuration."""
    return BUNDLED if directory is None else str(directory)


def rule_files(directory: Path) -> Iterator[Path]:
    """Rule files under ``directory``; fixture and profile folders are not rules (nor searched: a rule set's
    fixtures outnumber its rules six to one). Symbolic links to folders are not followed."""
    found: list[Path] = []
    for folder, subdirs, names in os.walk(directory):
        subdirs[:] = [d for d in subdirs if d != "fixtures" and not (folder == str(directory) and d == PROFILES_DIR)]
        found.extend(Path(folder, n) for n in names if n.endswith(".yaml"))
    yield from sorted(found)


def profile_files(directory: Path) -> list[Path]:
    """Profile files: ``<rules>/profiles/<id>.yaml``."""
    folder = directory / PROFILES_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def digested_files(directory: Path) -> Iterator[Path]:
    """Every file whose content changes results: rules and profiles."""
    yield from rule_files(directory)
    yield from profile_files(directory)


def check_directory(base: Path) -> None:
    """Raise :class:`RuleError` when ``base`` is not a rule directory."""
    if not base.is_dir():
        raise RuleError(Problem(str(base), 0, 0, Level.ERROR, "no-rules", N_("rule directory not found"),
                                N_("pass --rules DIR (a folder holding the rule files and profiles/)")))


def digest_update(digest: hashlib._Hash, base: Path, path: Path, raw: bytes) -> None:
    """Add one rule file to a rule-set digest."""
    digest.update(path.relative_to(base).as_posix().encode() + b"\0" + raw + b"\0")


def rules_digest(directory: str | Path | None = None) -> str:
    """The SHA-256 of the rule files under ``directory``, as ``load_rules`` computes it."""
    base = Path(directory) if directory is not None else default_rules_dir()
    check_directory(base)
    digest = hashlib.sha256()
    for path in digested_files(base):
        digest_update(digest, base, path, path.read_bytes())
    return digest.hexdigest()
