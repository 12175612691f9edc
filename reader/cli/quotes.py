"""``reader quotes``: every quotation with its speaker, filtered, as text or JSON; of one
article, or across the articles of a folder."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reader.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    Commands,
    add_article_path,
    has_articles,
    in_folder,
    report_broken,
)
from reader.core.labels import label
from reader.core.model import Article, Quote
from reader.core.quote_query import QuoteFilter, QuoteIndex
from reader.core.text import one_line


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "quotes",
        help="list quotes with their speakers, of an article or across a folder",
        description="List every quotation with its speaker's name and role, filtered by "
        "speaker and words (case and accents ignored), as text or JSON. Given a folder, "
        "list the quotes of all its articles.",
    )
    add_article_path(parser)
    parser.add_argument("--speaker", metavar="NAME", help="only this speaker (name, surname or id)")
    parser.add_argument("--search", metavar="WORDS", help="only quotes matching every word")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(ns: argparse.Namespace) -> int:
    from reader.core.format import load_article
    from reader.resources import default_article

    path = ns.path or default_article()
    if path.is_dir():
        return _folder(path, ns.speaker, ns.search, as_json=ns.json)
    article = load_article(path)
    chosen = select_quotes(article, ns.speaker, ns.search)
    sys.stdout.write(quotes_json(article, chosen) if ns.json else quotes_text(article, chosen))
    return EXIT_OK


def _folder(folder: Path, speaker: str | None, search: str | None, *, as_json: bool) -> int:
    """The chosen quotes of every article in ``folder`` that has any, from the folder's
    library index (brought up to date first: only new and changed files are read); bad
    files are reported on stderr (exit 1) and the others still listed. Each quote is
    decided from the index's row by the core query (:class:`QuoteFilter`, the rule of
    :func:`select_quotes`); only the articles with matches are made model objects."""
    from reader.cli.index import refreshed_index
    from reader.core.files import shown

    has_articles(folder)  # a folder without articles is an error, as for one file
    index, _result = refreshed_index(folder)
    try:
        stored = index.stored(QuoteFilter(speaker, search or ""))
        broken = sorted(row.path for row in index.articles() if row.error is not None)
    finally:
        index.close()
    report_broken(folder, broken)
    found = [(in_folder(folder, entry.path), entry) for entry in stored]
    if as_json:
        data = {
            "folder": str(folder),
            "articles": [
                {
                    "path": str(path),
                    **_article_record(entry.article, list(entry.article.quotes), entry.headings),
                }
                for path, entry in found
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        for number, (path, entry) in enumerate(found):
            heading = f"{shown(path)}: {one_line(entry.article.title)}"
            sys.stdout.write(("\n" if number else "") + heading + "\n")
            sys.stdout.write(quotes_text(entry.article, list(entry.article.quotes)))
    return EXIT_BAD_INPUT if broken else EXIT_OK


def select_quotes(
    article: Article, speaker: str | None = None, search: str | None = None
) -> list[Quote]:
    """The quotes of ``article`` said by ``speaker`` and matching every word of ``search``.

    The core quote query decides (:class:`reader.core.quote_query.QuoteIndex`), the one
    the sidebar and the library use, so they all find the same quotes.
    """
    chosen = QuoteIndex(article).select(speaker=speaker, query=search or "")
    return [article.quotes[index] for index in chosen]


def quote_record(
    article: Article, quote: Quote, headings: Mapping[str, str | None] | None = None
) -> dict[str, Any]:
    """One quote as JSON-ready data, with its speaker and where it stands (the heading
    from ``headings`` by quote id when given: an article from the index has no sections)."""
    who = article.speaker(quote.speaker)
    heading = None
    if headings is not None:
        heading = headings.get(quote.id)
    elif quote.section != "lead":
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


def _article_record(
    article: Article, quotes: list[Quote], headings: Mapping[str, str | None] | None = None
) -> dict[str, Any]:
    return {
        "article": article.id,
        "title": article.title,
        "quotes": [quote_record(article, q, headings) for q in quotes],
    }


def quotes_json(article: Article, quotes: list[Quote]) -> str:
    return json.dumps(_article_record(article, quotes), ensure_ascii=False, indent=2) + "\n"


def quotes_text(article: Article, quotes: list[Quote]) -> str:
    indirect = label("indirect", article.language)
    lines: list[str] = []
    for quote in quotes:
        who = article.speaker(quote.speaker)
        kind = "" if quote.kind == "direct" else f" ({indirect})"
        lines.append(f"{quote.id}  {one_line(who.label)}{kind}")
        lines.append(f"    “{one_line(quote.text)}”")
    return "\n".join(lines) + ("\n" if lines else "")
