"""The article table's rows in each of its orders, made off the UI thread.

The index hands every row over newest first (``ORDER BY`` in SQLite, walking an index:
no sort in Python, and SQLite lets go of the interpreter while it reads). The title and
source orders are sorted from that once, in the refresh's thread, before the rows reach
the screen: sorting 100,000 rows takes ~0.2 s, which on the UI thread would hold back
every key pressed meanwhile. Switching the sort is then picking a list, not sorting one.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.index import ArticleRow
from reader.ui.widgets.library_lists import SORTS


def sort_rows(rows: Iterable[ArticleRow], sort: str) -> list[ArticleRow]:
    """Newest first by date (undated last); A→Z by title; by source, newest first within.

    The date order is the index's (:data:`reader.core.index.store.NEWEST_FIRST`): both
    must agree, and tests/core/test_index.py checks that they do.
    """
    if sort == "title":
        return sorted(rows, key=lambda r: (r.title.casefold(), r.path))
    by_date = sorted(rows, key=lambda r: (r.date or "", r.path), reverse=True)
    if sort == "source":
        return sorted(by_date, key=lambda r: r.source.casefold())
    return sorted(by_date, key=lambda r: r.date is None)  # stable: undated last


class RowOrders:
    """Every row of the library (``by_date``: newest first, as the index gives them),
    and the same rows in each other order, each sorted the first time it is wanted."""

    def __init__(self, by_date: list[ArticleRow]) -> None:
        self.rows = by_date
        self._orders: dict[str, list[ArticleRow]] = {"date": by_date}
        #: Files that do not load, counted where the rows are read (a worker thread).
        self.broken = sum(1 for r in by_date if r.error is not None)

    def get(self, sort: str) -> list[ArticleRow]:
        """The rows in ``sort`` order (sorted now if that was not done before)."""
        order = self._orders.get(sort)
        if order is None:
            if sort == "source":  # by source, newest first within: stable over the date order
                order = sorted(self.rows, key=lambda r: r.source.casefold())
            else:
                order = sort_rows(self.rows, sort)
            self._orders[sort] = order
        return order

    def prepare(self, sorts: Iterable[str] = SORTS) -> RowOrders:
        """Sort the rows in each of ``sorts`` now (in a worker thread): see the module."""
        for sort in sorts:
            self.get(sort)
        return self
