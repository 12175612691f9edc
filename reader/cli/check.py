"""``reader check [PATH...]``: validate article files, every problem with file, line and field."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import EXIT_BAD_INPUT, EXIT_OK, Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("check", help="validate article files")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="article files or folders (a folder is checked through its library index); "
        "default: the bundled article",
    )


def run(ns: argparse.Namespace) -> int:
    from reader.core.errors import ReaderError
    from reader.core.files import shown
    from reader.core.format import load_article
    from reader.core.library import is_library_folder
    from reader.resources import default_article

    failed = 0
    for path in ns.paths or [default_article()]:
        if is_library_folder(path):
            from reader.cli.library_quotes import check_folder

            failed += check_folder(path)
            continue
        try:
            article = load_article(path)
        except ReaderError as exc:
            failed += 1
            print(str(exc), file=sys.stderr)
        else:
            quotes = len(article.quotes)
            print(
                f"{shown(path)}: ok ({len(article.sections)} sections, {quotes} quotes, "
                f"{len(article.speakers)} speakers)"
            )
    return EXIT_BAD_INPUT if failed else EXIT_OK
