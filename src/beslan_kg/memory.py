"""Python's cyclic garbage collector, held off where a step makes many long-lived objects and few cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection(*, freeze: bool = False) -> Iterator[None]:
    """Run the block without the cyclic garbage collector, and put it back as it was.

    Each full collection walks every object alive, to free the few that are
    only held by cycles: while a step makes hundreds of thousands of objects
    that live on (the union's quads, a knowledge base's entries and indexes),
    it walks them again and again, to free nothing. Memory is still freed by
    reference counting as it becomes garbage; the few cycles wait for the
    next collection.

    Args:
        freeze: Then move every object alive to the collector's permanent
            generation (``gc.freeze``): what the block made for the whole
            process (a model and its indexes) is never walked again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
