"""Regenerates ``lookalikes.py`` from Unicode's confusables data as packaged by ``confusable-homoglyphs``.

Run ``python -m safeguards.names.generate_lookalikes > safeguards/names/lookalikes.py`` after upgrading that
package; ``tests/names/test_lookalikes.py`` checks that the committed table is what this prints.
"""

from __future__ import annotations

import json
import unicodedata
from importlib import metadata, resources

SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    return next((s for s in SCRIPTS if name.startswith(s + " ")), None)


def tables() -> dict[tuple[str, str], dict[str, str]]:
    """For each (from script, to script): each letter that looks like a single letter of the other script."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    out: dict[tuple[str, str], dict[str, str]] = {}
    for ch, entries in sorted(data.items()):
        source = _script(ch) if len(ch) == 1 and ch.isalpha() else None
        if source is None:
            continue
        for entry in entries:
            other = entry["c"]
            target = _script(other) if len(other) == 1 and other.isalpha() else None
            if target is None or target == source or (target == "GREEK"):
                continue
            if target == "LATIN" and not other.isascii():
                continue  # only plain Latin letters: accented ones are folded by decomposition anyway
            # upper case looks like upper case and lower like lower
            if ch.isupper() != other.isupper():
                continue
            out.setdefault((source, target), {}).setdefault(ch, other)
    return out


def main() -> None:
    version = metadata.version("confusable-homoglyphs")
    print('"""Letters of one script that look like a letter of another (generated, do not edit).')
    print()
    print(f"Source: Unicode confusables data as shipped by confusable-homoglyphs {version}; regenerate with")
    print("``python -m safeguards.names.generate_lookalikes > safeguards/names/lookalikes.py``.")
    print('"""')
    print()
    for (source, target), table in sorted(tables().items()):
        print(f"{source}_TO_{target}: dict[str, str] = {{")
        for ch, other in sorted(table.items()):
            print(f"    {ch!r}: {other!r},  # {unicodedata.name(ch)}")
        print("}")


if __name__ == "__main__":
    main()
