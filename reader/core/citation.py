"""Quotes and articles as one cites them: the short form and the full reference.

``citation`` is what ``c`` copies from the quote sidebar: “text” — Name, role.
``full_citation`` adds where it was said: the article's title, source, date and URL, as
a reader pasting it into notes or a paper needs it; ``article_citation`` is that
reference alone. All three are one line of clean text (no control characters, tabs or
line breaks), whatever the article holds.
"""

from __future__ import annotations

from reader.core.model import Article, Quote
from reader.core.text import one_line


def citation(quote: Quote, article: Article) -> str:
    """A quote as one cites it: “text” — Name, role (the whole name and role, cleaned)."""
    try:
        speaker = article.speaker(quote.speaker)
    except KeyError:  # an article built in code need not list every speaker
        return f"“{one_line(quote.text)}” — {one_line(quote.speaker)}"
    who = one_line(speaker.name)
    if speaker.role:
        who += f", {one_line(speaker.role)}"
    return f"“{one_line(quote.text)}” — {who}"


def article_citation(article: Article) -> str:
    """The article as a reference: “Title”, Source, date, URL (those it has)."""
    parts = [f"“{one_line(article.title)}”", one_line(article.source)]
    parts += [one_line(x) for x in (article.date, article.url) if x]
    return ", ".join(p for p in parts if p)


def full_citation(quote: Quote, article: Article) -> str:
    """A quote with who said it and where: “text” — Name, role. In: “Title”, Source, …"""
    return f"{citation(quote, article)}. In: {article_citation(article)}"
