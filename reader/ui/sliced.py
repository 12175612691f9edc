"""Long work on the UI thread, in slices short enough that keys and paints get through.

Filling a list widget with thousands of entries must happen on the event loop (widgets
are not thread-safe), but done in one go it holds the app up for as long as it takes. A
:class:`SlicedWork` runs the work, written as a generator that yields wherever it may be
paused, for at most ``SLICE`` seconds at a time: the first slice at once (for ordinary
sizes that is all of it), the rest in a worker that yields to the app between slices.
Starting new work replaces what is left of the old (the next keystroke takes over from a
search not yet finished).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from time import perf_counter

from textual.dom import DOMNode

#: Work holds the app for at most about this many seconds at a time; then keys are
#: handled and the screen painted before it goes on.
SLICE = 0.008


class SlicedWork:
    """Runs one piece of work at a time for its owner, a slice at a time."""

    def __init__(self, owner: DOMNode, group: str) -> None:
        self._owner = owner
        self._group = group
        #: the rest of the work under way (None: nothing left)
        self._steps: Iterator[None] | None = None
        self._draining = False

    @property
    def running(self) -> bool:
        """Whether work is still under way."""
        return self._steps is not None

    def start(self, steps: Iterator[None]) -> None:
        """Run ``steps`` for a slice now, the rest later; drop any work not yet done."""
        self._steps = steps
        self.advance()
        if self._steps is not None and not self._draining:
            self._draining = True
            self._owner.run_worker(self._drain(), group=self._group, exit_on_error=True)

    def advance(self) -> None:
        """Run the pending work for one slice."""
        steps = self._steps
        if steps is None:
            return
        deadline = perf_counter() + SLICE
        for _ in steps:
            if perf_counter() > deadline:
                return
        if self._steps is steps:
            self._steps = None

    def finish(self) -> None:
        """Run the pending work to its end now."""
        steps, self._steps = self._steps, None
        for _ in steps or ():
            pass

    async def _drain(self) -> None:
        """Finish the work, a slice at a time, yielding to the app in between."""
        try:
            while self._steps is not None:
                await asyncio.sleep(0)
                self.advance()
        finally:
            self._draining = False


__all__ = ["SLICE", "SlicedWork"]
