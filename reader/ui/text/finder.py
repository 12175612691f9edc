"""Find in the article text, fast enough to run on every keystroke of a huge article.

Matching is ``reader.core.search.find_phrase``'s (case- and accent-insensitive). Folding
text is the slow part, so each block is folded once and kept when folding maps it
character for character (almost always: "Medvédev" → "medvedev"); then every later
search is a plain ``str.find``. Blocks where folding changes lengths ("ß" → "ss") are
searched the exact way each time.

:class:`FindMatches` keeps what the body shows of a find: the matches and the one the
reader is on.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

from reader.core.search import find_phrase, fold
from reader.ui.text.lines import Block

#: Blocks whose text is the article's (reader's own attributions are not searched).
_SEARCHED = frozenset({"title", "meta", "caption", "lead", "heading", "paragraph"})


class Finder:
    """Matches of a phrase in the body's blocks, as (block, start, end)."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._blocks = blocks
        #: block index → folded text when it lines up with the original, else None
        self._folded: dict[int, str | None] = {}

    def find(self, phrase: str) -> list[tuple[int, int, int]]:
        needle = fold(phrase)[0]
        if not needle.strip():
            return []
        matches: list[tuple[int, int, int]] = []
        for index, block in enumerate(self._blocks):
            if block.kind not in _SEARCHED or not block.text:
                continue
            folded = self._folded_text(index, block.text)
            if folded is None:
                matches.extend((index, s, e) for s, e in find_phrase(block.text, phrase))
                continue
            start = folded.find(needle)
            while start >= 0:
                end = start + len(needle)
                matches.append((index, start, end))
                start = folded.find(needle, end)
        return matches

    def _folded_text(self, index: int, text: str) -> str | None:
        if index not in self._folded:
            folded, offsets = fold(text)
            same = len(folded) == len(text) and offsets == list(range(len(text)))
            self._folded[index] = folded if same else None
        return self._folded[index]


#: A find match: (block, start, end).
Match = tuple[int, int, int]


class FindMatches:
    """The matches of the phrase the reader looks for, in reading order, and the one
    they are on: the state behind the body's find (the widget scrolls and reports)."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._finder = Finder(blocks)
        #: the phrase looked for ("" for none)
        self.query = ""
        #: sorted (so in reading order); a drawn line bisects its own out of them
        self.matches: list[Match] = []
        #: the match the reader is on (-1: none yet)
        self.index = -1

    def find(self, query: str) -> None:
        """Look for ``query`` (every block must be made by then), on no match yet."""
        self.query = query
        self.matches = self._finder.find(query) if query.strip() else []
        self.index = -1

    def current(self) -> Match | None:
        """The match the reader is on, as (block, start, end), if any."""
        if 0 <= self.index < len(self.matches):
            return self.matches[self.index]
        return None

    def first_from(self, line: int, line_of: Callable[[Match], int]) -> int:
        """The first match on ``line`` or after it (the last one if none is).

        Matches are in reading order, so their lines are too: bisect on the line (asked
        of a few matches only, not of all 700,000 an "a" finds in 5 MB).
        """
        first = bisect_left(self.matches, line, key=line_of)
        return min(first, len(self.matches) - 1)

    def after_step(self, step: int) -> int:
        """The match ``step`` (1 or -1) from the current one, wrapping around."""
        start = self.index if self.index >= 0 else (-1 if step > 0 else 0)
        return (start + step) % len(self.matches)
