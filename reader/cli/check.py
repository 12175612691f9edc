"""``reader check [PATH...]``: validate article files (a folder: each of its articles), every
problem with file, line and field."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    Commands,
    add_article_path,
    articles_in,
    in_folder,
    report,
    report_broken,
)


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "check",
        help="validate article files, or every article in a folder",
        description="Validate article files: every problem with its file, line and field. "
        "A folder is checked article by article (the files reader DIR opens), through its "
        "library index: only new and changed files are read again.",
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
        if given.is_dir():
            failed += _check_folder(given)
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


def _check_folder(folder: Path) -> int:
    """Each file of ``folder`` ok (with its counts) or its problems, from the folder's
    library index, brought up to date first (only new and changed files are read, with
    the same loader); the number of bad files."""
    from reader.cli.index import refreshed_index
    from reader.core.files import shown

    index, _result = refreshed_index(folder)
    try:
        rows = sorted(index.articles(), key=lambda row: row.path)
    finally:
        index.close()
    broken = [row.path for row in rows if row.error is not None]
    for row in rows:
        if row.error is not None:
            report_broken(folder, [row.path])
            continue
        sections = len(row.sections.split("\n")) if row.sections else 0
        print(
            f"{shown(in_folder(folder, row.path))}: ok ({sections} sections, "
            f"{row.quotes} quotes, {row.speakers} speakers)"
        )
    return len(broken)
