"""The forked pool of ``reader import``: every input's result, in order, whatever happens
to a process (tests/cli/test_cli_import_batch.py checks the command around it)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from reader.cli import import_pool
from reader.cli.import_pool import Ended, Outcome, Raised, forked

PARENT = os.getpid()

# every wait here is bounded (tests/cli/conftest.py): a pool that hangs fails the test
pytestmark = pytest.mark.usefixtures("bounded")


def _run(
    items: list[str], count: int, work: object, at_end: object = lambda: None
) -> list[tuple[int, Outcome]]:
    with forked(items, count, work, at_end) as results:  # type: ignore[arg-type]
        return list(results)


def _upper(item: str) -> bytes:
    return item.upper().encode()


def test_every_result_comes_back_in_order_from_the_processes() -> None:
    items = [f"item {n}" for n in range(50)]
    pids: set[int] = set()

    def work(item: str) -> bytes:
        return f"{item.upper()} {os.getpid()}".encode()

    results = _run(items, 3, work)
    assert [index for index, _ in results] == list(range(50))
    for (_, outcome), item in zip(results, items, strict=True):
        assert isinstance(outcome, bytes)
        text, pid = outcome.decode().rsplit(" ", 1)
        assert text == item.upper() and int(pid) != PARENT
        pids.add(int(pid))
    assert len(pids) == 3  # the work was shared


def test_a_big_result_comes_back_whole() -> None:
    big = [str(n) for n in range(4)]
    results = _run(big, 2, lambda item: item.encode() * 3_000_000)  # 3 MB, past any pipe
    assert [outcome for _, outcome in results] == [n.encode() * 3_000_000 for n in big]


def _dies_on(doomed: set[str]) -> object:
    def work(item: str) -> bytes:
        if item in doomed and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return _upper(item)

    return work


def test_a_process_that_dies_fails_only_the_input_it_was_on() -> None:
    items = [f"item {n}" for n in range(30)]
    results = dict(_run(items, 2, _dies_on({"item 7"})))
    assert sorted(results) == list(range(30))
    assert results[7] == Ended("killed by signal 9, SIGKILL")
    assert all(results[n] == items[n].upper().encode() for n in range(30) if n != 7)


def test_when_every_process_has_died_the_rest_are_done_here() -> None:
    items = [f"item {n}" for n in range(20)]

    def work(item: str) -> bytes:
        if item == "item 3" and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return f"{item} {os.getpid()}".encode()

    results = dict(_run(items, 1, work))
    assert results[3] == Ended("killed by signal 9, SIGKILL")
    done_by = {n: outcome.decode().rsplit(" ", 1)[1] for n, outcome in results.items() if n != 3}
    assert all(results[n].startswith(items[n].encode() + b" ") for n in done_by)  # type: ignore[union-attr]
    assert {done_by[n] for n in range(4, 20)} == {str(PARENT)}


def test_an_exception_in_the_work_fails_only_its_input() -> None:
    def work(item: str) -> bytes:
        if item == "bad":
            raise ValueError("no good")
        return _upper(item)

    results = _run(["a", "bad", "c", "d"], 2, work)
    assert results == [(0, b"A"), (1, Raised("ValueError: no good")), (2, b"C"), (3, b"D")]


def test_each_process_ends_with_at_end_once_it_has_no_more_work(tmp_path: Path) -> None:
    def at_end() -> None:
        (tmp_path / str(os.getpid())).write_text("done")

    _run([str(n) for n in range(12)], 3, _upper, at_end)
    ended = sorted(p.name for p in tmp_path.iterdir())
    assert len(ended) == 3 and str(PARENT) not in ended


def test_no_process_is_left_behind_even_when_the_caller_stops_early() -> None:
    started: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    pool_os = import_pool.os
    try:
        import_pool.os.fork = fork  # type: ignore[assignment]
        with forked([str(n) for n in range(40)], 2, _upper, lambda: None) as results:
            assert next(results) == (0, b"0")
    finally:
        pool_os.fork = real_fork  # type: ignore[assignment]
    assert len(started) == 2
    for pid in started:  # each was waited for: none is left to wait for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_process_is_kept_further_ahead_while_much_is_left_and_little_at_the_end() -> None:
    """Far ahead while much waits (the processes keep working while this process is
    busy), little at the end (no process still has many while another has none)."""
    from collections import deque

    pool = object.__new__(import_pool._Pool)
    read_end, write_end = os.pipe()
    try:
        process = import_pool._Process(pid=0, work=write_end, results=-1)
        pool.processes = [process, import_pool._Process(pid=0, work=None, results=-1)]  # type: ignore[arg-type]
        pool.pending = deque(range(200))
        pool.next, pool.held_back = 0, False
        pool._hand_out(process)
        assert list(process.given) == list(range(import_pool.MAX_AHEAD + 1))
        pool.pending = deque(range(200, 203))
        pool.next = 200
        process.given.clear()
        pool._hand_out(process)
        assert list(process.given) == list(range(200, 200 + import_pool.AHEAD + 1))
        handed = os.read(read_end, 1 << 12)
        assert [int.from_bytes(handed[n : n + 4], "little") for n in range(0, len(handed), 4)] == [
            *range(import_pool.MAX_AHEAD + 1),
            *range(200, 200 + import_pool.AHEAD + 1),
        ]
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_slow_first_input_bounds_what_is_handed_out_and_held() -> None:
    """One process stuck on input 0, the other sending every result at once: the
    results held for after input 0 stay under the pool's bound, and the rest is handed
    out once input 0 is yielded."""
    from collections import deque

    pool = object.__new__(import_pool._Pool)
    pipes = [os.pipe(), os.pipe()]
    try:
        slow, fast = (import_pool._Process(pid=0, work=w, results=-1) for _, w in pipes)
        pool.processes = [slow, fast]
        pool.items = [str(n) for n in range(500)]
        pool.pending = deque(range(500))
        pool.ready = {}
        pool.next, pool.held_back, pool.finished = 0, False, False
        pool._hand_out(slow)
        assert slow.given[0] == 0
        pool._hand_out(fast)
        while fast.given:  # each result the fast one sends, at once: more work for it
            pool.ready[fast.given.popleft()] = b"done"
            pool._hand_out(fast)
        bound = 2 * (import_pool.MAX_AHEAD + 1)
        assert 0 < len(pool.ready) <= bound
        assert max(pool.ready) < bound and len(pool.pending) >= 500 - bound
        pool.ready[slow.given.popleft()] = b"done"  # input 0 at last
        slow.given.clear()
        results = pool.results()
        assert next(results) == (0, b"done")
        given = [*slow.given, *fast.given]  # handed out again, within the bound
        assert given and max(given) < pool.next + bound
    finally:
        for read_end, write_end in pipes:
            os.close(read_end)
            os.close(write_end)
