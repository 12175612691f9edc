"""Opening an article file to read it: the whole article, or a big one's head first.

The app shows :attr:`Opening.article` in its first frame. For a big article that is its
head (:mod:`.head`), read from the cache's first line or cut from the file's YAML, and
:attr:`Opening.rest` reads the whole, to be called after the first paint (off the UI
thread): the whole then takes the head's place. Everything is checked as a file is:
the whole article the full way (a bad file still raises what ``load_article`` raises,
only later), and the head shown is trusted only if the whole begins with exactly it
(:attr:`Rest.extends`; otherwise the screen starts again from the whole). A head read
from the cache comes with the article's end (:attr:`Opening.end`), shown by ``G``
before the whole is read, and trusted only if the whole ends with it (:attr:`Rest.ends`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from reader.core.files import MAX_FILE_BYTES, decode_text, read_bytes
from reader.core.format.cache import (
    Store,
    cache_dir,
    cache_key,
    file_cache_key,
    read_entry,
    read_head,
    write_entry,
)
from reader.core.format.head import End, begins_with, ends_with, yaml_head
from reader.core.format.load import parse_article, parse_head
from reader.core.format.stat_keys import read_record, record_name, write_record
from reader.core.model import Article


# NamedTuples, not frozen dataclasses: this module is imported before the first paint,
# and making a dataclass (its methods compiled from source) costs ~1 ms of that each.
class Rest(NamedTuple):
    """The whole of an article whose head was shown first."""

    article: Article
    #: whether the whole begins with the head shown (the screen goes on from it)
    extends: bool
    #: writes the whole's cache entry (None: it came from the cache)
    store: Store | None
    #: whether the whole ends with the end shown before it (True when none was)
    ends: bool = True


class Opening(NamedTuple):
    """An article file, opened: what to show first, and how to read the rest."""

    #: the whole article, or its head when :attr:`rest` is set
    article: Article
    #: reads the whole article (raises what ``load_article`` raises); None: it is whole
    rest: Callable[[], Rest] | None = None
    #: writes the cache entry of a whole article read from its file (None: nothing to)
    store: Store | None = None
    #: the article's end, to show before :attr:`rest` is read (None: there is none)
    end: End | None = None


def open_article(
    path: Path | str, limit: int = MAX_FILE_BYTES, *, folder: Path | None = None
) -> Opening:
    """Open an article file, through the cache (:mod:`.cache`), a big one head first.

    Raises what ``load_article`` raises for the file, when it is read whole now.
    """
    path = Path(path)
    where = folder if folder is not None else cache_dir()
    name = str(path)
    record = record_name(path)  # before the bytes are read: a later change is a new stat
    # a key known from the file's stat alone is a guess, confirmed by the hash after the
    # paint (stat_keys); else the hash now (a hit needs only the hash, not the bytes)
    known = read_record(where, record)
    key = known if known is not None else file_cache_key(path, limit)

    def store(entry_key: str, article: Article) -> Store:
        def write() -> None:
            if write_entry(where, entry_key, article):
                write_record(where, record, entry_key)

        return write

    hit = read_head(where, key)
    if hit is not None and hit[1] and known is not None and file_cache_key(path, limit) != key:
        hit = None  # a whole entry has no rest to confirm it later: confirmed now
    if hit is not None:
        article, whole, end = hit
        if whole:
            return Opening(article)
        head = article

        def rest(whole: Article, write: Store | None) -> Rest:
            ends = end is None or ends_with(whole, end)
            return Rest(whole, begins_with(whole, head), write, ends)

        def rest_from_file() -> Rest:
            # stored under the hash of the bytes parsed now, never under ``key``: the
            # file may have changed since it was hashed, and an entry holds one input
            data = read_bytes(path, limit)
            whole = parse_article(decode_text(data, name), name)
            return rest(whole, store(cache_key(data), whole))

        def rest_from_cache() -> Rest:
            if known is not None and file_cache_key(path, limit) != key:
                return rest_from_file()  # the file changed under the same stat
            whole = read_entry(where, key)
            if whole is None:  # the head was fine, the rest not: the file the full way
                return rest_from_file()
            if known is None:  # next time the key is known before the paint
                write_record(where, record, key)
            return rest(whole, None)

        return Opening(head, rest=rest_from_cache, end=end)
    data = read_bytes(path, limit)
    key = cache_key(data)  # of the bytes read now (the file may have changed meanwhile)
    cut = _file_head(data, name)
    if cut is not None:
        head = cut
        # the file's bytes, kept for the rest only until they are decoded: the text and
        # the bytes of a 5 MB file together would raise the app's peak memory
        kept = [data]

        def rest_from_file() -> Rest:
            text = decode_text(kept.pop(), name)
            whole = parse_article(text, name)
            return Rest(whole, begins_with(whole, head), store(key, whole))

        return Opening(head, rest=rest_from_file)
    article = parse_article(decode_text(data, name), name)
    return Opening(article, store=store(key, article))


def _file_head(data: bytes, name: str) -> Article | None:
    """The head cut from a big file's YAML, or None (too small, laid out otherwise,
    or the cut does not read as an article: the whole file is then read first)."""
    cut = yaml_head(data)
    if cut is None:
        return None
    try:
        return parse_head(decode_text(cut, name), name)
    except Exception:  # anything: the file is read the full way, which words the problem
        return None


__all__ = ["Opening", "Rest", "open_article"]
