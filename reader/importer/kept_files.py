"""Files the importer keeps between runs in the user cache folder, to start faster.

What is kept is only ever worked out again from the project's own data (a language's
word lists parsed, each word's flags): every kept file carries a key made from what it
was worked out from, its reader checks the key and everything it reads, and anything
missing, stale or damaged is simply worked out again. Written atomically, without the
waits for the disk (:func:`~reader.core.files.atomic_write` ``durable=False``): a crash
may lose a kept file, never leave half of one.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.files import atomic_write, read_bytes
from reader.core.places import user_cache_dir


def kept_path(name: str, folder: Path | None = None) -> Path:
    """Where the kept file ``name`` lives (``folder``, else the user cache folder)."""
    return (folder if folder is not None else user_cache_dir()) / name


def kept_bytes(name: str, limit: int, folder: Path | None = None) -> bytes | None:
    """The kept file's bytes (at most ``limit``), or None if there is none to read."""
    try:
        return read_bytes(kept_path(name, folder), limit)
    except ReaderError:
        return None


def keep(name: str, data: bytes, folder: Path | None = None) -> bool:
    """Keep ``data`` as ``name``, replacing what was kept; False if it cannot be."""
    path = kept_path(name, folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data, durable=False)
    except (ReaderError, OSError):
        return False
    return True


__all__ = ["keep", "kept_bytes", "kept_path"]
