"""Extra files held back from the library while its folder holds a copy of them.

The bundled article is listed among the user's articles (an ``extra`` of the index). A
user who imports the same article into their folder (its text, from the seed) would
see it twice, and every quote of it counted twice for its speaker. So an extra whose
article id is also the id of an article in the folder is left out of the index, and
comes back as soon as the folder no longer holds that id.

What was held back is remembered in the index's ``meta`` table (the extra's size,
modification time and article id), so that a refresh of an unchanged library still
reads no file: an extra is read again only when it changed or its copy is gone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from reader.core.index.results import Stat

#: ``meta`` keys of held-back extras: this prefix and the extra's path.
KEY = "held back:"


def held(conn: sqlite3.Connection, extras: dict[str, Stat]) -> dict[str, str]:
    """The extras held back at the last refresh and unchanged since: their article ids.

    The caller leaves them out of this refresh; :func:`released` then says which of
    them have lost their copy in the folder meanwhile.
    """
    found: dict[str, str] = {}
    for path, stat in extras.items():
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY + path,)).fetchone()
        if row is None:
            continue
        try:
            size, mtime, article_id = json.loads(row[0])
        except (ValueError, TypeError):  # not written by this module: read the file again
            continue
        if (size, mtime) == stat and isinstance(article_id, str):
            found[path] = article_id
    return found


def released(conn: sqlite3.Connection, still: dict[str, str], extras: Iterable[str]) -> list[str]:
    """Of the extras held back (``still``: path -> article id), those whose id no article
    of the folder has any more: they are to be indexed again."""
    outside = list(extras)
    return [path for path, article_id in still.items() if not _copied(conn, article_id, outside)]


def to_hold_back(conn: sqlite3.Connection, extras: Iterable[str]) -> list[tuple[str, Stat, str]]:
    """The extras now in the index whose article id an article of the folder has too:
    (path, stat, article id) of each."""
    paths = list(extras)
    if not paths:
        return []
    marks = ",".join("?" * len(paths))
    rows = conn.execute(
        f"SELECT path, size, mtime_ns, article_id FROM articles WHERE path IN ({marks})"
        " AND article_id IS NOT NULL",
        paths,
    ).fetchall()
    return [
        (path, (size, mtime), article_id)
        for path, size, mtime, article_id in rows
        if _copied(conn, article_id, paths)
    ]


def remember(conn: sqlite3.Connection, path: str, stat: Stat, article_id: str) -> None:
    """Record ``path`` as held back (in the caller's transaction)."""
    value = json.dumps([stat[0], stat[1], article_id])
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (KEY + path, value))


def forget(conn: sqlite3.Connection, paths: Iterable[str]) -> None:
    """No longer hold these extras back (in the caller's transaction)."""
    conn.executemany("DELETE FROM meta WHERE key = ?", [(KEY + path,) for path in paths])


def stale(conn: sqlite3.Connection, extras: Iterable[str]) -> list[str]:
    """The paths held back that are no longer extras (moved, or opened without them):
    their records would otherwise stay in the index for good."""
    current = set(extras)
    rows = conn.execute("SELECT key FROM meta WHERE key >= ? AND key < ?", (KEY, KEY[:-1] + ";"))
    return [key[len(KEY) :] for (key,) in rows if key[len(KEY) :] not in current]


def _copied(conn: sqlite3.Connection, article_id: str, extras: list[str]) -> bool:
    """Whether an article of the folder (not one of ``extras``) has this id."""
    marks = ",".join("?" * len(extras))
    row = conn.execute(
        f"SELECT 1 FROM articles WHERE article_id = ? AND path NOT IN ({marks}) LIMIT 1",
        (article_id, *extras),
    ).fetchone()
    return row is not None
