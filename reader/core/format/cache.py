"""A cache of articles, so that reopening one does not parse its YAML again.

Parsing and checking a 5 MB article takes about half a second, most of it in the YAML
parser; reading the same article back from JSON and checking it in memory takes a
fifth of that. A small article parses in a millisecond, but importing PyYAML to do it
takes ten, about a twentieth of the app's whole start. So an article file of at least
:data:`MIN_BYTES` (every one, today) that loads without a problem is also kept as JSON
in the user's cache folder (``READER_CACHE_DIR`` overrides it, as ``READER_STATE_DIR``
does the state folder), and the next time the same bytes are opened the entry is used
instead of the file's YAML, without importing PyYAML at all.

The cache is untrusted, like every file reader reads:

* an entry is named after the digest (BLAKE2b, reader.core.digest) of the file's bytes,
  the reader version and the cache format, so a changed file, or another reader
  version, never finds an old entry;
* it is JSON (never pickle or marshal), read bounded, built into the model with exact
  types, and must pass the loader's own in-memory check
  (:func:`~reader.core.format.fast.reads_back_as_is`): what comes out of the cache is
  always an article the loader would accept from a file;
* any problem with it (missing, unreadable, corrupt, truncated, wrong types, another
  version, a check that fails) is silent and means the file is loaded the full way;
* it is written atomically (temporary file and rename), and a folder that cannot be
  written only means nothing is cached;
* it is bounded: beyond :data:`MAX_ENTRIES` entries or :data:`MAX_TOTAL_BYTES` the
  least recently used entries are removed (only files named like entries are touched).

Someone who can write to the cache folder can make reader show a different valid
article for a file; they could as well edit the file, or the state, in the same home.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader import __version__

if TYPE_CHECKING:
    from reader.core.digest import Hash
from reader.core.files import (
    MAX_FILE_BYTES,
    atomic_write,
    decode_text,
    feed_file,
    read_bytes,
    read_start,
)
from reader.core.format.cache_entry import Unusable, article_from_data, check, fields_of
from reader.core.format.dump import article_to_data
from reader.core.format.fast import reads_back_as_is
from reader.core.format.head import End, article_end, article_head
from reader.core.format.load import parse_article
from reader.core.format.stat_keys import is_record_name, prune_records
from reader.core.gctools import paused_gc
from reader.core.give_way import give_way
from reader.core.model import Article, Quote, Section

#: Version of the entry layout; part of every key, so a new layout never reads an old one.
#: 2: a big article's entry opens with its head (:mod:`.head`) on a line of its own.
#: 3: that line carries the article's end too (:func:`~.head.article_end`).
#: 4: the whole article in lines of its own (an envelope, then batches of sections and
#: of quotes), read one line at a time (:func:`_whole_from_lines`).
CACHE_FORMAT = 4
#: Only article files at least this big are cached: all of them (a small one is read
#: back without importing PyYAML, a tenth of a bare Textual app's start).
MIN_BYTES = 0
#: Most entries kept; the least recently used go first. Most are a few kilobytes; the
#: byte bound below is what keeps a few huge ones from taking the disk.
MAX_ENTRIES = 64
#: Most bytes all entries together may take.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Largest entry read: JSON of the biggest article file, every character escaped.
MAX_ENTRY_BYTES = 3 * MAX_FILE_BYTES
#: Bytes read from the start of an entry to find its head line: a head holds some
#: :data:`~.head.HEAD_CHARS` characters of text, quotes and speakers (JSON, escaped).
HEAD_READ = 1 << 20
#: A temporary file left by a writer that was killed is removed after this many seconds.
STALE_TEMP_SECONDS = 3600.0

_HEX = frozenset("0123456789abcdef")


def _is_key(text: str) -> bool:
    return len(text) == 64 and _HEX.issuperset(text)


def _is_entry_name(name: str) -> bool:
    """``<key>.json``: an entry."""
    return name.endswith(".json") and _is_key(name[:-5])


def _is_temp_name(name: str) -> bool:
    """``.<key>.<random>.tmp``: atomic_write's temporary file for an entry (see files.py)."""
    return (
        name.startswith(".")
        and name.endswith(".tmp")
        and _is_key(name[1:65])
        and name[65:66] == "."
    )


#: What :func:`load_article_cached` returns besides the article: a function that writes
#: the cache entry (None when there is nothing to write). It never raises.
Store = Callable[[], None]


def cache_dir() -> Path:
    """The folder reader keeps its article cache in."""
    from reader.core.places import user_cache_dir

    return user_cache_dir()


def cache_key(data: bytes) -> str:
    """The name of the entry for a file with these bytes (for this reader version)."""
    digest = _digest()
    digest.update(data)
    return digest.hexdigest()


def file_cache_key(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """:func:`cache_key` of the file's bytes, read a chunk at a time (never all in
    memory: reading a 5 MB file whole only to hash it cost more than the hashing)."""
    digest = _digest()
    feed_file(path, digest.update, limit)
    return digest.hexdigest()


def _digest() -> Hash:
    from reader.core.digest import digest  # not hashlib: it loads OpenSSL (~1 ms)

    return digest(f"reader {__version__}\ncache {CACHE_FORMAT}\n".encode())


def load_article_cached(
    path: Path | str, limit: int = MAX_FILE_BYTES, *, folder: Path | None = None
) -> tuple[Article, Store | None]:
    """:func:`~reader.core.format.load.load_article`, with the cache for big files.

    Raises exactly what ``load_article`` raises for the file. Returns the article and,
    if the file is big and was not in the cache, a function that writes its entry:
    call it when it costs the reader nothing (it encodes and writes the whole article),
    e.g. in a background thread, or not at all.
    """
    path = Path(path)
    data = read_bytes(path, limit)
    if len(data) < MIN_BYTES:
        return parse_article(decode_text(data, str(path)), str(path)), None
    where = folder if folder is not None else cache_dir()
    key = cache_key(data)
    cached = read_entry(where, key)
    if cached is not None:
        return cached, None
    article = parse_article(decode_text(data, str(path)), str(path))

    def store() -> None:
        write_entry(where, key, article)

    return article, store


# -- reading -----------------------------------------------------------------------


def read_entry(folder: Path, key: str) -> Article | None:
    """The article cached under ``key``, or None if there is none usable (never raises)."""
    entry = folder / f"{key}.json"
    try:
        lines = read_bytes(entry, MAX_ENTRY_BYTES).split(b"\n")
        give_way()
        with paused_gc():
            article = _whole_from_lines(lines, key)
        give_way()
        if not reads_back_as_is(article):
            return None
    except Exception:  # anything at all wrong with a cache entry: it is not used
        # missing, unreadable, too big (ReaderError); json and the model may raise
        # ValueError, RecursionError, TypeError … on a tampered entry: none of it may
        # stop the file from opening the full way.
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: evicted last
    return article


class Head(NamedTuple):
    """What :func:`read_head` found to show first."""

    #: the head, or the whole article (an entry without a head)
    article: Article
    #: whether ``article`` is the whole
    whole: bool
    #: the article's end, carried with its head (None: the entry has none)
    end: End | None = None


def read_head(folder: Path, key: str) -> Head | None:
    """What to show first of the article cached under ``key``: its head (and end), or
    the whole article (an entry without a head); None if there is nothing usable
    (never raises). Only the entry's first line is read."""
    entry = folder / f"{key}.json"
    try:
        start = read_start(entry, HEAD_READ)
        newline = start.find(b"\n")
        whole = len(start) < HEAD_READ  # the whole entry is read already
        if newline < 0 and not whole:  # longer than a head: the whole's (many speakers)
            start, whole = read_bytes(entry, MAX_ENTRY_BYTES), True
            newline = start.find(b"\n")
        with paused_gc():
            document = json.loads(start if newline < 0 else start[:newline])
            head = type(document) is dict and document.get("part") == "head"
            if head:
                article = _from_entry(document, key, "head")
                end = _end(document, article)
            else:  # an entry without a head (a small article): the whole, read now
                data = start if whole else read_bytes(entry, MAX_ENTRY_BYTES)
                article, end = _whole_from_lines(data.split(b"\n"), key), None
        if not reads_back_as_is(article):
            return None
        if end is not None and not reads_back_as_is(end.article):
            end = None  # the head is fine: shown without its end
    except Exception:  # as read_entry: anything wrong means the file the full way
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)
    return Head(article, not head, end)


def _end(document: dict[str, Any], head: Article) -> End | None:
    """The end in a head line (None if it has none, or one not shaped as written)."""
    if "end" not in document:
        return None
    try:
        fields = fields_of(document["end"], {"at", "article"})
        at = fields["at"]
        check(type(at) is int and len(head.sections) <= at)
        return End(article_from_data(fields["article"]), at)
    except Unusable:
        return None


#: The keys of the line that opens an entry's whole article: the envelope, the
#: article's fields but its sections and quotes, and how many of each the lines after
#: it hold.
_WHOLE_KEYS = frozenset({"format", "reader", "key", "article", "sections", "quotes"})


def _whole_from_lines(lines: list[bytes], key: str) -> Article:
    """The whole article in an entry's lines (its head line first, if it has one).

    Each line is decoded on its own: one ``json.loads`` of a 5 MB article's whole held
    the interpreter for 30-80 ms, in the thread that reads it after the first paint, and
    the screen (which needs the interpreter to answer a key) waited that long; a line
    of :data:`WRITE_BATCH` sections or quotes takes a millisecond or two. Raises
    Unusable if the lines are not laid out as :func:`_entry_chunks` writes them.
    """
    items = iter(lines)
    document = json.loads(next(items))
    if type(document) is dict and document.get("part") == "head":
        document = json.loads(next(items))
    envelope = fields_of(document, _WHOLE_KEYS)
    check(envelope["format"] == CACHE_FORMAT and type(envelope["format"]) is int)
    check(envelope["reader"] == __version__ and envelope["key"] == key)
    data = envelope["article"]  # its keys are checked with the article's (article_from_data)
    check(type(data) is dict and "sections" not in data and "quotes" not in data)
    for name in ("sections", "quotes"):
        count = envelope[name]
        check(type(count) is int and count >= 0)
        found: list[Any] = []
        while len(found) < count:
            give_way()  # between lines: a key pressed meanwhile is answered first
            batch = json.loads(next(items, b""))
            check(type(batch) is list and 0 < len(batch) <= count - len(found))
            found += batch
        data[name] = found
    check(next(items, None) is None)
    give_way()
    return article_from_data(data)


def _from_entry(document: Any, key: str, part: str | None = None) -> Article:
    """The article in a decoded entry (raises Unusable if it is not shaped like one):
    the envelope (format, reader version, key, part) here, the article's shape by
    :func:`.cache_entry.article_from_data`; the type of every value is checked by
    ``reads_back_as_is``, which the caller runs on the result."""
    entry = fields_of(document, {"format", "reader", "key", "article"}, {"part", "end"})
    check(entry.get("part") == part and ("end" not in entry or part == "head"))
    check(type(entry["format"]) is int and entry["format"] == CACHE_FORMAT)
    check(entry["reader"] == __version__ and entry["key"] == key)
    return article_from_data(entry["article"])


# -- writing -----------------------------------------------------------------------


def write_entry(folder: Path, key: str, article: Article) -> bool:
    """Cache ``article`` under ``key``, then evict; False if it could not (never raises)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(folder / f"{key}.json", _entry_chunks(key, article), mode=0o600)
    except Exception:  # a cache that cannot be written is no cache, not an error
        return False
    evict(folder)
    return True


class _TooBig(Exception):
    """The entry would be bigger than any entry read back: it is not written."""


#: Most sections or quotes encoded per chunk (and line) of an entry.
WRITE_BATCH = 256
#: Most characters of text a line of sections holds (unless one section has more): a
#: line is decoded at once, holding the interpreter a millisecond per 100 KB or so.
BATCH_CHARS = 64 * 1024


def _entry_chunks(key: str, article: Article) -> Iterator[bytes]:
    """The entry's JSON lines, a few hundred sections or quotes at a time.

    A big article's head (and end) on the first line; then the whole: a line with the
    envelope, the article's fields but its sections and quotes, and how many of those
    there are; then a line per :data:`WRITE_BATCH` sections, then per as many quotes
    (each line read on its own, :func:`_whole_from_lines`). Never whole in memory:
    for a 5 MB article that was the article's data again as dicts, then as
    one string, then as bytes (some 30 MB at the peak, beside the app building its first
    screens), and one long hold of the interpreter by the JSON encoder, felt as a key
    not answered. Raises _TooBig past :data:`MAX_ENTRY_BYTES`.
    """
    rest = article_to_data(replace(article, sections=(), quotes=()))
    del rest["sections"], rest["quotes"]
    head = {"format": CACHE_FORMAT, "reader": __version__, "key": key}
    counts = {"sections": len(article.sections), "quotes": len(article.quotes)}
    opening = _dumps({**head, "article": rest, **counts})
    first = article_head(article)
    if first is not None:  # a big article: its head first, on a line of its own
        line = {**head, "part": "head", "article": article_to_data(first)}
        end = article_end(article, first)
        if end is not None:  # and its end: G shows it before the whole is read
            line["end"] = {"at": end.at, "article": article_to_data(end.article)}
        opening = _dumps(line) + "\n" + opening
    written = 0

    def counted(text: str) -> bytes:
        nonlocal written
        chunk = text.encode("utf-8")
        written += len(chunk)
        if written > MAX_ENTRY_BYTES:
            raise _TooBig
        return chunk

    yield counted(opening)
    for name, items in (("sections", article.sections), ("quotes", article.quotes)):
        for batch in _batches(items):
            data = [_section_data(x) if name == "sections" else _quote_data(x) for x in batch]
            yield counted("\n" + _dumps(data))


def _batches(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """``items`` a few at a time: at most WRITE_BATCH, and sections holding at most
    BATCH_CHARS characters of text together (unless one holds more)."""
    start = size = 0
    for index, item in enumerate(items):
        grows = sum(map(len, item.paragraphs)) if isinstance(item, Section) else 0
        if index > start and (index - start >= WRITE_BATCH or size + grows > BATCH_CHARS):
            yield items[start:index]
            start, size = index, 0
        size += grows
    if start < len(items):
        yield items[start:]


def _section_data(section: Section) -> dict[str, Any]:
    return {"id": section.id, "heading": section.heading, "paragraphs": section.paragraphs}


def _quote_data(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "speaker": quote.speaker,
        "section": quote.section,
        "paragraph": quote.paragraph,
        "kind": quote.kind,
        "text": quote.text,
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def evict(folder: Path, *, keep: int | None = None, max_bytes: int | None = None) -> None:
    """Remove the least recently used entries beyond ``keep`` or ``max_bytes``.

    (By default :data:`MAX_ENTRIES` and :data:`MAX_TOTAL_BYTES`.)

    Only files named like entries (and stale temporary files of killed writers) are
    ever removed: ``READER_CACHE_DIR`` may point at a folder that holds other files.
    """
    keep = MAX_ENTRIES if keep is None else keep
    max_bytes = MAX_TOTAL_BYTES if max_bytes is None else max_bytes
    now = time.time()
    entries: list[tuple[float, int, Path]] = []
    records: list[Path] = []
    try:
        with os.scandir(folder) as found:
            for item in found:
                try:
                    if not item.is_file(follow_symlinks=False):
                        continue
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if _is_entry_name(item.name):
                    entries.append((info.st_mtime, info.st_size, Path(item.path)))
                elif is_record_name(item.name):
                    records.append(Path(item.path))
                elif _is_temp_name(item.name) and now - info.st_mtime > STALE_TEMP_SECONDS:
                    with contextlib.suppress(OSError):
                        os.unlink(item.path)
    except OSError:
        return
    entries.sort(reverse=True)  # newest first
    total = 0
    kept: set[str] = set()
    for index, (_, size, path) in enumerate(entries):
        total += size
        if index >= keep or total > max_bytes:
            with contextlib.suppress(OSError):
                path.unlink()
        else:
            kept.add(path.name[:-5])
    prune_records(records, kept)
