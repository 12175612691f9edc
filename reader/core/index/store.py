"""The library index file: where it lives, its schema, and opening it safely.

The index is a cache (``READER_CACHE_DIR`` or the platform's user cache folder): every
row in it comes from an article file, so it can always be thrown away and built again.
That is what happens when it is corrupt, truncated, not an SQLite file at all, or from
another index format (``PRAGMA user_version``): :func:`open_index` detects it, deletes
the file (with its ``-wal`` and ``-shm``) and starts an empty one. Nothing the user
wrote is ever in it.

Two ``reader`` processes may use one index at once: it is in WAL mode (readers never
wait for the writer), every connection waits up to :data:`BUSY_TIMEOUT` seconds for a
lock rather than failing, and writes are short ``BEGIN IMMEDIATE`` transactions that
replace whole articles, so two refreshes of the same folder agree row for row.

One index file per library folder, named after a hash of the folder's full path.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

#: Version of the schema below; an index of another version is rebuilt.
INDEX_FORMAT = 3
#: Seconds a connection waits for another process's lock before giving up.
BUSY_TIMEOUT = 10.0
#: Tokenizer of the quote search: words split on anything but letters and digits,
#: case folded and accents removed ("Medvédev" finds "Medvedev"); no stemming.
TOKENIZER = "unicode61 remove_diacritics 2"

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    format INTEGER NOT NULL,
    error TEXT,
    article_id TEXT,
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    date TEXT,
    language TEXT,
    quotes INTEGER NOT NULL DEFAULT 0,
    speakers INTEGER NOT NULL DEFAULT 0,
    blocks INTEGER NOT NULL DEFAULT 0,
    sections TEXT NOT NULL DEFAULT ''
);
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT,
    quotes INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    quote_id TEXT NOT NULL,
    person INTEGER NOT NULL REFERENCES persons(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    section TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    speaker_id TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '',
    heading TEXT
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_person ON quotes(person, id);
CREATE VIRTUAL TABLE quote_text USING fts5(
    text, name, role,
    content='quotes', content_rowid='id',
    tokenize='{TOKENIZER}', prefix='1 2 3'
);
"""

#: The order the library opens in (newest first by date, undated last, then by path).
NEWEST_FIRST = "date IS NULL, coalesce(date, '') DESC, path DESC"
#: Indexes for what is read before the first paint, added after the format was fixed
#: (not part of its number: an index made before gets them at its next refresh, see
#: :func:`ensure_indexes`, so it is not rebuilt). One in the library's opening order: the
#: first screenful (``ORDER BY … LIMIT``) walks it instead of sorting every row (~4 ms at
#: 10,000 articles, ~40 at 100,000). One over the broken files only: counting them reads
#: those, not every row of the table.
_LATER_INDEXES = (
    f"CREATE INDEX IF NOT EXISTS articles_newest ON articles({NEWEST_FIRST})",
    "CREATE INDEX IF NOT EXISTS articles_broken ON articles(id) WHERE error IS NOT NULL",
)

#: Every column the index is read and written by, asked of a file of the right number.
_PROBES = (
    "SELECT id, path, size, mtime_ns, format, error, article_id, title, source, date,"
    " language, quotes, speakers, blocks, sections FROM articles LIMIT 0",
    "SELECT id, key, name, role, quotes, articles FROM persons LIMIT 0",
    "SELECT id, article, quote_id, person, name, role, section, paragraph, kind, text,"
    " speaker_id, aliases, heading FROM quotes LIMIT 0",
    "SELECT rowid, text, name, role FROM quote_text LIMIT 0",
)

#: SQLite's primary result codes for a damaged file.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def index_dir() -> Path:
    """``library/`` in the user cache folder (:func:`reader.core.places.user_cache_dir`)."""
    from reader.core.places import user_cache_dir

    return user_cache_dir() / "library"


def index_path(folder: Path) -> Path:
    """The index file for the library folder ``folder``."""
    digest = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:24]
    return index_dir() / f"{digest}.sqlite"


def is_damage(exc: BaseException) -> bool:
    """True when an SQLite error means the file is damaged (not merely busy)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    # no code (a Python-level error): judge by the class alone
    return type(exc) is sqlite3.DatabaseError


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection with the settings every user of the index needs.

    Autocommit mode (``isolation_level=None``): transactions are explicit, so a reader
    never holds a read snapshot open between queries and a writer's transaction is as
    short as the code makes it.
    """
    uri = isinstance(path, str) and path.startswith("file:")
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False, uri=uri
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _state(conn: sqlite3.Connection) -> str:
    """ "ok", "empty" or "other": what the file at ``conn`` is (raises if damaged).

    Read in one transaction, so that another process creating the schema meanwhile is
    seen either not at all or whole, never half (which would look like another format).
    """
    conn.execute("BEGIN")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables == 0:
            return "empty"
        if version != INDEX_FORMAT:
            return "other"
        row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if row is None or row[0] != str(INDEX_FORMAT):
            return "other"
        try:
            for probe in _PROBES:
                conn.execute(probe).fetchall()
        except sqlite3.OperationalError:
            return "other"  # a table or column missing: same number, another schema
        return "ok"
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("COMMIT")


def remove_index(path: Path) -> None:
    """Delete an index file and its WAL and shared-memory files (missing ones are fine)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def open_index(path: Path | str) -> tuple[sqlite3.Connection, str | None]:
    """Open (or create) the index at ``path``; return it and what had to be done, if any.

    The second value is None normally, or a one-line note when a damaged or outdated
    index was thrown away ("rebuilt: …"). ``path`` may be an SQLite URI string
    (``file:…?mode=memory&cache=shared``) for an index that lives only in memory.
    Raises ``sqlite3.Error`` or ``OSError`` only when no index can be made at all.
    """
    note: str | None = None
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(path)
            state = _state(conn)
            if state == "ok":
                return conn, note
            if state == "empty":
                _create_schema(conn)
                return conn, note
            note = "the library index was from another version; rebuilding it"
        except sqlite3.DatabaseError as exc:
            if not (is_damage(exc) or _missing_table(exc)):
                if conn is not None:
                    conn.close()
                raise
            note = "the library index was damaged; rebuilding it"
        if conn is not None:
            conn.close()
        if attempt or not isinstance(path, Path):
            break
        remove_index(path)
    raise sqlite3.DatabaseError(f"cannot create the library index at {path}")


def _missing_table(exc: sqlite3.DatabaseError) -> bool:
    """An SQLite file that is not an index (no ``meta`` table): rebuilt like a damaged one."""
    return isinstance(exc, sqlite3.OperationalError) and "no such table" in str(exc)


def _create_schema(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            ensure_indexes(conn)
            conn.execute("INSERT INTO meta VALUES ('format', ?)", (str(INDEX_FORMAT),))
            conn.execute(f"PRAGMA user_version = {INDEX_FORMAT}")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def ensure_indexes(conn: sqlite3.Connection) -> None:
    """Add the indexes that came after the format (a no-op once they exist)."""
    for statement in _LATER_INDEXES:
        conn.execute(statement)
