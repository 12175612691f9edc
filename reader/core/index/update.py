"""Bringing the index up to date with a folder: only what changed is read again.

A file is read again when its size or modification time (nanoseconds) differs from
what the index recorded, or when it was indexed under another article format; a file
that is gone is removed with its quotes. Everything else is left alone, so a refresh of
an unchanged folder of 10,000 articles costs one ``stat`` per file.

Files are read oldest first (by modification time), so the quotes of newer articles get
higher row ids: the quote search lists matches newest first by walking row ids down.

An article that does not load is recorded as broken, with the first line of the reason,
and is tried again only when the file changes. Work is written in batches, each one
short transaction (``BEGIN IMMEDIATE``), so the screen reading the index between them
sees whole articles only, another process waits at most one batch, and a refresh that
is stopped (``should_stop``) keeps what it did.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.format import SCHEMA, load_article
from reader.core.index.names import person_key
from reader.core.library import ARTICLE_SUFFIXES
from reader.core.model import Article
from reader.core.text import one_line

#: Articles written per transaction.
BATCH = 100


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a refresh has got: ``done`` of ``total`` files to read."""

    done: int
    total: int


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """What a refresh did: files found, read again and removed; broken files now indexed."""

    files: int
    read: int
    removed: int
    broken: int
    stopped: bool = False


Stat = tuple[int, int]
"""(size, modification time in nanoseconds) of a file; (-1, -1) when it cannot be stat'ed."""


def scan(folder: Path | None, extra: Iterable[Path] = ()) -> dict[str, Stat]:
    """The article files of ``folder`` (not its sub-folders) and ``extra``, with their stat.

    Paths are absolute strings. A file that cannot be stat'ed is still listed: reading it
    will say why it cannot be opened.
    """
    found: dict[str, Stat] = {}
    if folder is not None:
        base = folder.resolve()
        try:
            entries = list(os.scandir(base))
        except OSError as exc:
            raise ReaderError(f"{folder}: cannot list folder: {exc.strerror or exc}") from None
        for entry in entries:
            name = entry.name
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                continue
            found[os.path.join(base, name)] = _stat(entry)
    for path in extra:
        try:
            info = path.stat()
            found[str(path.resolve())] = (info.st_size, info.st_mtime_ns)
        except OSError:
            found[str(path)] = (-1, -1)
    return found


def _stat(entry: os.DirEntry[str]) -> Stat:
    try:
        info = entry.stat()
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def refresh(
    conn: sqlite3.Connection,
    folder: Path | None,
    *,
    extra: Iterable[Path] = (),
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RefreshResult:
    """Make the index at ``conn`` match the files of ``folder`` (and ``extra``).

    ``progress`` is called after each batch (and once at the start); ``should_stop`` is
    asked between batches. Raises ReaderError if the folder cannot be listed, and
    ``sqlite3.Error`` if the index cannot be written (the caller rebuilds a damaged one).
    """
    files = scan(folder, extra)
    known = {
        path: (size, mtime, fmt)
        for path, size, mtime, fmt in conn.execute(
            "SELECT path, size, mtime_ns, format FROM articles"
        )
    }
    gone = [path for path in known if path not in files]
    todo = sorted(
        (p for p, stat in files.items() if known.get(p) != (*stat, SCHEMA)),
        key=lambda p: (files[p][1], p),
    )
    if gone:
        with _transaction(conn):
            for path in gone:
                _delete(conn, path)
    report = progress or (lambda _p: None)
    report(Progress(0, len(todo)))
    broken = read = 0
    for start in range(0, len(todo), BATCH):
        if should_stop is not None and should_stop():
            return RefreshResult(len(files), read, len(gone), broken, stopped=True)
        loaded = [_load(path) for path in todo[start : start + BATCH]]
        with _transaction(conn):
            for path, outcome in loaded:
                _delete(conn, path)
                if isinstance(outcome, Article):
                    _insert(conn, path, files[path], outcome)
                else:
                    broken += 1
                    _insert_broken(conn, path, files[path], outcome)
        read += len(loaded)
        report(Progress(read, len(todo)))
    if gone or todo:
        with _transaction(conn):
            _count_persons(conn)
    (broken,) = conn.execute("SELECT count(*) FROM articles WHERE error IS NOT NULL").fetchone()
    return RefreshResult(len(files), read, len(gone), broken)


def _load(path: str) -> tuple[str, Article | str]:
    """The article at ``path``, or the one-line reason it cannot be opened."""
    try:
        return path, load_article(path)
    except ReaderError as exc:
        lines = str(exc).splitlines() or ["cannot be opened"]
        more = f" (and {len(lines) - 1} more problems)" if len(lines) > 1 else ""
        return path, lines[0] + more


class _transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        else:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")


def _delete(conn: sqlite3.Connection, path: str) -> None:
    row = conn.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
    if row is None:
        return
    (article,) = row
    # external-content FTS: its rows are deleted by giving it the old values
    conn.execute(
        "INSERT INTO quote_text(quote_text, rowid, text, name, role) "
        "SELECT 'delete', id, text, name, role FROM quotes WHERE article = ?",
        (article,),
    )
    conn.execute("DELETE FROM quotes WHERE article = ?", (article,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article,))


def _insert_broken(conn: sqlite3.Connection, path: str, stat: Stat, reason: str) -> None:
    conn.execute(
        "INSERT INTO articles (path, size, mtime_ns, format, error, title) VALUES (?,?,?,?,?,?)",
        (path, *stat, SCHEMA, reason, os.path.basename(path)),
    )


def _insert(conn: sqlite3.Connection, path: str, stat: Stat, article: Article) -> None:
    blocks = sum(1 for _ in article.blocks())
    cursor = conn.execute(
        "INSERT INTO articles (path, size, mtime_ns, format, article_id, title, source, date,"
        " language, quotes, speakers, blocks, sections) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            path,
            *stat,
            SCHEMA,
            article.id,
            one_line(article.title),
            one_line(article.source),
            article.date,
            article.language,
            len(article.quotes),
            len(article.speakers),
            blocks,
            "\n".join(section.id for section in article.sections),
        ),
    )
    article_row = cursor.lastrowid
    persons: dict[str, int] = {}
    for speaker in article.speakers:
        key = person_key(speaker.name)
        (persons[speaker.id],) = conn.execute(
            "INSERT INTO persons (key, name, role) VALUES (?, ?, ?) ON CONFLICT(key) DO "
            "UPDATE SET role = coalesce(persons.role, excluded.role) RETURNING id",
            (key, one_line(speaker.name), speaker.role and one_line(speaker.role)),
        ).fetchone()
    rows = []
    for quote in article.quotes:
        speaker = article.speaker(quote.speaker)
        rows.append(
            (
                article_row,
                quote.id,
                persons[speaker.id],
                speaker.name,
                speaker.role or "",
                quote.section,
                quote.paragraph,
                quote.kind,
                quote.text,
            )
        )
    conn.executemany(
        "INSERT INTO quotes (article, quote_id, person, name, role, section, paragraph, kind,"
        " text) VALUES (?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.execute(
        "INSERT INTO quote_text (rowid, text, name, role) "
        "SELECT id, text, name, role FROM quotes WHERE article = ?",
        (article_row,),
    )


def _count_persons(conn: sqlite3.Connection) -> None:
    """Drop speakers left without quotes; count the quotes and articles of the others.

    Counted once per refresh, so that listing the speakers is a plain read.
    """
    conn.execute(
        "DELETE FROM persons WHERE NOT EXISTS "
        "(SELECT 1 FROM quotes WHERE quotes.person = persons.id)"
    )
    conn.execute(
        "UPDATE persons SET quotes = c.quotes, articles = c.articles FROM "
        "(SELECT person, count(*) AS quotes, count(DISTINCT article) AS articles"
        " FROM quotes GROUP BY person) AS c WHERE c.person = persons.id"
    )
