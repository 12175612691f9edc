"""Search that forgives case and accents, the way readers type.

``normalise`` folds text to lowercase without accents so that "perdana menteri"
finds "Perdana Menteri" and "lukjanov" … does not, but "medvedev" finds "Medvédev".
``find_spans`` maps matches back to the original text so they can be highlighted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return it with, per folded character, its index in ``text``."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


def normalise(text: str) -> str:
    """Lowercase, accents removed, whitespace collapsed."""
    return " ".join(fold(text)[0].split())


def terms(query: str) -> list[str]:
    """The words of a query, normalised; empty words dropped."""
    return normalise(query).split()


def matches(query: str, *fields: str) -> bool:
    """True when every word of ``query`` occurs in at least one of ``fields``.

    The quote search's rule, everywhere quotes are searched; :mod:`reader.core.quote_query`
    applies it to a whole article with each quote's :func:`haystack` made once.
    """
    words = terms(query)
    if not words:
        return True
    return contains_all(haystack(*fields), words)


def haystack(*fields: str) -> str:
    """The fields normalised and joined, as :func:`matches` searches them.

    Joined by newlines, which no normalised word contains, so a word never matches
    across the end of one field and the start of the next.
    """
    return "\n".join(normalise(f) for f in fields)


def contains_all(haystack: str, words: Iterable[str]) -> bool:
    """True when every one of ``words`` (see :func:`terms`) occurs in ``haystack``."""
    return all(w in haystack for w in words)


def find_spans(text: str, query: str | Iterable[str]) -> list[tuple[int, int]]:
    """Character spans in ``text`` where any word of the query occurs (merged, sorted)."""
    words = terms(query) if isinstance(query, str) else [normalise(q) for q in query]
    words = list(dict.fromkeys(w for w in words if w))  # a repeated word finds nothing new
    if not words:
        return []
    folded, index = fold(text)
    spans = sorted(span for word in words for span in _places(text, folded, index, word))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Spans in ``text`` where the whole ``phrase`` occurs (case- and accent-insensitive).

    Used by find-in-text, where the reader types a phrase and expects it found as typed.
    """
    needle = fold(phrase)[0]
    if not needle.strip():
        return []
    folded, index = fold(text)
    return list(_places(text, folded, index, needle))


def _places(text: str, folded: str, index: list[int], needle: str) -> Iterator[tuple[int, int]]:
    """Where ``needle`` occurs in ``folded`` (:func:`fold` of ``text``), as spans of ``text``.

    A span takes in the characters after it that fold to nothing, so a decomposed "é"
    (e + U+0301) is highlighted whole. A match that starts inside the characters of the
    one before is the same place found again ("s" finds both halves of "ß", which folds
    to "ss"), and is given once.
    """
    end_of_text = len(text)
    last_end = 0
    start = folded.find(needle)
    while start >= 0:
        stop = start + len(needle)
        first, end = index[start], index[stop - 1] + 1
        while end < end_of_text and not _fold_char(text[end]):
            end += 1
        if first >= last_end:
            yield first, end
            last_end = end
        start = folded.find(needle, stop)
