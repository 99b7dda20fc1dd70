"""The audit after writing: every output of a run is searched for every known form of every withheld name.

Text outputs are searched line by line; JSON by the path of the string that holds a hit; a Word file
in every part of its package (body, footnotes, headers, metadata), both as XML and as the text its runs
spell when joined. A hit means a leak: the run's outputs are deleted and the run fails (exit 2),
naming the file and the field.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeguards.message import N_, Message, localize, parse
from safeguards.publish.withheld import Withheld

_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_END = re.compile(r"</w:p>|</a:p>|</dc:[a-z]+>|</cp:[a-z]+>")


# Where in an output a leak is, as the audit writes it (a JSON path is left as it is).
WHERE = (N_("line {n}"), N_("part {part}"), N_("text"))


@dataclass(frozen=True)
class Leak:
    """A withheld name found in an output."""

    file: str
    where: str
    form: str

    def message(self, written: bool = True) -> Message:
        """What a run prints of it: the file, the field, the length of the form found (never the form), and
        whether the run's outputs were deleted (``written``) or none was written."""
        where = parse(self.where, WHERE)
        if written:
            return N_("{file}: {where}: a withheld name appears ({n} characters; not printed); the outputs of this "
                      "run were deleted", file=self.file, where=where, n=len(self.form))
        return N_("{file}: {where}: a withheld name appears ({n} characters; not printed); nothing was written",
                  file=self.file, where=where, n=len(self.form))

    def render(self, lang: str = "en", written: bool = True) -> str:
        """The line ``check``, ``check --db`` and ``report --db`` print, ``error[name-leak]: ...``, in ``lang``."""
        return f"{localize(N_('error'), lang)}[name-leak]: {localize(self.message(written), lang)}"


def _json_strings(value: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _json_strings(k, f"{path} (key)")
            yield from _json_strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _json_strings(v, f"{path}[{i}]")


def _strings(value: Any, out: list[str]) -> list[str]:
    """Every string of a JSON value, keys included, in document order (no paths: the fast first pass)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                out.append(k)
                if isinstance(x, str):
                    out.append(x)
                elif x.__class__ in (dict, list):
                    stack.append(x)
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, str):
                    out.append(x)
                elif x.__class__ in (dict, list):
                    stack.append(x)
    return out


def audit_text(name: str, text: str, withheld: Withheld) -> list[Leak]:
    """Leaks in one text output, located JSON field by field and other text line by line.

    The pieces are read in one pass, and a piece found clean is remembered for the run: outputs repeat most
    of their lines from case to case, and the names of every input of a run are looked for in each.
    """
    if not withheld:
        return []
    doc = None
    if name.endswith((".json", ".sarif")):
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
    if doc is not None and not withheld.hits_in(_strings(doc, [])):
        return []  # the usual case: no string holds a name, and no path needs to be built
    listed = list(_json_strings(doc)) if doc is not None else [
        (f"line {n}", line) for n, line in enumerate(text.splitlines(), 1)]
    return [Leak(name, listed[i][0], h) for i, h in withheld.hits_in([p for _, p in listed])]


def audit_docx(name: str, data: bytes, withheld: Withheld) -> list[Leak]:
    """Leaks in every part of a Word package: its XML and the text of each paragraph with the runs joined."""
    out: list[Leak] = []
    try:
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
            for part in z.namelist():
                data_part = z.read(part)
                if data_part.startswith(_PNG):
                    # An image is not text: its bytes read as letters match name forms by chance; only the
                    # text chunks an image can carry are read.
                    out += [Leak(name, f"part {part}", h) for h in withheld.hits(_png_text(data_part))]
                    continue
                out += audit_xml(name, part, data_part.decode("utf-8", "replace"), withheld)
    except zipfile.BadZipFile:
        out += audit_text(name, data.decode("utf-8", "replace"), withheld)
    return out


_PNG = b"\x89PNG\r\n\x1a\n"


def _png_text(data: bytes) -> str:
    """The text chunks (tEXt, iTXt, zTXt) of a PNG image, one per line; compressed ones decompressed."""
    import zlib

    out, pos = [], len(_PNG)
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + size]
        if kind in (b"tEXt", b"iTXt"):
            out.append(body.decode("utf-8", "replace"))
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            try:
                out.append(key.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("utf-8", "replace"))
            except zlib.error:
                out.append(body.decode("utf-8", "replace"))
        pos += 12 + size
    return "\n".join(out)


def audit_xml(name: str, part: str, xml: str, withheld: Withheld) -> list[Leak]:
    """Leaks in the XML of one part of a package (or a piece of it): as XML, and as the text of each paragraph
    with its runs joined."""
    joined = "\n".join(_TAG.sub("", p) for p in _PARAGRAPH_END.split(xml))
    return [Leak(name, f"part {part}", h) for h in withheld.hits(xml) or withheld.hits(joined)]


def audit_file(path: str | Path, withheld: Withheld) -> list[Leak]:
    """Leaks in one output file, whatever its format."""
    p = Path(path)
    data = p.read_bytes()
    if p.suffix == ".docx":
        return audit_docx(str(p), data, withheld)
    return audit_text(str(p), data.decode("utf-8", "replace"), withheld)


def audit_files(paths: Iterable[str | Path], withheld: Withheld) -> list[Leak]:
    """Leaks in every file of ``paths``."""
    out: list[Leak] = []
    for path in paths:
        out += audit_file(path, withheld)
    return out


def delete(paths: Iterable[str | Path]) -> None:
    """Remove a run's outputs after a leak (missing files are fine)."""
    for path in paths:
        try:
            Path(path).unlink()
        except OSError:
            pass
