"""Work on many inputs in forked processes, with nothing but ``os.fork`` and pipes.

``reader import`` of many files imports them in one process per core
(:mod:`reader.cli.import_jobs`). It used ``concurrent.futures.ProcessPoolExecutor``,
which costs more than the job needs: importing it and ``multiprocessing`` took ~10 ms
before the first process could start (with one core idle), it runs two threads of its
own beside the saving, and one process that dies breaks the pool, every input still
under way failing with it. The job is narrow: the same function on each input, in
processes forked from this one (which already has the importer loaded), each result
sent back as bytes, in the inputs' order. So:

- :func:`forked` starts ``count`` processes at once, each with a pipe for its work (the
  numbers of the inputs it is to do, in order) and one for its results. Each is kept a
  few inputs ahead (:data:`AHEAD`, more while much is left), in the inputs' order, so
  the results come nearly in order and a process never waits for work while this one
  is busy; the results are yielded strictly in order.
- A process sends each result as soon as it is made (a length, the input's number, a
  kind, the bytes ``work`` returned): no pickling, and a process that ends early has
  sent all it finished. Its input under way (the first it was given without a result)
  is reported as :class:`Ended`; the others it was given go to the other processes, or,
  with none left, are done here, one by one. An exception ``work`` raises is reported
  as :class:`Raised` for that input alone.
- When every input has been handed out, each process's work pipe is closed as its last
  result arrives: it calls ``at_end`` (the importer keeps its word tables) and ends
  while the others finish.

The processes ignore Ctrl-C (the parent stops handing out work and waits for the inputs
under way) and end when the parent does (their work pipe then reads as closed).
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

#: Inputs a process is given beyond the one it is on, at the end: it never waits for the
#: next, and no process has more than this left while another has nothing.
AHEAD = 2
#: ... and at most this many while much is left to hand out (a share of what is left,
#: :meth:`_Pool._hand_out`): the processes then keep working while this one is busy
#: or waits for the CPU, and the end stays even.
MAX_AHEAD = 8
#: A result's frame: the length of what follows the frame, the input's number, its kind.
_FRAME = struct.Struct("<QIB")
_DONE, _RAISED = 0, 1
#: Bytes read from a process's result pipe at a time.
_READ = 1 << 18


class _Reason:
    """Why an input has no result (plain classes, not dataclasses or named tuples: this
    module is imported before the processes are forked, where compiling their methods
    from source costs a millisecond or two)."""

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reason) and type(other) is type(self) and other.why == self.why

    def __hash__(self) -> int:
        return hash((type(self), self.why))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.why!r})"


class Ended(_Reason):
    """The process working on an input ended before sending its result (how it ended)."""

    __slots__ = ()


class Raised(_Reason):
    """``work`` raised for this input (the exception's type and message)."""

    __slots__ = ()


Outcome = bytes | Ended | Raised


class _Process:
    """One forked process: its pipes and the inputs it has not yet sent back."""

    __slots__ = ("buffer", "given", "pid", "results", "work")

    def __init__(self, pid: int, work: int, results: int) -> None:
        self.pid = pid
        #: where this process's work is written (None once closed)
        self.work: int | None = work
        #: where its results are read from (None once it has ended)
        self.results: int | None = results
        #: inputs given to it, in order, without a result yet
        self.given: deque[int] = deque()
        self.buffer = bytearray()


def _serve(items: Sequence[str], work: Callable[[str], bytes], tasks: int, out: int) -> None:
    """A process's life: each input number read from ``tasks``, its result written to
    ``out`` at once, until ``tasks`` is closed."""
    with os.fdopen(tasks, "rb", buffering=1 << 12) as reader:
        while number := reader.read(4):
            if len(number) < 4:  # pragma: no cover - the parent writes whole numbers
                break
            index = int.from_bytes(number, "little")
            try:
                payload, kind = work(items[index]), _DONE
            except Exception as exc:  # a bug, not bad input: reported for this input alone
                payload, kind = f"{type(exc).__name__}: {exc}".encode("utf-8", "replace"), _RAISED
            _write_all(out, _FRAME.pack(len(payload), index, kind) + payload)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fork(
    items: Sequence[str],
    work: Callable[[str], bytes],
    at_end: Callable[[], object],
    others: list[_Process],
) -> _Process:
    tasks_in, tasks_out = os.pipe()
    results_in, results_out = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (tasks_in, tasks_out, results_in, results_out):
            os.close(fd)
        raise
    if pid == 0:  # the new process: it never returns into the caller's code
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            # what the parent made (the importer, its tables) is left out of this
            # process's collections: a pass writes to each object it visits, copying the
            # page it is on (~300 page faults fewer a process on the benchmark set)
            gc.freeze()
            for fd in (tasks_out, results_in):
                os.close(fd)
            for other in others:  # their pipes, or they would never read as closed
                for inherited in (other.work, other.results):
                    if inherited is not None:
                        os.close(inherited)
            _serve(items, work, tasks_in, results_out)
            at_end()
            code = 0
        except BaseException:  # the parent is gone (a broken pipe): nothing to say
            pass
        finally:
            os._exit(code)
    os.close(tasks_in)
    os.close(results_out)
    return _Process(pid, tasks_out, results_in)


def _flush_standard_streams() -> None:
    """Flush stdout and stderr, each that there is: one closed when Python started
    (``reader import ... >&-``) is None, one closed since raises; either is absent, and
    the import goes on without it."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()


def _how_it_ended(pid: int) -> str:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # pragma: no cover - already waited for
        return "it ended"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:  # pragma: no cover - a signal Python has no name for
            name = str(number)
        return f"killed by signal {number}, {name}"
    return f"exit status {os.WEXITSTATUS(status)}"


class _Pool:
    """The processes, the inputs not yet handed out, and the results not yet yielded."""

    def __init__(
        self,
        items: Sequence[str],
        count: int,
        work: Callable[[str], bytes],
        at_end: Callable[[], object],
    ) -> None:
        self.items, self.work = items, work
        self.pending: deque[int] = deque(range(len(items)))
        self.ready: dict[int, Outcome] = {}
        self.processes: list[_Process] = []
        # a forked process flushes what it inherited in the standard streams' buffers when
        # it ends: nothing may be waiting there, or it would be written twice
        _flush_standard_streams()
        for _ in range(count):
            try:
                self.processes.append(_fork(items, work, at_end, self.processes))
            except OSError:  # no more processes: the ones started do it (or this one)
                break
        for process in self.processes:
            self._hand_out(process)

    def _hand_out(self, process: _Process) -> None:
        """Keep ``process`` ahead by :data:`AHEAD` inputs, up to :data:`MAX_AHEAD` while
        much is left (a quarter of each process's share of it); close its work pipe when
        it has finished and nothing is left to hand out."""
        if process.work is None:
            return
        numbers = []
        ahead = max(AHEAD, min(MAX_AHEAD, len(self.pending) // (4 * len(self.processes))))
        while self.pending and len(process.given) <= ahead:
            index = self.pending.popleft()
            process.given.append(index)
            numbers.append(index.to_bytes(4, "little"))
        if numbers:
            with contextlib.suppress(OSError):  # it has ended: its results pipe says so, and how
                _write_all(process.work, b"".join(numbers))
        elif not process.given:
            os.close(process.work)
            process.work = None

    def results(self) -> Iterator[tuple[int, Outcome]]:
        """Every input's outcome, in the inputs' order."""
        for index in range(len(self.items)):
            while index not in self.ready:
                self._wait()
            yield index, self.ready.pop(index)

    def _wait(self) -> None:
        """Read what the processes sent; with none left, do the next input here."""
        alive = {p.results: p for p in self.processes if p.results is not None}
        if not alive:
            index = self.pending.popleft()
            try:
                self.ready[index] = self.work(self.items[index])
            except Exception as exc:  # as a process reports it
                self.ready[index] = Raised(f"{type(exc).__name__}: {exc}")
            return
        poller = select.poll()
        for fd in alive:
            poller.register(fd, select.POLLIN)
        for fd, _ in poller.poll():
            process = alive[fd]
            chunk = os.read(fd, _READ)
            if chunk:
                process.buffer += chunk
                self._take(process)
                self._hand_out(process)
            else:
                self._ended(process)

    def _take(self, process: _Process) -> None:
        """The whole results in ``process``'s buffer."""
        buffer = process.buffer
        start = 0
        while len(buffer) - start >= _FRAME.size:
            size, index, kind = _FRAME.unpack_from(buffer, start)
            end = start + _FRAME.size + size
            if len(buffer) < end:
                break
            payload = bytes(buffer[start + _FRAME.size : end])
            self.ready[index] = payload if kind == _DONE else Raised(payload.decode("utf-8"))
            process.given.remove(index)
            start = end
        del buffer[:start]

    def _ended(self, process: _Process) -> None:
        """``process`` closed its results: it ended. The input it was on failed; the
        others it was given go back to be handed out first."""
        assert process.results is not None
        os.close(process.results)
        process.results = None
        if process.work is not None:
            os.close(process.work)
            process.work = None
        how = _how_it_ended(process.pid)
        process.pid = 0
        if process.given:
            self.ready[process.given.popleft()] = Ended(how)
            # handed out again first, in the inputs' order
            self.pending = deque(sorted((*process.given, *self.pending)))
            process.given.clear()
            for other in self.processes:
                self._hand_out(other)

    def close(self) -> None:
        """Hand out nothing more, and wait for every process to finish what it has."""
        self.pending.clear()
        for process in self.processes:
            if process.work is not None:
                os.close(process.work)
                process.work = None
        for process in self.processes:
            if process.results is not None:
                os.close(process.results)  # one still writing gets a broken pipe, and ends
                process.results = None
            if process.pid:
                _how_it_ended(process.pid)
                process.pid = 0


@contextmanager
def forked(
    items: Sequence[str],
    count: int,
    work: Callable[[str], bytes],
    at_end: Callable[[], object],
) -> Iterator[Iterator[tuple[int, Outcome]]]:
    """``work`` of every item in ``count`` processes forked now: each item's number and
    the bytes ``work`` returned (or why there are none), in the items' order. Each
    process calls ``at_end`` once it has no more work. Leaving the block waits for the
    processes to finish what they were given."""
    pool = _Pool(items, count, work, at_end)
    try:
        yield pool.results()
    finally:
        pool.close()


__all__ = ["AHEAD", "MAX_AHEAD", "Ended", "Outcome", "Raised", "forked"]
