"""Work in a thread that gives way to the person using the app.

A big article's whole is read in a thread after the first paint (reader.ui.app), some
150-250 ms of Python. Python runs one thread at a time: while that thread runs, the UI
thread gets the interpreter back only when it asks the reading thread to give it up
(after waiting the switch interval, 5 ms), and it gives it up at every turn of its
event loop (the ``select`` of each turn), so a key that took 25 ms to answer alone
took 60-80 ms during the read (``benchmarks/keys.py``: ``/``, F3 and Enter sent early
on the 5 MB article).

So the reading code calls :func:`give_way` at points between its steps (each a few
milliseconds at most), and the thread reading the whole runs it :func:`giving_way` of
a :class:`Gate`: the gate holds the thread there while keys come (until
:data:`KEY_HOLD` seconds after the last), and never for more than :data:`MOST_HELD`
in all (a key held down must not keep the article from ever being read). Someone
waiting for the work (a key that needs the whole) :meth:`~Gate.open`\\ s the gate.
The cache's read pauses the collector while it builds the article (reader.core.gctools),
so a held read keeps it paused for as long: a second at most.

Elsewhere (no gate set in the thread) :func:`give_way` does nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["GIVE_WAY_EVERY", "KEY_HOLD", "MOST_HELD", "Gate", "give_way", "giving_way"]

#: Seconds after an input event during which the work waits at its next give-way point:
#: more than the slowest early key takes to draw (the quote search's ``/``, 60-150 ms).
KEY_HOLD = 0.15
#: Items of a long loop (sections, quotes) between two give-way points: a millisecond
#: or two of work.
GIVE_WAY_EVERY = 512
#: Most seconds the work is held in all.
MOST_HELD = 1.0

_PAUSE: ContextVar[Callable[[], None] | None] = ContextVar("reader_give_way", default=None)


def give_way() -> None:
    """A point where work done in a thread may wait for the person (see the module)."""
    pause = _PAUSE.get()
    if pause is not None:
        pause()


@contextmanager
def giving_way(pause: Callable[[], None]) -> Iterator[None]:
    """Within it, this thread's :func:`give_way` calls ``pause``."""
    token = _PAUSE.set(pause)
    try:
        yield
    finally:
        _PAUSE.reset(token)


class Gate:
    """Holds work in a thread (as its ``pause``) while input comes in on another.

    ``came`` is called for each input event (on any thread), ``open`` once someone
    waits for the work: from then on it is never held again.
    """

    def __init__(
        self,
        hold: float = KEY_HOLD,
        most: float = MOST_HELD,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.hold = hold
        self.most = most
        self._clock = clock
        self._last = -float("inf")
        self._opened = threading.Event()
        #: seconds the work has been held so far
        self.held = 0.0

    def came(self) -> None:
        """An input event came: the work waits until it is ``hold`` seconds old."""
        self._last = self._clock()

    def open(self) -> None:
        """Someone waits for the work: it goes on, and is never held again."""
        self._opened.set()

    @property
    def is_open(self) -> bool:
        return self._opened.is_set()

    def __call__(self) -> None:
        """Wait while input is recent (the work's give-way point)."""
        clock = self._clock
        while not self._opened.is_set() and self.held < self.most:
            left = self._last + self.hold - clock()
            if left <= 0:
                return
            start = clock()
            self._opened.wait(min(left, self.most - self.held))
            self.held += clock() - start
