"""Reading the index: the article list, the speakers, and the quote search.

The quote search takes what a person types: words, and ``speaker:NAME`` for one speaker
(``speaker:"sergei lavrov"`` for a name with spaces; ``by:`` is the same). Every word
must occur in the quote, the speaker's name or their role; each word of NAME must
begin a word of the speaker's full name (case, accents and honorifics ignored, as when
speakers are merged): ``speaker:lavrov`` and ``speaker:"sergei lav"`` find Sergei Lavrov.

FTS5 finds the candidates: each word as a *prefix* of a word in the text (``"word"*``),
newest first (highest row id), a chunk at a time. Then the core rule
(the one :mod:`reader.core.quote_query` applies for the sidebar and ``reader quotes``:
every word in :func:`reader.core.search.haystack` of text, name and role) decides each
candidate, and :func:`reader.core.search.find_spans` highlights it. So the
library finds what the core rule finds, among the quotes where each word begins a word
(``bola`` finds "bola" and "bolanya" but not "ebola"). Results stop at ``limit``:
a word in half the quotes still costs one chunk, not a ranking of all of them.
"""

from __future__ import annotations

import re
import sqlite3
from typing import NamedTuple

from reader.core.index.names import person_key
from reader.core.index.store import NEWEST_FIRST
from reader.core.search import contains_all, haystack, normalise, terms

#: Candidates fetched from FTS5 at a time.
CHUNK = 400
#: Above every row id.
_TOP = 2**63 - 1
#: A speaker with at most this many quotes is searched directly, without FTS5.
SMALL_SPEAKER = 4000

_SPEAKER_FIELD = re.compile(r'(?:^|\s)(?:speaker|by):(?:"([^"]*)"?|(\S*))', re.IGNORECASE)


class ArticleRow(NamedTuple):
    """One file of the library as the index has it (``error`` set when it is broken).

    Named tuples, not dataclasses: the screen reads 10,000 of these before its first
    paint, and a tuple is built several times faster than a frozen dataclass.
    """

    row: int
    path: str
    title: str
    source: str
    date: str | None
    language: str | None
    quotes: int
    speakers: int
    blocks: int
    article_id: str | None
    error: str | None
    #: The article's section ids in order, one per line (how far a reader got is told
    #: from the section their saved position is in).
    sections: str

    def progress(self, section: str | None) -> tuple[int, int] | None:
        """(section number, of how many) for a reading position in ``section``."""
        ids = self.sections.split("\n") if self.sections else []
        if section is None or section not in ids:
            return None
        return ids.index(section) + 1, len(ids)


class PersonRow(NamedTuple):
    """One speaker across the library: every article's spelling merged into one."""

    row: int
    name: str
    role: str | None
    quotes: int
    articles: int


class QuoteHit(NamedTuple):
    """A quote found in the library, with what is needed to show it and open it."""

    row: int
    quote_id: str
    text: str
    name: str
    role: str
    person: int
    article: int
    path: str
    title: str
    section: str
    paragraph: int
    kind: str
    article_id: str


class QuoteQuery(NamedTuple):
    """What a person typed into the quote search, taken apart (a named tuple: made at
    import before the library's first paint, where a dataclass costs ten times more)."""

    words: tuple[str, ...] = ()
    speaker: str | None = None

    @property
    def empty(self) -> bool:
        return not self.words and not self.speaker

    @property
    def text(self) -> str:
        return " ".join(self.words)


def parse_query(typed: str) -> QuoteQuery:
    """``speaker:lavrov ebola`` → words ("ebola",) and speaker "lavrov"."""
    speaker: str | None = None
    for match in _SPEAKER_FIELD.finditer(typed):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        if value and value.strip():
            speaker = value.strip()
    rest = _SPEAKER_FIELD.sub(" ", typed)
    return QuoteQuery(tuple(terms(rest)), speaker)


#: Every column of an :class:`ArticleRow`, in its order.
_ARTICLE_ROWS = (
    "SELECT id, path, title, source, date, language, quotes, speakers, blocks,"
    " article_id, error, sections FROM articles"
)


def list_articles(conn: sqlite3.Connection) -> list[ArticleRow]:
    """Every file of the library, newest first (undated last), the library's opening
    order: SQLite walks its index in that order, so the screen never sorts by date."""
    return [ArticleRow(*row) for row in conn.execute(f"{_ARTICLE_ROWS} ORDER BY {NEWEST_FIRST}")]


def newest_articles(conn: sqlite3.Connection, limit: int) -> list[ArticleRow]:
    """The first ``limit`` files in the library's default order: newest first by date,
    undated last (the order the screen sorts by date in), to paint one screen at once."""
    return [
        ArticleRow(*row)
        for row in conn.execute(
            f"{_ARTICLE_ROWS} ORDER BY {NEWEST_FIRST} LIMIT ?",
            (limit,),
        )
    ]


def count_articles(conn: sqlite3.Connection) -> tuple[int, int]:
    """(articles that load, broken files) in the library."""
    total, broken = conn.execute(
        "SELECT (SELECT count(*) FROM articles),"
        " (SELECT count(*) FROM articles WHERE error IS NOT NULL)"  # the broken files' index
    ).fetchone()
    return int(total) - int(broken), int(broken)


def list_persons(conn: sqlite3.Connection) -> list[PersonRow]:
    """Every speaker with their number of quotes and of articles, most quoted first."""
    return [
        PersonRow(*row)
        for row in conn.execute(
            "SELECT id, name, role, quotes, articles FROM persons"
            " WHERE quotes > 0 ORDER BY quotes DESC, name"
        )
    ]


_HIT = (
    "SELECT q.id, q.quote_id, q.text, q.name, q.role, q.person, q.article, a.path, a.title,"
    " q.section, q.paragraph, q.kind, a.article_id"
    " FROM quotes q JOIN articles a ON a.id = q.article"
)


def person_quotes(conn: sqlite3.Connection, person: int, limit: int = 10_000) -> list[QuoteHit]:
    """The quotes of one speaker (a :class:`PersonRow`'s ``row``), newest first."""
    rows = conn.execute(f"{_HIT} WHERE q.person = ? ORDER BY q.id DESC LIMIT ?", (person, limit))
    return [QuoteHit(*row) for row in rows]


def matching_persons(conn: sqlite3.Connection, name: str) -> list[int]:
    """The speakers whose merged full name has words starting with each word of ``name``.

    ``lavrov`` and ``sergei lav`` find "Sergei Lavrov"; ``anna`` does not find
    "Maria Lannalandevri". Case, accents and honorifics are ignored, as in merging.
    """
    words = person_key(name).split() or normalise(name).split()
    if not words:
        return []
    where = " AND ".join("instr(' ' || key, ?) > 0" for _ in words)
    return [
        row
        for (row,) in conn.execute(
            f"SELECT id FROM persons WHERE {where}", tuple(" " + w for w in words)
        )
    ]


def fts_expression(words: tuple[str, ...]) -> str | None:
    """The FTS5 query for ``words``: each a quoted prefix (None if no word has a letter)."""
    parts = [
        '"' + word.replace('"', '""') + '"*' for word in words if any(c.isalnum() for c in word)
    ]
    return " AND ".join(parts) if parts else None


def search_quotes(
    conn: sqlite3.Connection, query: QuoteQuery, limit: int = 200
) -> tuple[list[QuoteHit], bool]:
    """Quotes matching ``query``, newest first, at most ``limit``; and whether there are more."""
    if query.empty:
        return [], False
    persons: list[int] | None = None
    if query.speaker:
        persons = matching_persons(conn, query.speaker)
        if not persons:
            return [], False
    expression = fts_expression(query.words)
    if persons is not None:
        few = _few_quotes(conn, persons)
        if expression is None or few:
            return _scan_persons(conn, query, persons, few, limit)
    if expression is None:
        return [], False
    return _scan_fts(conn, query, expression, persons, limit)


def _accept(query: QuoteQuery, hit: QuoteHit) -> bool:
    """The core rule, as :class:`reader.core.quote_query.QuoteIndex` applies it to an
    article's quotes: every word in the folded quote text, speaker name and role."""
    return contains_all(haystack(hit.text, hit.name, hit.role), query.words)


def _few_quotes(conn: sqlite3.Connection, persons: list[int]) -> bool:
    marks = ",".join("?" * len(persons))
    (count,) = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM quotes WHERE person IN ({marks}) LIMIT ?)",
        (*persons, SMALL_SPEAKER + 1),
    ).fetchone()
    return bool(count <= SMALL_SPEAKER)


def _scan_persons(
    conn: sqlite3.Connection, query: QuoteQuery, persons: list[int], few: bool, limit: int
) -> tuple[list[QuoteHit], bool]:
    """The quotes of ``persons``, newest first, that the core rule accepts.

    For speakers with few quotes, their quotes are looked up by speaker; for many (a
    half-typed ``speaker:a`` matches hundreds of people), the quotes are walked newest
    first (``+q.person`` keeps SQLite off the speaker index) and the walk stops at ``limit``.
    """
    marks = ",".join("?" * len(persons))
    column = "q.person" if few else "+q.person"
    rows = conn.execute(f"{_HIT} WHERE {column} IN ({marks}) ORDER BY q.id DESC", persons)
    found: list[QuoteHit] = []
    for row in rows:
        hit = QuoteHit(*row)
        if _accept(query, hit):
            if len(found) == limit:
                return found, True
            found.append(hit)
    return found, False


def _scan_fts(
    conn: sqlite3.Connection,
    query: QuoteQuery,
    expression: str,
    persons: list[int] | None,
    limit: int,
) -> tuple[list[QuoteHit], bool]:
    """FTS5 candidates a chunk at a time, newest first, until ``limit`` are accepted."""
    person_filter = ""
    if persons is not None:
        person_filter = f" AND q.person IN ({','.join('?' * len(persons))})"
    found: list[QuoteHit] = []
    below = _TOP
    while True:
        ids = [
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM quote_text WHERE quote_text MATCH ? AND rowid < ?"
                " ORDER BY rowid DESC LIMIT ?",
                (expression, below, CHUNK),
            )
        ]
        if not ids:
            return found, False
        below = ids[-1]
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            f"{_HIT} WHERE q.id IN ({marks}){person_filter} ORDER BY q.id DESC",
            (*ids, *(persons or ())),
        )
        for row in rows:
            hit = QuoteHit(*row)
            if _accept(query, hit):
                if len(found) == limit:
                    return found, True
                found.append(hit)
        if len(ids) < CHUNK:
            return found, False
