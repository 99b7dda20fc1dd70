"""The catalogues as files: where they are, re-extraction from ``babel.cfg``, and the checks a catalogue must pass."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, cast

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from safeguards.i18n.translator import DOMAIN, LOCALE_DIR

TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
COMPLETE = ("ru",)  # languages every message must be translated into; the others fall back
Key = tuple[str | None, str]
_PERCENT = re.compile(r"%\((\w+)\)[sd]")


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def msgid(message: Message) -> str:
    """The singular msgid."""
    return message.id if isinstance(message.id, str) else str(message.id[0])


def keys(catalog: Iterable[Message]) -> set[Key]:
    """(context, msgid) of every message but the header."""
    return {(m.context, msgid(m)) for m in catalog if m.id}


def extract(root: Path) -> Catalog:
    """Extract every message as ``pybabel extract -F babel.cfg`` does from the checkout at ``root``."""
    with (root / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = cast(Callable[[IO[str]], Any], parse_mapping_cfg)(fh)
    catalog = Catalog(domain=DOMAIN)
    for _file, _line, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=DEFAULT_KEYWORDS):
        catalog.add(message, None, auto_comments=comments, context=context)
    return catalog


def untranslated(catalog: Catalog) -> list[Message]:
    """Messages with no translation, or only a fuzzy one (which is never used)."""
    return [m for m in catalog if m.id and (m.fuzzy or not all(_strings(m)))]


def _strings(m: Message) -> list[str]:
    return [m.string] if isinstance(m.string, str) else [str(s) for s in m.string or ()]


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """The ``{name}`` fields (as ``str.format`` reads them) and ``%(name)s`` fields of ``text``, sorted."""
    fields = sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)
    return fields, sorted(_PERCENT.findall(text))


def placeholder_mismatches(catalog: Catalog) -> list[Message]:
    """Translated messages whose placeholders differ from their msgid's, or that break ``str.format``."""
    bad = []
    for m in catalog:
        if not m.id or not m.string:
            continue
        strings = _strings(m)
        try:
            want = placeholders(msgid(m))
            if any(s and placeholders(s) != want for s in strings):
                bad.append(m)
        except ValueError:  # an unbalanced brace
            bad.append(m)
    return bad
