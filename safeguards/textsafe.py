"""Text that stays text: helpers that make a case-derived string safe for one kind of output.

Case files, file names and rule files are untrusted. A string taken from them must not forge a line
of a line-oriented format, reorder what a reader sees (bidi controls), break an XML document, run as
a spreadsheet formula, or become a ``javascript:`` link. Each helper does one of these jobs and
returns ``str``; none of them raises on any input (lone surrogates from undecodable file names
included).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

# Explicit bidi formatting characters (Unicode TR9): embeddings, overrides, isolates and marks.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_RE = re.compile("[" + "".join(sorted(BIDI)) + "]")
# Characters XML 1.0 forbids (even as character references): C0 controls but tab, LF and CR;
# surrogates; U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
# What a spreadsheet reads as the start of a formula (after any leading whitespace or line break).
_FORMULA_START = re.compile(r"^[\s]*[=+\-@\t\r]")
_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _hidden(ch: str) -> bool:
    # ASCII fast path: printable ASCII is never hidden.
    if " " <= ch <= "~":
        return False
    return ch in BIDI or unicodedata.category(ch) in _CATEGORIES


def visible(text: str, also: str = "") -> str:
    """``text`` with every control, format, bidi, separator, surrogate or unassigned character (and each
    character of ``also``) written as a visible escape such as ``\\x0a`` or ``\\u202e``.

    The result is one line that shows what the input held: a file name with a newline cannot start a
    second line of output, and a right-to-left override cannot reorder it.
    """
    if text.isascii() and text.isprintable() and not any(c in text for c in also):
        return text
    return "".join(_escape_char(ch) if _hidden(ch) or ch in also else ch for ch in text)


def location(path: str) -> str:
    """A file name fit for the ``path`` part of a ``path:line:col`` line: :func:`visible`, and every
    colon escaped (``\\x3a``) but that of a Windows drive (``C:``), so no name can forge a location."""
    drive = ""
    if len(path) >= 2 and path[1] == ":" and path[0].isascii() and path[0].isalpha():
        drive, path = path[:2], path[2:]
    return drive + visible(path, also=":")


_CONTROL_OR_BIDI = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(BIDI))
_SHOWN = re.compile("[" + _CONTROL_OR_BIDI + "\r]")
_SHOWN_KEEP_CR = re.compile("[" + _CONTROL_OR_BIDI + "]")


def shown(text: str, keep_cr: bool = False) -> str:
    """``text`` for a document a person reads (Markdown, HTML, CSV): C0 controls but tab and line feed (and,
    with ``keep_cr``, carriage return), C1 controls and bidi formatting characters replaced by U+FFFD."""
    return (_SHOWN_KEEP_CR if keep_cr else _SHOWN).sub(REPLACEMENT, text)


def no_bidi(text: str) -> str:
    """``text`` without explicit bidi formatting characters (the text's own right-to-left script
    still displays right to left; only overrides, embeddings, isolates and marks go)."""
    return _BIDI_RE.sub("", text)


def xml_chars(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_INVALID.sub(REPLACEMENT, text)


def xml_text(text: str) -> str:
    """``text`` as XML character data: invalid characters replaced, ``&``, ``<``, ``>`` escaped."""
    return xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value, quotes included; line breaks and tabs are kept
    as character references so a parser does not normalise them away."""
    body = xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
    return '"' + body.replace("\t", "&#9;") + '"'


def uri(path: str) -> str:
    """A relative file path as an RFC 3986 URI reference: ``/`` kept, everything else outside the
    unreserved set percent-encoded from UTF-8 (undecodable bytes of the file name kept as bytes)."""
    posix = path.replace("\\", "/")
    drive = ""
    if len(posix) >= 3 and posix[1] == ":" and posix[0].isascii() and posix[0].isalpha() and posix[2] == "/":
        drive, posix = "/" + posix[:2], posix[2:]  # C:/x -> file:///C:/x
    if not posix.isascii():  # a surrogate that no undecodable byte gave cannot be encoded: U+FFFD
        posix = "".join(REPLACEMENT if "\ud800" <= ch <= "\udfff" and not "\udc80" <= ch <= "\udcff" else ch
                        for ch in posix)
    encoded = quote(posix.encode("utf-8", "surrogateescape"), safe="/")
    if drive or posix.startswith("/"):
        return "file://" + drive + encoded
    return encoded


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a cell that would start a formula (``=``, ``+``, ``-``,
    ``@``, tab or carriage return, after any leading whitespace or line break) gets a leading ``'``."""
    text = "" if value is None else str(value)
    if _FORMULA_START.match(text):
        return "'" + text
    return text


def http_url(text: str) -> str | None:
    """``text`` if it is an absolute ``http`` or ``https`` URL with a host and no whitespace or
    control characters, else None (so ``javascript:``, ``data:`` and relative links are never
    linked)."""
    if not text or any(ch.isspace() or _hidden(ch) for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or parts.netloc.startswith("@"):
        return None
    return text
