"""Python's cyclic garbage collector, kept out of the way where a process allocates much and frees little.

Loading (imports, spaCy's model, WeasyPrint's C bindings) and laying out a PDF allocate millions of
objects that live on; the collector, triggered every few hundred allocations, keeps scanning them (and
everything else the process holds) and finds next to nothing. Measured on the example report: with
the collector off throughout, 8.68 s of CPU instead of 9.06 s.

- :func:`paused`: off for a block, back on after (a PDF layout).
- :func:`paused_while_loading`: off for a block that loads what the process keeps; at its end the
  survivors are frozen (:func:`gc.freeze`) out of later collections, and the collector resumes.
- :func:`loading`: the same for a forked helper's set-up, whatever the collector's state it
  inherited.

Process-wide, like the collector: a block overlapping in another thread leaves switching back to the
first one, which is harmless (the collector stays off a little longer).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block (unless off already), back on after."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def paused_while_loading() -> Iterator[None]:
    """The collector off for a block that loads what the process keeps (unless off already); after it,
    what is alive is frozen out of later collections and the collector is back on. Garbage the block
    left in reference cycles stays until the process ends: use it for loading, not for a batch."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """For a forked helper's set-up: the collector off for the block whatever state the process
    inherited, then on, with what the block loaded frozen (a helper forked inside its parent's
    :func:`paused_while_loading` would otherwise never collect)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
