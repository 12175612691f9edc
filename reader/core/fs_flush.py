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
:data:`MAX_PENDING_BYTES`, a fraction of a second even for a slow disk), and only on
Linux 5.8 or later, where ``syncfs`` reports a failed write (before, it returned success
whatever happened). Anywhere else :func:`flush_file_system` says no, and the caller
flushes each file as before.
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
#: The first Linux whose ``syncfs`` reports write errors (errseq on the super block).
FIRST_KERNEL = (5, 8)


def _kernel(release: str) -> tuple[int, int]:
    """``(major, minor)`` of a Linux release string such as ``6.1.0-13-amd64``."""
    parts = release.split(".", 2)
    try:
        return int(parts[0]), int("".join(ch for ch in parts[1][:3] if ch.isdigit()) or 0)
    except (IndexError, ValueError):
        return 0, 0


@cache
def _syncfs() -> Callable[[int], int] | None:
    """libc's ``syncfs``, or None where there is none that reports errors."""
    if not sys.platform.startswith("linux") or _kernel(os.uname().release) < FIRST_KERNEL:
        return None
    try:
        import ctypes  # here: ~2 ms, and only a batch of several files needs it

        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (ImportError, OSError, AttributeError):
        return None
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
    when it could not be (no ``syncfs``, or it reported an error, a failed write
    included): the caller must flush each file itself, which also says which failed.
    ``fd`` must have been opened before the files were written, so that an error in
    writing any of them is reported here.
    """
    function = _syncfs()
    return function is not None and function(fd) == 0


__all__ = ["MAX_PENDING_BYTES", "flush_file_system", "pending_bytes", "worth_trying"]
