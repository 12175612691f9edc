"""``reader check [PATH...]``: validate article files (a folder: each of its articles), every
problem with file, line and field."""

from __future__ import annotations

import argparse

from reader.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    Commands,
    add_article_path,
    articles_in,
    report,
)


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "check",
        help="validate article files, or every article in a folder",
        description="Validate article files: every problem with its file, line and field. "
        "A folder is checked article by article (the files reader DIR opens).",
    )
    add_article_path(parser, many=True)


def run(ns: argparse.Namespace) -> int:
    from reader.core.errors import ReaderError
    from reader.core.files import shown
    from reader.core.format import load_article
    from reader.resources import default_article

    failed = 0
    for given in ns.paths or [default_article()]:
        try:
            paths = articles_in(given)
        except ReaderError as exc:
            failed += 1
            report(exc)
            continue
        for path in paths:
            try:
                article = load_article(path)
            except ReaderError as exc:
                failed += 1
                report(exc)
            else:
                quotes = len(article.quotes)
                print(
                    f"{shown(path)}: ok ({len(article.sections)} sections, {quotes} quotes, "
                    f"{len(article.speakers)} speakers)"
                )
    return EXIT_BAD_INPUT if failed else EXIT_OK
