"""A one-line text field whose typing does not lay the whole screen out again.

Textual's ``Input`` sets its virtual size (the width of its text, for scrolling it
sideways) at every change of its value, and ``Widget.virtual_size`` is a reactive that
lays the screen out again: one layout pass of the reading screen per keystroke in the
quote search or the find bar (some 13 ms of CPU at 160x48 with the sidebar's lists),
where a bare app's screen takes a few. Nothing's size follows the text in the field:
its scroll limits are read from the virtual size when needed, and an ``Input`` sized by
its content (``width: auto``) asks for the layout itself.

And a keystroke is drawn as soon as it is handled (:mod:`reader.ui.key_frame`), not
at the screen's next tick: typed in the quote search as a big article's build went
on, it waited for the tick with the build's slices (4-5 ms each) and the collector's
settle run first.

Nor does its cursor clear the article text the reader has selected with the mouse
unless the reader is in the field: Textual's ``Input`` clears the screen's selection
whenever its cursor is set, and it is set when the field is mounted. The find bar is
mounted, hidden, once the screen is built; a drag over the text made just before
that was dropped (a test caught it about once in thirty runs on a busy machine).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input
from textual.widgets.input import Selection

from reader.ui.key_frame import key_came_on


class TextField(Input):
    """An ``Input`` that never lays the screen out again as the reader types."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_value(self) -> None:
        key_came_on(self)

    def _watch_selection(self, selection: Selection) -> None:
        """The cursor moved: what ``Input`` does then (the screen's selection cleared,
        the terminal's cursor placed, the cursor scrolled into view) only in the field
        the reader is typing in, not in one mounted or set by the app."""
        if self.has_focus:
            super()._watch_selection(selection)


__all__ = ["TextField"]
