"""Messages printed in the language of the run: English text that keeps its template and parameters.

A problem is found long before anyone knows the language it will be printed in (a worker process, a cache,
a writer chosen later), so its text is built with :func:`N_`: ``N_("unknown field {name!r}", name=name)`` is
the English text ``unknown field 'x'`` as a ``str`` (every caller and test reads it as before), and it also
keeps the msgid ``unknown field {name!r}`` and ``name``. :func:`localize` prints it in another language
through the gettext catalogues (docs/i18n.md). Values from a case file are parameters, never part of the msgid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

__all__ = ["N_", "Message", "localize", "message_of", "parse"]


class Message(str):
    """English text, with the ``template`` (the msgid, ``{name}`` fields as ``str.format`` reads them) and the
    ``params`` it was made from; a parameter that is itself a :class:`Message` is translated too."""

    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, params: Mapping[str, object] | None = None) -> Message:
        values = dict(params or {})
        self = super().__new__(cls, _fill(template, {k: _plain(v) for k, v in values.items()}))
        self.template = template
        self.params = values
        return self

    def fill(self, **params: object) -> Message:
        """This message's template with ``params``: for tables of templates marked with ``N_`` alone."""
        return Message(self.template, params)

    def __reduce__(self) -> tuple[Any, tuple[str, str, dict[str, object]]]:
        # Problems travel from worker processes to the parent pickled; the template must come with them.
        return (_restore, (str(self), self.template, dict(self.params)))


def _restore(text: str, template: str, params: dict[str, object]) -> Message:
    self = str.__new__(Message, text)
    self.template = template
    self.params = params
    return self


def _fill(template: str, params: Mapping[str, object]) -> str:
    """``template`` filled in; a template marked for a table (its fields not given yet) stays as written."""
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _plain(value: object) -> object:
    return str(value) if isinstance(value, Message) else value


def N_(template: str, /, **params: object) -> Message:
    """A message translated when it is printed: ``N_("unknown field {name!r}", name=name)``.

    Without parameters it marks a template for a table (fill it later with :meth:`Message.fill`).
    """
    return Message(template, params)


def localize(text: str, lang: str) -> str:
    """``text`` in ``lang``: a :class:`Message` through the catalogue, any other text as it is.

    A message whose translation is missing reads in English; a translation that cannot be filled (a broken
    placeholder, which the catalogue tests refuse) falls back to the English text rather than failing a run.
    """
    if lang == "en" or not isinstance(text, Message):
        return str(text)
    from safeguards.i18n import translator

    t = translator(lang)
    params = {k: localize(v, lang) if isinstance(v, Message) else v for k, v in text.params.items()}
    try:
        return t.gettext(text.template).format(**params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return str(text)


def parse(text: str, templates: Iterable[Message]) -> str:
    """``text`` as a :class:`Message` of the template it is an instance of (its fields read back as text; of
    several, the one whose fields take the least of it), or ``text`` itself: for messages made elsewhere in
    English, such as a library's or a validator's."""
    best: Message | None = None
    for template in templates:
        m = _pattern(template.template).fullmatch(text)
        if m is not None:
            candidate = Message(template.template, m.groupdict())
            if candidate == text and (best is None or _taken(candidate) < _taken(best)):
                best = candidate
    return text if best is None else best


def _taken(message: Message) -> int:
    return sum(len(str(v)) for v in message.params.values())


@lru_cache(maxsize=256)
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)(?:![rsa])?(?::[^}]*)?\}", template.replace("{{", "\0").replace("}}", "\1"))
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"(?P<{part}>.+?)" if f"(?P<{part}>" not in "".join(out) else f"(?P={part})")
        else:
            out.append(re.escape(part.replace("\0", "{").replace("\1", "}")))
    return re.compile("".join(out), re.DOTALL)


def message_of(exc: BaseException) -> str:
    """The message an exception was raised with, keeping its template (``str(exc)`` would drop it)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Message) else str(exc)
