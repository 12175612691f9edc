"""The library index: every article of a folder, its quotes and speakers, in SQLite FTS5.

:class:`LibraryIndex` is what the library screen and the ``index``, ``quotes`` and
``check`` commands use. It opens (or creates) the folder's index in the user cache
folder, answers from it at once, and brings it up to date with :meth:`LibraryIndex.refresh`
(run in a background worker by the screen). It never lets a damaged index stop anything:
a corrupt, truncated or outdated file is thrown away and built again, and a cache folder
that cannot be written means a temporary index for this run. See ``store``, ``update``,
``query`` and ``names`` for the parts.

Each thread gets its own SQLite connection (the screen reads on the UI thread while a
worker thread writes); WAL lets the reads go on during the writes.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core.index.query import (
    ArticleRow,
    PersonRow,
    QuoteHit,
    QuoteQuery,
    count_articles,
    list_articles,
    list_persons,
    newest_articles,
    parse_query,
    person_quotes,
    search_quotes,
)
from reader.core.index.results import Progress, RefreshResult
from reader.core.index.store import connect, index_path, is_damage, open_index, remove_index

if TYPE_CHECKING:
    from reader.core.index.stored import StoredArticle
    from reader.core.quote_query import QuoteFilter

__all__ = [
    "ArticleRow",
    "LibraryIndex",
    "PersonRow",
    "Progress",
    "QuoteHit",
    "QuoteQuery",
    "RefreshResult",
    "parse_query",
]

T = TypeVar("T")

DAMAGED = "the library index was damaged; it is being built again"


def _rebuildable(exc: sqlite3.DatabaseError) -> bool:
    """Damage, or an SQLite file that is not (or no longer) an index."""
    # a table or column missing: an index of the same number but another schema
    return is_damage(exc) or (
        isinstance(exc, sqlite3.OperationalError)
        and ("no such table" in str(exc) or "no such column" in str(exc))
    )


class LibraryIndex:
    """The index of one library folder (plus ``extra`` files listed with it)."""

    def __init__(
        self, folder: Path | None, *, extra: Iterable[Path] = (), path: Path | None = None
    ) -> None:
        self.folder = folder
        self.extra = tuple(extra)
        if path is None:
            anchor = folder if folder is not None else (self.extra or (Path("."),))[0]
            path = index_path(anchor)
        self.path = path
        #: One-line notes for the user (an index rebuilt, a temporary one used).
        self.notes: list[str] = []
        self._lock = threading.Lock()
        self._generation = 0
        self._local = threading.local()
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        self._connections: list[sqlite3.Connection] = []
        self._adopt(self._open_first())

    def _open_first(self) -> sqlite3.Connection:
        try:
            conn, note = open_index(self.path)
        except (OSError, sqlite3.Error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._temporary = tempfile.TemporaryDirectory(prefix="reader-index-")
            self.path = Path(self._temporary.name) / "index.sqlite"
            conn, note = open_index(self.path)
            note = f"cannot keep the library index ({reason}); using a temporary one"
        if note:
            self.notes.append(note)
        return conn

    def _adopt(self, conn: sqlite3.Connection) -> None:
        self._local.conn = (self._generation, conn)
        with self._lock:
            self._connections.append(conn)

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection to the current index file."""
        cached: tuple[int, sqlite3.Connection] | None = getattr(self._local, "conn", None)
        if cached is not None and cached[0] == self._generation:
            return cached[1]
        if cached is not None:
            cached[1].close()
        conn = connect(self.path)
        self._adopt(conn)
        return conn

    def _rebuild(self, seen: int) -> None:
        """Throw the damaged index away and start an empty one (once per damage)."""
        with self._lock:
            if self._generation != seen:
                return  # another thread already did
            remove_index(self.path)
            conn, _note = open_index(self.path)
            conn.close()
            self._generation += 1
            self.notes.append(DAMAGED)

    def _guarded(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``read``; on a damaged index rebuild it and run ``read`` on the new one."""
        seen = self._generation
        try:
            return read(self._conn())
        except sqlite3.DatabaseError as exc:
            if not _rebuildable(exc):
                raise
        self._rebuild(seen)
        return read(self._conn())

    # -- reading ---------------------------------------------------------------------

    def articles(self) -> list[ArticleRow]:
        """Every file, newest first (undated last): the library's opening order."""
        return self._guarded(list_articles)

    def newest(self, limit: int) -> list[ArticleRow]:
        """The first ``limit`` files, newest first (undated last): a screenful, fast."""
        return self._guarded(lambda conn: newest_articles(conn, limit))

    def counts(self) -> tuple[int, int]:
        """(articles that load, broken files)."""
        return self._guarded(count_articles)

    def stored(self, wanted: QuoteFilter) -> list[StoredArticle]:
        """Every good file with a quote ``wanted``, by path, with those quotes as model
        objects (``reader quotes DIR``; see :mod:`reader.core.index.stored`)."""
        from reader.core.index.stored import matching_articles  # the model: not for the screen

        return self._guarded(lambda conn: matching_articles(conn, wanted))

    def persons(self) -> list[PersonRow]:
        return self._guarded(list_persons)

    def person_quotes(self, person: int) -> list[QuoteHit]:
        return self._guarded(lambda conn: person_quotes(conn, person))

    def search(self, query: QuoteQuery | str, limit: int = 200) -> tuple[list[QuoteHit], bool]:
        """Quotes matching ``query`` (typed text or parsed), newest first; and "more?"."""
        parsed = parse_query(query) if isinstance(query, str) else query
        return self._guarded(lambda conn: search_quotes(conn, parsed, limit))

    @property
    def generation(self) -> int:
        """Goes up each time a damaged index is rebuilt (a refresh then starts over)."""
        return self._generation

    # -- writing ---------------------------------------------------------------------

    def refresh(
        self,
        progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> RefreshResult:
        """Bring the index up to date with the folder (see :func:`update.refresh`).

        A damaged index found on the way is rebuilt and the refresh starts over on it.
        Raises ReaderError when the folder cannot be listed.
        """

        from reader.core.index.update import refresh  # the loader and YAML: only now

        def run(conn: sqlite3.Connection) -> RefreshResult:
            return refresh(
                conn, self.folder, extra=self.extra, progress=progress, should_stop=should_stop
            )

        return self._guarded(run)

    def close(self) -> None:
        """Close every connection this index opened (any thread's)."""
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None
