"""The library's three lists: articles (a table), quotes found, and speakers.

Each is a :class:`~reader.ui.widgets.rows.RowList` over a Python list the screen hands
it (already filtered and sorted), so showing 10,000 articles, or the next keystroke's
results, is a new list and a refresh of the lines on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual.message import Message

from reader.core.index import ArticleRow, PersonRow, QuoteHit
from reader.core.search import find_spans
from reader.core.text import one_line
from reader.ui.widgets.rows import Piece, RowList, fit

#: (heading, width) of the article table's fixed columns, after title and source.
FIXED_COLUMNS = (("Date", 10), ("Lang", 4), ("Quotes", 6), ("Speakers", 8), ("Read", 5))
#: Sort keys in the order ``o`` cycles through them, with the column each sorts by.
SORTS = ("date", "title", "source")


def column_widths(width: int) -> tuple[int, int]:
    """Widths of the title and source columns when the table is ``width`` cells wide."""
    fixed = sum(w + 1 for _, w in FIXED_COLUMNS)
    rest = max(0, width - fixed - 2)  # two more separators: after title and source
    source = max(6, min(24, rest // 4))
    return max(0, rest - source), source


class ArticleList(RowList):
    """The library's articles as a table: title, source, date, language, counts, read."""

    header_height = 1

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ArticleRow] = []
        self.sort = "date"
        #: How far the reader got in an article: "" when unread (set by the screen).
        self.read_state: Callable[[ArticleRow], str] = lambda _row: ""

    def show(self, rows: list[ArticleRow], cursor: int | None = None) -> None:
        self.rows = rows
        self.set_count(len(rows), cursor)

    @property
    def current(self) -> ArticleRow | None:
        return self.rows[self.cursor] if self.rows else None

    def render_header(self, line: int, width: int) -> list[Piece]:
        title, source = column_widths(width)
        strong = self.component_style("strong")
        dim = self.component_style("dim")
        names = [("Title", title), ("Source", source), *FIXED_COLUMNS]
        pieces: list[Piece] = []
        for name, cells in names:
            marked = name.lower() == self.sort
            label = f"{name} ▼" if marked and self.sort == "date" else name
            label = f"{name} ▲" if marked and self.sort != "date" else label
            pieces.append((fit(label, cells) + " ", strong if marked else dim))
        return pieces

    def header_clicked(self, x: int) -> None:
        title, source = column_widths(self.size.width)
        where = {"title": (0, title), "source": (title + 1, title + 1 + source)}
        where["date"] = (title + source + 2, title + source + 12)
        for name, (start, end) in where.items():
            if start <= x < end:
                self.post_message(self.SortChosen(self, name))

    class SortChosen(Message):
        """A column heading was clicked: sort by it (``sort``)."""

        def __init__(self, rows: ArticleList, sort: str) -> None:
            super().__init__()
            self.rows = rows
            self.sort = sort

        @property
        def control(self) -> ArticleList:
            return self.rows

    def render_row(self, index: int, line: int, width: int, cursor: bool) -> list[Piece]:
        row = self.rows[index]
        title_cells, source_cells = column_widths(width)
        if row.error is not None:
            error = self.component_style("error")
            rest = width - title_cells - 1
            return [
                (fit(row.title, title_cells) + " ", error),
                (fit("broken: " + one_line(row.error), rest), error),
            ]
        dim = self.component_style("dim")
        read = self.read_state(row)
        return [
            (fit(row.title, title_cells) + " ", None),
            (fit(row.source, source_cells) + " ", dim),
            (fit(row.date or "", 10) + " ", None),
            (fit(row.language or "", 4) + " ", dim),
            (f"{row.quotes:>6} ", None),
            (f"{row.speakers:>8} ", None),
            (fit(read or "new", 5), self.component_style("strong") if read else dim),
        ]


class QuoteList(RowList):
    """Quotes found across the library: the quote, then who said it and where."""

    row_height = 2

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[QuoteHit] = []
        self.words: Sequence[str] = ()

    def show(self, hits: list[QuoteHit], words: Sequence[str] = (), cursor: int = 0) -> None:
        self.hits = hits
        self.words = words
        self.set_count(len(hits), cursor)

    @property
    def current(self) -> QuoteHit | None:
        return self.hits[self.cursor] if self.hits else None

    def render_row(self, index: int, line: int, width: int, cursor: bool) -> list[Piece]:
        hit = self.hits[index]
        if line == 0:
            return self._quote_line(one_line(hit.text), width, cursor)
        who = one_line(hit.name) + (f", {one_line(hit.role)}" if hit.role else "")
        strong = self.component_style("strong")
        dim = self.component_style("dim")
        title = one_line(hit.title)
        room = max(0, width - 4)
        who_cells = min(len(who), max(room // 2, room - len(title) - 3))
        return [
            ("   — ", dim),
            # words are matched in the speaker's name and role too: marked there as well
            *self._marked(fit(who, who_cells), strong, cursor),
            (fit(" · " + title, max(0, room - who_cells - 1)), dim),
        ]

    def _quote_line(self, text: str, width: int, cursor: bool) -> list[Piece]:
        """“The quote” on one line, cut to ``width``, the searched words marked.

        A quote whose first match lies past the cut is shown from a little before it,
        after "…": a result must show why it was found.
        """
        quoted = f"“{text}”"
        spans = find_spans(quoted, self.words) if self.words else []
        if spans and cell_len(quoted[: spans[0][1]]) > width - 1:
            # a third of the row before the match, or as much as fills the row to the end
            start = max(1, min(spans[0][0] - width // 3, len(quoted) - width + 1))
            quoted = "…" + quoted[start:].lstrip()
        return self._marked(fit(quoted, width).rstrip(), None, cursor)

    def _marked(self, shown: str, style: Style | None, cursor: bool) -> list[Piece]:
        """``shown`` in ``style``, the searched words in the match style (one of their own
        on the cursor's row, whose colours would otherwise hide them)."""
        spans = find_spans(shown, self.words) if self.words else []
        match: Style = self.component_style("cursor-match" if cursor else "match")
        pieces: list[Piece] = []
        at = 0
        for start, end in spans:
            pieces.append((shown[at:start], style))
            pieces.append((shown[start:end], match))
            at = end
        pieces.append((shown[at:], style))
        return pieces


class SpeakerList(RowList):
    """Everyone quoted in the library, once each, with their quotes and articles."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.persons: list[PersonRow] = []

    def show(self, persons: list[PersonRow], cursor: int | None = None) -> None:
        self.persons = persons
        self.set_count(len(persons), cursor)

    @property
    def current(self) -> PersonRow | None:
        return self.persons[self.cursor] if self.persons else None

    COUNTS: ClassVar[int] = 26

    def render_row(self, index: int, line: int, width: int, cursor: bool) -> list[Piece]:
        person = self.persons[index]
        quotes = "quote" if person.quotes == 1 else "quotes"
        articles = "article" if person.articles == 1 else "articles"
        counts = f"{person.quotes} {quotes} · {person.articles} {articles}"
        room = max(0, width - self.COUNTS - 1)
        name = one_line(person.name)
        role = f" — {one_line(person.role)}" if person.role else ""
        name_cells = min(len(name), room)
        return [
            (fit(name, name_cells), self.component_style("strong")),
            (fit(role, room - name_cells) + " ", self.component_style("dim")),
            (counts[: self.COUNTS].rjust(self.COUNTS), None),
        ]
