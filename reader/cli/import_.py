"""``reader import INPUT... [-o DIR] [--force] [--stdout]``: text, pages and URLs in.

An input is a raw text file (``.txt``), a saved web page (``.html``, ``.htm``, also
gzip-compressed as ``.html.gz``), an ``http(s)://`` URL, a folder (its text and page
files), or ``-`` for stdin; any mix. URLs are fetched a few at a time
(:func:`reader.web.parallel.concurrently`). Each input is imported on its own: a bad one is
reported in one line and skipped, the rest go on, and the exit code says whether any
failed. Files are written atomically, named by a safe slug of the title, and an existing
file is never replaced without ``--force``. Two different articles whose titles give the
same name are both kept (the second as ``NAME-2.yaml``); only the same article again is
refused as already there, naming the input or file that has it. With several inputs and
a terminal on stderr, a progress bar shows. Inputs are made into text by
:mod:`reader.cli.import_jobs` (many files in parallel processes) and saved a batch at a
time (:func:`reader.core.files_many.atomic_write_many`); each input's line is printed once its
file is on disk. (The module is ``import_`` because ``import`` is a Python keyword.)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from reader.cli.common import Commands
from reader.cli.import_jobs import STDIN, Prepared
from reader.core.errors import ReaderError
from reader.core.files import shown
from reader.core.text import visible

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future, ThreadPoolExecutor

_T = TypeVar("_T")

#: The files a folder contributes.
FOLDER_PATTERNS = ("*.txt", "*.html", "*.htm", "*.html.gz", "*.htm.gz")
#: Most articles in one batch saved together (see :class:`_Saver`): a bound on how long
#: an input's line can wait.
MAX_SAVE_BATCH = 512

#: An input's line, and the file and text to save for it (None: the input failed).
_Waiting = tuple[str, "tuple[Path, str] | None"]


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "import", help="turn text files, web pages and URLs into article files"
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text files, .html/.htm(.gz) pages, http(s) URLs, folders, or - for stdin",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder to write articles to (default: your article folder, the one the library "
        "shows; READER_ARTICLES_DIR overrides)",
    )
    parser.add_argument("--force", action="store_true", help="replace existing files")
    parser.add_argument(
        "--stdout", action="store_true", help="print the YAML instead of writing files"
    )


def run(ns: argparse.Namespace) -> int:
    """Imports go to the user's article folder unless ``-o`` names another: the folder
    feed updates write to and the library shows (:func:`reader.core.places.user_articles_dir`)."""
    from reader.core.places import user_articles_dir

    output = ns.output if ns.output is not None else user_articles_dir()
    return run_import(ns.inputs, output=output, force=ns.force, to_stdout=ns.stdout)


class _Progress(Protocol):
    def advance(self) -> None: ...

    def say(self, line: str) -> None: ...


class _NoProgress:
    def advance(self) -> None:
        return None

    def say(self, line: str) -> None:
        print(line, file=sys.stderr)


def _expanded(inputs: list[str]) -> tuple[list[str], list[str]]:
    """Inputs with each folder replaced by its text and page files (sorted, not
    recursive), and the folders that held nothing to import (each input is looked at
    once: a batch names hundreds of files). A name that exists is never a URL
    (:func:`~reader.cli.import_jobs.is_url`), so no ``is_url`` test is needed here."""
    out: list[str] = []
    empty: list[str] = []
    for item in inputs:
        if item != STDIN and os.path.isdir(item):  # (a name that exists is never a URL)
            path = Path(item)
            found = {p for pattern in FOLDER_PATTERNS for p in path.glob(pattern) if p.is_file()}
            out.extend(str(p) for p in sorted(found))
            if not found:
                empty.append(item)
        else:
            out.append(item)
    return out, empty


@contextmanager
def _progress(total: int) -> Iterator[_Progress]:
    if total < 2 or not sys.stderr.isatty():
        yield _NoProgress()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn())
    console = Console(stderr=True, highlight=False, markup=False)
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("import", total=total)

        class _Bar:
            def advance(self) -> None:
                bar.advance(task)

            def say(self, line: str) -> None:
                # through the bar's console, so lines appear above the bar, not inside it
                console.print(line, soft_wrap=True)

        yield _Bar()


def _on_disk(path: Path) -> bytes | None:
    """The body (:func:`~reader.cli.import_jobs.body_of`) of the article file at ``path``
    (None if it is no article)."""
    from reader.cli.import_jobs import body_of
    from reader.core.format import load_article

    try:
        return body_of(load_article(path))
    except ReaderError:
        return None


def _taken(path: Path) -> bool:
    """Is there anything at ``path``, a dangling link included (one ``lstat``)? A name
    that cannot be looked at counts as free: saving it then fails, and says why."""
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
        elif not _taken(target):
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
    thread a batch (starting one costs a switch to it, and there are tens of batches)."""

    def __init__(self) -> None:
        import queue
        import threading

        self.saves: queue.SimpleQueue[_Save | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="reader-save")
        self.thread.start()

    def _run(self) -> None:
        while (save := self.saves.get()) is not None:
            try:
                save.value = save.call()
            except BaseException as exc:  # raised again in the thread asking for it
                save.error = exc
            save.finished.set()

    def start(self, call: Callable[[], list[ReaderError | None]]) -> _Save:
        save = _Save(call)
        self.saves.put(save)
        return save

    def stop(self) -> None:
        """End the thread once the saves handed to it are done."""
        self.saves.put(None)
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


class _Saver:
    """Articles waiting to be saved, each with its input's line, kept in input order.

    Saving runs in a thread of its own while the next articles are made, and what waits
    is handed to the disk as soon as it has finished the last batch: batches grow while
    the disk is slow, so the waits for it stay few (each batch is one wait for the files
    and one for the folder, :func:`~reader.core.files_many.atomic_write_many`). An input that
    failed waits in line too, so that the lines come out in the inputs' order, each once
    the articles before it are on disk. With ``to_stdout`` articles are printed at once.
    """

    def __init__(self, bar: _Progress, output: Path, *, force: bool, to_stdout: bool) -> None:
        self.bar, self.output, self.force, self.to_stdout = bar, output, force, to_stdout
        #: (line to print, file and text to write, or None for an input that failed)
        self.waiting: list[_Waiting] = []
        #: the batch being saved, and its save (what it returns)
        self.saving: tuple[list[_Waiting], _Save] | None = None
        self.saver: _SaveThread | None = None
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
            target = _target(article, self.output, name, self.written, force=self.force)
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
        then hand the disk what waits."""
        from reader.core.files_many import atomic_write_many

        if self.saving is not None:
            if not (wait or self.saving[1].done() or len(self.waiting) >= MAX_SAVE_BATCH):
                return
            self._report()
        if self.waiting:
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


def run_import(inputs: list[str], *, output: Path, force: bool, to_stdout: bool) -> int:
    """Import every input; print one line per failure and a summary; 1 if any failed."""
    # here, not at the top: listing the subcommands (reader --help) imports this module
    from reader.cli.import_jobs import prepared

    items, empty = _expanded(inputs)
    # a folder with nothing to import is named, whatever else is imported with it
    for folder in empty:
        message = f"reader: import: {shown(folder)}: no .txt or .html files in this folder"
        print(message, file=sys.stderr)
    if not items:
        return 1
    if not to_stdout and not output.is_dir():
        if output.exists():
            print(f"reader: {shown(output)}: not a folder", file=sys.stderr)
            return 1
        try:
            output.mkdir(parents=True)
        except OSError as exc:
            print(f"reader: {shown(output)}: cannot create folder: {exc.strerror}", file=sys.stderr)
            return 1
    with prepared(items) as results, _progress(len(items)) as bar:
        saver = _Saver(bar, output, force=force, to_stdout=to_stdout)
        try:
            for item, result in results:
                if isinstance(result, ReaderError):
                    saver.fail(result)
                else:
                    saver.add("<stdin>" if item == STDIN else shown(item), result)  # only shown
            saver.finish()
        finally:  # an interrupt: the save under way ends, its thread too (never left behind)
            saver.close()
    done, failed = saver.done, saver.failed + len(empty)
    noun = "article" if done == 1 else "articles"
    summary = f"imported {done} {noun}"
    if failed:
        summary += f", {failed} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0
