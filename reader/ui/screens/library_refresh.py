"""Keeping the library's index up to date with its folder, off the UI thread.

:class:`LibraryRefresh` is a base of :class:`reader.ui.screens.library.LibraryScreen`.
A refresh runs in one background thread (``r`` starts it again, cancelling the one
running). It reads every row of the index there first when the screen has only its
first page, sends the rows over in every order (sorted in the thread: see
:mod:`reader.ui.screens.library_rows`) once a second while a long refresh writes batches
and once when it ends, and reports what it could not do as a notification, never as an
error: a library whose index cannot be updated still shows what the index has.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.core.errors import ReaderError
from reader.core.index import Progress, RefreshResult
from reader.ui.screens.library_rows import RowOrders
from reader.ui.screens.library_search import LibrarySearch
from reader.ui.widgets.library_lists import SORTS, ArticleList

if TYPE_CHECKING:
    from reader.core.index import ArticleRow


class LibraryRefresh(LibrarySearch):
    """The index brought up to date in a thread, and its rows handed to the table."""

    #: Seconds between reloads of the table while a long refresh is writing batches.
    RELOAD_EVERY = 1.0

    _refreshing: bool
    #: Whether every row has been read (the first paint reads one screenful).
    _all_read: bool

    if TYPE_CHECKING:

        @property
        def all_rows(self) -> list[ArticleRow]: ...

        def reload_articles(self, orders: RowOrders | None = None) -> None: ...

        def _show_empty(self, empty: bool) -> None: ...

    @property
    def articles(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    def action_refresh_index(self) -> None:
        self.refresh_index()

    def refresh_index(self, *, read_rows: bool = False) -> None:
        """Bring the index up to date with the folder, in a background thread (which
        first reads every row of the index for the table, if ``read_rows``)."""
        self._refreshing = True
        self._set_progress("Checking for changes…")
        # rows not read yet (a first refresh cancelled by this one): read here, in the thread
        self._refresh_worker(read_rows or not self._all_read)

    @work(thread=True, exclusive=True, group="library-refresh", exit_on_error=False)
    def _refresh_worker(self, read_rows: bool = False) -> None:
        # Rows are read and sorted here, never on the UI thread: at 100,000 articles that
        # is a second the keys should not wait for (see library_rows).
        worker = get_current_worker()

        def send_rows(sorts: Iterable[str]) -> bool:
            try:
                orders = RowOrders(self.index.articles()).prepare(sorts)
            except sqlite3.Error:
                return False  # the refresh meets it too, and says so
            if worker.is_cancelled:
                return False
            self.app.call_from_thread(self.reload_articles, orders)
            return True

        if read_rows:
            send_rows(SORTS)
        last_sent = time.monotonic()

        def progress(step: Progress) -> None:
            nonlocal last_sent
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._progress, step)
            if (
                step.total
                and step.done < step.total
                and time.monotonic() - last_sent >= self.RELOAD_EVERY
            ):
                send_rows([self.articles.sort])  # a long refresh: what it wrote so far
                last_sent = time.monotonic()

        try:
            result: RefreshResult | str = self.index.refresh(
                progress, should_stop=lambda: worker.is_cancelled
            )
        except (ReaderError, sqlite3.Error, OSError) as exc:
            result = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        changed = not isinstance(result, str) and bool(result.read or result.removed)
        sent = changed and send_rows(SORTS)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._refreshed, result, changed=changed, rows_sent=sent)

    def _progress(self, step: Progress) -> None:
        if step.total:
            self._set_progress(f"Indexing {step.done:,} / {step.total:,}")

    def _refreshed(self, result: RefreshResult | str, *, changed: bool, rows_sent: bool) -> None:
        self._refreshing = False
        if isinstance(result, str):
            self._set_progress("Index not updated")
            self.notify(result, title="Library", severity="warning", markup=False)
        else:
            self._set_progress("")
        # every row, here, if the thread could not send them (its first read of them was
        # cut short by a refresh asked for again at once, or failed)
        if (changed and not rows_sent) or not self._all_read:
            with contextlib.suppress(sqlite3.Error):
                self.reload_articles()
        if changed and self._persons_loaded:
            self.reload_persons()
        self._show_empty(not self.all_rows)
        self._report_notes()

    def _set_progress(self, text: str) -> None:
        self.query_one("#library-progress", Static).update(Content(text))

    def _report_notes(self) -> None:
        notes, self.index.notes = self.index.notes, []
        for note in notes:
            self.notify(note, title="Library", severity="warning", markup=False)
