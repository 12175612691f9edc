"""The pane that holds the quote sidebar, whose border shows whether the focus is in it.

The border and its title take the focused colours (``styles/reader.tcss``, the pane's
``-has-focus`` class) when the focus goes into the pane, the way a focused TOC or text
shows it. Textual would draw the whole pane again for that, and everything in it:
a change of the border's colour repaints the widget whole, and a change of the title's
colour (a colour property) repaints every widget inside too, in case they inherit it.
That was the search field, both lists and their scrollbars, drawn again in the frame of
"/" for a change of two colours on the pane's edges. Only the edges change, so only
they are drawn again (:meth:`QuotesPane.show_focus`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self

from textual.containers import Vertical
from textual.geometry import Region

from reader.ui.sliced import taken_down
from reader.ui.widgets.edges import border_edges, key_frame_pending, use_edges_cache


class QuotesPane(Vertical):
    """A pane whose focus look (its border) is redrawn alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_edges_cache(self)  # the edges' refresh draws their cells, not whole lines

    #: while the pane is styled again for its focus look: its refreshes are its edges'
    _edges_only = False

    #: the focus look to show once the frame of a key on its way is drawn (None:
    #: nothing waits for it)
    _inside_due: bool | None = None

    def show_focus(self, inside: bool) -> None:
        """Show whether the focus is inside the pane (the ``-has-focus`` class); after
        the frame of a key on its way (:func:`~reader.ui.widgets.edges.key_frame_pending`),
        whose frame ("/") is then the field it focuses and the footer's row."""
        if not key_frame_pending(self):
            self._show_focus_now(inside)
            return
        if self._inside_due is None:
            self.call_after_refresh(self._show_focus_after_frame)
        self._inside_due = inside

    def _show_focus_after_frame(self) -> None:
        if self._inside_due is not None and not taken_down(self):  # not removed meanwhile
            self._show_focus_now(self._inside_due)

    def _show_focus_now(self, inside: bool) -> None:
        self._inside_due = None
        if self.has_class("-has-focus") == inside:
            return
        # update=False: Textual would style every widget inside again; no rule below
        # the pane reads the class
        self.set_class(inside, "-has-focus", update=False)
        self._edges_only = True
        try:
            self.app.stylesheet.apply(self)
        finally:
            self._edges_only = False
        self.refresh(*border_edges(self))

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._edges_only and not (regions or layout or recompose):
            return self  # the style change of show_focus: its edges are drawn after
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def walk_children(self, *args: Any, **kwargs: Any) -> Iterable[Any]:  # type: ignore[override]
        # Textual repaints every widget inside after a change of the title's colour
        # (Styles.refresh walks them): nothing inside draws the pane's border title.
        if self._edges_only:
            return []
        return super().walk_children(*args, **kwargs)


__all__ = ["QuotesPane"]
