"""Per-file work spread over processes (``--jobs``), results in input order.

``--jobs 0`` (the default) means one process per usable core once a run has
``AUTO_MIN_FILES`` files or more; below that a pool costs more than it saves.
Workers are forked, so they inherit what the parent has already loaded (the
compiled rules); where fork does not exist the work runs in one process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
AUTO_MIN_FILES = 200


def usable_cpus() -> int:
    """Cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def workers(requested: int, items: int) -> int:
    """How many processes to use for ``items`` files when ``requested`` were asked for (0: automatic)."""
    if requested > 0:
        return requested
    return usable_cpus() if items >= AUTO_MIN_FILES else 1


def imap(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """``fn`` over ``items`` in ``jobs`` forked processes, yielding results in the order of ``items``."""
    import multiprocessing as mp

    if jobs <= 1 or len(items) < 2 or "fork" not in mp.get_all_start_methods():
        yield from map(fn, items)
        return
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    with mp.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(fn, items, chunksize=chunk)
