"""The inputs of ``reader import`` made into article text, in order, as fast as they come.

Each input (a text file, a saved page, a URL, ``-`` for stdin) becomes a
:class:`Prepared`: the article's id, what makes it the same article as another (its
title and paragraphs) and its YAML text. :func:`prepared` yields them in the inputs'
order with a ReaderError in place of an input that failed, whichever way they were made:

- URLs are fetched a few at a time (:func:`reader.web.parallel.concurrently`);
- many local files, enough text to be worth it, are imported in parallel processes,
  one per core (forked, on Linux: the importer is plain Python and holds the GIL), by
  :func:`reader.cli.import_pool.forked`; a process that dies fails only the input it
  was on;
- anything else one after another, in this process.

The output does not depend on the way: the importer is deterministic, and results come
back in the inputs' order, so the messages and files are the same in every case.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.import_pool import Ended, Outcome, Raised, forked
from reader.core.errors import ReaderError
from reader.core.files import MAX_FILE_BYTES, decode_text, read_bytes
from reader.core.model import Article
from reader.web.urls import looks_like_url

if TYPE_CHECKING:
    from reader.web.fetch import Fetcher

STDIN = "-"
#: Suffixes read as web pages.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")

#: Parallel processes pay for themselves from about this much input text: forking one
#: and sending each article's text back costs some tens of milliseconds, the importer
#: reads about 5 MB a second.
PARALLEL_MIN_BYTES = 512 * 1024
#: ... and from this many inputs (each process takes a share of them).
PARALLEL_MIN_INPUTS = 8
#: Most processes one import starts, however many cores there are.
MAX_PROCESSES = 8
#: From this much input text the kept word tables are worth reading before importing
#: (:mod:`reader.importer.word_cache`: a few milliseconds, against ~10% of the importer's
#: time on words seen before) and writing back after.
WARM_MIN_BYTES = 256 * 1024


class Prepared:
    """One input made into an article file's text, ready to be named and saved.

    (A plain class, not a dataclass: this module is imported before the import
    processes are forked, where a dataclass's methods, compiled from source, cost time.)
    """

    __slots__ = ("body", "ident", "text")

    def __init__(self, ident: str, body: bytes, text: str) -> None:
        #: The article's id (from its title), which :attr:`text` has.
        self.ident = ident
        #: What makes two imports the same article (:func:`body_of`: a digest of the
        #: title and every paragraph, so that neither the processes' results nor the
        #: list of what a batch wrote carry every article's text twice).
        self.body = body
        #: The YAML text, as :func:`~reader.core.format.dump_article` writes it.
        self.text = text

    def named(self, ident: str) -> str:
        """The text with ``ident`` as the article's id (its file name follows it)."""
        if ident == self.ident:
            return self.text
        from reader.core.format import dump_article, parse_article

        return dump_article(replace(parse_article(self.text), id=ident))


def body_of(article: Article) -> bytes:
    """What makes two imports the same article: the title and every paragraph, as a
    SHA-256 digest (each text length-prefixed, so no two lists of texts share one)."""
    import hashlib

    digest = hashlib.sha256()
    for text in (article.title, *(text for _, _, text in article.blocks())):
        data = text.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.digest()


def is_url(item: str) -> bool:
    """A URL (any scheme: the ones reader does not fetch are refused as URLs), unless a
    file of that name exists."""
    return looks_like_url(item) and not Path(item).exists()


def _stdin() -> bytes:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(f"<stdin>: input is too large (the limit is {MAX_FILE_BYTES:,} bytes)")
    return data


def article_of(item: str, fetcher: Fetcher | None) -> Article:
    """One input as an article: fetched and read as a page, or read as a file."""
    # each where it is needed: the HTML reader (lxml, ~25 ms) only for a page
    from reader.web.pages import looks_like_html

    if item != STDIN and is_url(item):
        from reader.web.pages import fetch_article

        assert fetcher is not None
        return fetch_article(item, fetcher)
    name = "<stdin>" if item == STDIN else item
    data = _stdin() if item == STDIN else read_bytes(Path(item))
    lower = item.lower()
    if lower.endswith(".gz"):
        from reader.importer.formats.page_bytes import gunzip

        data = gunzip(data, name, MAX_FILE_BYTES)
        lower = lower[:-3]
    if lower.endswith(PAGE_SUFFIXES) or looks_like_html(data):
        from reader.importer.formats.html import import_html

        return import_html(data, name=name)
    from reader.importer import import_text

    return import_text(decode_text(data, name), name=name)


def prepare(item: str, fetcher: Fetcher | None = None) -> Prepared:
    """One input imported and written as text (ReaderError if it cannot be)."""
    from reader.core.format import dump_article

    article = article_of(item, fetcher)
    return Prepared(article.id, body_of(article), dump_article(article))


@contextmanager
def prepared(items: list[str]) -> Iterator[Iterator[tuple[str, Prepared | ReaderError]]]:
    """Every input with its :class:`Prepared` or its ReaderError, in the inputs' order.

    Processes, when there are to be any, start as this is entered, before the caller
    starts threads of its own (a progress bar's: a process forked while another thread
    holds a lock would find it held forever), and are stopped as it is left.
    """
    if any(item != STDIN and is_url(item) for item in items):
        from reader.web.fetch import Fetcher
        from reader.web.parallel import MAX_CONCURRENT, concurrently

        fetcher = Fetcher()
        try:
            yield concurrently(items, lambda item: prepare(item, fetcher), MAX_CONCURRENT)
        finally:
            fetcher.close()
        return
    count = processes_for(items)
    if count > 1:
        with _in_processes(items, count) as results:
            yield results
        return
    if STDIN in items or _local_bytes(items) < WARM_MIN_BYTES:
        yield ((item, _prepare_or_error(item)) for item in items)
        return
    from reader.importer import word_cache

    word_cache.load()
    yield ((item, _prepare_or_error(item)) for item in items)
    save_word_tables()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def processes_for(items: list[str]) -> int:
    """How many processes to import ``items`` in: one, unless they are local files
    (no stdin: it is read once, here), enough text in all to gain from more
    (:data:`PARALLEL_MIN_BYTES`, :data:`PARALLEL_MIN_INPUTS`), on Linux (processes
    are forked there: they start at once, with the importer already loaded) with more
    than one core for this process."""
    if not sys.platform.startswith("linux") or len(items) < PARALLEL_MIN_INPUTS:
        return 1
    if STDIN in items:
        return 1
    cores = _cores()
    if cores < 2:
        return 1
    if _local_bytes(items) < PARALLEL_MIN_BYTES:
        return 1
    return min(cores, MAX_PROCESSES, len(items) // (PARALLEL_MIN_INPUTS // 2))


def _local_bytes(items: list[str]) -> int:
    """The size of the files among ``items`` (a URL or a file that cannot be looked at
    counts nothing: it is reported when it is read)."""
    total = 0
    for item in items:
        try:
            total += os.stat(item).st_size
        except OSError:
            continue
    return total


def _prepare_or_error(item: str) -> Prepared | ReaderError:
    try:
        return prepare(item)
    except ReaderError as exc:
        return exc


#: How a result travels from a process: a kind, then the lengths of the id and the text.
_RESULT = struct.Struct("<BII")
_ARTICLE, _ERROR = 0, 1


def _encoded(item: str) -> bytes:
    """:func:`_prepare_or_error` in a process, as the bytes sent back (an error as its
    message: a ReaderError subclass's arguments may not survive the trip)."""
    result = _prepare_or_error(item)
    if isinstance(result, ReaderError):
        message = str(result).encode("utf-8", "surrogatepass")
        return _RESULT.pack(_ERROR, len(message), 0) + message
    ident = result.ident.encode("utf-8", "surrogatepass")
    text = result.text.encode("utf-8", "surrogatepass")
    return _RESULT.pack(_ARTICLE, len(ident), len(text)) + ident + text + result.body


def _decoded(item: str, outcome: Outcome) -> Prepared | ReaderError:
    """What :func:`_encoded` sent, or the one-line error of an input whose process
    ended (or raised) before it sent anything."""
    if isinstance(outcome, Ended):
        return ReaderError(f"{item}: the process importing it ended unexpectedly ({outcome.why})")
    if isinstance(outcome, Raised):
        return ReaderError(f"{item}: cannot import: internal error ({outcome.why})")
    kind, first, second = _RESULT.unpack_from(outcome)
    start = _RESULT.size
    if kind == _ERROR:
        return ReaderError(outcome[start : start + first].decode("utf-8", "surrogatepass"))
    middle = start + first
    end = middle + second
    return Prepared(
        outcome[start:middle].decode("utf-8", "surrogatepass"),
        outcome[end:],
        outcome[middle:end].decode("utf-8", "surrogatepass"),
    )


def _load_importer() -> None:
    """Import the importer, its languages' data, their kept word tables and the YAML
    writer here, once: every process forked from this one then has them (shared until
    written to) instead of each loading its own (~50 ms of CPU each; the time to the
    last article is the same, the machine's other work gets the difference)."""
    import encodings.utf_8_sig  # noqa: F401  (decode_text's codec)

    import reader.core.format.yaml_article  # (and yaml_text, which it uses)
    import reader.web.pages  # noqa: F401  (looks_like_html, asked of every input)
    from reader.importer import word_cache
    from reader.importer.language_data import all_languages

    all_languages()
    word_cache.load()


#: The file whose lock each save of the kept word tables holds (in the cache folder).
WORDS_LOCK = "words.lock"


def save_word_tables() -> None:
    """Keep the word tables (:func:`reader.importer.word_cache.save`: read what is kept,
    merge, write back) holding an exclusive lock, so that the processes of an import,
    and other imports, finishing together each add to what the one before wrote
    instead of writing over it (its new words lost: only speed, never output). Saved
    without the lock where it cannot be taken."""
    from reader.importer import word_cache
    from reader.importer.kept_files import kept_path

    fd = None
    try:
        import fcntl  # (POSIX: where it is missing, no lock)

        path = kept_path(WORDS_LOCK)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
    except (ImportError, OSError):
        pass
    try:
        word_cache.save()
    finally:
        if fd is not None:
            os.close(fd)  # the lock with it


@contextmanager
def _in_processes(
    items: list[str], count: int
) -> Iterator[Iterator[tuple[str, Prepared | ReaderError]]]:
    """Every input in ``count`` processes forked now (:func:`~.import_pool.forked`);
    each keeps the words it met (merged with the others') when it has no more work."""
    _load_importer()
    with forked(items, count, _encoded, at_end=save_word_tables) as results:
        yield ((items[index], _decoded(items[index], outcome)) for index, outcome in results)


__all__ = [
    "STDIN",
    "Prepared",
    "article_of",
    "body_of",
    "is_url",
    "prepare",
    "prepared",
    "processes_for",
    "save_word_tables",
]
