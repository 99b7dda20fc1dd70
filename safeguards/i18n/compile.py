"""Compile ``.po`` catalogues to ``.mo`` with Babel: on disk for a build, in memory for a checkout."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from safeguards.atomic import write_atomic


def mo_bytes(po_path: Path, lang: str) -> bytes:
    """The ``.mo`` of one ``.po`` file; fuzzy entries are left out, as ``msgfmt`` does."""
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=po_path.stem)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compile_catalogs(src_dir: Path, dst_dir: Path) -> list[Path]:
    """Write ``dst_dir/<lang>/LC_MESSAGES/<domain>.mo`` for every ``src_dir/<lang>/LC_MESSAGES/<domain>.po``.

    Returns the files written, sorted. The same ``.po`` files always give the same bytes.
    """
    written = []
    for po in sorted(Path(src_dir).glob("*/LC_MESSAGES/*.po")):
        lang = po.parent.parent.name
        target = Path(dst_dir) / lang / "LC_MESSAGES" / (po.stem + ".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, mo_bytes(po, lang))
        written.append(target)
    return written
