"""The body's focus look drawn on its edges alone.

The text pane shows the focus by its border (``ArticleBody:focus`` in
``styles/reader.tcss``: the border's and its title's colours, nothing inside). Textual
draws the whole widget again for that: opening find (the focus goes to the find
field), Tab, "/" each redrew the 84x43 cells of the text at 160x48 in the frame after
the key's, some 4-10 ms of a loaded machine and a full pane of output for the
terminal, for a change of its edges' colours (Widget's focus and blur handlers ask for
it, and so does the style change). :class:`FocusEdges` redraws the
edges alone (as :mod:`reader.ui.widgets.quotes_pane` does for the quotes pane).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from textual.geometry import Region
from textual.widget import Widget

from reader.ui.sliced import taken_down
from reader.ui.widgets.edges import border_edges, key_frame_pending, use_edges_cache

if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object  # a mixin: a Widget base of its own would rank Widget's default CSS


class FocusEdges(_Base):
    """A widget whose focus changes only its border, redrawn alone (a mixin, before
    the widget's class in its bases)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_edges_cache(self)  # the edges' refresh draws their cells, not whole lines

    #: while the widget is styled again for its focus: its refreshes are its edges'
    _edges_only = False
    #: the focus changed: the refresh of the whole widget Widget's focus and blur
    #: handlers ask for just after (their next line) is left to the restyle
    _edges_next = False
    #: the restyle for the focus is asked for once the frame being drawn is out
    _restyle_due = False

    def watch_has_focus(self, has_focus: bool) -> None:
        """Style the widget for its focus, and draw its edges; after the frame of a key
        on its way (:func:`~reader.ui.widgets.edges.key_frame_pending`), whose frame
        ("/", find) is then the widget the key focuses and the footer's row: the
        restyle (the text's rules matched again, its scrollbar's, its component
        classes') was 1-3 ms of "/" before its frame, and the edges half its frame."""
        if not key_frame_pending(self):
            self._restyle_for_focus()
        elif not self._restyle_due:
            self._restyle_due = True
            self.call_after_refresh(self._restyle_after_frame)
        self._edges_next = True  # after the restyle's own refreshes

    def _restyle_after_frame(self) -> None:
        if self._restyle_due and not taken_down(self):  # not removed meanwhile
            self._restyle_for_focus()

    def _restyle_for_focus(self) -> None:
        """Style the widget for the focus it has now, and draw what that changed: its
        edges, or all of it if more than its border changed."""
        self._restyle_due = False
        before = _look(self)
        self._edges_only = True
        try:
            super().watch_has_focus(self.has_focus)
        finally:
            self._edges_only = False
        if _look(self) != before:  # more than the border changed: all of it, as Textual
            super().refresh()
            if self.show_vertical_scrollbar:  # drawn in the widget's colours
                self.vertical_scrollbar.refresh()
        elif self.is_mounted and self.outer_size:
            super().refresh(*border_edges(self))

    @property
    def restyling_for_focus(self) -> bool:
        """Whether the widget is being styled again for its focus: its scrollbar is not
        drawn again for that (:mod:`reader.ui.widgets.body_scrollbar`), unless more than
        the border changed (then drawn after)."""
        return self._edges_only

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if not (regions or layout or recompose) and (self._edges_next or self._edges_only):
            # Widget's focus or blur handler, or the style change of the focus look: the
            # restyle draws what it changed (and with it what Textual clears with any
            # refresh: cached sizes and styles)
            self._edges_next = False
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def _look(widget: Widget) -> dict[str, object]:
    """The widget's style rules but its border's (what a focus change may change)."""
    rules = widget.styles.base.get_rules()
    return {name: value for name, value in rules.items() if not name.startswith("border")}


__all__ = ["FocusEdges"]
