"""A sidecar: one forked process that gets ready now (imports, model loading) while this one works, and
does work handed to it later. A lost sidecar costs time, never a result: work it cannot do is done here.

Used for spaCy's pipeline (:func:`reporter.nlp.loading_in_background`) and for the PDF
(:mod:`reporter.render.background`).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

from reporter import collector

P = ParamSpec("P")
T = TypeVar("T")


class Sidecar:
    """One forked process, started at creation, that runs ``ready`` once before any work."""

    def __init__(self, ready: Callable[[], None]) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=functools.partial(_get_ready, ready),
        )
        self._pool.submit(int)  # the process starts (and gets ready) on its first task: now

    def call(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Callable[[], T]:
        """``function(*args, **kwargs)`` in the sidecar; returns a function that gives the result
        (waiting for it) and re-raises what it raised. If the sidecar died (killed, out of memory),
        the work is done here instead. ``function`` and its arguments must pickle."""
        try:
            future: Future[T] = self._pool.submit(function, *args, **kwargs)
        except BrokenProcessPool:
            value = function(*args, **kwargs)
            return lambda: value

        def result() -> T:
            try:
                return future.result()
            except BrokenProcessPool:
                return function(*args, **kwargs)

        return result

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _get_ready(ready: Callable[[], None]) -> None:
    """The sidecar's set-up, with the collector out of the way (:func:`reporter.collector.loading`):
    getting ready is loading."""
    with collector.loading():
        ready()


def can_fork() -> bool:
    """Whether this platform can fork a sidecar (Linux-like systems)."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def sidecar(ready: Callable[[], None]) -> Iterator[Sidecar]:
    """A :class:`Sidecar` for the ``with`` block, shut down (its work finished) at the end."""
    car = Sidecar(ready)
    try:
        yield car
    finally:
        car.close()
