"""Work in a thread giving way to the person using the app (reader.core.give_way)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from _big import big_article, write_big

from reader.core.format import cache
from reader.core.format.cache import read_entry
from reader.core.format.opening import open_article
from reader.core.give_way import Gate, give_way, giving_way


def _held_work(gate: Gate) -> tuple[threading.Thread, threading.Event]:
    """A thread that reaches a give-way point under ``gate``; an event set once past it."""
    passed = threading.Event()

    def work() -> None:
        with giving_way(gate):
            give_way()
        passed.set()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread, passed


def test_after_input_the_work_waits_at_its_give_way_point_until_the_gate_opens() -> None:
    asked = threading.Event()

    def clock() -> float:
        if threading.current_thread() is not threading.main_thread():
            asked.set()  # the worker is at its give-way point
        return time.monotonic()

    gate = Gate(hold=3600.0, most=3600.0, clock=clock)
    gate.came()
    thread, passed = _held_work(gate)
    assert asked.wait(60), "the work never reached the gate"
    assert not passed.is_set()  # held: only open() lets it on
    gate.open()
    thread.join(60)
    assert passed.is_set() and gate.is_open and gate.held > 0


def test_without_input_the_work_goes_on() -> None:
    gate = Gate(hold=3600.0, most=3600.0)
    thread, passed = _held_work(gate)
    thread.join(60)
    assert passed.is_set() and gate.held == 0


def test_the_work_is_never_held_longer_than_the_most() -> None:
    """A key held down (input all the time) must not keep the work waiting for ever."""
    gate = Gate(hold=3600.0, most=0.01)
    gate.came()
    thread, passed = _held_work(gate)
    thread.join(60)
    assert passed.is_set() and not gate.is_open


def test_give_way_outside_a_gate_does_nothing() -> None:
    """A gate is its thread's own: while one thread is held at its give-way point, the
    same calls on another thread (the CLI's, the library's reads) never ask it."""
    asked = threading.Event()
    armed = False

    def clock() -> float:
        if armed and threading.current_thread() is threading.main_thread():
            raise AssertionError("another thread's gate was asked")
        if threading.current_thread() is not threading.main_thread():
            asked.set()
        return time.monotonic()

    gate = Gate(hold=3600.0, most=3600.0, clock=clock)
    gate.came()
    armed = True
    thread, passed = _held_work(gate)
    try:
        assert asked.wait(60), "the work never reached the gate"
        give_way()  # here, on the main thread: no gate of its own
        with giving_way(lambda: None):
            give_way()
        give_way()  # the context left: none again
        assert not passed.is_set()
    finally:
        gate.open()
    thread.join(60)
    assert passed.is_set()


def test_reading_a_cached_article_gives_way_between_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole of a big article read from the cache pauses between each of its lines
    (and the long steps after them), so a key pressed meanwhile is answered first."""
    path = write_big(tmp_path, big_article())
    opening = open_article(path, folder=tmp_path / "cache")
    assert opening.rest is not None
    store = opening.rest().store
    assert store is not None
    store()
    (entry,) = (tmp_path / "cache").glob("*.json")
    lines = entry.read_bytes().count(b"\n") + 1
    assert lines > 4  # a head line, the envelope, then several of sections and of quotes
    events: list[str] = []
    loads = json.loads

    def decoded(text: Any) -> Any:
        events.append("line")
        return loads(text)

    monkeypatch.setattr(cache.json, "loads", decoded)
    with giving_way(lambda: events.append("pause")):
        whole = read_entry(tmp_path / "cache", entry.stem)
    assert whole == big_article()
    assert events.count("line") == lines
    # after the head's line and the envelope's, a pause before every line
    batches = [i for i, event in enumerate(events) if event == "line"][2:]
    assert all(events[i - 1] == "pause" for i in batches)
    assert events[-1] == "pause"  # and after them, before the long checks
