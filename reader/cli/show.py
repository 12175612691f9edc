"""``reader show``: the whole article as text on stdout, for ``less`` and scripts; for a
folder, one line per article.

On a terminal it is styled with Rich; piped, or with ``NO_COLOR``, it is plain text with
one line per paragraph, so that ``grep`` and friends see whole paragraphs.
Article text is passed to Rich only as ``Text`` objects, never as markup.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    Commands,
    FolderArticles,
    add_article_path,
    wants_style,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from reader.core.model import Article


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "show",
        help="print an article as text; for a folder, list its articles",
        description="Print the whole article: styled on a terminal, plain text when piped "
        "or with NO_COLOR. Given a folder, list its articles instead, one line each "
        "(file: title — source, date, quotes).",
    )
    add_article_path(parser)


def run(ns: argparse.Namespace) -> int:
    from reader.core.format import load_article
    from reader.resources import default_article

    path = ns.path or default_article()
    if path.is_dir():
        return list_folder(path)
    print_article(load_article(path), sys.stdout, styled=wants_style(sys.stdout))
    return EXIT_OK


def list_folder(folder: Path) -> int:
    """One line per article of ``folder`` (bad files reported on stderr: exit 1)."""
    from reader.core.files import shown

    articles = FolderArticles(folder)
    for path, article in articles:
        sys.stdout.write(f"{shown(path)}: {article_line(article)}\n")
    return EXIT_BAD_INPUT if articles.failed else EXIT_OK


def article_line(article: Article) -> str:
    """An article in one line: title — source, date (N quotes)."""
    from reader.core.text import one_line

    where = ", ".join(one_line(x) for x in (article.source, article.date) if x)
    count = len(article.quotes)
    return f"{one_line(article.title)} — {where} ({count} quote{'' if count == 1 else 's'})"


def plain_article(article: Article) -> str:
    """The article as plain text: headings, paragraphs and footer, quotes unmarked."""
    from reader.core.labels import label
    from reader.core.text import one_line

    photo = label("photo", article.language)

    lines = [one_line(article.title), "=" * min(len(one_line(article.title)), 79), ""]
    meta = " · ".join(x for x in (article.source, article.date, article.url) if x)
    lines += [one_line(meta), ""]
    for figure in article.figures:
        credit = f" ({photo}: {one_line(figure.credit)})" if figure.credit else ""
        lines += [f"[{one_line(figure.caption)}{credit}]", ""]
    if article.lead:
        lines += [one_line(article.lead), ""]
    for section in article.sections:
        if section.heading:
            lines += [f"## {one_line(section.heading)}", ""]
        for paragraph in section.paragraphs:
            lines += [one_line(paragraph), ""]
    footer = article.footer
    if footer.copyright or footer.cookie:
        lines += ["---"]
        if footer.copyright:
            lines.append(one_line(footer.copyright))
        if footer.cookie:
            lines.append(one_line(footer.cookie.text))
    return "\n".join(lines).rstrip() + "\n"


def _paragraph(article: Article, section_id: str, index: int, text: str) -> Text:
    from rich.text import Text

    from reader.core.text import one_line

    styled = Text(one_line(text))
    flat = one_line(text)
    for quote in article.quotes_in(section_id, index):
        start = flat.find(one_line(quote.text))
        if start >= 0:
            styled.stylize("italic cyan", start, start + len(one_line(quote.text)))
    return styled


def rich_article(article: Article) -> RenderableType:
    """The article as Rich renderables, quotes highlighted, with a speaker legend."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from reader.core.labels import label
    from reader.core.model import LEAD
    from reader.core.text import one_line

    photo = label("photo", article.language)

    parts: list[RenderableType] = [Text(one_line(article.title), style="bold")]
    meta = " · ".join(x for x in (article.source, article.date, article.url) if x)
    parts.append(Text(one_line(meta), style="dim"))
    parts.append(Text())
    for figure in article.figures:
        caption = Text(one_line(figure.caption), style="italic dim")
        if figure.credit:
            caption.append(f"  {photo}: {one_line(figure.credit)}", style="dim")
        parts += [Padding(caption, (0, 2)), Text()]
    if article.lead:
        lead = _paragraph(article, LEAD, 0, article.lead)
        lead.stylize("bold")
        parts += [lead, Text()]
    for section in article.sections:
        if section.heading:
            parts += [Text(one_line(section.heading), style="bold underline"), Text()]
        for index, paragraph in enumerate(section.paragraphs):
            parts += [_paragraph(article, section.id, index, paragraph), Text()]
    if article.footer.copyright or article.footer.cookie:
        parts.append(Rule(style="dim"))
        if article.footer.copyright:
            parts.append(Text(one_line(article.footer.copyright), style="dim"))
        if article.footer.cookie:
            parts.append(Text(one_line(article.footer.cookie.text), style="dim"))
    return Group(*parts)


def print_article(article: Article, stream: TextIO, *, styled: bool) -> None:
    """Write the article to ``stream``: Rich-styled, or plain text for pipes and scripts."""
    from rich.console import Console

    if not styled:
        stream.write(plain_article(article))
        return
    console = Console(file=stream, highlight=False, soft_wrap=False)
    width = min(console.width, 100)
    console.print(rich_article(article), width=width)
