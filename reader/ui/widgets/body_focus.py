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

from typing import Self

from textual.geometry import Region
from textual.widget import Widget


class FocusEdges(Widget):
    """A widget whose focus changes only its border, redrawn alone (a mixin)."""

    #: while the widget is styled again for its focus: its refreshes are its edges'
    _edges_only = False
    #: the focus changed: the refresh of the whole widget Widget's focus and blur
    #: handlers ask for just after (their next line) is its edges' too
    _edges_next = False

    def watch_has_focus(self, has_focus: bool) -> None:
        self._edges_only = True
        try:
            super().watch_has_focus(has_focus)
        finally:
            self._edges_only = False
        if self.is_mounted and self.outer_size:
            self.refresh(*self._edges())
            self._edges_next = True

    def _edges(self) -> list[Region]:
        """The border's four edges, in the coordinates ``refresh`` takes (the content's)."""
        width, height = self.outer_size
        x, y = self.content_offset
        outer = [
            Region(0, 0, width, 1),
            Region(0, height - 1, width, 1),
            Region(0, 0, 1, height),
            Region(width - 1, 0, 1, height),
        ]
        return [edge.translate((-x, -y)) for edge in outer if edge]

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        whole = not (regions or layout or recompose)
        if whole and self._edges_next:
            self._edges_next = False
            return self  # Widget's _on_focus/_on_blur: the edges are drawn already
        if whole and self._edges_only:
            return self  # the focus look's style change: its edges are drawn after
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


__all__ = ["FocusEdges"]
