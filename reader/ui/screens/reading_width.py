"""The reading screen's width and side panes: which panes are shown, and when.

Below ``NARROW_WIDTH`` columns the side panes (the TOC, the quotes) start hidden and
the footer turns compact; ``t`` and ``s`` show and hide them. :class:`ReadingWidth` is
a base of :class:`reader.ui.screens.reading.ReadingScreen`, apart from it to keep each
module short (moved as it was).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.events import Resize
from textual.reactive import reactive
from textual.widget import Widget

from reader.ui.screens.reading_find import ReadingFind
from reader.ui.screens.reading_panes import contains
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.quotes_pane import QuotesPane

if TYPE_CHECKING:
    from reader.ui.settings import Settings

#: Below this many columns the side panes start hidden (toggle them with t and s).
NARROW_WIDTH = 110


class ReadingWidth(ReadingFind):
    """The side panes shown or hidden, by the width and the reader's keys."""

    if TYPE_CHECKING:

        @property
        def _settings(self) -> Settings: ...

    #: Whether the side panes are shown; reset when the width crosses NARROW_WIDTH.
    #: ``repaint=False`` (as ``current_section``): their watchers show, hide and restyle
    #: what changes; a repaint of the screen drew it whole again (its first resize, just
    #: after the first frame, sets ``narrow``: a second full frame for the terminal).
    show_toc: reactive[bool] = reactive(True, repaint=False)
    show_quotes: reactive[bool] = reactive(True, repaint=False)
    narrow: reactive[bool | None] = reactive(None, repaint=False)

    def on_resize(self, event: Resize) -> None:
        self.narrow = event.size.width < NARROW_WIDTH

    def watch_narrow(self, narrow: bool | None) -> None:
        if narrow is None:
            return
        self.set_class(narrow, "-narrow")
        self.query_one(KeyFooter).compact = narrow
        # the config's choice of panes at start, else: shown when there is room
        panes = self._settings.panes
        self.show_toc = panes.get("sections", not narrow)
        self.show_quotes = panes.get("quotes", not narrow)

    def watch_show_toc(self, show: bool) -> None:
        self._show_pane("#toc", show)

    def watch_show_quotes(self, show: bool) -> None:
        self._show_pane("#quotes-pane", show)

    def _show_pane(self, selector: str, show: bool) -> None:
        pane = self.query_one(selector)
        pane.display = show
        if not show and self.focused is not None and contains(pane, self.focused):
            self.body.focus()

    def watch_focused(self, focused: Widget | None) -> None:
        """The quotes pane's border follows the focus inside it (its ``-has-focus``
        class, in ``styles/reader.tcss``), redrawn alone (QuotesPane.show_focus).

        Not a ``:focus-within`` rule: with one, every focus change into or out of the
        pane had Textual style everything in it again (the search field, both lists
        with their component classes, the scrollbars) and draw it all again, ~10 ms of
        "/". Only the pane's own rule changes, and nothing inside it reads the class.
        """
        pane = next(iter(self.query("#quotes-pane").results(QuotesPane)), None)
        if pane is not None:
            pane.show_focus(focused is not None and contains(pane, focused))

    def action_toggle_toc(self) -> None:
        self.show_toc = not self.show_toc
        if self.show_toc:
            self.query_one("#toc").focus()

    def action_toggle_quotes(self) -> None:
        self.show_quotes = not self.show_quotes


__all__ = ["NARROW_WIDTH", "ReadingWidth"]
