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
time (:mod:`reader.cli.import_save`); each input's line is printed once its file is on
disk. (The module is ``import_`` because ``import`` is a Python keyword.)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.cli.common import Commands
from reader.cli.import_jobs import STDIN
from reader.cli.import_save import Progress, Saver
from reader.core.errors import ReaderError
from reader.core.files import shown

#: The files a folder contributes.
FOLDER_PATTERNS = ("*.txt", "*.html", "*.htm", "*.html.gz", "*.htm.gz")


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

    _end_without_a_last_collection()
    output = ns.output if ns.output is not None else user_articles_dir()
    return run_import(ns.inputs, output=output, force=ns.force, to_stdout=ns.stdout)


def _end_without_a_last_collection() -> None:
    """When the command ends, the interpreter's last garbage collection walks every
    object still alive (the importer, its languages, the word tables: 10-15 ms, a
    twentieth of importing the benchmark set) to free memory the process is about to
    give back anyway. Freezing them first (``gc.freeze`` in an ``atexit`` callback,
    which runs before that collection) skips the walk; nothing else changes."""
    global _FREEZE_AT_EXIT
    if not _FREEZE_AT_EXIT:
        import atexit
        import gc

        atexit.register(gc.freeze)
        _FREEZE_AT_EXIT = True


_FREEZE_AT_EXIT = False


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


def _is_terminal(stream: object) -> bool:
    """Is ``stream`` a terminal? Not when it is absent (None: closed when Python
    started) or closed since."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except (OSError, ValueError):
        return False


@contextmanager
def _progress(total: int) -> Iterator[Progress]:
    if total < 2 or not _is_terminal(sys.stderr):
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


def run_import(inputs: list[str], *, output: Path, force: bool, to_stdout: bool) -> int:
    """Import every input; print one line per failure and a summary; 1 if any failed."""
    # here, not at the top: listing the subcommands (reader --help) imports this module
    from reader.cli.import_jobs import prepared

    if to_stdout and sys.stdout is None:  # closed when Python started (`>&-`)
        print("reader: import: --stdout: standard output is closed", file=sys.stderr)
        return 1
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
        saver = Saver(bar, output, force=force, to_stdout=to_stdout, inputs=len(items))
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
