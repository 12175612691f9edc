"""A one-line bar of tabs with a title: the library's header, light to build.

Textual's ``TabbedContent`` (tabs, an animated underline, a content switcher) costs
more to mount than the whole rest of the library screen, and the library must paint
as fast as a bare app. So this bar is one ``Static``: the tab labels, the active one
marked, then the title. A click on a label posts :class:`TabBar.Chosen`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static


class TabBar(Static):
    """Tab labels (``tabs``: id and label each), the active one marked, and a title."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"tab-bar--active", "tab-bar--title"}

    active: reactive[str] = reactive("", init=False)
    title: reactive[str] = reactive("", init=False)

    class Chosen(Message):
        """The tab ``tab`` was clicked."""

        def __init__(self, tab: str) -> None:
            super().__init__()
            self.tab = tab

    def __init__(self, tabs: list[tuple[str, str]], *, active: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = tabs
        self.set_reactive(TabBar.active, active)
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Content:
        parts: list[Content] = []
        self._spans = []
        at = 0
        for tab, label in self.tabs:
            text = f" {label} "
            piece = Content(text)
            if tab == self.active:
                piece = piece.stylize(".tab-bar--active")
            parts.append(piece)
            self._spans.append((at, at + len(text), tab))
            at += len(text)
        if self.title:
            parts.append(Content("  " + self.title).stylize(".tab-bar--title"))
        return Content.assemble(*parts)

    def watch_active(self) -> None:
        self.refresh()

    def watch_title(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, tab in self._spans:
            if start <= x < end:
                self.post_message(self.Chosen(tab))
