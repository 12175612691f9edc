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

The processes ignore Ctrl-C: the parent decides. Left early (an exception, Ctrl-C, the
caller stopping before the last result), it stops them: ``SIGTERM``, then, after
:data:`GRACE` seconds, ``SIGKILL``, then waits for each, so that a process stuck on an
input never holds the parent nor outlives it. A parent that ends without doing so
(``SIGKILL``) takes them with it: each asks the kernel for ``SIGKILL`` when its parent
dies (``PR_SET_PDEATHSIG``), and otherwise ends once its work pipe reads as closed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import struct
import sys
import time
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
#: Seconds the processes of a pool left early have to end on ``SIGTERM`` before
#: ``SIGKILL``.
GRACE = 0.5
#: ``prctl`` option: the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1
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
    on_parent_death: Callable[[int, int], int] | None,
) -> _Process:
    parent = os.getpid()
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
            if on_parent_death is not None:
                on_parent_death(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:  # it died before that was set: nobody to work for
                os._exit(1)
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


def _death_signal_setter() -> Callable[[int, int], int] | None:
    """libc's ``prctl`` (found here, before forking, so that no process pays for it),
    or None where there is none."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - the pool is forked on Linux
        return None
    try:
        import ctypes  # (a batch's save imports it anyway: reader.core.fs_flush)

        function = ctypes.CDLL(None, use_errno=True).prctl
    except (ImportError, OSError, AttributeError):  # pragma: no cover - no libc prctl
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_ulong]
    function.restype = ctypes.c_int
    call: Callable[[int, int], int] = function
    return call


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
        #: every result is in (else the pool is left early: see close)
        self.finished = False
        #: the next input to yield (see _limit), and whether a process was given less
        #: than it could have been because of it
        self.next = 0
        self.held_back = False
        on_parent_death = _death_signal_setter()
        # a forked process flushes what it inherited in the standard streams' buffers when
        # it ends: nothing may be waiting there, or it would be written twice
        _flush_standard_streams()
        for _ in range(count):
            try:
                self.processes.append(_fork(items, work, at_end, self.processes, on_parent_death))
            except OSError:  # no more processes: the ones started do it (or this one)
                break
        for process in self.processes:
            self._hand_out(process)

    def _hand_out(self, process: _Process) -> None:
        """Keep ``process`` ahead by :data:`AHEAD` inputs, up to :data:`MAX_AHEAD` while
        much is left (a quarter of each process's share of it), but never past
        :meth:`_limit`; close its work pipe when it has finished and nothing is left to
        hand out."""
        if process.work is None:
            return
        numbers = []
        ahead = max(AHEAD, min(MAX_AHEAD, len(self.pending) // (4 * len(self.processes))))
        limit = self._limit()
        while self.pending and len(process.given) <= ahead:
            if self.pending[0] >= limit:  # far ahead of what was yielded: wait for it
                self.held_back = True
                break
            index = self.pending.popleft()
            process.given.append(index)
            numbers.append(index.to_bytes(4, "little"))
        if numbers:
            with contextlib.suppress(OSError):  # it has ended: its results pipe says so, and how
                _write_all(process.work, b"".join(numbers))
        elif not process.given and not self.pending:
            os.close(process.work)
            process.work = None

    def _limit(self) -> int:
        """The first input not to hand out yet: every process as far ahead as it may
        be, from the next result to yield. However slow one input is, the results
        held for the ones after it (:attr:`ready`) stay under this many."""
        return self.next + len(self.processes) * (MAX_AHEAD + 1)

    def results(self) -> Iterator[tuple[int, Outcome]]:
        """Every input's outcome, in the inputs' order."""
        last = len(self.items) - 1
        for index in range(len(self.items)):
            while index not in self.ready:
                self._wait()
            self.next = index + 1
            if self.held_back:  # the processes held back may now have more
                self.held_back = False
                for process in self.processes:
                    self._hand_out(process)
            if index == last:  # the processes are only calling at_end now
                self.finished = True
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
        """Hand out nothing more, and wait for every process: to finish what it has when
        every result was taken, else (left early) stopped first (:meth:`_stop`). An
        interrupt while waiting stops the rest too: none is ever left running."""
        self.pending.clear()
        for process in self.processes:
            if process.work is not None:
                os.close(process.work)
                process.work = None
        for process in self.processes:
            if process.results is not None:
                os.close(process.results)  # one still writing gets a broken pipe, and ends
                process.results = None
        try:
            if not self.finished:
                self._stop(signal.SIGTERM, GRACE)
            for process in self.processes:
                if process.pid:
                    _how_it_ended(process.pid)
                    process.pid = 0
        finally:
            if any(process.pid for process in self.processes):
                self._stop(signal.SIGKILL, None)

    def _stop(self, number: int, grace: float | None) -> None:
        """Send signal ``number`` to each process not yet waited for, then wait for
        them: ``grace`` seconds at most (those left are waited for later), or, with
        None, until each has ended (``SIGKILL``: at once)."""
        for process in self.processes:
            if process.pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, number)
        deadline = None if grace is None else time.monotonic() + grace
        for process in self.processes:
            while process.pid:
                try:
                    pid, _ = os.waitpid(process.pid, 0 if deadline is None else os.WNOHANG)
                except ChildProcessError:  # pragma: no cover - already waited for
                    pid = process.pid
                if pid:
                    process.pid = 0
                elif deadline is None or time.monotonic() >= deadline:
                    break
                else:
                    time.sleep(0.01)


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
    processes to finish what they were given, or, left before the last result, stops
    them."""
    pool = _Pool(items, count, work, at_end)
    try:
        yield pool.results()
    finally:
        pool.close()


__all__ = ["AHEAD", "GRACE", "MAX_AHEAD", "Ended", "Outcome", "Raised", "forked"]
