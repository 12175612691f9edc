"""FIFOs that cannot hang a test, with no clock involved.

A FIFO opened for reading blocks until someone opens it for writing. reader must refuse
a FIFO without opening it; if a regression made it open one, the test would hang. So
each FIFO made here gets a writer thread that opens it and closes it at once: code that
wrongly opens the FIFO reads an empty file (and the test fails on its message) instead
of blocking. At the end of the test ``release_fifos`` opens every FIFO for reading
without blocking, which lets a writer still waiting finish, and joins it.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

_waiting: list[tuple[Path, threading.Thread]] = []


def _open_and_close(path: Path) -> None:
    with contextlib.suppress(OSError):  # the FIFO was removed: nobody can block on it
        os.close(os.open(path, os.O_WRONLY))


def make_fifo(path: Path) -> Path:
    """Make a FIFO at ``path`` that gives any reader end-of-file instead of blocking."""
    os.mkfifo(path)
    writer = threading.Thread(target=_open_and_close, args=(path,), daemon=True)
    writer.start()
    _waiting.append((path, writer))
    return path


def release_fifos() -> None:
    """Let every writer of ``make_fifo`` finish (called after each test)."""
    while _waiting:
        path, writer = _waiting.pop()
        try:
            reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue  # removed or replaced: its writer's open has failed or will not block us
        try:
            writer.join()
        finally:
            os.close(reader)
