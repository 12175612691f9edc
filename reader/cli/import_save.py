"""Saving what ``reader import`` made: each article's name, then its file, a batch at a time.

:mod:`reader.cli.import_` hands each input's result, in the inputs' order, to a
:class:`Saver`: an article gets its name here (its id's file, or the
next free ``ID-N`` when that holds a different article; the same article again is
refused) and waits with its input's line; batches are saved
(:func:`reader.core.files_many.atomic_write_many`) in a thread of their own while the
next articles are made, and each line is printed once its file is on disk.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from reader.cli.import_jobs import Prepared
from reader.core.errors import ReaderError
from reader.core.files import shown
from reader.core.text import visible

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future, ThreadPoolExecutor

_T = TypeVar("_T")

#: Most articles in one batch saved together (see :class:`Saver`): a bound on how long
#: an input's line can wait.
MAX_SAVE_BATCH = 512
#: Least time (seconds) between the starts of two saves while articles keep coming:
#: each save flushes the file system and the folder once, a fixed cost (~1 ms of CPU,
#: taken from the import processes), so articles made faster than this are saved
#: together instead of one or two at a time (345 small articles: 12 saves, not 100).
SAVE_INTERVAL = 0.025

#: An input's line, and the file and text to save for it (None: the input failed).
_Waiting = tuple[str, "tuple[Path, str] | None"]


class Progress(Protocol):
    """What shows the import's progress: a bar, or lines on stderr."""

    def advance(self) -> None: ...

    def say(self, line: str) -> None: ...


def _on_disk(path: Path) -> bytes | None:
    """The body (:func:`~reader.cli.import_jobs.body_of`) of the article file at ``path``
    (None if it is no article)."""
    from reader.cli.import_jobs import body_of
    from reader.core.format import load_article

    try:
        return body_of(load_article(path))
    except ReaderError:
        return None


#: From this many inputs the output folder's names are listed once (:func:`_listed`)
#: instead of looking up each article's name on its own.
LIST_FROM = 32


def _listed(folder: Path) -> frozenset[str] | None:
    """The names in ``folder`` now (None: it cannot be listed). One listing costs less
    than a lookup per article, and lookups wait for the saving thread, which creates
    and names files in the same folder meanwhile (a few hundred microseconds each)."""
    try:
        return frozenset(os.listdir(folder))
    except OSError:
        return None


def _taken(path: Path, names: frozenset[str] | None) -> bool:
    """Is there anything at ``path``, a dangling link included (one ``lstat``)? A name
    that cannot be looked at counts as free: saving it then fails, and says why. A name
    not in ``names`` (the folder's listing at the start, when there is one) is free
    without a look: one made by another program since is refused when the file is
    named, never replaced (:func:`~reader.core.files_many.atomic_write_many`)."""
    if names is not None and path.name not in names:
        return False
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def _target(
    article: Prepared,
    output: Path,
    name: str,
    written: dict[Path, tuple[str, bytes]],
    *,
    force: bool,
    names: frozenset[str] | None = None,
) -> Path:
    """Where ``article`` goes in ``output``: its id's file, or the first free ``ID-N``
    file when that one holds a different article (two articles with one title are both
    kept). The same article again, or something that is no article under its own name,
    is refused, naming the input or file that has it; with ``force`` it replaces that
    file. The article's id follows its file name."""
    body = article.body
    base = article.ident
    n = 1
    while True:
        ident = base if n == 1 else f"{base}-{n}"
        target = output / f"{ident}.yaml"
        earlier = written.get(target)
        if earlier is not None:
            if earlier[1] == body:
                raise ReaderError(f"{name}: the same article as {earlier[0]}, already written")
        elif not _taken(target, names):
            break
        else:
            existing = _on_disk(target)
            # The same article, or under its own name something that is no article (the
            # user's edits, a link): refused unless forced, as ever. A different article
            # with the same title is kept and this one takes the next name.
            if existing == body or (n == 1 and existing is None):
                if force:
                    break
                raise ReaderError(f"{target}: already exists (use --force to replace it)")
        n += 1
    return target


class _Save:
    """One batch's save, handed to :class:`_SaveThread`: what it returns, once done."""

    def __init__(self, call: Callable[[], list[ReaderError | None]]) -> None:
        import threading

        self.call = call
        self.finished = threading.Event()
        self.value: list[ReaderError | None] = []
        self.error: BaseException | None = None

    def done(self) -> bool:
        return self.finished.is_set()

    def result(self) -> list[ReaderError | None]:
        self.finished.wait()
        if self.error is not None:
            raise self.error
        return self.value


class _SaveThread:
    """The thread batches are saved in, one after another, while the next articles are
    made: one plain thread for the run, not a ``concurrent.futures`` pool (which would
    import ``logging`` and more, ~5 ms of CPU taken from the import processes) nor a
    thread a batch (starting one costs a switch to it, and there are tens of batches).
    Saves are handed over under a condition, not through ``queue`` (its C module and
    ``heapq``: one more import for a list of one or two)."""

    def __init__(self) -> None:
        import threading

        self.handed = threading.Condition()
        #: saves handed over and not yet started (None: end the thread)
        self.saves: list[_Save | None] = []
        self.thread = threading.Thread(target=self._run, name="reader-save")
        self.thread.start()

    def _run(self) -> None:
        while True:
            with self.handed:
                while not self.saves:
                    self.handed.wait()
                save = self.saves.pop(0)
            if save is None:
                return
            try:
                save.value = save.call()
            except BaseException as exc:  # raised again in the thread asking for it
                save.error = exc
            save.finished.set()

    def _hand(self, save: _Save | None) -> None:
        with self.handed:
            self.saves.append(save)
            self.handed.notify()

    def start(self, call: Callable[[], list[ReaderError | None]]) -> _Save:
        save = _Save(call)
        self._hand(save)
        return save

    def stop(self) -> None:
        """End the thread once the saves handed to it are done."""
        self._hand(None)
        self.thread.join()


class _Writers:
    """The threads a batch's files are flushed from when each is flushed on its own
    (:func:`~reader.core.files_many.atomic_write_many`, when much else waits to be
    written): started on the first such batch and kept for the run."""

    def __init__(self) -> None:
        self.pool: ThreadPoolExecutor | None = None

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        if self.pool is None:
            from concurrent.futures import ThreadPoolExecutor

            from reader.core.files_many import SYNC_THREADS

            self.pool = ThreadPoolExecutor(SYNC_THREADS)
        return self.pool.submit(fn, *args, **kwargs)


class Saver:
    """Articles waiting to be saved, each with its input's line, kept in input order.

    Saving runs in a thread of its own while the next articles are made, and what waits
    is handed to the disk as soon as it has finished the last batch: batches grow while
    the disk is slow, so the waits for it stay few (each batch is one wait for the files
    and one for the folder, :func:`~reader.core.files_many.atomic_write_many`). An input that
    failed waits in line too, so that the lines come out in the inputs' order, each once
    the articles before it are on disk. With ``to_stdout`` articles are printed at once.
    """

    def __init__(
        self, bar: Progress, output: Path, *, force: bool, to_stdout: bool, inputs: int = 1
    ) -> None:
        self.bar, self.output, self.force, self.to_stdout = bar, output, force, to_stdout
        #: the output folder's names at the start (None: each name is looked up)
        self.names = _listed(output) if inputs >= LIST_FROM and not to_stdout else None
        #: (line to print, file and text to write, or None for an input that failed)
        self.waiting: list[_Waiting] = []
        #: the batch being saved, and its save (what it returns)
        self.saving: tuple[list[_Waiting], _Save] | None = None
        self.saver: _SaveThread | None = None
        #: when the last save started (time.monotonic)
        self.started = -SAVE_INTERVAL
        self.writers = _Writers()
        self.done = self.failed = 0
        #: target: input, article body (written, or waiting to be)
        self.written: dict[Path, tuple[str, bytes]] = {}

    def add(self, name: str, article: Prepared) -> None:
        if self.to_stdout:
            if self.done:
                sys.stdout.write("---\n")
            sys.stdout.write(article.text)
            self.done += 1
            self.bar.advance()
            return
        try:
            target = _target(
                article, self.output, name, self.written, force=self.force, names=self.names
            )
        except ReaderError as exc:
            self.fail(exc)
            return
        self.written[target] = (name, article.body)
        text = article.named(target.name.removesuffix(".yaml"))
        self.waiting.append((f"{name} -> {shown(target)}", (target, text)))
        self._pump()

    def fail(self, exc: ReaderError) -> None:
        # messages quote names and values already spelled out; once more is harmless
        line = f"reader: {visible(str(exc), keep_newlines=False)}"
        if self.to_stdout:
            self.failed += 1
            self.bar.say(line)
            self.bar.advance()
            return
        self.waiting.append((line, None))
        self._pump()

    def finish(self) -> None:
        """Save everything still waiting and print every line."""
        while self.saving is not None or self.waiting:
            self._pump(wait=True)
        self.close()

    def close(self) -> None:
        """Stop the threads (once the saves under way are done)."""
        if self.saver is not None:
            self.saver.stop()
            self.saver = None
        if self.writers.pool is not None:
            self.writers.pool.shutdown()

    def _pump(self, *, wait: bool = False) -> None:
        """Report the batch being saved if it is done (or ``wait``, or too much waits),
        then hand the disk what waits, once :data:`SAVE_INTERVAL` has passed since the
        last save started (or ``wait``, or too much waits)."""
        from reader.core.files_many import atomic_write_many

        if self.saving is not None:
            if not (wait or self.saving[1].done() or len(self.waiting) >= MAX_SAVE_BATCH):
                return
            self._report()
        if self.waiting and (
            wait
            or len(self.waiting) >= MAX_SAVE_BATCH
            or time.monotonic() - self.started >= SAVE_INTERVAL
        ):
            self.started = time.monotonic()
            batch, self.waiting = self.waiting, []
            files = [item for _, item in batch if item is not None]
            force, writers = self.force, self.writers
            if self.saver is None:
                self.saver = _SaveThread()
            save = self.saver.start(lambda: atomic_write_many(files, overwrite=force, pool=writers))
            self.saving = (batch, save)

    def _report(self) -> None:
        """Wait for the batch being saved, then print its lines in order."""
        assert self.saving is not None
        batch, save = self.saving
        self.saving = None
        problems = iter(save.result())
        for line, item in batch:
            if item is None:  # an input that failed before there was anything to save
                self.failed += 1
                self.bar.say(line)
            elif (problem := next(problems)) is None:
                self.done += 1
                self.bar.say(line)
            else:
                self.failed += 1
                del self.written[item[0]]
                self.bar.say(f"reader: {visible(str(problem), keep_newlines=False)}")
            self.bar.advance()


__all__ = ["MAX_SAVE_BATCH", "SAVE_INTERVAL", "Progress", "Saver"]
