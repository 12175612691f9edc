"""A key that moves the text is drawn as it is handled, not at the next frame tick.

Textual draws a screen at most 60 times a second, on a fixed grid: a change waits for
the next tick of the screen's update timer, unless the timer had stopped (the screen
idle), when the change is drawn at once. A key sent as the article first shows comes
just after a frame, so it waited up to 17 ms (about 12 in tmux) for a tick, where the
same key on an idle screen waited for none (``benchmarks/keys.py``: early against idle).

The reading screen's moving keys (next section, the end, the next match, paging) change
the scroll at once: :func:`drawn_now` has their frame drawn as soon as the screen is
idle after them (their widgets' repaints handled), not at the timer's next tick, and
what follows a moment later from their messages (the TOC and the header after the
text's section, find's count) the same way, in a frame of its own: the text's frame
stays small. Work the key set off for later (a slice) is drawn at the next tick, as
before. A keystroke in a text field too (:meth:`KeyFrameScreen.key_came`, from
:class:`~reader.ui.widgets.text_field.TextField`): in the quote search, typed as a big
article's build went on, it waited for the tick with the build's slices and the
collector's settle run first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from time import perf_counter
from typing import Any, TypeVar, cast

from textual.dom import DOMNode, NoScreen
from textual.events import Idle
from textual.reactive import Reactive
from textual.widget import Widget

from reader.ui.first_frame import FirstFrameScreen

A = TypeVar("A", bound=Callable[..., None])

#: The most frames a key draws out of the timer's ticks (the text's, then what follows
#: from it): work the key set off for later (slices) waits for the ticks, as before.
KEY_FRAMES = 3
#: Seconds after the key in which those frames are drawn (a loaded machine's key takes
#: longer to reach all of its widgets: then its later frames wait for a tick).
KEY_WHILE = 0.1


class KeyFrameScreen(FirstFrameScreen):
    """A screen whose :func:`drawn_now` actions are drawn as soon as they are handled."""

    #: set by a :func:`drawn_now` action: until then (``perf_counter``), the screen's
    #: idle moments with something to draw draw it (rather than waking the update
    #: timer for its next tick), ``KEY_FRAMES`` frames at most
    _draw_until = 0.0
    _frames_left = 0
    #: whether the widgets' layouts were told for a frame not drawn yet (see on_idle)
    _frame_told = False

    #: False once Textual's private parts read below were found to differ (another
    #: Textual): its update timer draws every frame then, a tick later, as it does
    _fits = True

    #: ``repaint=False``: Textual's own reactive drew the whole screen again after each
    #: focus change (a second frame of 25 KB at 160x48, right after the key's, which
    #: the terminal took its time over: "/" showed ~15 ms after its frame was written).
    #: What a focus change changes is redrawn all the same: the widgets whose ``:focus``
    #: or ``:focus-within`` styles change are styled again (and so drawn again) by the
    #: screen, and the footer follows the bindings.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_idle(self, event: Idle) -> None:
        # Runs before Screen's own handler (a subclass's first), which would wake the
        # update timer. Idle comes once the messages the key set off are handled: the
        # repaints its widgets asked for at once, then what followed from its messages
        # (the TOC and header after the text's section; find's count).
        if not self._frames_left or not KeyFrameScreen._fits:
            return
        if perf_counter() > self._draw_until and not self._frame_told:
            self._frames_left = 0
            return
        try:
            dirty = self._layout_required or self._dirty_widgets or self._repaint_required
            batched = self.app._batch_count
            draw = self._on_timer_update
        except AttributeError:
            KeyFrameScreen._fits = False
            return
        if dirty and self.is_current and not batched:
            # A frame whose layouts were told is drawn at the next idle even if the
            # window is over by then (once: the next idle past it ends the key's
            # frames): on a loaded machine it was left to the timer's next tick,
            # up to 17 ms more for the key's own frame, for having waited one turn.
            self._frame_told = _layouts_told(self)
            if not self._frame_told:
                self._frames_left -= 1
                draw()  # the timer's tick, now (as Textual's Pilot does)

    def key_came(self) -> None:
        """A key has been handled: what it changed is drawn as soon as the screen is
        idle, not at the update timer's next tick (its repaints, and for
        ``KEY_WHILE`` s what follows from its messages)."""
        self._frames_left = KEY_FRAMES
        self._frame_told = False
        self._draw_until = perf_counter() + KEY_WHILE

    @property
    def key_frame_pending(self) -> bool:
        """Whether a key's frames may still be drawn at once (see :meth:`key_came`):
        work that can wait (the collector's settle) lets them go first."""
        return bool(self._frames_left) and perf_counter() <= self._draw_until

    @property
    def key_answered_until(self) -> float:
        """Until when (``perf_counter``) the last key counts as just answered (its
        ``KEY_WHILE``, whether its frames are drawn or not): work that would hold the
        next key back waits until then, as a reader's keys come a moment apart."""
        return self._draw_until


def _layouts_told(screen: KeyFrameScreen) -> bool:
    """Have the widgets of ``screen`` that asked for a layout and have not yet told the
    screen tell it now; whether any did (the frame is then drawn once the screen has
    taken their word, at its next idle).

    A widget tells its screen as it next goes idle, and the screen may go idle first:
    its frame was then laid out and drawn again at once for them. Textual's footer
    keys, taking a focus change's text in place, did so: "/" drew its frame with some
    keys at their old widths and places, and the keys laid the screen out again right
    after (a second layout pass and frame). The frame waited for is drawn at the next
    idle even if the key's ``KEY_WHILE`` is over by then (see ``on_idle``): it is the
    frame the screen held back one turn for them, not new work after the window.
    """
    told = False
    for widget in screen.walk_children(Widget):
        if getattr(widget, "_layout_required", False) and widget.is_mounted:
            tell = getattr(widget, "_check_refresh", None)
            if tell is None:  # another Textual: the screen lays out again after
                return False
            tell()
            told = True
    return told


def key_came_on(node: DOMNode) -> None:
    """A key handled by ``node`` (a widget's own key, a keystroke in a field): its
    screen draws it at once (:meth:`KeyFrameScreen.key_came`), if that screen is one
    that does; nothing if ``node`` is on no screen (yet)."""
    try:
        screen = node.screen
    except NoScreen:
        return
    if isinstance(screen, KeyFrameScreen):
        screen.key_came()


def drawn_now(action: A) -> A:
    """A :class:`KeyFrameScreen` action whose effect is drawn as soon as it is handled
    (counted from its end: an action that took long still draws its frames)."""

    @wraps(action)
    def run(screen: KeyFrameScreen, *args: Any) -> None:
        action(screen, *args)
        screen.key_came()

    return cast(A, run)


__all__ = ["KeyFrameScreen", "drawn_now"]
