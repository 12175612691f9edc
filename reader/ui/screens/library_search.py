"""The library's two search tabs: quotes across the library, and its speakers.

:class:`LibrarySearch` is the base of :class:`reader.ui.screens.library.LibraryScreen`: it
holds the tab shown, the fields mounted when first wanted, the quote search
(``speaker:NAME words``, one query in :mod:`reader.core.quote_query` via the index) and
the speakers list with each person's quotes. Opening an article is the screen's job
(``open_path``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from reader.core.index import LibraryIndex, PersonRow
from reader.core.index import parse_query as parse_quote_query
from reader.core.text import one_line, visible
from reader.ui.widgets.library_lists import QuoteList, SpeakerList
from reader.ui.widgets.rows import RowList

if TYPE_CHECKING:
    # Input is mounted only when a field is first used; its module is loaded then too
    from textual.widgets import Input

#: Most quotes listed for one search.
RESULTS = 200
SEARCH_HINT = "Words and speaker:NAME, e.g. speaker:lavrov ebola"


class LibrarySearch(Screen[None]):
    """Quote search and speakers over the library index (the screen's search tabs)."""

    index: LibraryIndex
    _persons_loaded: bool

    #: The tab shown: "articles", "quotes" or "speakers".
    active_tab: reactive[str] = reactive("articles", init=False)

    if TYPE_CHECKING:

        def open_path(self, path: str, quote_id: str | None = None) -> None: ...

    def search_panes(self) -> None:
        """Mount the quote search and speakers tabs, hidden, unless they are there.

        They are not on the first screen, so the screen builds them just after its first
        paint (one slice of a few milliseconds), or when a key asks for them sooner.
        """
        if self.query("#quotes-pane"):
            return
        quotes = Vertical(
            Static(Content(SEARCH_HINT), id="quote-status"),
            QuoteList(id="quote-results"),
            id="quotes-pane",
            classes="library-pane",
        )
        speaker_quotes = QuoteList(id="speaker-quotes")
        speaker_quotes.display = False
        speakers = Vertical(
            Static(Content(""), id="speaker-status"),
            SpeakerList(id="speakers"),
            speaker_quotes,
            id="speakers-pane",
            classes="library-pane",
        )
        quotes.display = speakers.display = False
        self.mount(quotes, speakers, after="#articles-pane")

    def _field(self, pane: str, field_id: str, placeholder: str) -> Input:
        """The pane's text field, mounted the first time it is wanted."""
        from textual.widgets import Input

        found = self.query(f"#{field_id}").results(Input)
        field = next(found, None)
        if field is None:
            field = Input(placeholder=placeholder, id=field_id, compact=True)
            container = self.query_one(f"#{pane}-pane")
            container.mount(field, before=0)
        return field

    def shown_path(self, path: str) -> str:
        """A file's name if it is in the library folder, else its whole path (one line)."""
        where = Path(path)
        folder = self.index.folder
        if folder is not None and where.parent == folder.resolve():
            return visible(where.name, keep_newlines=False)
        return visible(path, keep_newlines=False)

    # -- quotes ----------------------------------------------------------------------

    def action_search_quotes(self) -> None:
        self.active_tab = "quotes"
        self._field("quotes", "quote-search", f"Search quotes: {SEARCH_HINT}").focus()

    def search_quotes(self, typed: str) -> None:
        """Run the quote search for what is typed and show the results."""
        query = parse_quote_query(typed)
        self.search_panes()
        status = self.query_one("#quote-status", Static)
        results = self.query_one("#quote-results", QuoteList)
        if query.empty:
            results.show([], ())
            status.update(Content(SEARCH_HINT))
            return
        try:
            hits, more = self.index.search(query, limit=RESULTS)
        except sqlite3.Error as exc:
            status.update(Content(f"Search failed: {exc}"))
            return
        results.show(hits, query.words)
        found = f"{len(hits)}+" if more else str(len(hits))
        who = f" by {query.speaker}" if query.speaker else ""
        noun = "quote" if len(hits) == 1 and not more else "quotes"
        order = ", newest first" if len(hits) > 1 else ""
        status.update(Content(f"{found} {noun}{who}{order}"))

    @on(RowList.Highlighted, "#quote-results")
    @on(RowList.Highlighted, "#speaker-quotes")
    def _quote_highlighted(self, event: RowList.Highlighted) -> None:
        assert isinstance(event.rows, QuoteList)
        hit = event.rows.current
        self.query_one("#library-detail", Static).update(
            Content(self.shown_path(hit.path) if hit else "")
        )

    @on(RowList.Chosen, "#quote-results")
    @on(RowList.Chosen, "#speaker-quotes")
    def _quote_chosen(self, event: RowList.Chosen) -> None:
        assert isinstance(event.rows, QuoteList)
        hit = event.rows.hits[event.index]
        self.open_path(hit.path, hit.quote_id)

    # -- speakers --------------------------------------------------------------------

    def reload_persons(self) -> None:
        speakers = self.query_one("#speakers", SpeakerList)
        current = speakers.current
        persons = self.index.persons()
        self._persons_loaded = True
        cursor = next((i for i, p in enumerate(persons) if current and p.row == current.row), 0)
        speakers.show(persons, cursor)
        if not self.query_one("#speaker-quotes").display:
            self._speaker_status()

    def _speaker_status(self) -> None:
        count = self.query_one("#speakers", SpeakerList).count
        noun = "speaker" if count == 1 else "speakers"
        self.query_one("#speaker-status", Static).update(
            Content(f"{count:,} {noun}, most quoted first · Enter lists their quotes")
        )

    @on(RowList.Chosen, "#speakers")
    def _speaker_chosen(self, event: RowList.Chosen) -> None:
        self.show_person(self.query_one("#speakers", SpeakerList).persons[event.index])

    def show_person(self, person: PersonRow) -> None:
        """List every quote of one speaker (Escape goes back to the speakers)."""
        self.active_tab = "speakers"
        speakers = self.query_one("#speakers", SpeakerList)
        speakers.move_to(next((i for i, p in enumerate(speakers.persons) if p == person), 0))
        quotes = self.query_one("#speaker-quotes", QuoteList)
        quotes.show(self.index.person_quotes(person.row))
        speakers.display = False
        quotes.display = True
        quotes.focus()
        role = f", {one_line(person.role)}" if person.role else ""
        self.query_one("#speaker-status", Static).update(
            Content(
                f"{one_line(person.name)}{role} · {len(quotes.hits)} quotes in "
                f"{person.articles} articles · Esc: all speakers"
            )
        )

    def _close_person(self) -> bool:
        quotes = self.query_one("#speaker-quotes", QuoteList)
        if not quotes.display:
            return False
        quotes.display = False
        speakers = self.query_one("#speakers", SpeakerList)
        speakers.display = True
        speakers.focus()
        self._speaker_status()
        return True
