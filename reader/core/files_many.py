"""Writing many files at once, each atomically, sharing the waits for the disk.

:func:`reader.core.files.atomic_write` flushes each file and then its folder before it
returns: two waits for the disk per file, most of the time it takes ``reader import`` to
save a folder of small articles. :func:`atomic_write_many` gives the same guarantee for
a batch (a file has its name only once its content is on disk; with ``overwrite=False``
an existing file is never replaced) while the file system commits the flushes together.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from concurrent.futures import Executor, Future
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.files import (
    _NEW_FILE_MODE,
    _cannot_write,
    _final_mode,
    _publish_new,
    _sync_folder,
    _temporary,
)

#: How many files a batched write writes and flushes to disk at the same time (each of
#: its threads holds one file open): concurrent flushes are committed together.
SYNC_THREADS = 32


def atomic_write_many(
    items: Sequence[tuple[Path, str | bytes]],
    *,
    overwrite: bool = False,
    pool: Executor | None = None,
) -> list[ReaderError | None]:
    """Write several files, each atomically as :func:`atomic_write` writes one, sharing
    the waits for the disk.

    :func:`atomic_write` flushes each file, then its folder, before the next file begins:
    two waits for the disk per file, most of the time it takes to save many small files.
    Here every file goes to its temporary file and is flushed (``fsync``) from
    :data:`SYNC_THREADS` threads at once, which the file system commits together; only
    when all are on disk is each given its name, and then each folder is flushed once.
    The guarantee is the same: a file has its name only once its content is on disk, so
    a crash leaves each file as it was or complete, never half written, and with
    ``overwrite=False`` an existing file is never replaced (checked atomically, as
    :func:`atomic_write` does). When this returns, every file written is on disk under
    its name.

    Returns, in order, None for each file written and the ReaderError for each that was
    not: one failure never stops the others. New files get the usual mode, replaced
    files keep theirs.

    ``pool`` is the executor to write from (at least :data:`SYNC_THREADS` workers): a
    caller saving batch after batch passes one it keeps, so that threads are started
    once, not once a batch (without it a pool is made for this call).
    """
    results: list[ReaderError | None] = [None] * len(items)
    if not items:
        return results
    futures: list[Future[Path | ReaderError]] = []
    try:
        _on_disk_unnamed(items, futures, pool, overwrite=overwrite)
        temps: dict[int, Path] = {}
        for n, future in enumerate(futures):
            outcome = future.result()
            if isinstance(outcome, ReaderError):
                results[n] = outcome
            else:
                temps[n] = outcome
        folders: dict[Path, None] = {}
        for n, tmp in temps.items():
            path = items[n][0]
            try:
                if overwrite:
                    os.replace(tmp, path)
                else:
                    _publish_new(tmp, path)
            except ReaderError as exc:
                results[n] = exc
            except OSError as exc:
                results[n] = _cannot_write(path, exc)
            else:
                folders[path.parent] = None
        for folder in folders:
            _sync_folder(folder)
    finally:
        # every temporary file left: the ones not named (and, after a link, the extra name)
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                outcome = future.result()
                if isinstance(outcome, Path):
                    with contextlib.suppress(OSError):
                        outcome.unlink()
    return results


def _on_disk_unnamed(
    items: Sequence[tuple[Path, str | bytes]],
    futures: list[Future[Path | ReaderError]],
    pool: Executor | None,
    *,
    overwrite: bool,
) -> None:
    """Each item's data in a temporary file on disk, from several threads; ``futures``
    gets one per item, every one of them finished when this returns or raises (an
    interrupt lets the files under way finish, so that they can be removed)."""
    from concurrent.futures import ThreadPoolExecutor, wait  # here: most runs never batch

    own = pool is None
    if pool is None:
        pool = ThreadPoolExecutor(min(SYNC_THREADS, len(items)))
    # a new file gets the usual mode (no need to look: one that exists is never replaced)
    mode = None if overwrite else _NEW_FILE_MODE
    try:
        futures.extend(pool.submit(_durable_temporary, path, data, mode) for path, data in items)
        wait(futures)
    except BaseException:
        for future in futures:  # the ones not started never start; the rest finish
            future.cancel()
        wait(futures)
        raise
    finally:
        if own:
            pool.shutdown(wait=True)


def _durable_temporary(path: Path, data: str | bytes, mode: int | None) -> Path | ReaderError:
    """``data`` in a new temporary file beside ``path``, flushed to disk and closed; it
    gets ``mode``, or the mode of the file it is to replace."""
    try:
        final_mode = _final_mode(path, mode)
        fd, tmp = _temporary(path)
    except ReaderError as exc:
        return exc
    try:
        try:
            _write_all(fd, data.encode("utf-8") if isinstance(data, str) else data)
            if final_mode != 0o600:
                os.fchmod(fd, final_mode)
            os.fsync(fd)
        finally:
            os.close(fd)  # a network file system may report a lost write only here
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return _cannot_write(path, exc)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
