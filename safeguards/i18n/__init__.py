"""Translation: gettext catalogues managed with Babel, and locale formats (docs/i18n.md).

``translator(lang)`` gives the messages and formats of a language; ``lang_from`` resolves the language of a
run from ``--lang``, the configuration and the environment; ``install`` gives a Jinja2 environment
``{% trans %}``, ``_()`` and the format filters.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from safeguards.i18n.translator import Translator
from safeguards.problems import InputError, Level, Problem

LANGS = ("en", "ru", "kk")
DEFAULT_LANG = "en"

__all__ = ["DEFAULT_LANG", "LANGS", "Translator", "install", "lang_from", "translator"]


@lru_cache(maxsize=len(LANGS))
def translator(lang: str) -> Translator:
    """The (shared) translator of ``lang``, one of :data:`LANGS`."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return Translator(lang)


def _unknown(where: str, value: str) -> InputError:
    return InputError(Problem(where, 0, 0, Level.ERROR, "unknown-language",
                              f"unknown language {value!r}", f"use one of {', '.join(LANGS)}"))


def _env_lang(value: str) -> str | None:
    """The first supported language of a POSIX locale value: ``ru_RU.UTF-8`` -> ``ru``; ``kk:ru`` -> ``kk``."""
    for part in value.split(":"):
        code = part.split(".")[0].split("@")[0].split("_")[0].split("-")[0].strip().lower()
        if code in LANGS:
            return code
    return None


def lang_from(cli_value: str | None, config_value: str | None, env: Mapping[str, str] | None = None,
              *, config_path: str = "configuration") -> str:
    """The language of a run: ``--lang``, else the configuration, else ``SAFEGUARDS_LANG``, else the first
    supported language of ``LANGUAGE`` then ``LANG``, else English.

    An unknown value given to the tool itself (``--lang``, the configuration, ``SAFEGUARDS_LANG``) is an error;
    a system locale the tool does not speak (``LANG=de_DE.UTF-8``) is passed over.
    """
    environ = os.environ if env is None else env
    for where, value in (("--lang", cli_value), (config_path, config_value),
                         ("SAFEGUARDS_LANG", environ.get("SAFEGUARDS_LANG"))):
        if value:
            code = value.strip().lower()
            if code not in LANGS:
                raise _unknown(where, value)
            return code
    for name in ("LANGUAGE", "LANG"):
        found = _env_lang(environ.get(name, ""))
        if found:
            return found
    return DEFAULT_LANG


def install(env: Any, lang: str) -> Translator:
    """Give the Jinja2 environment ``env`` the messages of ``lang``: ``jinja2.ext.i18n`` (``{% trans %}``,
    ``_()``, ``pgettext``, ``ngettext``; new-style, whitespace trimmed) and the filters ``format_date``,
    ``format_number`` and ``format_hours``. Use one environment per language."""
    t = translator(lang)
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(gettext=t.gettext, ngettext=t.ngettext, newstyle=True,
                                  pgettext=t.pgettext, npgettext=t.npgettext)
    env.filters.update(format_date=t.format_date, format_number=t.format_number, format_hours=t.format_hours)
    env.globals["lang"] = lang
    return t
