"""Leaving the forked pool of ``reader import``: a process stuck on an input never holds
the parent (Ctrl-C ends it at once) nor outlives it (not even a parent killed with
``SIGKILL``). Each case runs in a harness process of its own, every wait bounded: a
regression fails here instead of hanging the run (and its processes are killed)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

#: Most seconds any wait here may take before the case fails (never the assertion
#: itself: the cases pass as soon as what they wait for happens).
LIMIT = 60

# a pool of two processes over inputs the first of which is quick and the second stuck:
# the process on it writes its pid to FOLDER/stuck-PID and sleeps for an hour
HARNESS = """
import os, sys, time
from pathlib import Path
from reader.cli.import_pool import forked

folder = Path(sys.argv[1])

def work(item):
    if item == "stuck":
        (folder / f"stuck-{os.getpid()}").touch()
        time.sleep(3600)
    return item.encode()

items = ["quick", "stuck", *(f"item {n}" for n in range(20))]
with forked(items, 2, work, lambda: None) as results:
    for index, outcome in results:
        (folder / f"result-{index}").touch()
"""


def _gone(pid: int) -> bool:
    """Has ``pid`` ended (or is it a zombie no one has waited for yet)?"""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


def _until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {LIMIT} s: {what}")
        time.sleep(0.02)


def _stuck(folder: Path) -> int:
    _until(lambda: any(folder.glob("stuck-*")), "the stuck process started")
    return int(next(folder.glob("stuck-*")).name.split("-")[1])


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    folder = tmp_path / "marks"
    folder.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", HARNESS, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process, folder
    finally:  # whatever happened, nothing is left running
        process.kill()
        process.wait()
        for mark in folder.glob("stuck-*"):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(mark.name.split("-")[1]), signal.SIGKILL)


def test_an_interrupt_ends_the_parent_at_once_and_the_stuck_process_with_it(
    harness: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, folder = harness
    pid = _stuck(folder)
    _until(lambda: (folder / "result-0").exists(), "the first result")
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail("the parent still waits for a stuck process after Ctrl-C")
    assert process.returncode != 0  # the KeyboardInterrupt, raised once the pool is closed
    assert _gone(pid)  # waited for by the parent, not left to anyone else


def test_a_parent_killed_with_sigkill_leaves_no_process_behind(
    harness: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, folder = harness
    pid = _stuck(folder)
    process.kill()
    process.wait()
    _until(lambda: _gone(pid), "the stuck process ended with its parent")
