"""``reader import FILE... [-o DIR] [--force] [--stdout]``: text files in, article files out.

Each input is imported on its own: a bad file is reported in one line and skipped, the
rest go on, and the exit code says whether any failed. Files are written atomically,
named by a safe slug of the title, and an existing file is never replaced without
``--force``. With several inputs and a terminal on stderr, a progress bar shows.
(The module is ``import_`` because ``import`` is a Python keyword.)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from reader.cli.common import Commands
from reader.core.errors import ReaderError
from reader.core.files import MAX_FILE_BYTES, decode_text, read_bytes, shown
from reader.core.text import visible

STDIN = "-"


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("import", help="turn raw article text into article files")
    parser.add_argument(
        "inputs", nargs="+", metavar="FILE", help="text files, folders, or - for stdin"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder to write articles to (default: current folder)",
    )
    parser.add_argument("--force", action="store_true", help="replace existing files")
    parser.add_argument(
        "--stdout", action="store_true", help="print the YAML instead of writing files"
    )


def run(ns: argparse.Namespace) -> int:
    return run_import(ns.inputs, output=ns.output, force=ns.force, to_stdout=ns.stdout)


class _Progress(Protocol):
    def advance(self) -> None: ...

    def say(self, line: str) -> None: ...


class _NoProgress:
    def advance(self) -> None:
        return None

    def say(self, line: str) -> None:
        print(line, file=sys.stderr)


def expand_inputs(inputs: list[str]) -> list[str]:
    """Inputs with each folder replaced by its ``*.txt`` files (sorted, not recursive)."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != STDIN and path.is_dir():
            out.extend(str(p) for p in sorted(path.glob("*.txt")) if p.is_file())
        else:
            out.append(item)
    return out


def _read(item: str) -> str:
    if item == STDIN:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ReaderError(
                f"<stdin>: input is too large (the limit is {MAX_FILE_BYTES:,} bytes)"
            )
        return decode_text(data, "<stdin>")
    return decode_text(read_bytes(Path(item)), item)


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


def run_import(inputs: list[str], *, output: Path, force: bool, to_stdout: bool) -> int:
    """Import every input; print one line per failure and a summary; 1 if any failed."""
    # here, not at the top: listing the subcommands (reader --help) imports this module
    from reader.core.format import dump_article, save_article
    from reader.importer import import_text

    items = expand_inputs(inputs)
    if not items:
        print("reader: import: no .txt files found", file=sys.stderr)
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
    done = failed = 0
    written: set[Path] = set()
    with _progress(len(items)) as bar:
        for item in items:
            name = "<stdin>" if item == STDIN else shown(item)  # only ever shown
            try:
                article = import_text(_read(item), name=name)
                if to_stdout:
                    if done:
                        sys.stdout.write("---\n")
                    sys.stdout.write(dump_article(article))
                else:
                    target = output / f"{article.id}.yaml"
                    if target in written and not force:
                        raise ReaderError(f"{target}: already written by an earlier input")
                    save_article(article, target, overwrite=force)
                    written.add(target)
                    bar.say(f"{name} -> {shown(target)}")
                done += 1
            except ReaderError as exc:
                failed += 1
                # messages quote names and values already spelled out; once more is harmless
                bar.say(f"reader: {visible(str(exc), keep_newlines=False)}")
            bar.advance()
    noun = "article" if done == 1 else "articles"
    summary = f"imported {done} {noun}"
    if failed:
        summary += f", {failed} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0
