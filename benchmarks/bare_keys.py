"""The reference for ``keys.py``: the same keys on a bare Textual app.

A Header, the article's text in a ``VerticalScroll`` (one ``Static``), a pane titled
"Quotes" with a one-line ``Input`` in it, and a Footer: nothing reader builds after its
first paint. ``n`` pages the text down and ``/`` focuses the field (the footer then
shows the field's Escape, as reader's does), so the keys that ``keys.py`` times on
reader (next section, opening the quote search, a keystroke in it) have a counterpart
here that changes the screen the same way, timed in the same rounds: what is left above
it is reader's own cost, not tmux's or Textual's.

    python benchmarks/bare_keys.py TITLE TEXT
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Static


class SearchField(Input):
    """The field, with a key of its own in the footer when it has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "Clear search")]

    def action_leave(self) -> None:
        self.screen.set_focus(None)


class BareKeysApp(App[None]):
    CSS = """
    #text { width: 1fr; }
    #pane { width: 40; border: round $foreground 25%; }
    #pane > Input { height: 1; border: none; padding: 0 1; }
    """
    AUTO_FOCUS = "#text"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "page", "Next page"),
        Binding("slash", "search", "Search"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self._text = text

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with VerticalScroll(id="text"):
                yield Static(self._text, markup=False)
            with Vertical(id="pane"):
                yield SearchField()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pane").border_title = "Quotes"

    def action_page(self) -> None:
        # at once, as reader scrolls (scroll_page_down waits for a refresh first)
        text = self.query_one("#text", VerticalScroll)
        y = text.scroll_y + text.scrollable_content_region.height
        text.scroll_to(y=y, animate=False, immediate=True)

    def action_search(self) -> None:
        self.query_one(SearchField).focus()


if __name__ == "__main__":
    BareKeysApp(sys.argv[1], sys.argv[2]).run()
