"""The collector's pause while the app starts (reader.core.gctools.StartupPause)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from reader.core.gctools import StartupPause, paused_gc


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()


def test_begin_pauses_and_end_freezes_and_resumes() -> None:
    gc.enable()
    gc.unfreeze()
    pause = StartupPause()
    pause.begin()
    assert not gc.isenabled()
    made = [object() for _ in range(10)]
    pause.end()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_end_without_begin_changes_nothing() -> None:
    """An app built by the tests ends a pause nobody began: the collector is left alone."""
    gc.enable()
    gc.unfreeze()
    StartupPause().end()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    pause = StartupPause()
    pause.begin()
    pause.end()
    assert not gc.isenabled()


def test_a_load_inside_the_pause_leaves_it_paused() -> None:
    """paused_gc (big article loads) only re-enables what it disabled itself."""
    gc.enable()
    pause = StartupPause()
    pause.begin()
    with paused_gc():
        pass
    assert not gc.isenabled()
    pause.end()
    assert gc.isenabled()


def test_a_hold_keeps_the_collector_off_past_end_until_released() -> None:
    """The first screen's build after its first frame is held (reading screen): the
    collector stays off (the holder settles it), then what was made is frozen and it is
    back on."""
    gc.enable()
    gc.unfreeze()
    thresholds = gc.get_threshold()
    pause = StartupPause()
    pause.begin()
    assert pause.hold()
    pause.end()
    assert not gc.isenabled()
    assert gc.get_freeze_count() > 0  # what the start made, at the first frame
    made = [[object()] for _ in range(10)]
    frozen = gc.get_freeze_count()
    pause.release()
    assert gc.isenabled()
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() >= frozen + len(made)


def test_release_before_end_leaves_end_to_finish() -> None:
    gc.enable()
    thresholds = gc.get_threshold()
    pause = StartupPause()
    pause.begin()
    assert pause.hold()
    pause.release()
    assert not gc.isenabled()
    pause.end()
    assert gc.isenabled()
    assert gc.get_threshold() == thresholds


def test_nothing_to_hold_without_a_pause() -> None:
    gc.enable()
    gc.unfreeze()
    pause = StartupPause()
    assert not pause.hold()
    pause.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


class _Node:
    """An object that can be part of a cycle (and be pointed at weakly)."""

    other: object = None


def _old_garbage() -> weakref.ref[_Node]:
    """A cycle that became garbage after it reached the oldest generation, where only
    a full pass finds it (drawing makes such garbage: Textual's strips cache themselves)."""
    node = _Node()
    node.other = node
    gc.collect(1)  # survived the young passes: it is in the oldest generation now
    gc.collect(1)
    gone = weakref.ref(node)
    del node
    gc.collect(1)
    assert gone() is not None  # young passes never find it
    return gone


def _held(pause: StartupPause) -> None:
    gc.enable()
    gc.unfreeze()
    pause.begin()
    assert pause.hold()
    pause.end()


def test_settling_a_hold_collects_the_garbage_then_freezes_what_lives() -> None:
    pause = StartupPause()
    _held(pause)
    gone = _old_garbage()
    lives = [[object()] for _ in range(10)]
    frozen = gc.get_freeze_count()
    pause.settle()
    assert gone() is None
    assert gc.get_freeze_count() >= frozen + len(lives)
    assert not gc.isenabled()  # still held
    pause.release()
    assert gc.isenabled()


def test_releasing_a_hold_collects_before_it_freezes() -> None:
    """Garbage in a cycle made while held is freed, not frozen for good."""
    pause = StartupPause()
    _held(pause)
    gone = _old_garbage()
    pause.release()
    assert gone() is None


def test_adopting_freezes_what_was_made_without_a_pass() -> None:
    """A big article's whole, read in a thread, all of it live: frozen as it is, never
    walked by a pass on the UI thread."""
    pause = StartupPause()
    _held(pause)
    made = [[object()] for _ in range(10)]
    passes = gc.get_stats()[2]["collections"]
    frozen = gc.get_freeze_count()
    pause.adopt()
    assert gc.get_freeze_count() >= frozen + len(made)
    assert gc.get_stats()[2]["collections"] == passes
    assert not gc.isenabled()  # still held
    pause.release()
    assert gc.isenabled()


def test_adopting_without_a_held_pause_does_nothing() -> None:
    gc.enable()
    gc.unfreeze()
    pause = StartupPause()
    pause.adopt()  # an app made by the tests
    pause.begin()
    assert pause.hold()
    pause.adopt()  # before end: end freezes
    assert gc.get_freeze_count() == 0
    pause.end()
    pause.release()
    gc.unfreeze()
    pause.adopt()  # released: the collector is on, and sees to it
    assert gc.get_freeze_count() == 0


def test_settling_without_a_hold_does_nothing() -> None:
    gc.enable()
    gc.unfreeze()
    pause = StartupPause()
    pause.begin()
    assert pause.hold()
    pause.settle()  # before end: the collector is still paused, nothing frozen
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
    pause.end()
    pause.release()


def test_abandon_drops_the_pause_and_its_holds() -> None:
    pause = StartupPause()
    enabled = gc.isenabled()
    try:
        gc.enable()
        pause.begin()
        assert pause.hold()
        pause.end()
        assert not gc.isenabled()  # held past the end
        pause.abandon()
        assert gc.isenabled()
        assert not pause.hold()  # nothing left to keep
        pause.release()  # a late release changes nothing
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        if not enabled:
            gc.disable()
