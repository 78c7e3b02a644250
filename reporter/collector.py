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


def paused() -> contextlib.AbstractContextManager[None]:
    """The collector off for the block (unless off already), back on after."""
    return _off(freeze=False, unless_off=True)


def paused_while_loading() -> contextlib.AbstractContextManager[None]:
    """The collector off for a block that loads what the process keeps (unless off already); after it,
    what is alive is frozen out of later collections and the collector is back on. Garbage the block
    left in reference cycles stays until the process ends: use it for loading, not for a batch."""
    return _off(freeze=True, unless_off=True)


def loading() -> contextlib.AbstractContextManager[None]:
    """For a forked helper's set-up: the collector off for the block whatever state the process
    inherited, then on, with what the block loaded frozen (a helper forked inside its parent's
    :func:`paused_while_loading` would otherwise never collect)."""
    return _off(freeze=True, unless_off=False)


@contextlib.contextmanager
def _off(freeze: bool, unless_off: bool) -> Iterator[None]:
    """The collector off for the block, then (``freeze``: the survivors frozen first) back on. With
    ``unless_off``, a collector found off is left alone: whoever paused it switches it back."""
    if unless_off and not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()
