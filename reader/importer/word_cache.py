"""Word tables kept between runs, so that a batch import starts with the words it knows.

The importer works out the flags of each distinct word once per process and keeps them
in the language's :class:`~reader.importer.attribution.tokens.WordTable`. A batch
import in a new process (``reader import`` of a folder) spends about a tenth of its
importing time filling the tables with words that every news article uses, in each of
its processes. This module keeps each language's table in the user cache folder
(``words-CODE.bin``), fills the table from it before a batch, and writes it back after
one that met many new words.

A kept table is only ever a head start: it is used only if it was written from the same
language data, by the same code, under the same Python (its key hashes the language's
data file, the modules that work out the flags, reader's and Python's versions and the
Unicode tables), only if the SHA-256 in its first line matches the rest
(:mod:`reader.importer.kept_files`: a flipped bit or junk after a crash is detected and
the file ignored), and only if a sample of its words still gets the same flags from
:func:`~reader.importer.attribution.flags.word_flags`. Anything else, and the table
starts empty as it always did. The digest detects damage, not intent: as with every
cache (:mod:`reader.core.format.cache`), whoever can write the cache folder can change
what is shown.

The file holds text and numbers only (no pickle, nothing executed): a header line with
the key and the number of words, the words one per line, then their flags as 64-bit
integers.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import sys
import unicodedata
from pathlib import Path

from reader import __version__
from reader.importer.attribution import flags as flags_module
from reader.importer.attribution import tokens as tokens_module
from reader.importer.attribution.flags import word_flags
from reader.importer.attribution.tokens import MAX_TABLE_WORDS, WordTable, word_table
from reader.importer.kept_files import keep, kept_bytes, kept_path
from reader.importer.language_data import CODES, Language, language

#: What the file starts with (and its layout's version).
MAGIC = b"reader word table 1\n"
#: Most words kept: the first met (a language's common words come first and recur;
#: the rest of a big import's vocabulary seldom does). About 2.5 MB, read in ~10 ms.
MAX_KEPT_WORDS = 60_000
#: Largest file read: the table's bound in words, ~40 bytes each with its flags.
MAX_FILE_BYTES = MAX_TABLE_WORDS * 48
#: A table is written back once a run added at least this many words to it (and a
#: tenth of what it had), so that a steady state writes nothing.
MIN_NEW_WORDS = 2000
#: Every this-many-th word of a kept table is worked out again before the table is used.
SAMPLE_EVERY = 400

_INT = "q"

#: Words each language's table held when it was filled from the cache (or 0).
_loaded: dict[str, int] = {}


def cache_path(code: str, folder: Path | None = None) -> Path:
    """The file that keeps ``code``'s table."""
    return kept_path(_name(code), folder)


def _name(code: str) -> str:
    return f"words-{code}.bin"


def _sources() -> list[Path]:
    """The code a word's flags depend on: the flags, the table and the language data."""
    from reader.importer import language_data

    return [Path(m.__file__ or "") for m in (flags_module, tokens_module, language_data)]


def table_key(lang: Language) -> str | None:
    """What a kept table of ``lang`` must have been written under (None: the sources
    cannot be read, so nothing is kept)."""
    from reader.importer import language_data

    digest = hashlib.sha256(
        f"reader {__version__}\n{sys.version}\nunicode {unicodedata.unidata_version}\n".encode()
    )
    data_file = Path(language_data.__file__ or "").with_name(f"{lang.code}.yaml")
    try:
        for path in (*_sources(), data_file):
            digest.update(path.read_bytes())
            digest.update(b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def encode(key: str, table: dict[str, int]) -> bytes:
    """The file's bytes for ``table`` (only words without a space before them: the
    spaced forms are worked out from those at the cost of a lookup)."""
    words = [w for w in table if w[:1] != " " and "\n" not in w]
    header = f"{key} {len(words)}\n".encode("ascii")
    text = "\n".join(words).encode("utf-8", "surrogatepass")
    numbers = array.array(_INT, [table[w] for w in words])
    if sys.byteorder != "little":  # pragma: no cover - big-endian machines
        numbers.byteswap()
    return MAGIC + header + len(text).to_bytes(8, "little") + text + numbers.tobytes()


def decode(data: bytes, key: str) -> dict[str, int] | None:
    """The table in ``data`` if it was written under ``key`` and is whole, else None."""
    columns = _columns(data, key)
    if columns is None:
        return None
    words, numbers = columns
    return dict(zip(words, numbers, strict=True))


def _columns(data: bytes, key: str) -> tuple[list[str], list[int]] | None:
    """The words in ``data`` and their flags, in the order written, if it was written
    under ``key`` and is whole, else None. (Read through a view: no copy of the data.)"""
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        return None
    fields = data[len(MAGIC) : end].split(b" ")
    if len(fields) != 2 or fields[0] != key.encode("ascii") or not fields[1].isdigit():
        return None
    count = int(fields[1])
    start = end + 1 + 8
    size = int.from_bytes(data[end + 1 : start], "little")
    numbers = array.array(_INT)
    view = memoryview(data)
    tail = view[start + size :]
    if count > MAX_TABLE_WORDS or len(tail) != count * numbers.itemsize:
        return None
    numbers.frombytes(tail)
    if sys.byteorder != "little":  # pragma: no cover - big-endian machines
        numbers.byteswap()
    if not count:
        return [], []
    words = str(view[start : start + size], "utf-8", "surrogatepass").split("\n")
    if len(words) != count:
        return None
    return words, numbers.tolist()


def _agrees(words: list[str], numbers: list[int], lang: Language, listed: dict[str, int]) -> bool:
    """Do the sampled words of a kept table still get the flags it gives them?"""
    sample = zip(words[::SAMPLE_EVERY], numbers[::SAMPLE_EVERY], strict=True)
    return all(w and word_flags(w, lang, listed) == bits for w, bits in sample)


def load(codes: tuple[str, ...] = CODES, folder: Path | None = None) -> int:
    """Fill each language's word table with its kept words (those it lacks); the number
    of words added. Never raises: a missing, stale or damaged file is not used."""
    added = 0
    for code in codes:
        try:
            lang = language(code)
            key = table_key(lang)
            data = kept_bytes(_name(code), MAX_FILE_BYTES, folder)
            if key is None or data is None:
                continue
            columns = _columns(data, key)
        except (ValueError, UnicodeError, KeyError):
            continue
        if not columns or not columns[0]:
            continue
        words, numbers = columns
        table = word_table(lang)
        if not _agrees(words, numbers, lang, table.listed):
            continue
        if len(table) + len(words) >= MAX_TABLE_WORDS:
            continue
        before = len(table)
        if before:
            table.update({w: f for w, f in zip(words, numbers, strict=True) if w not in table})
        else:  # (the usual case: filled before any import, straight from the columns)
            table.update(zip(words, numbers, strict=True))
        added += len(table) - before
        _loaded[code] = len(table)
    return added


def save(codes: tuple[str, ...] = CODES, folder: Path | None = None) -> int:
    """Write back each language's table that grew by :data:`MIN_NEW_WORDS` (and a
    tenth) since :func:`load`, merged with what the file holds now (another import may
    have written it meanwhile); the number of tables written. Never raises."""
    written = 0
    for code in codes:
        lang = language(code)
        table: WordTable = word_table(lang)
        before = _loaded.get(code, 0)
        if len(table) - before < max(MIN_NEW_WORDS, before // 10):
            continue
        key = table_key(lang)
        if key is None:
            continue
        merged: dict[str, int] = {}
        data = kept_bytes(_name(code), MAX_FILE_BYTES, folder)
        if data is not None:
            with contextlib.suppress(ValueError, UnicodeError):
                merged = decode(data, key) or {}
        had = len(merged)
        for word, bits in table.items():
            if len(merged) >= MAX_KEPT_WORDS:
                break
            if word[:1] != " ":
                merged.setdefault(word, bits)
        if len(merged) == had:  # a full file (or one holding all these): nothing to add
            _loaded[code] = len(table)
            continue
        if not keep(_name(code), encode(key, merged), folder):
            continue
        _loaded[code] = len(table)
        written += 1
    return written


__all__ = ["cache_path", "decode", "encode", "load", "save", "table_key"]
