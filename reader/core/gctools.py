"""Garbage-collector tools: building large trees of new objects without the collector in the way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree of new objects is built.

    Building a 5 MB article makes a few hundred thousand objects, none in a cycle;
    without the pause the collector walks them again and again (about a third of the
    load time). Reference counting still frees everything; the collector runs again
    afterwards. Nested or concurrent use only ever re-enables what it disabled.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class StartupPause:
    """The collector off from launch until the first screen is painted and built.

    Starting the app imports Textual and reader and builds the first screen: tens of
    thousands of objects, none of them garbage in a cycle, which the collector would
    walk again and again (some 10% of the time to the first paint). :meth:`begin` turns it
    off if it is on; :meth:`end` (the app calls it once the first frame is on screen)
    moves everything made so far to the permanent generation, where the collector never
    looks again (the article lives as long as the process), and turns it back on. ``end``
    without a ``begin`` (an app made by the tests) does nothing.

    What a screen builds just after its first frame (a huge article's layout, its
    sidebar's list of 11,000 quotes: a few hundred thousand objects that live as long as
    it) is held too: :meth:`hold` keeps the collector's full passes off past ``end``
    until :meth:`release`. With them on, each full pass over those objects took 20 to
    65 ms while they were made, one every 100-200 ms, and a key pressed then waited for
    it. The young generations are collected meanwhile, and the holder calls
    :meth:`settle` every so often (the reading screen: every 0.1 s): one full pass over
    what was made since the last freeze (a few ms), then a freeze of what lives, so that
    no pass walks those objects again. Drawing the screen makes garbage in cycles that
    outlives the young generations (Textual's strips cache themselves): frozen without
    that pass it was kept for good, some 3 MB for a 5 MB article, and collected only
    at the end it took memory that the build had meanwhile asked the system for again.
    """

    def __init__(self) -> None:
        self.active = False
        self._holds = 0
        #: the collector's thresholds while a hold keeps its full passes off
        self._thresholds: tuple[int, int, int] | None = None

    def begin(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.active = True

    def hold(self) -> bool:
        """Keep the full passes off past :meth:`end` until :meth:`release`; False (and
        nothing to release) when there is no pause to keep."""
        if not self.active and self._thresholds is None:
            return False
        self._holds += 1
        return True

    def settle(self) -> None:
        """While held after ``end``: collect what was made since the last freeze, then
        freeze what lives (nothing before ``end``, or once released)."""
        if self._thresholds is not None:
            gc.collect()
            gc.freeze()

    def release(self) -> None:
        """Let go of one :meth:`hold`; with the last, after ``end``, settle and resume."""
        self._holds = max(0, self._holds - 1)
        if not self._holds and self._thresholds is not None:
            self.settle()
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def end(self) -> None:
        """End the pause: freeze what was made and turn the collector back on (held:
        only its young generations, until the last hold is released)."""
        if not self.active:
            return
        self.active = False
        gc.freeze()
        if self._holds:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, FULL_PASSES_OFF)
        gc.enable()


#: A full-collection threshold never reached (counted in passes over the middle one).
FULL_PASSES_OFF = 1 << 30


#: The one pause of this process (see :class:`StartupPause`).
startup = StartupPause()
