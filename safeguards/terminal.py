"""What a person at a terminal sees: a progress bar on stderr for large runs, and errors in colour.

Neither appears when the stream is not a terminal (CI logs, pipes, files), and
colour never when ``NO_COLOR`` is set (https://no-color.org).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

T = TypeVar("T")
PROGRESS_MIN_FILES = 20  # below this a run is over before a bar is worth drawing
_COLOURS = {"error": "31", "warning": "33"}


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def colour_enabled(stream: IO[str]) -> bool:
    """Colour on ``stream``: only on a terminal, and never with ``NO_COLOR`` set."""
    return is_terminal(stream) and "NO_COLOR" not in os.environ


def paint(text: str, enabled: bool, lang: str = "en") -> str:
    """``error[...]`` in red and ``warning[...]`` in yellow in rendered problem lines (the words as ``lang``
    writes them), when ``enabled``."""
    if not enabled:
        return text
    from safeguards.message import localize
    from safeguards.problems import LEVEL_WORDS

    codes = {localize(word, lang): _COLOURS[level.value] for level, word in LEVEL_WORDS.items()}
    pattern = re.compile(": (" + "|".join(map(re.escape, codes)) + r")\[")
    return pattern.sub(lambda m: f": \x1b[{codes[m.group(1)]}m{m.group(1)}\x1b[0m[", text)


def progress(items: Iterable[T], total: int, label: str, stream: IO[str], quiet: bool,
             unit: str = "file") -> Iterator[T]:
    """``items`` as they come, with a progress bar on ``stream`` for runs of ``PROGRESS_MIN_FILES`` or more;
    ``label`` and ``unit`` are printed as given (translate them before)."""
    if quiet or total < PROGRESS_MIN_FILES or not is_terminal(stream):
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, total=total, desc=label, unit=unit, file=stream, leave=False,
              colour=None if "NO_COLOR" in os.environ else "green", dynamic_ncols=True) as bar:
        yield from bar
