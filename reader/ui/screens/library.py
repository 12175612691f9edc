"""The library: every article of a folder, quotes searched across them, and speakers.

Three tabs over one index (:class:`reader.core.index.LibraryIndex`):

* **Articles**: a table (title, source, date, language, quotes, speakers, how far read),
  sorted by date, title or source (``o``, or a click on a heading), filtered as you type
  (``f``); broken files are rows of their own, with the reason.
* **Quotes**: the quote search across the library (``/``): words and ``speaker:NAME``.
* **Speakers**: everyone quoted, once each; Enter lists all their quotes.

The screen paints what the index already has at once and brings the index up to date
in a background thread (``r`` does it again); rows are reloaded as batches land. Enter
on an article or a quote opens the reading screen (at the quote, highlighted), where
``N``/``P`` step through the articles in the table's order; Escape comes back here with
the selection kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from reader.core.errors import ReaderError
from reader.core.index import ArticleRow, LibraryIndex
from reader.core.search import normalise, terms
from reader.core.state import StateStore
from reader.core.text import one_line
from reader.ui.screens.library_refresh import LibraryRefresh
from reader.ui.screens.library_rows import RowOrders
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.library_lists import SORTS, ArticleList
from reader.ui.widgets.rows import RowList
from reader.ui.widgets.tab_bar import TabBar

if TYPE_CHECKING:
    from textual.command import Provider

    # Input is mounted only when a field is first used; its module is loaded then too
    from textual.widgets import Input

    from reader.ui.screens.help import HelpRow

#: Rows read before the first paint, at least (two screenfuls if the terminal is taller):
#: reading and sorting all of a big library's rows would hold the first paint back.
FIRST_PAGE = 100
FILTER_HINT = "Filter by title, source, date, language"
TABS = [("articles", "Articles"), ("quotes", "Quotes"), ("speakers", "Speakers")]
#: The footer's keys, most useful first (those that do not fit are on the help screen):
#: at 80 columns quit, help, search, the palette, speakers, filter and Enter.
FOOTER_PRIORITIES = (
    "app.quit",
    "help",
    "search_quotes",
    "command_palette",
    "show_tab('speakers')",
    "filter",
    "choose",
    "cycle_sort",
    "show_tab('articles')",
    "refresh_index",
)


def _article_commands() -> type[Provider]:
    """The palette's providers, imported when the palette first opens, not before the
    first paint (as the app's own, reader.ui.app._reader_commands)."""
    from reader.ui.library_commands import LibraryArticleCommands

    return LibraryArticleCommands


def _speaker_commands() -> type[Provider]:
    from reader.ui.library_commands import LibrarySpeakerCommands

    return LibrarySpeakerCommands


class LibraryScreen(LibraryRefresh):
    """A folder of articles, its quotes and speakers, over the library index."""

    AUTO_FOCUS = "#articles"
    COMMANDS: ClassVar = {_article_commands, _speaker_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "show_tab('articles')", "Articles", id="library.articles"),
        Binding("slash", "search_quotes", "Search quotes", id="library.search-quotes"),
        Binding("s", "show_tab('speakers')", "Speakers", id="library.speakers"),
        Binding("f", "filter", "Filter", id="library.filter"),
        Binding("ctrl+f", "filter", "Filter", show=False, id="library.filter-ctrl-f"),
        Binding("o", "cycle_sort", "Sort", id="library.sort"),
        Binding("r", "refresh_index", "Refresh", id="library.refresh"),
        Binding("escape", "back", "Back", show=False, id="library.back"),
        Binding("question_mark", "help", "Help", id="library.help"),
        Binding("f1", "help", "Help", show=False, id="library.help-f1"),
        Binding("q", "app.quit", "Quit", id="library.quit"),
    ]

    def __init__(self, index: LibraryIndex, state: StateStore, *, title: str) -> None:
        super().__init__()
        self.index = index
        self.state = state
        self._title = title
        #: Every row read so far, newest first, and in the table's other orders.
        self._orders = RowOrders([])
        self._folded: dict[int, str] = {}
        self._filter: list[str] = []
        self._persons_loaded = False
        self._refreshing = False
        #: Whether every row has been read (the first paint reads one screenful).
        self._all_read = False

    # -- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # What the first screen shows, and no more: no Header and no TabbedContent (a
        # one-line tab bar carries the title), the fields mounted when first used, the
        # other tabs mounted after the first paint (search_panes): every widget here is
        # styled (twice) and started before the first frame.
        yield TabBar(TABS, active="articles", id="library-tabs")
        with Vertical(id="articles-pane", classes="library-pane"):
            yield ArticleList(id="articles")
        with Horizontal(id="library-status"):
            yield Static(Content(""), id="library-detail")
            yield Static(Content(""), id="library-progress")
        yield KeyFooter(priorities=FOOTER_PRIORITIES)

    def on_mount(self) -> None:
        self.title = self._title
        self.articles.read_state = self._read_state
        # one screenful first (the newest rows, as the table sorts them at start) …
        self._orders = RowOrders(self.index.newest(max(FIRST_PAGE, 2 * self.app.size.height)))
        self._show_articles()
        self._show_counts(*self.index.counts())
        self._report_notes()
        # … and the other tabs and every row after the first paint, then the refresh
        # (its thread would compete with the paint for the GIL)
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.search_panes()
        # every row is read in the refresh's thread, before it looks for changes: at
        # 100,000 articles reading them takes a second the keys should not wait for
        self.refresh_index(read_rows=True)

    def watch_active_tab(self, tab: str) -> None:
        self.search_panes()  # a key may want a tab before the first paint has built it
        self.query_one(TabBar).active = tab
        for name, _label in TABS:
            self.query_one(f"#{name}-pane").display = name == tab
        if tab == "speakers" and not self._persons_loaded:
            self.reload_persons()

    @on(TabBar.Chosen)
    def _tab_clicked(self, event: TabBar.Chosen) -> None:
        if event.tab == "quotes":
            self.action_search_quotes()
        else:
            self.action_show_tab(event.tab)

    # -- the article table -----------------------------------------------------------

    @property
    def all_rows(self) -> list[ArticleRow]:
        """Every row read from the index so far, newest first."""
        return self._orders.rows

    def reload_articles(self, orders: RowOrders | None = None) -> None:
        """Show every row of the index again, keeping the selected one: ``orders``, read
        and sorted in the refresh's thread (or, if None, read and sorted here)."""
        current = self.articles.current
        self._orders = orders if orders is not None else RowOrders(self.index.articles())
        self._all_read = True
        self._folded = {}
        self._show_articles(keep=current.path if current else None)
        broken = self._orders.broken
        self._show_counts(len(self.all_rows) - broken, broken)

    def _show_counts(self, count: int, broken: int) -> None:
        self.sub_title = f"{count:,} article" + ("" if count == 1 else "s")
        if broken:
            self.sub_title += f" · {broken} broken"
        self.query_one(TabBar).title = f"{self._title} — {self.sub_title}"

    def _show_articles(self, keep: str | None = None) -> None:
        rows = self._orders.get(self.articles.sort)  # sorted in a thread, but for the first page
        if self._filter:
            rows = [r for r in rows if all(w in self._haystack(r) for w in self._filter)]
        cursor = next((i for i, r in enumerate(rows) if r.path == keep), None) if keep else None
        self.articles.show(rows, cursor if cursor is not None else 0)
        self._show_empty(not self.all_rows and not self._refreshing)

    def _show_empty(self, empty: bool) -> None:
        """Say so when the folder has no articles (the notice is made the first time)."""
        notice = next(self.query("#empty").results(Static), None)
        if notice is None and empty:
            notice = Static(Content("No articles in this folder yet."), id="empty")
            self.query_one("#articles-pane").mount(notice)
        if notice is not None:
            notice.display = empty

    def _haystack(self, row: ArticleRow) -> str:
        folded = self._folded.get(row.row)
        if folded is None:
            text = "\n".join((row.title, row.source, row.date or "", row.language or ""))
            folded = self._folded[row.row] = normalise(text)
        return folded

    def _read_state(self, row: ArticleRow) -> str:
        if row.article_id is None:
            return ""
        position = self.state.position(row.article_id)
        if position is None:
            return ""
        progress = row.progress(position.section)
        return f"{progress[0]}/{progress[1]}" if progress else "open"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self._filter_changed(event.value)
        elif event.input.id == "quote-search":
            self.search_quotes(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        target = {"filter": "#articles", "quote-search": "#quote-results"}.get(event.input.id or "")
        if target:
            self.query_one(target).focus()

    def _filter_changed(self, value: str) -> None:
        self._filter = terms(value)
        current = self.articles.current
        self._show_articles(keep=current.path if current else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Leave "/" out of the footer while the reader types in a field (the filter, the
        quote search), where it is typed as text.

        Textual's footer leaves out the keys a focused field takes as text, but it
        misses "/": its binding names the key "slash", which it does not take for the
        character. The binding is not a priority one, so the field gets the key anyway.
        """
        if action == "search_quotes":
            from textual.widgets import Input

            return not isinstance(self.focused, Input)
        return True

    def action_filter(self) -> None:
        self.active_tab = "articles"
        self._field("articles", "filter", FILTER_HINT).focus()

    def action_cycle_sort(self) -> None:
        self.sort_by(SORTS[(SORTS.index(self.articles.sort) + 1) % len(SORTS)])

    def sort_by(self, sort: str) -> None:
        current = self.articles.current
        self.articles.sort = sort
        self._show_articles(keep=current.path if current else None)
        self.notify(f"Sorted by {sort}", timeout=2)

    @on(ArticleList.SortChosen)
    def _sort_chosen(self, event: ArticleList.SortChosen) -> None:
        self.sort_by(event.sort)

    @on(RowList.Highlighted, "#articles")
    def _article_highlighted(self) -> None:
        row = self.articles.current
        detail = self.query_one("#library-detail", Static)
        if row is None:
            detail.update(Content(""))
        elif row.error is not None:
            detail.update(Content(f"{self.shown_path(row.path)}: broken: {one_line(row.error)}"))
        else:
            detail.update(Content(self.shown_path(row.path)))

    @on(RowList.Chosen, "#articles")
    def _article_chosen(self, event: RowList.Chosen) -> None:
        self.open_row(self.articles.rows[event.index])

    # -- opening articles ------------------------------------------------------------

    def open_row(self, row: ArticleRow, quote_id: str | None = None) -> bool:
        """Open an article of the library (at ``quote_id`` if given); False if it cannot."""
        from reader.core.format.cache import load_article_cached
        from reader.ui.screens.library_reading import LibraryReadingScreen

        if row.error is not None:
            self.notify(one_line(row.error), title="Broken", severity="error", markup=False)
            return False
        try:
            article, _store = load_article_cached(Path(row.path))
        except ReaderError as exc:
            message = str(exc).splitlines()[0]
            self.notify(message, title="Not opened", severity="error", markup=False)
            self.refresh_index()
            return False
        self.select_path(row.path)
        screen = LibraryReadingScreen(article, self.state, self, path=row.path, quote_id=quote_id)
        self.app.push_screen(screen)
        return True

    def select_path(self, path: str) -> None:
        """Put the article table's cursor on the file at ``path`` (if it is listed)."""
        for i, r in enumerate(self.articles.rows):
            if r.path == path:
                self.articles.move_to(i)
                return

    def step_article(self, path: str, step: int) -> None:
        """Open the article after (or before) ``path`` in the table's order."""
        rows = self.articles.rows
        at = next((i for i, r in enumerate(rows) if r.path == path), self.articles.cursor)
        target = at + step
        while 0 <= target < len(rows) and rows[target].error is not None:
            target += step
        if not 0 <= target < len(rows):
            self.app.bell()
            return
        self.app.pop_screen()
        self.open_row(rows[target])

    def open_path(self, path: str, quote_id: str | None = None) -> None:
        row = next((r for r in self.all_rows if r.path == path), None)
        if row is not None:
            self.open_row(row, quote_id)

    # -- tabs, keys, help ------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.active_tab = tab
        target = {"articles": "#articles", "speakers": "#speakers"}[tab]
        if tab == "speakers" and self.query_one("#speaker-quotes").display:
            target = "#speaker-quotes"
        self.query_one(target).focus()

    def action_back(self) -> None:
        """Escape: leave a field for its list, a speaker's quotes for the speakers."""
        focused = self.focused
        if focused is not None and focused.id in ("filter", "quote-search"):
            self.articles.focus() if focused.id == "filter" else self.query_one(
                "#quote-results"
            ).focus()
            return
        if self.active_tab == "speakers":
            self._close_person()
        elif self.active_tab == "articles" and self._filter:
            self._field("articles", "filter", FILTER_HINT).value = ""

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_groups()))

    def help_groups(self) -> list[tuple[str, list[HelpRow]]]:
        def bindings(of: list[BindingType]) -> list[HelpRow]:
            return [b for b in of if isinstance(b, Binding)]

        return [
            ("Library", bindings(self.BINDINGS)),
            ("Lists", bindings(RowList.BINDINGS)),
            ("Everywhere", bindings(self.app.BINDINGS)),
        ]

    def on_screen_resume(self) -> None:
        """Back from an article: its row may show a new reading position."""
        self.articles.refresh()
