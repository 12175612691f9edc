"""Flushing a whole file system in one call, where that is cheaper than flushing each file.

``reader import`` saves hundreds of small files a batch at a time, each on disk before it
is named (:mod:`reader.core.files_many`). An ``fsync`` per file costs the kernel a
journal commit's worth of work each time: for the 345 articles of the throughput
benchmark about a tenth of a second of CPU, taken from the processes that import (a
quarter of the importer's own time). Linux's ``syncfs`` writes out everything waiting
for the file system that holds a file, and waits for it, in one call (about a tenth of
that CPU): the batch's files are then on disk just as if each had been flushed.

It also writes out whatever *other* programs left waiting for that file system, which
takes long after a big copy. So it is used only when the whole machine has little
waiting to be written (``Dirty`` + ``Writeback`` in ``/proc/meminfo`` under
:data:`MAX_PENDING_BYTES`, a fraction of a second even for a slow disk); only on Linux
5.17 or later, the first whose ``syncfs`` returns the file system's own error (a failed
journal commit: "vfs: make sync_filesystem return errors from ->sync_fs"; 5.8 only
reported failed writes of data); and only on a file system known to make the data
durable through it (:data:`SYNCFS_FILE_SYSTEMS`: ext4, XFS, Btrfs, tmpfs, by the type
``fstatfs`` gives). On FUSE (virtiofs too), 9p or NFS ``syncfs`` may return before the
data is safe. Anywhere else :func:`flush_file_system` says no, and the caller flushes
each file as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache

#: Most data (bytes) other programs may have waiting to be written for one ``syncfs`` to
#: stand in for the files' own flushes: 32 MiB, written in a fraction of a second by
#: any disk of today.
MAX_PENDING_BYTES = 32 * 1024 * 1024
#: The first Linux whose ``syncfs`` reports every error: failed writes since 5.8 (errseq
#: on the super block), a failed journal commit (``->sync_fs``) only since 5.17.
FIRST_KERNEL = (5, 17)
#: File systems (``f_type`` of ``statfs``) whose ``syncfs`` makes every file on them
#: durable and reports a failure: ext2/3/4, XFS, Btrfs, tmpfs (nothing to make durable).
SYNCFS_FILE_SYSTEMS = frozenset({0xEF53, 0x58465342, 0x9123683E, 0x01021994})


def _kernel(release: str) -> tuple[int, int]:
    """``(major, minor)`` of a Linux release string such as ``6.1.0-13-amd64``."""
    parts = release.split(".", 2)
    try:
        return int(parts[0]), int("".join(ch for ch in parts[1][:3] if ch.isdigit()) or 0)
    except (IndexError, ValueError):
        return 0, 0


@cache
def _libc() -> object | None:
    """The C library, through ctypes (None where it cannot be had)."""
    try:
        import ctypes  # here: ~2 ms, and only a batch of several files needs it

        return ctypes.CDLL(None, use_errno=True)
    except (ImportError, OSError):
        return None


def file_system_type(fd: int) -> int | None:
    """The type (``f_type``, a magic number) of the file system holding ``fd``, as
    ``fstatfs`` gives it (None: cannot tell; ``os.statvfs`` does not say). Linux's
    layout only: elsewhere ``struct statfs`` starts with another field."""
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(_libc(), "fstatfs", None)
    if function is None:
        return None
    import ctypes

    buffer = ctypes.create_string_buffer(512)  # struct statfs: 120 bytes on x86-64
    if function(ctypes.c_int(fd), buffer) != 0:
        return None
    # f_type comes first, a C long (__fsword_t); the magic numbers fit in 32 bits
    size = ctypes.sizeof(ctypes.c_long)
    return int.from_bytes(buffer.raw[:size], sys.byteorder) & 0xFFFFFFFF


@cache
def _syncfs() -> Callable[[int], int] | None:
    """libc's ``syncfs``, or None where there is none that reports errors."""
    if not sys.platform.startswith("linux") or _kernel(os.uname().release) < FIRST_KERNEL:
        return None
    function = getattr(_libc(), "syncfs", None)
    if function is None:
        return None
    import ctypes

    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    call: Callable[[int], int] = function
    return call


def pending_bytes() -> int | None:
    """Bytes the machine has waiting to be written to any disk (None: cannot tell)."""
    try:
        with open("/proc/meminfo", "rb") as meminfo:
            lines = meminfo.read().splitlines()
    except OSError:
        return None
    found = [line.split() for line in lines if line.startswith((b"Dirty:", b"Writeback:"))]
    if len(found) != 2 or not all(len(f) >= 2 and f[1].isdigit() for f in found):
        return None
    return sum(int(f[1]) for f in found) * 1024


def worth_trying() -> bool:
    """Would :func:`flush_file_system` be used now (a ``syncfs``, little else waiting)?
    Checked before a batch is written, so that the batch's own data does not count."""
    if _syncfs() is None:
        return False
    pending = pending_bytes()
    return pending is not None and pending <= MAX_PENDING_BYTES


def flush_file_system(fd: int) -> bool:
    """Write out and wait for everything waiting for the file system holding ``fd``.

    True when done, and then every file written there before the call is on disk; False
    when it could not be (no ``syncfs``, a file system where it may not make the data
    durable, or it reported an error, a failed write included): the caller must flush
    each file itself, which also says which failed.
    ``fd`` must have been opened before the files were written, so that an error in
    writing any of them is reported here.
    """
    function = _syncfs()
    if function is None or file_system_type(fd) not in SYNCFS_FILE_SYSTEMS:
        return False
    return function(fd) == 0


__all__ = [
    "MAX_PENDING_BYTES",
    "SYNCFS_FILE_SYSTEMS",
    "file_system_type",
    "flush_file_system",
    "pending_bytes",
    "worth_trying",
]
