"""The garbage collector's pace while many long-lived objects are made.

A check, or a build's pages, allocates millions of objects and frees few: at the default
thresholds the collector scans the growing heap again and again to find next to nothing.
Each caller raises the thresholds it measured best for its own work; the collector still
runs, so a cyclic garbage heap cannot grow unbounded, and the caller's thresholds are back
afterwards, also on failure.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collecting_less(thresholds: tuple[int, int, int]) -> Iterator[None]:
    """Run the body with the collector's `thresholds` (see `gc.set_threshold`)."""
    before = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*before)
