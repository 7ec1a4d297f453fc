"""Sharing one interpreter with a window: the engine's work in steps short enough that the
window never freezes.

Python switches threads only between bytecodes, so one long C-level call in a worker (a join
over a million cells, building or dropping a set of a million keys, a full garbage
collection) freezes the GUI thread for its whole length. The engine's whole-list passes go
through ``in_slices``, its big lists become tuples through ``as_tuple``, its big temporaries
are let go of with ``let_go``, its big builds run under ``collector_paused``, and its big
dicts of customers are ``composer.shards.Shards``.
A thread marked with ``share_interpreter`` (the app's workers) also reads a workbook in small
chunks; the command line keeps the one-call fast paths."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any, TypeVar

_Item = TypeVar("_Item")

# A C-level pass (one call: a join, a regex, a set) over this many items takes about a ms; the
# interpreter can only switch threads between such calls, so big lists go through in slices.
SLICE = 2_000
FREEZE_AFTER = 50_000  # tracked objects built under one collector_paused worth freezing
_thread_manners = threading.local()  # .sharing: this thread runs beside a GUI thread


def share_interpreter(sharing: bool = True) -> None:
    """Mark the calling thread as a background thread of an interactive app.

    Why: Python switches threads only between bytecodes, so one long C call (calamine building
    a million cells at once) freezes the GUI thread for its whole length. In a sharing thread
    ``load`` reads the sheet in small chunks instead, and ``collector_paused`` keeps a big
    build frozen out of later full collections; the CLI keeps the one-call fast path.
    """
    _thread_manners.sharing = sharing


def sharing_interpreter() -> bool:
    """Whether the calling thread was marked by ``share_interpreter``."""
    return bool(getattr(_thread_manners, "sharing", False))


def in_slices(items: Sequence[_Item], size: int | None = None) -> Iterator[Sequence[_Item]]:
    """``items`` in consecutive slices of ``size`` (default ``SLICE``), so a C-level pass over
    each stays short."""
    size = size or SLICE
    for start in range(0, len(items), size):
        yield items[start : start + size]


def as_tuple(items: Sequence[_Item]) -> tuple[_Item, ...]:
    """``tuple(items)``, built a slice at a time: the tuple of a million made in one call
    touches every item's count, 20-60 ms that no other thread can interrupt."""
    if len(items) <= SLICE:
        return tuple(items)
    return tuple(chain.from_iterable(in_slices(items)))  # the slices' generator is bytecode


def let_go(*lists: list[Any]) -> None:
    """Empty big lists a slice at a time: a list of a million dropped at once lets go of
    each reference in one step of 15 ms or more (every object's count is touched), which no
    other thread can interrupt. For temporaries only: the lists are emptied in place."""
    for items in lists:
        while items:
            del items[-SLICE:]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a big structure without cycles is built (a
    sheet's rows, 100k recipients): its passes over a million fresh objects are pure waste.

    On the way out every object goes straight to the oldest generation (freeze, then unfreeze),
    as if it had survived two collections: otherwise the next young collections would still
    walk all of them, three full passes (~0.15 s for 100k recipients). Nothing is exempt from
    collection afterwards; objects someone else froze are left alone.

    In a thread that shares the interpreter with a GUI (``share_interpreter``), a big build
    (``FREEZE_AFTER`` tracked objects or more) stays frozen instead: a later full collection
    would walk it in one 50-80 ms pass holding the GIL, a freeze felt in whichever thread
    triggers it. Frozen objects are still freed when their last reference goes (rows and
    recipients hold no cycles); only cyclic garbage alive at that moment is never reclaimed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if sharing_interpreter() and gc.get_count()[0] >= FREEZE_AFTER:
            gc.freeze()
        elif gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


__all__ = [
    "FREEZE_AFTER",
    "SLICE",
    "as_tuple",
    "collector_paused",
    "in_slices",
    "let_go",
    "share_interpreter",
    "sharing_interpreter",
]
