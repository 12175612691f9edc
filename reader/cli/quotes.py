"""``reader quotes``: every quotation with its speaker, filtered, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from reader.core.model import Article, Quote
from reader.core.quote_query import QuoteIndex
from reader.core.text import one_line


def select_quotes(
    article: Article, speaker: str | None = None, search: str | None = None
) -> list[Quote]:
    """The quotes of ``article`` said by ``speaker`` and matching every word of ``search``.

    The core quote query decides (:class:`reader.core.quote_query.QuoteIndex`), the one
    the sidebar and the library use, so they all find the same quotes.
    """
    chosen = QuoteIndex(article).select(speaker=speaker, query=search or "")
    return [article.quotes[index] for index in chosen]


def quote_record(article: Article, quote: Quote) -> dict[str, Any]:
    """One quote as JSON-ready data, with its speaker and where it stands."""
    who = article.speaker(quote.speaker)
    heading = None
    if quote.section != "lead":
        heading = article.section(quote.section).heading
    return {
        "id": quote.id,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": {"id": who.id, "name": who.name, "role": who.role},
        "section": quote.section,
        "heading": heading,
        "paragraph": quote.paragraph,
    }


def quotes_json(article: Article, quotes: list[Quote]) -> str:
    data = {
        "article": article.id,
        "title": article.title,
        "quotes": [quote_record(article, q) for q in quotes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def quotes_text(article: Article, quotes: list[Quote]) -> str:
    lines: list[str] = []
    for quote in quotes:
        who = article.speaker(quote.speaker)
        kind = "" if quote.kind == "direct" else " (indirect)"
        lines.append(f"{quote.id}  {one_line(who.label)}{kind}")
        lines.append(f"    “{one_line(quote.text)}”")
    return "\n".join(lines) + ("\n" if lines else "")
