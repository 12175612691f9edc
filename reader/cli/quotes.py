"""``reader quotes``: every quotation with its speaker, filtered, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.cli.common import EXIT_OK, Commands
from reader.core.model import Article, Quote
from reader.core.quote_query import QuoteIndex
from reader.core.text import one_line


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("quotes", help="list quotes with their speakers")
    parser.add_argument(
        "path", nargs="?", type=Path, metavar="PATH", help="(default: the bundled article)"
    )
    parser.add_argument("--speaker", metavar="NAME", help="only this speaker (name, surname or id)")
    parser.add_argument("--search", metavar="WORDS", help="only quotes matching every word")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(ns: argparse.Namespace) -> int:
    from reader.core.articlefile import load_article
    from reader.resources import default_article

    article = load_article(ns.path or default_article())
    chosen = select_quotes(article, ns.speaker, ns.search)
    sys.stdout.write(quotes_json(article, chosen) if ns.json else quotes_text(article, chosen))
    return EXIT_OK


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
