"""Find in the article's text, for the reading screen.

:class:`ReadingFind` is the base of :class:`reader.ui.screens.reading.ReadingScreen`:
the find bar's keys and messages (``f``/``ctrl+f`` open it, F3/shift+F3 step through
the matches, Escape closes it) and which keys the screen refuses while the reader types
in a field. ``f`` and ``/`` are priority bindings, so that the keys typed after them
reach the field they open, not the text (see ``action_search_quotes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.actions import SkipAction
from textual.widgets import Input

from reader.ui.key_frame import KeyFrameScreen, drawn_now
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.find_bar import FindBar


class ReadingFind(KeyFrameScreen):
    """Find in text: the find bar and the body's matches (the reading screen's base)."""

    if TYPE_CHECKING:

        @property
        def body(self) -> ArticleBody: ...

        def _whole_now(self) -> None: ...

    _find_bar: FindBar | None = None

    @property
    def find_bar(self) -> FindBar:
        """The find bar, mounted under the text the first time it opens (see action_find).

        Hidden until then, it only added a widget and its styles to the work before
        the article's first paint. Unmounted, it is closed and holds no query.
        """
        if self._find_bar is None:
            self._find_bar = FindBar(id="find-bar")
        return self._find_bar

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Leave ^f and / out of the footer while the reader types in a text field (the
        find bar or the quote search), where they do not open anything.

        There "/" and "f" are typed into the field: both are priority bindings, refused
        here, so the app hands them on to it; ^f does nothing in a field, so the footer
        does not offer it.
        """
        if action in ("search_quotes", "find"):
            return not isinstance(self.focused, Input)
        return True

    def _pass_to_a_field(self) -> None:
        """In a text field "f" (a priority binding) is text: the app hands it on."""
        if isinstance(self.focused, Input):
            raise SkipAction()

    async def action_find(self) -> None:
        """The find bar, focused before the next key (see action_search_quotes)."""
        self._pass_to_a_field()
        self._whole_now()  # matches in the whole text
        bar = self.find_bar
        if not bar.is_attached:
            await self.query_one("#reading").mount(bar)
        await bar.open()

    @drawn_now
    def action_find_step(self, step: int) -> None:
        """F3: the next match (in the find bar too: a priority key, it does what the
        bar's own step does, so the field never sees it)."""
        bar = self._find_bar
        if bar is not None and bar.is_open and self.body.find_query != bar.query_text:
            self.body.find(bar.query_text)  # typed, not looked up yet: from the view
        elif self.body.find_query:
            self.body.find_step(step)
            self._show_find_count()

    @on(FindBar.Changed)
    def _find_changed(self, event: FindBar.Changed) -> None:
        self.body.find(event.query)

    @on(FindBar.Step)
    def _find_step(self, event: FindBar.Step) -> None:
        if self.body.find_query != self.find_bar.query_text:
            self.body.find(self.find_bar.query_text)
        else:
            self.body.find_step(event.step)
            self._show_find_count()

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.body.clear_find()
        self.body.focus()

    @on(ArticleBody.FindResult)
    def _find_result(self, event: ArticleBody.FindResult) -> None:
        self.find_bar.show_count(event.index, event.total)

    def _show_find_count(self) -> None:
        """The count, shown by the step itself so that it is drawn in the frame that
        scrolls to the match: by the time the body's FindResult has bubbled up here,
        Textual has often drawn that frame, and the count came a frame or two later
        (an F3 in tmux took ~50 ms to show where the scroll took ~17)."""
        self.find_bar.show_count(self.body.match_index, self.body.match_count)
