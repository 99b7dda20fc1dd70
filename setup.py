"""Build step: copy the top-level ``rules/`` (the source of truth) into the package as ``safeguards/_rules``,
and compile the translation catalogues (``safeguards/locale``) to ``.mo`` files with Babel.

Everything else about the build is declared in ``pyproject.toml``. An editable install or a source
checkout has no ``_rules``: there ``safeguards.rules.files`` reads ``rules/`` beside the package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithRules(build_py):
    """``build_py`` that also puts the rule set (rules, profiles, fixtures) into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "safeguards" / "_rules"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / "rules", target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        try:
            from safeguards.i18n.compile import compile_catalogs
        except ImportError:  # Babel missing in the build environment: the .po files are compiled at run time
            return
        compile_catalogs(ROOT / "safeguards" / "locale", Path(self.build_lib) / "safeguards" / "locale")


setup(cmdclass={"build_py": BuildWithRules})
