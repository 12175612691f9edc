"""Find in the article text, fast enough to run on every keystroke of a huge article.

Matching is ``reader.core.search.find_phrase``'s (case- and accent-insensitive). Folding
text is the slow part, so each block is folded once and kept when folding maps it
character for character (almost always: "Medvédev" → "medvedev"); then every later
search is a plain ``str.find``. Blocks where folding changes lengths ("ß" → "ss") are
searched the exact way each time. A block is folded with ``str.translate`` over a table
of the characters met so far that fold to one character each: the core's ``fold`` walks
the text a character at a time and lists every offset, and a first find in a 5 MB
article folded its 31,000 blocks that way for about a second.

:class:`FindMatches` keeps what the body shows of a find: the matches and the one the
reader is on.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from reader.core.search import find_phrase, fold
from reader.ui.text.lines import Block

#: Blocks folded in one step of :meth:`Finder.fold_steps` (about 1 ms of a 5 MB article's).
FOLD_CHUNK = 300

#: Blocks whose text is the article's (reader's own attributions are not searched).
_SEARCHED = frozenset({"title", "meta", "caption", "lead", "heading", "paragraph"})


#: A find match: (block, start, end).
Match = tuple[int, int, int]


class Finder:
    """Matches of a phrase in the body's blocks, as (block, start, end).

    The blocks that fold character for character are kept folded as a few long strings
    (one per batch folded), each block after a NUL (which no article text holds), so
    that a search is ``str.find`` over the article rather than a Python loop over its
    31,000 blocks (5 MB); each hit is mapped back to its block by bisecting the blocks'
    starts. Blocks are folded ahead (:meth:`fold_steps`, :meth:`fold_to`) or the first
    time a search needs them; a search may also look only at what is folded so far,
    and only from a given block on (a long text searched a batch at a time).
    """

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._blocks = blocks
        #: blocks looked at so far (the first ones)
        self._seen = 0
        #: the folded text of the blocks searched by ``str.find``, in batches, and where
        #: each batch starts in the whole folded text (the batches one after the other)
        self._pieces: list[str] = []
        self._piece_starts = array("q")
        #: where each of those blocks starts in the whole folded text, and which block it is
        self._starts = array("q")
        self._ids = array("q")
        self._length = 0
        #: blocks whose folding changes lengths, searched the exact way each time
        self._exact: list[int] = []

    @property
    def folded(self) -> int:
        """How many blocks (the first ones) are folded, so a search sees them."""
        return self._seen

    def fold_steps(self, every: int = FOLD_CHUNK) -> Iterator[None]:
        """Fold the blocks made but not folded yet, yielding after every ``every``: a
        huge article's text folded in slices after its layout, so that its first find
        only looks up (folding its 31,000 blocks took ~95 ms, held in one turn)."""
        blocks = self._blocks
        while self._seen < len(blocks):
            self.fold_to(min(self._seen + every, len(blocks)))
            yield

    def fold_to(self, end: int) -> None:
        """Fold the blocks from the first not folded yet up to ``end`` (one batch)."""
        blocks = self._blocks
        parts: list[str] = []
        start = self._length
        for index in range(self._seen, min(end, len(blocks))):
            block = blocks[index]
            if block.kind not in _SEARCHED or not block.text:
                continue
            folded = fold_in_place(block.text)
            if folded is None:
                self._exact.append(index)
                continue
            self._starts.append(self._length + 1)
            self._ids.append(index)
            parts.append(folded)
            self._length += 1 + len(folded)
        self._seen = max(self._seen, min(end, len(blocks)))
        if parts:
            self._piece_starts.append(start)
            self._pieces.append("\0" + "\0".join(parts))

    def find(self, phrase: str, since: int = 0, *, fold_new: bool = True) -> list[Match]:
        """The matches of ``phrase`` in the blocks from ``since`` on, in reading order:
        in every block made (``fold_new``: folded first if need be) or only in those
        folded so far."""
        needle = fold(phrase)[0]
        if not needle.strip():
            return []
        if fold_new:
            self.fold_to(len(self._blocks))
        starts, ids = self._starts, self._ids
        matches: list[Match] = []
        size = len(needle)
        first = bisect_left(ids, since)
        if first < len(ids):
            offset = starts[first] - 1  # the NUL before block ``since`` (or the next)
            piece = bisect_right(self._piece_starts, offset) - 1
            for base, text in zip(self._piece_starts[piece:], self._pieces[piece:], strict=True):
                at = text.find(needle, max(0, offset - base))
                while at >= 0:
                    k = bisect_right(starts, base + at) - 1
                    start = base + at - starts[k]
                    matches.append((ids[k], start, start + size))
                    at = text.find(needle, at + size)
        exact = self._exact
        if exact and exact[-1] >= since:
            blocks = self._blocks
            matches.extend(
                (index, s, e)
                for index in exact[bisect_left(exact, since) :]
                for s, e in find_phrase(blocks[index].text, phrase)
            )
            matches.sort()
        return matches


#: code point → what it folds to, for every character met that folds to one character
_ONE_FOR_ONE: dict[int, str] = {}
#: characters met that fold to none or several ("ß" → "ss", a lone combining mark → "")
_OTHER: set[str] = set()


def fold_in_place(text: str) -> str | None:
    """``fold(text)``'s text when it folds character for character (its offsets are
    those of ``text``), else None."""
    if text.isascii():
        return text.lower()
    table = _ONE_FOR_ONE
    for char in set(text):
        if ord(char) in table:
            continue
        if char in _OTHER:
            return None
        folded = fold(char)[0]
        if len(folded) != 1:
            _OTHER.add(char)
            return None
        table[ord(char)] = folded
    return text.translate(table)


class FindMatches:
    """The matches of the phrase the reader looks for, in reading order, and the one
    they are on: the state behind the body's find (the widget scrolls and reports).

    The matches may be those of the first blocks only (:attr:`searched` of them): a
    long text is searched a batch at a time (:meth:`fold_more`, :meth:`extend`), the
    matches of each batch added after the others, so the one the reader is on keeps
    its index.
    """

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._blocks = blocks
        self._finder = Finder(blocks)
        #: the phrase looked for ("" for none)
        self.query = ""
        #: sorted (so in reading order); a drawn line bisects its own out of them
        self.matches: list[Match] = []
        #: the match the reader is on (-1: none yet)
        self.index = -1
        #: blocks (the first ones) the matches were looked for in
        self.searched = 0

    @property
    def folded(self) -> int:
        """Blocks folded so far (the first ones)."""
        return self._finder.folded

    def fold_steps(self) -> Iterator[None]:
        """Fold the text made so far ahead of a find, a step at a time."""
        return self._finder.fold_steps()

    def fold_more(self, count: int) -> None:
        """Fold up to ``count`` more of the blocks made."""
        self._finder.fold_to(self._finder.folded + count)

    def find(self, query: str, *, fold_new: bool = True) -> None:
        """Look for ``query``, on no match yet: in every block made (``fold_new``), or
        in those folded so far (:meth:`extend` goes on from there)."""
        self.query = query
        self.matches = self._finder.find(query, fold_new=fold_new) if query.strip() else []
        self.index = -1
        self.searched = self._finder.folded

    def extend(self) -> int:
        """Look for the query in the blocks folded since the last look; the number of
        matches found there (added at the end: they come after every other)."""
        since, self.searched = self.searched, self._finder.folded
        if not self.query.strip() or since >= self.searched:
            return 0
        found = self._finder.find(self.query, since, fold_new=False)
        self.matches.extend(found)
        return len(found)

    def current(self) -> Match | None:
        """The match the reader is on, as (block, start, end), if any."""
        if 0 <= self.index < len(self.matches):
            return self.matches[self.index]
        return None

    def first_from(self, block: int, start: int) -> int:
        """The first match on the line that starts at character ``start`` of ``block``,
        or after it (the last one if none is).

        Matches and lines are both in reading order, (block, character): a match is on
        that line or after it when it starts there or later. (Bisecting on each match's
        line instead laid the text out as far as the middle match, half of a 5 MB
        article, before the first find could answer.)
        """
        first = bisect_left(self.matches, (block, start, 0))
        return min(first, len(self.matches) - 1)

    def after_step(self, step: int) -> int:
        """The match ``step`` (1 or -1) from the current one, wrapping around."""
        start = self.index if self.index >= 0 else (-1 if step > 0 else 0)
        return (start + step) % len(self.matches)
