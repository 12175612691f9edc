"""The quotes a reader asked for, as the index holds them, as model objects.

``reader quotes DIR`` asks the core quote query (:class:`reader.core.quote_query.QuoteFilter`,
the rule the sidebar and the library use) of every quote of a folder, as it does of one
article file, but without reading the files: the index keeps, per quote, all that the
query and the listing need (the speaker's id, name, role and aliases; the section's
heading). Each quote is decided from its row; only the articles with a quote that
matches become model objects, holding those quotes and their speakers (not the text, the
sections, nor the quotes left out): at 10,000 articles making every quote an object
took longer than deciding them all.
"""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass
from typing import Any

from reader.core.model import Article, Quote, Speaker
from reader.core.quote_query import QuoteFilter


@dataclass(frozen=True)
class StoredArticle:
    """One good file of the library with quotes asked for: its path, the article with
    those quotes and their speakers, and the heading of each quote's section (``None``
    for the lead or a section without one)."""

    path: str
    article: Article
    headings: dict[str, str | None]


Row = tuple[Any, ...]
"""One quote's row of :data:`_ROWS` (its article's columns first)."""

_ROWS = (
    "SELECT a.path, a.article_id, a.title, a.source, a.date, a.language,"
    " q.quote_id, q.text, q.speaker_id, q.name, q.role, q.aliases, q.section, q.paragraph,"
    " q.kind, q.heading"
    " FROM articles a JOIN quotes q ON q.article = a.id"
    " WHERE a.error IS NULL ORDER BY a.path, q.id"
)


def matching_articles(conn: sqlite3.Connection, wanted: QuoteFilter) -> list[StoredArticle]:
    """Every file with a quote ``wanted``, by path; each with those quotes, in its order."""
    found: list[StoredArticle] = []
    # one Speaker per person as the index names them, shared by all their quotes
    speakers: dict[tuple[str, str, str, str], Speaker] = {}
    for path, group in itertools.groupby(conn.execute(_ROWS), key=lambda row: row[0]):
        chosen: list[tuple[Row, Speaker]] = []
        first = None
        for row in group:
            first = first or row
            text, speaker_id, name, role, aliases = row[7:12]
            key = (speaker_id, name, role, aliases)
            if (speaker := speakers.get(key)) is None:
                split = tuple(aliases.split("\n")) if aliases else ()
                speaker = speakers[key] = Speaker(speaker_id, name, role or None, split)
            if wanted.wants(text, speaker):
                chosen.append((row, speaker))
        if chosen and first is not None:
            found.append(_stored(path, first, chosen))
    return found


def _stored(
    path: str,
    first: Row,
    chosen: list[tuple[Row, Speaker]],
) -> StoredArticle:
    _path, article_id, title, source, date, language = first[:6]
    quotes: list[Quote] = []
    headings: dict[str, str | None] = {}
    by_id: dict[str, Speaker] = {}
    for row, speaker in chosen:
        quote_id, text, speaker_id, _n, _r, _a, section, paragraph, kind, heading = row[6:]
        by_id.setdefault(speaker.id, speaker)
        quotes.append(Quote(quote_id, text, speaker_id, section, paragraph, kind))
        headings[quote_id] = heading
    article = Article(
        id=article_id or "",
        title=title,
        language=language or "",
        source=source,
        date=date,
        speakers=tuple(by_id.values()),
        quotes=tuple(quotes),
    )
    return StoredArticle(path, article, headings)
