"""What every subcommand shares: exit codes, the one-line argparse, how errors are printed,
and when to style output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.model import Article

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, the way every other error is reported."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


Commands: TypeAlias = "argparse._SubParsersAction[Parser]"
"""What a subcommand's ``add_parser(commands)`` adds its sub-parser to."""


def add_article_path(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    """The PATH argument of the subcommands that read articles: a file or a folder,
    the bundled article when left out (``many``: any number of them, as ``paths``)."""
    parser.add_argument(
        "paths" if many else "path",
        nargs="*" if many else "?",
        type=Path,
        metavar="PATH",
        help="an article file or a folder of articles (default: the bundled article)",
    )


def wants_style(stream: object) -> bool:
    """Style output only for a terminal, and never with ``NO_COLOR`` set."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


class UsageError(ReaderError):
    """The command line asks for something that cannot be done this way (exit 2)."""

    exit_code = EXIT_USAGE


def error_lines(exc: ReaderError) -> list[str]:
    """How every command prints an error: each line starts ``reader:``.

    An article's problems come one per line (``reader: FILE:LINE: field: problem``);
    every other error is one line.
    """
    return [f"reader: {line}" for line in str(exc).splitlines() or [""]]


def report(exc: ReaderError) -> None:
    """Print ``exc`` on stderr the way every command does."""
    for line in error_lines(exc):
        print(line, file=sys.stderr)


def articles_in(path: Path) -> list[Path]:
    """The article files ``path`` stands for: itself, or those directly inside a folder.

    The folder's files are the ones the library opens (``reader DIR``); a folder with
    none is an error, so that a mistyped folder never passes as checked.
    """
    if not path.is_dir():
        return [path]
    from reader.core.library import article_files

    found = article_files(path)
    if not found:
        raise _no_articles(path)
    return found


def has_articles(folder: Path) -> None:
    """Raise :func:`articles_in`'s error if ``folder`` holds no article file (without
    listing them all: ``reader quotes DIR`` reads the files' list from the index)."""
    from reader.core.library import has_article_files

    if not has_article_files(folder):
        raise _no_articles(folder)


def _no_articles(folder: Path) -> ReaderError:
    from reader.core.library import ARTICLE_SUFFIXES

    kinds = " or ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
    return ReaderError(f"{folder}: no article files ({kinds}) in this folder")


class FolderArticles:
    """The articles of a folder (or one file) that load, one at a time, in order.

    Each file that does not load is reported on stderr as every command reports errors,
    and counted in ``failed``, so that ``show`` and ``quotes`` list the good articles and
    still exit 1 for the bad ones.
    """

    def __init__(self, path: Path) -> None:
        self.paths = articles_in(path)
        self.failed = 0

    def __iter__(self) -> Iterator[tuple[Path, Article]]:
        from reader.core.format import load_article

        for path in self.paths:
            try:
                article = load_article(path)
            except ReaderError as exc:
                self.failed += 1
                report(exc)
                continue
            yield path, article


def in_folder(folder: Path, indexed: str) -> Path:
    """A file of ``folder`` the index names by its full path, as the user named the folder
    (``news/a.yaml`` for ``reader check news``), the way the commands print paths."""
    return folder / os.path.basename(indexed)


def report_broken(folder: Path, indexed: list[str]) -> None:
    """Report the files the index found broken, each as every command reports an article
    that does not load: every problem, with file, line and field (the index keeps only
    the first). A file mended since the refresh is read again and passes silently."""
    from reader.core.format import load_article

    for path in indexed:
        try:
            load_article(in_folder(folder, path))
        except ReaderError as exc:
            report(exc)
