"""Long work on the UI thread, in slices short enough that keys and paints get through.

Filling a list widget with thousands of entries must happen on the event loop (widgets
are not thread-safe), but done in one go it holds the app up for as long as it takes. A
:class:`SlicedWork` runs the work, written as a generator that yields wherever it may be
paused, for at most ``SLICE`` seconds at a time: the first slice at once (for ordinary
sizes that is all of it), the rest later. Starting new work replaces what is left of the
old (the next keystroke takes over from a search not yet finished).

What is left of every piece of work on a screen (the body's layout, the TOC, the quote
list after a huge article's first paint) is run by one runner per screen, one slice
per turn in rotation, with a pause between turns. A key reaches its handler through a
few hops between Textual's message queues, and each hop waited for whatever slices were
ready before it: with a runner per piece of work, a key sent while all three were
building waited for a slice of each at each hop (a key was handled 60-130 ms after it
came, headless, on the 5 MB article); now at most one short slice stands in its way.
And not even that at each hop: before each slice the runner lets whatever waits in the
app's, the screen's, the focused widget's or its containers' queue (a key on its way,
and what it posts) go first, for up to ``YIELD_LIMIT`` seconds.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterator
from time import perf_counter
from weakref import WeakKeyDictionary, ref

from textual.dom import DOMNode, NoScreen

#: Work holds the app for at most about this many seconds at a time; then keys are
#: handled and the screen painted before it goes on.
SLICE = 0.004
#: Seconds between two slices: the loop handles what came meanwhile (a key's next hop).
PAUSE = 0.001
#: The longest a slice waits for the messages ahead of it (a key's hops) to be handled.
YIELD_LIMIT = 0.02


def messages_waiting(screen: DOMNode) -> bool:
    """Whether a message waits in the app's or ``screen``'s queue, or in the focused
    widget's or one of its containers' (``#reading``, ``#panes``): the hops a key takes
    to its handler, bubbling up from the focused widget, and the messages it makes
    (a search field's Changed, Submitted)."""
    focused = getattr(screen, "focused", None)
    hops = (screen, screen.app) if focused is None else focused.ancestors_with_self
    return screen.app.message_queue_size > 0 or any(hop.message_queue_size for hop in hops)


class SlicedWork:
    """Runs one piece of work at a time for its owner, a slice at a time."""

    def __init__(self, owner: DOMNode, group: str, *, length: float | None = None) -> None:
        self._owner = owner
        self._group = group
        #: seconds a slice runs for at most, if not ``SLICE`` (shorter for work that
        #: keys typed a moment apart come through: a key read meanwhile waits for it)
        self._length = length
        #: the rest of the work under way (None: nothing left)
        self._steps: Iterator[None] | None = None
        #: slices run so far (for tests that count what a key waited for)
        self.slices = 0

    @property
    def owner(self) -> DOMNode:
        """The node the work builds in (the runner drops it once that is taken down)."""
        return self._owner

    def drop(self) -> None:
        """Leave what is left of the work undone."""
        self._steps = None

    @property
    def running(self) -> bool:
        """Whether work is still under way."""
        return self._steps is not None

    def start(self, steps: Iterator[None], *, now: bool = True) -> None:
        """Run ``steps`` for a slice now, the rest later; drop any work not yet done.

        ``now`` False: not even a slice now, all of it in the runner's turns (for work
        started among other work that holds the screen, such as a big article's whole
        arriving: a slice each of the body and the TOC there was 8 ms more of it).
        """
        self._steps = steps
        if now:
            self.advance()
        if self._steps is not None:
            _runner(self._owner).add(self)

    def advance(self) -> None:
        """Run the pending work for one slice."""
        steps = self._steps
        if steps is None:
            return
        self.slices += 1
        deadline = perf_counter() + (SLICE if self._length is None else self._length)
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


class _Runner:
    """The slices of every piece of work on one screen, one per turn, in rotation."""

    def __init__(self, screen: DOMNode) -> None:
        # weakly: the runner is the value of a WeakKeyDictionary keyed by the screen, and
        # a strong reference back would keep every screen it ever ran for alive
        self._screen = ref(screen)
        self._works: deque[SlicedWork] = deque()
        self._running = False

    def add(self, work: SlicedWork) -> None:
        screen = self._screen()
        if screen is None:
            return
        if work not in self._works:
            self._works.append(work)
        if not self._running:
            self._running = True
            screen.run_worker(self._run(), group="sliced-work", exit_on_error=True)

    async def _run(self) -> None:
        try:
            while self._works:
                await asyncio.sleep(PAUSE)
                await self._messages_first()
                work = self._works.popleft()
                if taken_down(work.owner):
                    work.drop()  # its widgets are going: nothing left to build
                    continue
                work.advance()
                if work.running:
                    self._works.append(work)
        finally:
            self._running = False

    async def _messages_first(self) -> None:
        """Let the messages waiting in the queues a key goes through be handled first."""
        screen = self._screen()
        if screen is None:
            return
        deadline = perf_counter() + YIELD_LIMIT
        while messages_waiting(screen) and perf_counter() < deadline:
            await asyncio.sleep(0)


_runners: WeakKeyDictionary[DOMNode, _Runner] = WeakKeyDictionary()


def taken_down(owner: DOMNode) -> bool:
    """Whether ``owner`` is being removed, or the app is ending: its children may be gone
    already (Textual prunes a screen's widgets bottom-up, awaiting each, before it stops
    the screen's workers), and a slice that queries them failed the runner's worker,
    which ended the app with a traceback as the reader quit during a build. The test
    Textual's own signals make before they call a node."""
    return not owner.is_attached or owner._pruning


def _runner(owner: DOMNode) -> _Runner:
    """The runner of the screen ``owner`` is on (the owner itself if it is not on one)."""
    try:
        screen: DOMNode = owner.screen
    except NoScreen:  # not on a screen (yet): it runs its own
        screen = owner
    runner = _runners.get(screen)
    if runner is None:
        runner = _runners[screen] = _Runner(screen)
    return runner


__all__ = ["PAUSE", "SLICE", "YIELD_LIMIT", "SlicedWork", "messages_waiting", "taken_down"]
