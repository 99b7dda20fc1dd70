"""Located problems: the one currency every check, loader and writer trades in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Level(str, Enum):
    """How bad a problem is; ``error`` fails a run, ``warning`` only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, at a 1-based line and column.

    ``line`` and ``column`` are 0 when a problem concerns the whole file
    (it could not be read at all).
    """

    path: str
    line: int
    column: int
    level: Level
    code: str
    message: str
    hint: str = ""

    def render(self) -> str:
        """``path:line:col: level[code]: message (hint)`` as compilers print it, on one line.

        Control, bidi and separator characters are written as visible escapes, and so are colons in
        the path: a file name cannot forge a second location line or hide part of one.
        """
        from safeguards.textsafe import location, visible

        text = (f"{location(self.path)}:{self.line}:{self.column}: {self.level.value}[{visible(self.code)}]: "
                f"{visible(self.message)}")
        if self.hint:
            text += f" (hint: {visible(self.hint)})"
        return text


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
