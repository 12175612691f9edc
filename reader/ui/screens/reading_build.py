"""What the reading screen builds after its first frame, and the collector meanwhile.

A huge article's first frame shows one screenful; the rest (the layout of the whole
text, the TOC's entries, the sidebar's list of quotes and their search text) is built
just after, in slices, while the reader may already be pressing keys. Those slices make
a few hundred thousand objects that live as long as the screen, and with the cyclic
collector on, each of its full passes over them (20 to 65 ms on a 5 MB article, one
every 100-200 ms) held back whatever key came then. So the first screen keeps the
collector's startup pause (:data:`reader.core.gctools.startup`) until its build is done,
and settles it itself: every ``CHECK_EVERY`` seconds once the whole article is in, what
was made since the last check is collected and frozen (``startup.settle``), a pass over
a twentieth of a second's objects (2-5 ms) that never walks them again, and the garbage
that drawing makes is freed while the build can still reuse its memory. Not while the
whole is read in its thread: a pass would walk the parse's objects, which go with it;
the whole itself, all of it live, is frozen as it arrives, without a pass
(``startup.adopt``: a pass over it was 12-14 ms on a 5 MB article). A settle lets a
key go first: while a key is on its way or its frame is still to be drawn, the check
leaves the settle to the next one (at most ``MAX_DEFER`` times in a row)."""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode
from textual.timer import Timer

from reader.core.gctools import startup
from reader.ui.sliced import messages_waiting

#: How often the screen looks whether its build is done (and settles the collector): a
#: key that comes during a settle waits for it. At 0.1 s the passes of a 5 MB article's
#: build (after its first) took 5-7 ms of CPU each, at 0.05 s 2-4, the same in all.
CHECK_EVERY = 0.05
#: The longest the pause is kept for a build (a machine so busy that it never ends
#: must not go on without a collector).
MAX_HOLD = 10.0
#: Checks in a row whose settle may wait for a key (one on its way, or its frame not
#: drawn yet): a settle after a big article's whole arrives walks what the arrival
#: made (5-9 ms on 5 MB), and a keystroke typed then waited for it.
MAX_DEFER = 3


class BuildPause:
    """Keeps the startup pause on while ``built()`` is false (at most ``MAX_HOLD`` s),
    settling it at each check once ``settle()`` is true."""

    def __init__(
        self, owner: DOMNode, built: Callable[[], bool], settle: Callable[[], bool]
    ) -> None:
        self._built = built
        self._settle = settle
        self._owner = owner
        self._held = startup.hold()
        self._timer: Timer | None = None
        self._checks = 0
        #: settles left to the next check in a row, for a key (see MAX_DEFER)
        self._deferred = 0
        if self._held:
            self._timer = owner.set_interval(CHECK_EVERY, self._check)

    @property
    def held(self) -> bool:
        return self._held

    def _check(self) -> None:
        self._checks += 1
        if self._built() or self._checks * CHECK_EVERY >= MAX_HOLD:
            self.release()  # settles too
        elif self._settle():
            if self._deferred < MAX_DEFER and self._key_first():
                self._deferred += 1
                return
            self._deferred = 0
            startup.settle()

    def _key_first(self) -> bool:
        """Whether a key is on its way to its handler, or its frame is still to be
        drawn (:mod:`reader.ui.key_frame`): the settle would hold it back."""
        owner = self._owner
        return messages_waiting(owner) or bool(getattr(owner, "key_frame_pending", False))

    def release(self) -> None:
        """Let the pause end (now, if the app's first frame is on screen)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._held:
            self._held = False
            startup.release()


__all__ = ["MAX_DEFER", "BuildPause"]
