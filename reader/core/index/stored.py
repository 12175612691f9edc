"""The articles as the index holds them: each file's quotes and speakers, as model objects.

``reader quotes DIR`` asks the core quote query (:class:`reader.core.quote_query.QuoteIndex`,
the one the sidebar and the library use) of each article of a folder, as it does of one
article file, but without reading the files: the index keeps, per quote, all that the
query and the listing need (the speaker's id, name, role and aliases; the section's
heading). A stored article has its quotes and their speakers, not its text or sections.
"""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass

from reader.core.model import Article, Quote, Speaker


@dataclass(frozen=True)
class StoredArticle:
    """One good file of the library: its path, the article's quotes and speakers, and the
    heading of each quote's section (``None`` for the lead or a section without one)."""

    path: str
    article: Article
    headings: dict[str, str | None]


_ROWS = (
    "SELECT a.path, a.article_id, a.title, a.source, a.date, a.language,"
    " q.quote_id, q.text, q.speaker_id, q.name, q.role, q.aliases, q.section, q.paragraph,"
    " q.kind, q.heading"
    " FROM articles a JOIN quotes q ON q.article = a.id"
    " WHERE a.error IS NULL ORDER BY a.path, q.id"
)


def stored_articles(conn: sqlite3.Connection) -> list[StoredArticle]:
    """Every file with quotes, by path; each article's quotes in the article's order."""
    found: list[StoredArticle] = []
    for path, group in itertools.groupby(conn.execute(_ROWS), key=lambda row: row[0]):
        rows = list(group)
        _path, article_id, title, source, date, language = rows[0][:6]
        speakers: dict[str, Speaker] = {}
        quotes: list[Quote] = []
        headings: dict[str, str | None] = {}
        for row in rows:
            quote_id, text, speaker_id, name, role, aliases, section, paragraph, kind, heading = (
                row[6:]
            )
            if speaker_id not in speakers:
                speakers[speaker_id] = Speaker(
                    speaker_id, name, role or None, tuple(aliases.split("\n")) if aliases else ()
                )
            quotes.append(Quote(quote_id, text, speaker_id, section, paragraph, kind))
            headings[quote_id] = heading
        article = Article(
            id=article_id or "",
            title=title,
            language=language or "",
            source=source,
            date=date,
            speakers=tuple(speakers.values()),
            quotes=tuple(quotes),
        )
        found.append(StoredArticle(path, article, headings))
    return found
