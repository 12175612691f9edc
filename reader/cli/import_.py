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
a terminal on stderr, a progress bar shows. (The module is ``import_`` because
``import`` is a Python keyword.)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.cli.common import Commands
from reader.core.errors import ReaderError
from reader.core.files import MAX_FILE_BYTES, decode_text, read_bytes, shown
from reader.core.model import Article
from reader.core.text import visible
from reader.web.urls import looks_like_url

if TYPE_CHECKING:
    from reader.web.fetch import Fetcher

STDIN = "-"
#: The files a folder contributes, and the suffixes read as web pages.
FOLDER_PATTERNS = ("*.txt", "*.html", "*.htm", "*.html.gz", "*.htm.gz")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


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


def expand_inputs(inputs: list[str]) -> list[str]:
    """Inputs with each folder replaced by its text and page files (sorted, not recursive)."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != STDIN and not _is_url(item) and path.is_dir():
            found = {p for pattern in FOLDER_PATTERNS for p in path.glob(pattern) if p.is_file()}
            out.extend(str(p) for p in sorted(found))
        else:
            out.append(item)
    return out


def _is_folder(item: str) -> bool:
    return item != STDIN and not _is_url(item) and Path(item).is_dir()


def _is_url(item: str) -> bool:
    """A URL (any scheme: the ones reader does not fetch are refused as URLs), unless a
    file of that name exists."""
    return looks_like_url(item) and not Path(item).exists()


def _stdin() -> bytes:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(f"<stdin>: input is too large (the limit is {MAX_FILE_BYTES:,} bytes)")
    return data


def _article(item: str, fetcher: Fetcher | None) -> Article:
    """One input as an article: fetched and read as a page, or read as a file."""
    from reader.importer import import_text
    from reader.importer.formats.html import import_html
    from reader.importer.formats.page_bytes import gunzip
    from reader.web.pages import fetch_article, looks_like_html

    if item != STDIN and _is_url(item):
        assert fetcher is not None
        return fetch_article(item, fetcher)
    name = "<stdin>" if item == STDIN else item
    data = _stdin() if item == STDIN else read_bytes(Path(item))
    lower = item.lower()
    if lower.endswith(".gz"):
        data = gunzip(data, name, MAX_FILE_BYTES)
        lower = lower[:-3]
    if lower.endswith(PAGE_SUFFIXES) or looks_like_html(data):
        return import_html(data, name=name)
    return import_text(decode_text(data, name), name=name)


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


def _body(article: Article) -> tuple[str, ...]:
    """What makes two imports the same article: the title and every paragraph."""
    return (article.title, *(text for _, _, text in article.blocks()))


def _on_disk(path: Path) -> tuple[str, ...] | None:
    """The body of the article file at ``path`` (None if it is no article)."""
    from reader.core.format import load_article

    try:
        return _body(load_article(path))
    except ReaderError:
        return None


def _target(
    article: Article,
    output: Path,
    name: str,
    written: dict[Path, tuple[str, tuple[str, ...]]],
    *,
    force: bool,
) -> tuple[Article, Path]:
    """Where ``article`` goes in ``output``: its id's file, or the first free ``ID-N``
    file when that one holds a different article (two articles with one title are both
    kept). The same article again, or something that is no article under its own name,
    is refused, naming the input or file that has it; with ``force`` it replaces that
    file. The article's id follows its file name."""
    body = _body(article)
    base = article.id
    n = 1
    while True:
        ident = base if n == 1 else f"{base}-{n}"
        target = output / f"{ident}.yaml"
        earlier = written.get(target)
        if earlier is not None:
            if earlier[1] == body:
                raise ReaderError(f"{name}: the same article as {earlier[0]}, already written")
        elif not (target.exists() or target.is_symlink()):  # (a dangling link exists too)
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
    return (article if ident == article.id else replace(article, id=ident)), target


def run_import(inputs: list[str], *, output: Path, force: bool, to_stdout: bool) -> int:
    """Import every input; print one line per failure and a summary; 1 if any failed."""
    # here, not at the top: listing the subcommands (reader --help) imports this module
    from reader.core.format import dump_article, save_article
    from reader.web.fetch import Fetcher
    from reader.web.parallel import MAX_CONCURRENT, concurrently

    # a folder with nothing to import is named, whatever else is imported with it
    empty = [item for item in inputs if _is_folder(item) and not expand_inputs([item])]
    for folder in empty:
        message = f"reader: import: {shown(folder)}: no .txt or .html files in this folder"
        print(message, file=sys.stderr)
    items = expand_inputs(inputs)
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
    done, failed = 0, len(empty)
    written: dict[Path, tuple[str, tuple[str, ...]]] = {}  # target: input, article body
    urls = sum(item != STDIN and _is_url(item) for item in items)
    fetcher = Fetcher() if urls else None
    workers = MAX_CONCURRENT if urls else 1
    results = concurrently(items, lambda item: _article(item, fetcher), workers)
    with _progress(len(items)) as bar:
        for item, result in results:
            name = "<stdin>" if item == STDIN else shown(item)  # only ever shown
            try:
                if isinstance(result, ReaderError):
                    raise result
                article = result
                if to_stdout:
                    if done:
                        sys.stdout.write("---\n")
                    sys.stdout.write(dump_article(article))
                else:
                    article, target = _target(article, output, name, written, force=force)
                    save_article(article, target, overwrite=force)
                    written[target] = (name, _body(article))
                    bar.say(f"{name} -> {shown(target)}")
                done += 1
            except ReaderError as exc:
                failed += 1
                # messages quote names and values already spelled out; once more is harmless
                bar.say(f"reader: {visible(str(exc), keep_newlines=False)}")
            bar.advance()
    if fetcher is not None:
        fetcher.close()
    noun = "article" if done == 1 else "articles"
    summary = f"imported {done} {noun}"
    if failed:
        summary += f", {failed} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0
