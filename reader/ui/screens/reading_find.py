"""Find in the article's text, for the reading screen.

:class:`ReadingFind` is the base of :class:`reader.ui.screens.reading.ReadingScreen`:
the find bar's keys and messages (``f``/``ctrl+f`` open it, F3/shift+F3 step through
the matches, Escape closes it) and which keys the screen refuses while the reader types
in a field. ``f`` and ``/`` are priority bindings, so that the keys typed after them
reach the field they open, not the text (see ``action_search_quotes``).
"""

from __future__ import annotations

from time import perf_counter
from typing import TYPE_CHECKING

from textual import on
from textual.actions import SkipAction
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Input

from reader.ui.key_frame import KeyFrameScreen, drawn_now
from reader.ui.sliced import messages_waiting
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.find_bar import FindBar

#: Seconds between two looks at whether the screen's build is done (then the find
#: bar is mounted, hidden).
BUILT_CHECK = 0.1
#: Seconds after which the bar is mounted even if the build is not done (a machine so
#: busy that it never ends).
MAX_WAIT = 10.0


class ReadingFind(KeyFrameScreen):
    """Find in text: the find bar and the body's matches (the reading screen's base)."""

    if TYPE_CHECKING:

        @property
        def body(self) -> ArticleBody: ...

        def _built(self) -> bool: ...

    _find_bar: FindBar | None = None
    _find_bar_timer: Timer | None = None
    _find_bar_mounting: AwaitMount | None = None
    _built_checks = 0

    def on_mount(self) -> None:
        self._find_bar_timer = self.set_interval(BUILT_CHECK, self._build_find_bar_when_built)

    def _build_find_bar_when_built(self) -> None:
        """Once the screen's build is done, mount the find bar (hidden) with its parts,
        so that ``f`` only shows it: composing and styling them was most of the
        ~25 ms an idle ``f`` took to show.

        Not while a key is on its way or has just been answered: the mount
        lays the text's column out (a frame that drew the whole text pane again, 13 KB
        at 160x48) and its parts' build a second time, and on the seed the build ends
        about when the keys sent as the article first shows do. Enter typed in the
        quote search then waited for both (its frame came after them, 35-80 ms in
        tmux against 20-25); the next check, once the keys have stopped, mounts it.
        """
        self._built_checks += 1
        waited_enough = self._built_checks * BUILT_CHECK >= MAX_WAIT
        if not waited_enough and (not self._built() or self._key_on_its_way()):
            return
        self._stop_find_bar_timer()
        self.run_worker(self._mount_find_bar(), group="find-bar", exit_on_error=True)

    def _key_on_its_way(self) -> bool:
        """Whether a key waits for its handler, or came less than ``KEY_WHILE`` ago
        (its frames drawn or not: a keystroke's frames are soon drawn, and the next
        key follows a moment later)."""
        return perf_counter() <= self._draw_until or messages_waiting(self)

    def _stop_find_bar_timer(self) -> None:
        if self._find_bar_timer is not None:
            self._find_bar_timer.stop()
            self._find_bar_timer = None

    async def _mount_find_bar(self) -> None:
        bar = await self._mounted_find_bar()
        if bar.is_attached:  # (not if the screen went away meanwhile)
            await bar.build()

    async def _mounted_find_bar(self) -> FindBar:
        """The find bar, mounted under the text (now, if it is not yet)."""
        bar = self.find_bar
        if not bar.is_mounted:
            if self._find_bar_mounting is None:
                # before the text: mounted after it, the bar shifted the text's place
                # in the compositor's painting order, which redrew all of the text
                # (~4 ms) in the frame that shows the bar (its layer, not its place
                # among the children, puts it over the text)
                self._find_bar_mounting = self.query_one("#reading").mount(bar, before=0)
            await self._find_bar_mounting
        return bar

    @property
    def find_bar(self) -> FindBar:
        """The find bar, mounted (hidden) under the text once the screen is built, or
        when it first opens if that is sooner (see action_find).

        Before the article's first paint, it only added a widget and its styles to the
        work. Unmounted, it is closed and holds no query.
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
        """The find bar, focused before the next key (see action_search_quotes).

        At once, even with only the head of a big article: a find looks in what is
        there and goes on into the rest as it comes (:mod:`reader.ui.widgets.body_find`).
        """
        self._pass_to_a_field()
        self._stop_find_bar_timer()
        bar = await self._mounted_find_bar()
        await bar.open()
        self.key_came()  # drawn at once, not at the next tick (as drawn_now's actions)

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
        # Only the field's latest text: keys typed in a burst (a paste, a fast typist)
        # each post a Changed, and on a 5 MB article a find of "s" alone took ~150 ms.
        if event.query == self.find_bar.query_text != self.body.find_query:
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
        self.find_bar.show_count(event.index, event.total, complete=event.complete)

    def _show_find_count(self) -> None:
        """The count, shown by the step itself so that it is drawn in the frame that
        scrolls to the match: by the time the body's FindResult has bubbled up here,
        Textual has often drawn that frame, and the count came a frame or two later
        (an F3 in tmux took ~50 ms to show where the scroll took ~17)."""
        body = self.body
        self.find_bar.show_count(body.match_index, body.match_count, complete=body.find_complete)
