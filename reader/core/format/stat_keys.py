"""Which cache entry a file has, known from its stat alone (no hash before the paint).

Reopening a big article needs its cache key, the hash of its bytes: reading and hashing
a 5 MB file took ~8 ms before the first frame. So after a file's key is known, a record
named after the file's identity and version (device, inode, size, modification time in
nanoseconds) keeps it, and the next open looks the key up by ``stat`` alone. The key
found so is a guess, never trusted: the whole is read after the first paint only once
the file's hash confirms it (:mod:`.opening`), and a file that changed under the same
stat is read the full way, its head shown laid out again as any head the whole does not
begin with. Records are small files (``<dev>-<ino>-<size>-<mtime_ns>.stat`` holding the
key); eviction removes those whose entry is gone.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Set
from pathlib import Path

from reader.core.files import atomic_write

SUFFIX = ".stat"
#: A key is 64 hex digits; a record holds one and nothing else.
_HEX = frozenset("0123456789abcdef")


def record_name(path: Path) -> str | None:
    """The record's name for the file as it is now (None if it cannot be stat'ed)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return f"{info.st_dev:x}-{info.st_ino:x}-{info.st_size:x}-{info.st_mtime_ns:x}{SUFFIX}"


def _key(raw: bytes) -> str | None:
    text = raw.decode("ascii", "replace")
    return text if len(text) == 64 and _HEX.issuperset(text) else None


def read_record(folder: Path, name: str | None) -> str | None:
    """The key recorded under ``name``, or None (no record, or not one; never raises)."""
    if name is None:
        return None
    try:
        with open(folder / name, "rb") as record:
            return _key(record.read(65))
    except OSError:
        return None


def write_record(folder: Path, name: str | None, key: str) -> None:
    """Record ``key`` under ``name`` (never raises: without it, the next open hashes)."""
    if name is None:
        return
    with contextlib.suppress(Exception):
        atomic_write(folder / name, key.encode("ascii"), mode=0o600)


_HEX_NUMBER = frozenset("0123456789abcdef")


def is_record_name(name: str) -> bool:
    """``<dev>-<ino>-<size>-<mtime_ns>.stat``, each in hex: a record (a folder that holds
    other files may be the cache: nothing else is ever removed)."""
    if not name.endswith(SUFFIX):
        return False
    parts = name[: -len(SUFFIX)].split("-")
    return len(parts) == 4 and all(part and _HEX_NUMBER.issuperset(part) for part in parts)


def prune_records(records: list[Path], kept: Set[str]) -> None:
    """Remove the records whose key is not among the ``kept`` entries' keys (a file
    named like a record that holds no key is not one: it is left alone)."""
    for record in records:
        try:
            with open(record, "rb") as opened:
                key = _key(opened.read(65))
        except OSError:
            continue
        if key is not None and key not in kept:
            with contextlib.suppress(OSError):
                record.unlink()


__all__ = ["prune_records", "read_record", "record_name", "write_record"]
