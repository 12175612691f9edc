"""Fixtures of the command tests."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

#: Most seconds a test of the forked pool may take: a regression that would leave the
#: pool waiting forever fails the test instead of hanging the run (the suite has no
#: per-test timeout of its own). Generous: both cores may be busy with other work.
POOL_TEST_LIMIT = 120


class PoolTestTimeout(Exception):
    """A pool test ran past :data:`POOL_TEST_LIMIT`."""


@pytest.fixture
def bounded() -> Iterator[None]:
    """Fail the test once it has run :data:`POOL_TEST_LIMIT` seconds: the exception is
    raised in the wait under way (the pool, left by it, stops its processes)."""

    def expired(number: int, frame: object) -> None:
        raise PoolTestTimeout(f"the test ran past {POOL_TEST_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, POOL_TEST_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
