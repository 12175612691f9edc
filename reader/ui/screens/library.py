"""The library chooser: the articles of a folder, by title, to open one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.library import Library
from reader.core.state import StateStore
from reader.core.text import one_line


class LibraryScreen(Screen[None]):
    """Choose an article; files that failed to load were reported as notifications."""

    AUTO_FOCUS = "#articles"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="library.quit"),
        Binding("j", "cursor(1)", "Down", show=False, id="library.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="library.up"),
    ]

    def __init__(self, library: Library, state: StateStore, *, title: str) -> None:
        super().__init__()
        self.library = library
        self.state = state
        self._title = title

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        if self.library.articles:
            options = [
                Option(
                    Content.assemble(
                        one_line(article.title), ("  " + one_line(article.source), "dim")
                    ),
                    id=str(index),
                )
                for index, (_path, article) in enumerate(self.library.articles)
            ]
            yield OptionList(*options, id="articles")
        else:
            yield Static(Content("No articles could be opened in this folder."), id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self._title
        count = len(self.library.articles)
        self.sub_title = f"{count} article" if count == 1 else f"{count} articles"
        for error in self.library.errors:
            self.notify(error, title="Not opened", severity="error", timeout=10, markup=False)

    def action_cursor(self, step: int) -> None:
        # (an empty folder shows a message instead of the list: nothing to move)
        for options in self.query("#articles").results(OptionList):
            options.action_cursor_down() if step > 0 else options.action_cursor_up()

    @on(OptionList.OptionSelected, "#articles")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from reader.ui.screens.reading import ReadingScreen

        _path, article = self.library.articles[int(event.option.id or 0)]
        self.app.push_screen(ReadingScreen(article, self.state))
