"""``reader index [DIR]``: build or refresh a library folder's index, with a progress bar.

The bar (rich.progress) is drawn on stderr only when it is a terminal; piped or
redirected, the command prints nothing but its one-line summary on stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.index import LibraryIndex, RefreshResult


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    parser = commands.add_parser("index", help="build or refresh the index of a library folder")
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="a folder of articles (default: your article folder)",
    )
    parser.add_argument(
        "--articles-dir",
        type=Path,
        metavar="DIR",
        help="your article folder (default: READER_ARTICLES_DIR or the user data folder)",
    )


def library_folder(folder: Path | None, articles_dir: Path | None = None) -> Path:
    """The folder a library command works on: the one given, or the user's article folder."""
    from reader.core.places import user_articles_dir

    chosen = folder if folder is not None else (articles_dir or user_articles_dir())
    chosen = chosen.expanduser()
    if not chosen.is_dir():
        what = "no such folder" if not chosen.exists() else "not a folder"
        raise ReaderError(f"{chosen}: {what}")
    return chosen


def run(ns: argparse.Namespace) -> int:
    from reader.core.index import LibraryIndex

    folder = library_folder(ns.folder, getattr(ns, "articles_dir", None))
    index = LibraryIndex(folder)
    try:
        for note in index.notes:
            print(f"reader: {note}", file=sys.stderr)
        result = _with_bar(index) if sys.stderr.isatty() else index.refresh()
    finally:
        index.close()
    print(
        f"{folder}: {result.files} files, {result.read} read, {result.removed} removed, "
        f"{result.broken} broken"
    )
    return 0


def _with_bar(index: LibraryIndex) -> RefreshResult:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from reader.core.index import Progress as Step

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Indexing", total=None)

        def show(step: Step) -> None:
            bar.update(task, completed=step.done, total=step.total or None)

        return index.refresh(progress=show)
