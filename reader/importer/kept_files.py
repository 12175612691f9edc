"""Files the importer keeps between runs in the user cache folder, to start faster.

What is kept is only ever worked out again from the project's own data (a language's
word lists parsed, each word's flags): every kept file carries a key made from what it
was worked out from and, in its first line, the SHA-256 of the rest. A file whose digest
does not match (a flipped bit, junk after a crash) is detected and ignored, as if it were
absent, and so is one missing or stale: what it held is simply worked out again. The
digest only detects damage: as with every cache (:mod:`reader.core.format.cache`), whoever
can write the cache folder can change what is shown. Written atomically, without the
waits for the disk (:func:`~reader.core.files.atomic_write` ``durable=False``); a killed
writer's temporary files are removed by the next write, once an hour old.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.files import atomic_write, read_bytes
from reader.core.places import user_cache_dir

#: What a kept file's first line starts with, before the payload's SHA-256 (hex).
DIGEST_PREFIX = b"sha256 "
#: A temporary file of a kept file this old (seconds) is a killed writer's: removed.
STALE_SECONDS = 3600
_HEADER = len(DIGEST_PREFIX) + 64 + 1


def kept_path(name: str, folder: Path | None = None) -> Path:
    """Where the kept file ``name`` lives (``folder``, else the user cache folder)."""
    return (folder if folder is not None else user_cache_dir()) / name


def kept_bytes(name: str, limit: int, folder: Path | None = None) -> bytes | None:
    """The kept file's payload (at most ``limit`` bytes), or None if there is none to
    read or its digest does not match it."""
    try:
        data = read_bytes(kept_path(name, folder), limit + _HEADER)
    except ReaderError:
        return None
    header, payload = data[:_HEADER], data[_HEADER:]
    if header != DIGEST_PREFIX + hashlib.sha256(payload).hexdigest().encode() + b"\n":
        return None
    return payload


def keep(name: str, data: bytes, folder: Path | None = None) -> bool:
    """Keep ``data`` as ``name`` (after a line with its digest), replacing what was
    kept, and remove stale temporary files of kept files; False if it cannot be."""
    path = kept_path(name, folder)
    header = DIGEST_PREFIX + hashlib.sha256(data).hexdigest().encode() + b"\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path.parent)
        atomic_write(path, header + data, durable=False)
    except (ReaderError, OSError):
        return False
    return True


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files of kept files (``.words-*.bin.*.tmp``,
    ``.language-*.json.*.tmp``) a killed writer left over an hour ago (never raises)."""
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as items:
        for item in items:
            name = item.name
            if not name.endswith(".tmp"):
                continue
            if not (name.startswith(".words-") or name.startswith(".language-")):
                continue
            with contextlib.suppress(OSError):
                if not item.is_file(follow_symlinks=False):
                    continue
                if now - item.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                    os.unlink(item.path)


__all__ = ["keep", "kept_bytes", "kept_path"]
