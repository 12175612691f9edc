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
    """The collector off from launch until the first screen is painted.

    Starting the app imports Textual and reader and builds the first screen: tens of
    thousands of objects, none of them garbage in a cycle, which the collector would
    walk again and again (some 10% of the time to the first paint). :meth:`begin` turns it
    off if it is on; :meth:`end` (the app calls it once the first frame is on screen)
    moves everything made so far to the permanent generation, where the collector never
    looks again (the article lives as long as the process), and turns it back on. ``end``
    without a ``begin`` (an app made by the tests) does nothing.
    """

    def __init__(self) -> None:
        self.active = False

    def begin(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.active = True

    def end(self) -> None:
        if self.active:
            self.active = False
            gc.freeze()
            gc.enable()


#: The one pause of this process (see :class:`StartupPause`).
startup = StartupPause()
