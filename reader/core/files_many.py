"""Writing many files at once, each atomically, sharing the waits for the disk.

:func:`reader.core.files.atomic_write` flushes each file and then its folder before it
returns: two waits for the disk per file, most of the time it takes ``reader import`` to
save a folder of small articles. :func:`atomic_write_many` gives the same guarantee for
a batch (a file has its name only once its content is on disk; with ``overwrite=False``
an existing file is never replaced) while the file system commits the flushes together:
in one ``syncfs`` of the file system where that is cheap (:mod:`reader.core.fs_flush`),
else in one ``fsync`` per file from several threads at once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from reader.core import fs_flush
from reader.core.errors import ReaderError
from reader.core.files import (
    _NEW_FILE_MODE,
    _cannot_write,
    _final_mode,
    _publish_new,
    _sync_folder,
    _temporary,
)

if TYPE_CHECKING:  # concurrent.futures (and logging) only when each file is flushed
    from concurrent.futures import Future

_T = TypeVar("_T")


class Submitter(Protocol):
    """What :func:`atomic_write_many` flushes each file from: an executor (its
    ``submit``), or anything that makes one when first asked."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]: ...


#: How many files a batched write writes and flushes to disk at the same time (each of
#: its threads holds one file open) when each file is flushed on its own: concurrent
#: flushes are committed together.
SYNC_THREADS = 32
#: Most files held open at once while one flush of their file system stands in for
#: theirs (each is flushed on its own if that flush fails, which needs it still open).
FLUSH_GROUP = 256

#: A file's data written to its temporary file, or why it could not be.
_Outcome = Path | ReaderError


def atomic_write_many(
    items: Sequence[tuple[Path, str | bytes]],
    *,
    overwrite: bool = False,
    pool: Submitter | None = None,
) -> list[ReaderError | None]:
    """Write several files, each atomically as :func:`atomic_write` writes one, sharing
    the waits for the disk.

    :func:`atomic_write` flushes each file, then its folder, before the next file begins:
    two waits for the disk per file, most of the time it takes to save many small files.
    Here every file goes to its temporary file, and all are flushed together: with one
    ``syncfs`` of their file system when the machine has little else waiting to be
    written (:func:`reader.core.fs_flush.worth_trying`), else each with ``fsync`` from
    :data:`SYNC_THREADS` threads at once, which the file system commits together. Only
    when all are on disk is each given its name, and then each folder is flushed once.
    The guarantee is the same: a file has its name only once its content is on disk, so
    a crash leaves each file as it was or complete, never half written, and with
    ``overwrite=False`` an existing file is never replaced (checked atomically, as
    :func:`atomic_write` does). When this returns, every file written is on disk under
    its name.

    Returns, in order, None for each file written and the ReaderError for each that was
    not: one failure never stops the others. New files get the usual mode, replaced
    files keep theirs.

    ``pool`` is the executor to flush each file from (at least :data:`SYNC_THREADS`
    workers): a caller saving batch after batch passes one it keeps, so that threads are
    started once, not once a batch (without it a pool is made when one is needed).
    """
    results: list[ReaderError | None] = [None] * len(items)
    if not items:
        return results
    made: list[Path] = []  # every temporary file made: each is removed in the end
    try:
        outcomes = _on_disk_unnamed(items, made, pool, overwrite=overwrite)
        folders: dict[Path, None] = {}
        for n, outcome in enumerate(outcomes):
            if isinstance(outcome, ReaderError):
                results[n] = outcome
                continue
            path = items[n][0]
            try:
                if overwrite:
                    os.replace(outcome, path)
                else:
                    _publish_new(outcome, path)
            except ReaderError as exc:
                results[n] = exc
            except OSError as exc:
                results[n] = _cannot_write(path, exc)
            else:
                folders[path.parent] = None
        for folder in folders:
            _sync_folder(folder)
    finally:
        # the ones not named, and (after a link) the temporary name of the ones named
        for tmp in made:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return results


def _on_disk_unnamed(
    items: Sequence[tuple[Path, str | bytes]],
    made: list[Path],
    pool: Submitter | None,
    *,
    overwrite: bool,
) -> list[_Outcome]:
    """Each item's data in a temporary file on disk, in order (or its error); ``made``
    gets every temporary file as it is made, so that the caller removes them whatever
    happens (an interrupt included)."""
    # a new file gets the usual mode (no need to look: one that exists is never replaced)
    mode = None if overwrite else _NEW_FILE_MODE
    if len(items) > 1 and fs_flush.worth_trying():
        outcomes: list[_Outcome] = []
        for start in range(0, len(items), FLUSH_GROUP):
            group = items[start : start + FLUSH_GROUP]
            outcomes.extend(_flushed_together(group, made, mode))
        return outcomes
    return _flushed_each(items, made, pool, mode)


def _flushed_together(
    items: Sequence[tuple[Path, str | bytes]], made: list[Path], mode: int | None
) -> list[_Outcome]:
    """Each item's data in a temporary file, then one flush of each file system they are
    on for all of them (:func:`~reader.core.fs_flush.flush_file_system`); where that
    flush fails, each file is flushed on its own, which says which failed."""
    outcomes: list[_Outcome] = []
    #: a descriptor of each folder, opened before its files are written, so that the
    #: flush made through it reports a failed write of any of them (None: cannot open)
    folders: dict[Path, int | None] = {}
    written: list[tuple[int, int, Path]] = []  # (item, open temporary file, its folder)
    try:
        for n, (path, data) in enumerate(items):
            folder = path.parent
            if folder not in folders:
                folders[folder] = _open_folder(folder)
            outcome = _written_temporary(path, data, mode, made)
            if isinstance(outcome, ReaderError):
                outcomes.append(outcome)
                continue
            fd, tmp = outcome
            written.append((n, fd, folder))
            outcomes.append(tmp)
        flushed = {
            folder
            for folder, fd in folders.items()
            if fd is not None and fs_flush.flush_file_system(fd)
        }
        while written:
            n, fd, folder = written.pop()
            try:
                try:
                    if folder not in flushed:
                        os.fsync(fd)
                finally:
                    os.close(fd)  # a network file system may report a lost write only here
            except OSError as exc:
                outcomes[n] = _cannot_write(items[n][0], exc)
    finally:
        for _, fd, _ in written:  # an interrupt: the files are removed unnamed
            with contextlib.suppress(OSError):
                os.close(fd)
        for folder_fd in folders.values():
            if folder_fd is not None:
                os.close(folder_fd)
    return outcomes


def _open_folder(folder: Path) -> int | None:
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None


def _written_temporary(
    path: Path, data: str | bytes, mode: int | None, made: list[Path]
) -> tuple[int, Path] | ReaderError:
    """``data`` in a new temporary file beside ``path`` (added to ``made``), not flushed,
    still open: its descriptor and path, or why it could not be written (then closed)."""
    try:
        final_mode = _final_mode(path, mode)
        fd, tmp = _temporary(path)
    except ReaderError as exc:
        return exc
    made.append(tmp)
    try:
        _write_all(fd, data.encode("utf-8") if isinstance(data, str) else data)
        if final_mode != 0o600:
            os.fchmod(fd, final_mode)
    except BaseException as exc:
        os.close(fd)
        if isinstance(exc, OSError):
            return _cannot_write(path, exc)
        raise
    return fd, tmp


def _flushed_each(
    items: Sequence[tuple[Path, str | bytes]],
    made: list[Path],
    pool: Submitter | None,
    mode: int | None,
) -> list[_Outcome]:
    """Each item's data in a temporary file, flushed on its own, from several threads;
    every one of them finished when this returns or raises (an interrupt lets the files
    under way finish, so that they can be removed)."""
    if len(items) == 1:  # no thread needed
        outcome = _durable_temporary(items[0][0], items[0][1], mode)
        if isinstance(outcome, Path):
            made.append(outcome)
        return [outcome]
    from concurrent.futures import ThreadPoolExecutor, wait  # here: most batches need none

    own = None
    if pool is None:
        pool = own = ThreadPoolExecutor(min(SYNC_THREADS, len(items)))
    futures: list[Future[_Outcome]] = []
    try:
        try:
            futures.extend(pool.submit(_durable_temporary, p, data, mode) for p, data in items)
            wait(futures)
        except BaseException:
            for future in futures:  # the ones not started never start; the rest finish
                future.cancel()
            wait(futures)
            raise
        finally:
            for future in futures:
                if future.done() and not future.cancelled() and future.exception() is None:
                    outcome = future.result()
                    if isinstance(outcome, Path):
                        made.append(outcome)
        return [future.result() for future in futures]
    finally:
        if own is not None:
            own.shutdown(wait=True)


def _durable_temporary(path: Path, data: str | bytes, mode: int | None) -> _Outcome:
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
