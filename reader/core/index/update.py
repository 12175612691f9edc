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
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.format import SCHEMA, load_article
from reader.core.index import held_back
from reader.core.index.names import person_key
from reader.core.index.results import Progress, RefreshResult, Stat
from reader.core.index.store import ensure_indexes
from reader.core.library import ARTICLE_SUFFIXES
from reader.core.model import Article
from reader.core.text import one_line, visible

#: Articles written per transaction.
BATCH = 100


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
            found[_extra_key(path)] = (info.st_size, info.st_mtime_ns)
        except OSError:
            found[_extra_key(path)] = (-1, -1)
    return found


def _extra_key(path: Path) -> str:
    """An extra file's path as :func:`scan` lists it."""
    try:
        return str(path.resolve())
    except OSError:
        return str(path)


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
    ensure_indexes(conn)
    extra = tuple(extra)
    files = scan(folder, extra)
    # an extra the folder holds a copy of is not listed (see held_back): not read either
    extras = {key: files[key] for key in map(_extra_key, extra) if key in files}
    if folder is not None:
        inside = str(folder.resolve())
        extras = {key: stat for key, stat in extras.items() if os.path.dirname(key) != inside}
    still_held = held_back.held(conn, extras)
    for path in still_held:
        del files[path]
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
            touched: set[int] = set()
            for path in gone:
                touched |= _delete(conn, path)
            _drop_unquoted(conn, touched)
    report = progress or (lambda _p: None)
    report(Progress(0, len(todo)))
    broken = read = 0
    for start in range(0, len(todo), BATCH):
        if should_stop is not None and should_stop():
            return RefreshResult(len(files), read, len(gone), broken, stopped=True)
        loaded = [_load(path) for path in todo[start : start + BATCH]]
        with _transaction(conn):
            touched = set()
            for path, outcome in loaded:
                touched |= _delete(conn, path)
                if isinstance(outcome, Article):
                    touched |= _insert(conn, path, files[path], outcome)
                else:
                    broken += 1
                    _insert_broken(conn, path, files[path], outcome)
            _drop_unquoted(conn, touched)
        read += len(loaded)
        report(Progress(read, len(todo)))
    back, held = _hold_back_copied_extras(conn, extras, still_held)
    (broken,) = conn.execute("SELECT count(*) FROM articles WHERE error IS NOT NULL").fetchone()
    # the files listed: an extra held back now is removed from the list, one put back read
    listed = len(files) + back - held
    return RefreshResult(listed, read + back, len(gone) + held, broken)


def _hold_back_copied_extras(
    conn: sqlite3.Connection, extras: dict[str, Stat], still_held: dict[str, str]
) -> tuple[int, int]:
    """Take out the extras the folder now holds a copy of; put back those held back
    whose copy has gone. Returns how many it put back (each read) and took out.

    Decided before the transaction and done idempotently in it (an extra put back is
    deleted first, as every file read is): two processes refreshing at once may both
    decide to put the same extra back.
    """
    back = held_back.released(conn, still_held, extras)
    hold = held_back.to_hold_back(conn, extras)
    stale = held_back.stale(conn, extras)
    if not back and not hold and not stale:  # the usual case: no write
        return 0, 0
    loaded = [_load(path) for path in back]
    with _transaction(conn):
        touched: set[int] = set()
        for path, outcome in loaded:
            touched |= _delete(conn, path)
            if isinstance(outcome, Article):
                touched |= _insert(conn, path, extras[path], outcome)
            else:
                _insert_broken(conn, path, extras[path], outcome)
        held_back.forget(conn, [*back, *stale])
        for path, stat, article_id in hold:
            touched |= _delete(conn, path)
            held_back.remember(conn, path, stat, article_id)
        _drop_unquoted(conn, touched)
    return len(loaded), len(hold)


_AT_LINE = re.compile(r"^:(\d+): ")


def _load(path: str) -> tuple[str, Article | str]:
    """The article at ``path``, or the one-line reason it cannot be opened.

    The reason leaves out the file's name, which the loader's messages begin with
    (the library lists it beside the reason): "line 2: tags are not allowed (!tag)".
    """
    try:
        return path, load_article(path)
    except ReaderError as exc:
        lines = str(exc).splitlines() or ["cannot be opened"]
        more = f" (and {len(lines) - 1} more problems)" if len(lines) > 1 else ""
        first = lines[0]
        named = visible(path, keep_newlines=False)
        if first.startswith(named):
            rest = first[len(named) :]
            at_line = _AT_LINE.match(rest)
            if at_line:
                first = f"line {at_line.group(1)}: {rest[at_line.end() :]}"
            elif rest.startswith(": "):
                first = rest[2:]
        return path, first + more


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


def _delete(conn: sqlite3.Connection, path: str) -> set[int]:
    """Take the file at ``path`` out of the index; the speakers whose counts it changed."""
    row = conn.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
    if row is None:
        return set()
    (article,) = row
    # the article's quotes no longer count for their speakers
    counts = conn.execute(
        "SELECT person, count(*) FROM quotes WHERE article = ? GROUP BY person", (article,)
    ).fetchall()
    conn.executemany(
        "UPDATE persons SET quotes = quotes - ?, articles = articles - 1 WHERE id = ?",
        [(quotes, person) for person, quotes in counts],
    )
    # external-content FTS: its rows are deleted by giving it the old values
    conn.execute(
        "INSERT INTO quote_text(quote_text, rowid, text, name, role) "
        "SELECT 'delete', id, text, name, role FROM quotes WHERE article = ?",
        (article,),
    )
    conn.execute("DELETE FROM quotes WHERE article = ?", (article,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article,))
    return {person for person, _quotes in counts}


def _insert_broken(conn: sqlite3.Connection, path: str, stat: Stat, reason: str) -> None:
    conn.execute(
        "INSERT INTO articles (path, size, mtime_ns, format, error, title) VALUES (?,?,?,?,?,?)",
        # the name is shown as the broken file's title: spelled out, never terminal control
        (path, *stat, SCHEMA, reason, visible(os.path.basename(path), keep_newlines=False)),
    )


def _insert(conn: sqlite3.Connection, path: str, stat: Stat, article: Article) -> set[int]:
    """Add ``article`` (read from ``path``); the speakers it adds to or creates."""
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
        # what `reader quotes DIR` lists and matches by, beside the search's own columns
        heading = None if quote.section == "lead" else article.section(quote.section).heading
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
                speaker.id,
                "\n".join(speaker.aliases),
                heading,
            )
        )
    conn.executemany(
        "INSERT INTO quotes (article, quote_id, person, name, role, section, paragraph, kind,"
        " text, speaker_id, aliases, heading) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.execute(
        "INSERT INTO quote_text (rowid, text, name, role) "
        "SELECT id, text, name, role FROM quotes WHERE article = ?",
        (article_row,),
    )
    quoted = Counter(row[2] for row in rows)
    conn.executemany(
        "UPDATE persons SET quotes = quotes + ?, articles = articles + 1 WHERE id = ?",
        [(quotes, person) for person, quotes in quoted.items()],
    )
    return set(persons.values())


def _drop_unquoted(conn: sqlite3.Connection, persons: set[int]) -> None:
    """Drop the speakers among ``persons`` left without quotes.

    Each speaker's counts of quotes and articles are kept up to date as articles come
    and go (in the same transaction), so that a refresh costs what changed, not a
    recount of the whole library, and listing the speakers is a plain read.
    """
    ids = list(persons)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM persons WHERE quotes <= 0 AND id IN ({marks})", chunk)
