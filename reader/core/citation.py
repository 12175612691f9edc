"""Quotes and articles as one cites them: the full reference beside the short form.

The short form, “text” — Name, role, is ``reader.core.quote_query.citation`` (what
``c`` copies in the quote sidebar). ``full_citation`` adds where it was said: the
article's title, source, date and URL, as a reader pasting it into notes or a paper
needs it; ``article_citation`` is that reference alone. Both are one line of clean text
(no control characters, tabs or line breaks), whatever the article holds.
"""

from __future__ import annotations

from reader.core.model import Article, Quote
from reader.core.quote_query import citation
from reader.core.text import one_line

__all__ = ["article_citation", "citation", "full_citation"]


def article_citation(article: Article) -> str:
    """The article as a reference: “Title”, Source, date, URL (those it has)."""
    parts = [f"“{one_line(article.title)}”", one_line(article.source)]
    parts += [one_line(x) for x in (article.date, article.url) if x]
    return ", ".join(p for p in parts if p)


def full_citation(quote: Quote, article: Article) -> str:
    """A quote with who said it and where: “text” — Name, role. In: “Title”, Source, …"""
    return f"{one_line(citation(quote, article))}. In: {article_citation(article)}"
