"""Finding articles on disk: one file, or a folder of them.

A folder may hold bad files beside good ones; the good ones still open and the bad ones
are reported, one line each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.format import load_article
from reader.core.model import Article

ARTICLE_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class Library:
    """The articles of a folder that loaded, and one line for each that did not."""

    articles: list[tuple[Path, Article]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def article_files(folder: Path) -> list[Path]:
    """The article files directly inside ``folder``, sorted by name."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise ReaderError(f"{folder}: cannot list folder: {exc.strerror or exc}") from None
    return [
        p for p in entries if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
    ]


def load_library(folder: Path) -> Library:
    """Load every article in ``folder``; bad files become error lines, not failures."""
    library = Library()
    for path in article_files(folder):
        try:
            library.articles.append((path, load_article(path)))
        except ReaderError as exc:
            library.errors.append(str(exc).splitlines()[0])
    return library
