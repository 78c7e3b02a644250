"""The cyclic collector is paused where a process loads, and always comes back on."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from reporter import collector, sidecar


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_paused_is_off_for_the_block_and_on_after() -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_block_inside_a_pause_leaves_the_outer_pause_alone() -> None:
    with collector.paused(), collector.paused_while_loading():
        pass
    assert gc.isenabled()
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()  # paused by someone else: theirs to switch back


def test_what_was_loaded_is_frozen_out_of_later_collections() -> None:
    before = gc.get_freeze_count()
    with collector.paused_while_loading():
        assert not gc.isenabled()
        kept = [[k] for k in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(kept)


def test_it_comes_back_on_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), collector.paused_while_loading():
        raise RuntimeError("boom")
    assert gc.isenabled()


def _ready() -> None:
    pass


@pytest.mark.skipif(not sidecar.can_fork(), reason="needs fork")
def test_a_sidecar_forked_in_a_pause_collects_once_ready() -> None:
    """A helper forked while its parent loads inherits the paused collector: after its own set-up it
    switches it back on, or it would never collect."""
    with collector.paused_while_loading(), sidecar.sidecar(_ready) as car:
        assert car.call(gc.isenabled)() is True
