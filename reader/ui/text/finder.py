"""Find in the article text, fast enough to run on every keystroke of a huge article.

Matching is ``reader.core.search.find_phrase``'s (case- and accent-insensitive). Folding
text is the slow part, so each block is folded once and kept when folding maps it
character for character (almost always: "Medvédev" → "medvedev"); then every later
search is a plain ``str.find``. Blocks where folding changes lengths ("ß" → "ss") are
searched the exact way each time.
"""

from __future__ import annotations

from collections.abc import Sequence

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
