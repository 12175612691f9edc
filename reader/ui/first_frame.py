"""A screen drawn once when it first shows, not three times in its first ~50 ms.

Textual draws a new screen whole in its first frame, then does it over twice just
after, each time right when a key sent as the text appears comes (each a full frame,
17-23 KB for the terminal at 160x48, re-rendering every widget):

* every widget's first size is set by that layout with its ``virtual_size`` reactive,
  which asks for a layout and a repaint: a second pass over the screen that lays out
  what was just laid out and draws again every widget just drawn (only there: that
  layout is followed by a frame that draws the whole screen; widgets mounted later,
  drawn in part, keep Textual's way, unless nothing reads their virtual size: a
  widget that cannot scroll, or hides its overflow both ways, asks for no second
  pass when any layout resizes it: the find bar's parts as it opens, the footer's
  keys after a focus change, each cost a second pass of the screen, ~5 ms);
* the screen's resume, having laid it out and drawn it, asks for a repaint of the whole
  screen: a third frame, the same as the first;
* the empty toast rack is set hidden, inline, just after the first frame (with nothing
  to show): a changed style, one more layout.

:class:`FirstFrameScreen` leaves these out. A key sent as the body first shows then
waits for none of them, and costs one frame (``benchmarks/keys.py``). What they were for
still happens: a widget's size is set (without the request for a layout that has just
been done), a resumed screen that was not laid out again is still drawn whole, a toast
rack with something to show is still shown.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Self

from textual.geometry import Region, Size
from textual.screen import Screen
from textual.widget import Widget

from reader.ui import cropped_renders

_installed = False


def _install() -> None:
    """Set a widget's first size, in the layout of a :class:`FirstFrameScreen` as it
    resumes, as Textual sets the sizes of widgets a scroll exposes: without asking for
    a layout and a repaint (that layout has just placed it; the frame after it draws
    the whole screen); and any size of a widget whose virtual size nothing reads
    (:func:`scrolls`), in any layout (that layout has just placed it, and draws the
    region it moved to)."""
    global _installed
    if _installed:
        return
    _installed = True
    size_updated = Widget._size_updated
    if not fits(size_updated):
        return  # another Textual: its own way, a frame more, never a wrong one

    def first_size_updated(
        self: Widget, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        if layout and not scrolls(self):
            layout = False  # nothing reads its virtual size (see scrolls)
        elif layout and not self.outer_size:
            screen = self.screen
            if isinstance(screen, FirstFrameScreen) and screen._resuming:
                layout = False
        return size_updated(self, size, virtual_size, container_size, layout=layout)

    Widget._size_updated = first_size_updated  # type: ignore[method-assign]


def scrolls(widget: Widget) -> bool:
    """Whether ``widget``'s virtual size can show or hide a scrollbar: the one thing a
    layout reads from it. A key, a label (not scrollable) or a container that hides
    its overflow both ways never has one."""
    if not widget.is_scrollable:
        return False
    styles = widget.styles
    return not (styles.overflow_x == "hidden" and styles.overflow_y == "hidden")


def fits(size_updated: Callable[..., bool]) -> bool:
    """Whether Textual's private ``Widget._size_updated`` is the one this module wraps
    (Textual 8.2: a ``layout`` flag after three sizes). Another is left alone."""
    try:
        names = list(inspect.signature(size_updated).parameters)
    except (TypeError, ValueError):
        return False
    return names[1:5] == ["size", "virtual_size", "container_size", "layout"]


class FirstFrameScreen(Screen[None]):
    """A screen whose first frame is not drawn again just after (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        _install()
        if cropped_renders.fits():  # a key's frame draws only the widgets it changes
            self._compositor = cropped_renders.CroppedCompositor()
        #: while the screen resumes to be laid out (and so drawn whole) anew
        self._resuming = False
        #: whether the repaint of the whole screen Textual's resume asks for after that
        #: is still to come (and be dropped)
        self._drawn_by_resume = False
        #: what waits for the first frame (see after_first_frame)
        self._after_first_frame: list[Callable[[], object]] = []
        #: whether the screen has been shown: what waits for its first frame is on its way
        self.was_shown = False

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the screen's first frame is drawn: as the next
        message after the resume that draws it, not at the next tick of the update
        timer after it (``call_after_refresh``).

        That tick came at no set moment: nothing wakes the timer just after the first
        frame, and it came with whatever woke it next (in a tmux trace 130 ms on, as
        the keys sent as the text first showed came), so what waited for it (the quote
        sidebar's mount) landed among those keys. From here the reading screen counts
        its own wait (``ReadingScreen._mount_sidebar_soon``).
        """
        self._after_first_frame.append(callback)

    def on_mount(self) -> None:
        # the toast rack hidden before the first layout: after it, that is a change
        rack = self.query("#textual-toastrack")
        if rack:  # (a notification waiting shows it all the same)
            rack.first().display = False

    def on_screen_resume(self) -> None:
        # runs before Screen's own handler (a subclass's first), which lays the screen
        # out if its size changed, draws it, and then asks for it to be drawn again
        waiting, self._after_first_frame = self._after_first_frame, []
        self.was_shown = True
        if self.is_attached and self.outer_size != self.app.size:
            self._resuming = self._drawn_by_resume = True
            self.call_later(self._resume_done)
            for callback in waiting:  # after this resume, which draws the screen
                self.call_later(callback)
        else:  # not drawn by this resume: after the next frame, as Textual does it
            for callback in waiting:
                self.call_after_refresh(callback)

    def _resume_done(self) -> None:
        self._resuming = self._drawn_by_resume = False

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._drawn_by_resume and not (regions or layout or recompose):
            self._drawn_by_resume = False
            return self  # the resume's layout has just drawn the whole screen
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


__all__ = ["FirstFrameScreen"]
