"""Finding articles on disk: one file, or a folder of them.

A folder may hold bad files beside good ones; the good ones still open and the bad ones
are reported, one line each.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.format import load_article
from reader.core.model import Article

ARTICLE_SUFFIXES = (".yaml", ".yml")


class Library:
    """The articles of a folder that loaded, and one line for each that did not.

    A plain class: ``reader`` with no PATH imports this module before its first paint
    (for ``ARTICLE_SUFFIXES``), where ``@dataclass(slots=True)`` compiled its methods
    and made the class twice (~0.5 ms).
    """

    __slots__ = ("articles", "errors")

    def __init__(self) -> None:
        self.articles: list[tuple[Path, Article]] = []
        self.errors: list[str] = []


def article_files(folder: Path) -> list[Path]:
    """The article files directly inside ``folder``, sorted by name."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise ReaderError(f"{folder}: cannot list folder: {exc.strerror or exc}") from None
    return [
        p for p in entries if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
    ]


def has_article_files(folder: Path) -> bool:
    """Whether ``folder`` holds an article file :func:`article_files` would list: stops at
    the first one, where listing a folder of 10,000 sorts 10,000 paths."""
    try:
        with os.scandir(folder) as entries:
            return any(
                not entry.name.startswith(".")
                and os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES
                for entry in entries
            )
    except OSError as exc:
        raise ReaderError(f"{folder}: cannot list folder: {exc.strerror or exc}") from None


def load_library(folder: Path) -> Library:
    """Load every article in ``folder``; bad files become error lines, not failures."""
    library = Library()
    for path in article_files(folder):
        try:
            library.articles.append((path, load_article(path)))
        except ReaderError as exc:
            library.errors.append(str(exc).splitlines()[0])
    return library


def is_library_folder(path: Path) -> bool:
    """A folder to open as a library: a directory not named like an article file.

    ``reader check x.yaml`` where ``x.yaml`` is a directory means an article file that is
    not one ("is a directory, not a file"), not a library to index.
    """
    return path.is_dir() and path.suffix.lower() not in ARTICLE_SUFFIXES
