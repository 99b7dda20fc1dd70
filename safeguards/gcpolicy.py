"""The garbage collector's settings for batch runs (``check``, ``annex``).

A batch run keeps a large, long-lived heap (the compiled rules, schemas, memo tables) and allocates
many short-lived objects per case, nearly all freed by reference counting. With the interpreter's
default thresholds the cyclic collector runs thousands of times and rescans the long-lived heap each
time; measured on generated corpora it took a quarter of the evaluation time (docs/performance.md).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000  # allocations between collections of the youngest generation (default 700)
OLDER_THRESHOLDS = (50, 100)


def for_batch() -> None:
    """Freeze what is loaded so far (it is never collected again) and collect less often."""
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)
