"""Waiting for an app to get somewhere, without a clock.

A loaded machine (two busy cores) makes everything slower, never different: so a test
waits for the state it needs, not for a time. ``until`` lets the app run, a short pause
at a time, until a condition holds. Its step limit is a guard against a real hang only:
``HANG_STEPS`` pauses of at least 10 ms each is over five minutes, far beyond anything a
slow machine needs, so it cannot fail a test that would pass on an idle one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

HANG_STEPS = 30_000


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Let the app run until ``condition()`` is true; ``what`` names it if it never is."""
    for _ in range(HANG_STEPS):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")
