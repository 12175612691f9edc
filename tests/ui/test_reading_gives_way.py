"""The whole of a big article, read in a thread, gives way to the reader's keys.

Read while keys come, it held each key two to three times as long (the interpreter
runs one thread at a time): the read stops at its next give-way point while keys come
(reader.core.give_way) and goes on once they stop, or at once when a key needs it.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from _big import big_article, opened_once, write_big
from _waiting import until
from conftest import WIDE

from reader.core.model import Article
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen

#: Seconds the tests' gate holds the read at most: far longer than any test waits, so
#: the read goes on before that only if the gate was opened.
HELD_AT_MOST = 60.0


def _gate_reached(app: ReaderApp) -> threading.Event:
    """Set once the thread reading the whole asks the app's gate whether to wait; the
    gate holds it for as long as the test needs (an hour after the last key, a minute
    at most in all: only a gate nobody opened lets the read on after that minute)."""
    reached = threading.Event()
    gate = app._rest_gate
    gate.hold, gate.most = 3600.0, HELD_AT_MOST

    def clock() -> float:
        if threading.current_thread() is not threading.main_thread():
            reached.set()
        return time.monotonic()

    gate._clock = clock  # type: ignore[method-assign]
    return reached


def _after_a_key(app: ReaderApp) -> tuple[threading.Event, threading.Event]:
    """The app's reading of the whole begins only once the first event is set; the
    second is set once it has read it."""
    rest = app._rest
    assert rest is not None
    key_in, read = threading.Event(), threading.Event()

    def later() -> object:
        key_in.wait(60)
        whole = rest()
        read.set()
        return whole

    app._rest = later  # type: ignore[assignment]
    return key_in, read


async def test_a_key_holds_the_whole_until_a_key_needs_it(tmp_path: Path) -> None:
    path = opened_once(write_big(tmp_path))
    app = make_app(path, state=StateStore())
    assert isinstance(app, ReaderApp)
    head = app._start
    assert isinstance(head, Article)
    reached = _gate_reached(app)
    key_in, read = _after_a_key(app)
    async with app.run_test(size=WIDE) as pilot:
        try:
            await pilot.press("down")  # within the head
            key_in.set()
            await until(pilot, reached.is_set, "the read asked the gate")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            # held in the read while keys come
            assert not read.is_set() and app._rest is not None and not screen._whole
            for _ in range(len(head.sections)):  # the last one past the head: needs the whole
                await pilot.press("n")
            await until(pilot, lambda: app._rest is None, "the whole came")
            assert app._rest is None and screen.article == big_article()
            gate = app._rest_gate
            assert gate.is_open and 0 < gate.held < gate.most  # let on by the key
        finally:  # a failed test must not leave the read held for an hour
            app._rest_gate.open()


async def test_without_keys_the_whole_is_not_held(tmp_path: Path) -> None:
    path = opened_once(write_big(tmp_path))
    app = make_app(path, state=StateStore())
    assert isinstance(app, ReaderApp)
    reached = _gate_reached(app)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: app._rest is None, "the whole came")
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.article == big_article()
        assert reached.is_set() and app._rest_gate.held == 0


async def test_quitting_while_the_read_is_held_lets_it_end(tmp_path: Path) -> None:
    """The app ending opens the gate: the thread does not wait on for keys to stop."""
    path = opened_once(write_big(tmp_path))
    app = make_app(path, state=StateStore())
    assert isinstance(app, ReaderApp)
    reached = _gate_reached(app)
    key_in, _read = _after_a_key(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down")
        key_in.set()
        await until(pilot, reached.is_set, "the read asked the gate")
        await pilot.press("ctrl+q")
    gate = app._rest_gate
    try:
        assert await asyncio.to_thread(app._rest_done.wait, HELD_AT_MOST / 2)
        assert gate.is_open and gate.held < gate.most
    finally:
        gate.open()
