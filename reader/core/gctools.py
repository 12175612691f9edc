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
    it) is held too: :meth:`hold` keeps the collector off past ``end`` until
    :meth:`release`, and the holder calls :meth:`settle` every so often instead (the
    reading screen: every 0.05 s): one pass over what was made since the last freeze,
    then a freeze of what lives, so that each object is walked once. With the collector
    on, its full passes over those objects took 20 to 65 ms each while they were made,
    and its young passes walked each of them twice, some 200 ms in all for a 5 MB
    article against some 110 ms of settling; a key pressed then waited for them.
    Drawing the screen makes garbage in cycles (Textual's strips cache themselves):
    frozen without a pass it was kept for good, some 3 MB for a 5 MB article.
    """

    def __init__(self) -> None:
        self.active = False
        self._holds = 0
        #: whether ``end`` has come while held: the collector is off until released
        self._settling = False

    def begin(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.active = True

    def hold(self) -> bool:
        """Keep the collector off past :meth:`end` until :meth:`release`; False (and
        nothing to release) when there is no pause to keep."""
        if not self.active and not self._settling:
            return False
        self._holds += 1
        return True

    def settle(self) -> None:
        """While held after ``end``: collect what was made since the last freeze, then
        freeze what lives (nothing before ``end``, or once released)."""
        if self._settling:
            gc.collect()
            gc.freeze()

    def adopt(self) -> None:
        """While held after ``end``: freeze what was made since the last settle,
        without a pass (nothing otherwise).

        For a big article's whole, read in a thread while the screen showed its head:
        some 30,000 objects the collector tracks, all of them live as long as the screen,
        which the next settle's pass walked once on the UI thread (12-14 ms on a 5 MB
        article, a key pressed then waited for it) only to freeze them. Whatever the UI
        left in cycles meanwhile is frozen with them, kept for good: some 4,000 objects
        (0.5 MB) on that article, against the pass it saves.
        """
        if self._settling:
            gc.freeze()

    def release(self) -> None:
        """Let go of one :meth:`hold`; with the last, after ``end``, settle and turn the
        collector back on."""
        self._holds = max(0, self._holds - 1)
        if not self._holds and self._settling:
            self.settle()
            self._settling = False
            gc.enable()

    def end(self) -> None:
        """End the pause: freeze what was made and turn the collector back on (held:
        once the last hold is released)."""
        if not self.active:
            return
        self.active = False
        gc.freeze()
        if self._holds:
            self._settling = True
        else:
            gc.enable()

    def abandon(self) -> None:
        """Drop the pause and every hold without a freeze, and turn the collector back
        on if the pause had turned it off: for a process that drops an app part-way
        through its start (a test that failed while the app was held)."""
        if self.active or self._settling:
            gc.enable()
        self.active = False
        self._holds = 0
        self._settling = False


#: The one pause of this process (see :class:`StartupPause`).
startup = StartupPause()
