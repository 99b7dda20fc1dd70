"""Located problems: the one currency every check, loader and writer trades in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from safeguards.message import N_, Message, localize

__all__ = ["N_", "InputError", "Level", "Message", "OutputError", "Problem", "RuleError", "SafeguardsError",
           "sort_problems"]


class Level(str, Enum):
    """How bad a problem is; ``error`` fails a run, ``warning`` only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, at a 1-based line and column.

    ``line`` and ``column`` are 0 when a problem concerns the whole file
    (it could not be read at all). ``message`` and ``hint`` are English; made with
    :func:`~safeguards.message.N_` they keep their template and parameters too, and
    :meth:`message_in`, :meth:`hint_in` and :meth:`render` print them in another language.
    """

    path: str
    line: int
    column: int
    level: Level
    code: str
    message: str
    hint: str = ""

    @property
    def template(self) -> str:
        """The message's msgid (the English text itself when it was not made with ``N_``)."""
        return self.message.template if isinstance(self.message, Message) else self.message

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (English for ``en``, and for text that has no template)."""
        return localize(self.message, lang)

    def hint_in(self, lang: str) -> str:
        """The hint in ``lang``."""
        return localize(self.hint, lang)

    def level_in(self, lang: str) -> str:
        """``error`` or ``warning`` in ``lang``, as the text output prints it."""
        return localize(LEVEL_WORDS[self.level], lang)

    def render(self, lang: str = "en") -> str:
        """``path:line:col: level[code]: message (hint)`` as compilers print it, on one line, in ``lang``.

        Control, bidi and separator characters are written as visible escapes, and so are colons in
        the path: a file name cannot forge a second location line or hide part of one. The path and
        the code are never translated.
        """
        from safeguards.textsafe import location, visible

        text = (f"{location(self.path)}:{self.line}:{self.column}: {self.level_in(lang)}[{visible(self.code)}]: "
                f"{visible(self.message_in(lang))}")
        if self.hint:
            text += localize(N_(" (hint: {hint})", hint=visible(self.hint_in(lang))), lang)
        return text


LEVEL_WORDS = {Level.ERROR: N_("error"), Level.WARNING: N_("warning")}


class SafeguardsError(Exception):
    """Base for the few exception types the tool raises; ``str()`` is located."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem

    def __reduce__(self) -> tuple[type[SafeguardsError], tuple[Problem]]:
        # Raised in a worker process, it is pickled back to the parent with its problem.
        return (type(self), (self.problem,))


class InputError(SafeguardsError):
    """A case or rule file that cannot be used (unreadable, unparsable, invalid)."""


class RuleError(SafeguardsError):
    """A rule that cannot be compiled or that failed while being evaluated."""


class OutputError(SafeguardsError):
    """An output that cannot be written where it was asked to go."""


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file, line, column order, so output is stable across runs."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code, p.message))
