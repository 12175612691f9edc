"""The article laid out as wrapped lines: the model behind the body's Line API widget.

The body widget never builds a widget per paragraph. It asks this module once per width
for a flat list of :class:`Line` records (which block, which character range) and then
styles only the lines on screen. Everything here is plain Python on top of the model, so
wrapping and the section/paragraph/quote → line map are tested without a terminal, and a
huge article costs one pass of string slicing, not one Rich render per paragraph.
The blocks it wraps are :mod:`reader.ui.text.blocks`' (their names importable from
here too).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from reader.core.records import FrozenRecord
from reader.ui.text.blocks import (
    Block,
    BlockKind,
    BlockSource,
    QuoteSpan,
    build_blocks,
    iter_blocks,
    meta_text,
    quotes_by_paragraph,
    section_blocks,
    section_label,
)
from reader.ui.text.wrap import wrap_offsets

_set = object.__setattr__


# a frozen dataclass with its __slots__ and __init__ written out (see .blocks)
@dataclass(init=False, repr=False, eq=False)
class Line(FrozenRecord):
    """One screen line: ``block``'s characters ``start:end`` (trailing spaces included)."""

    __slots__ = ("block", "end", "start")
    block: int
    start: int
    end: int

    def __init__(self, block: int, start: int, end: int) -> None:
        _set(self, "block", block)
        _set(self, "start", start)
        _set(self, "end", end)


class QuoteSpans(Mapping[str, tuple[int, int, int]]):
    """Quote id → (block index, start, end) of each quote laid out so far: only the block
    is kept, the span is the block's own (a tuple per quote of a 5 MB article: 1 MB)."""

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._block_of: dict[str, int] = {}

    def add(self, quote_id: str, block: int) -> None:
        self._block_of[quote_id] = block

    def __getitem__(self, quote_id: str) -> tuple[int, int, int]:
        block = self._block_of[quote_id]
        for span in self._blocks[block].quotes:
            if span.quote_id == quote_id:
                return block, span.start, span.end
        raise KeyError(quote_id)  # pragma: no cover - added from that very block

    def __contains__(self, quote_id: object) -> bool:
        return quote_id in self._block_of

    def __iter__(self) -> Iterator[str]:
        return iter(self._block_of)

    def __len__(self) -> int:
        return len(self._block_of)


class TextLayout:
    """Blocks wrapped at one width, with the maps the body navigates by.

    Built progressively: :meth:`extend` wraps a few more blocks, so the body can paint
    its first screen at once and lay out the rest of a huge article afterwards. A line
    is kept as one 32-bit integer, where it starts in its block: its block is found
    from the first line of each block, and it ends where the next line of the block
    starts (or with the block). A 5 MB article has some 110,000 lines; as three 64-bit
    arrays (block, start, end) they took 2.6 MB.
    """

    def __init__(self, source: BlockSource | Iterable[Block], width: int) -> None:
        self.source = source if isinstance(source, BlockSource) else BlockSource(source)
        self.blocks = self.source.blocks
        self.width = width
        self._line_start = array("i")
        #: first line of every block laid out so far
        self.block_line = array("i")
        #: first line and id of each section anchor, in order
        self.section_lines: list[tuple[int, str]] = []
        self._section_ys: list[int] = []
        self._section_line: dict[str, int] = {}
        #: quote id → (block index, start, end)
        self.quote_spans = QuoteSpans(self.blocks)
        #: the block of each paragraph of a section, by section id and paragraph index
        #: (-1 for one not laid out)
        self._paragraph_blocks: dict[str, array[int]] = {}

    @classmethod
    def build(cls, blocks: BlockSource | Iterable[Block], width: int) -> TextLayout:
        """A layout of every block (what tests and small articles want)."""
        layout = cls(blocks, width)
        layout.complete()
        return layout

    # -- building --------------------------------------------------------------------

    @property
    def is_complete(self) -> bool:
        return self.source.exhausted and len(self.block_line) == len(self.blocks)

    def extend(self, count: int = 2048) -> bool:
        """Wrap up to ``count`` more blocks; True once every block is laid out."""
        done = len(self.block_line)
        if len(self.blocks) < done + count:
            self.source.fill(done + count - len(self.blocks))
        width = self.width
        line_start = self._line_start
        for index in range(done, min(done + count, len(self.blocks))):
            block = self.blocks[index]
            y = len(line_start)
            self.block_line.append(y)
            if block.anchor is not None:
                self.section_lines.append((y, block.anchor))
                self._section_ys.append(y)
                self._section_line.setdefault(block.anchor, y)
            if block.quotes or block.kind in ("paragraph", "lead"):
                self._add_paragraph(block.section or "", block.paragraph or 0, index)
                for span in block.quotes:
                    self.quote_spans.add(span.quote_id, index)
            line_start.append(0)
            if block.text:
                line_start.extend(wrap_offsets(block.text, width))
        return self.is_complete

    def _add_paragraph(self, section_id: str, paragraph: int, block: int) -> None:
        blocks = self._paragraph_blocks.setdefault(section_id, array("i"))
        if paragraph >= len(blocks):
            blocks.extend([-1] * (paragraph + 1 - len(blocks)))
        blocks[paragraph] = block

    def _block_of(self, y: int) -> int:
        """The block line ``y`` shows."""
        return bisect_right(self.block_line, y) - 1

    def _line_end(self, block: int, y: int) -> int:
        """Where line ``y`` of ``block`` ends: where the block's next line starts."""
        following = y + 1
        if following < len(self._line_start) and (
            block + 1 >= len(self.block_line) or following < self.block_line[block + 1]
        ):
            return self._line_start[following]
        return len(self.blocks[block].text)

    def extend_to(self, lines: int) -> None:
        """Lay out at least ``lines`` lines (or everything, if there are fewer)."""
        while len(self._line_start) < lines and not self.extend(256):
            pass

    def complete(self) -> None:
        """Lay out every remaining block."""
        while not self.extend(8192):
            pass

    # -- lookups ---------------------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self._line_start)

    def line(self, y: int) -> Line:
        if not 0 <= y < len(self._line_start):
            raise IndexError(y)
        block = self._block_of(y)
        return Line(block, self._line_start[y], self._line_end(block, y))

    def has_block(self, block: int) -> bool:
        """Is there a block ``block`` (laying the text out as far as it)?"""
        while block >= len(self.block_line) and not self.extend():
            pass
        return 0 <= block < len(self.block_line)

    def line_of(self, block: int, offset: int) -> int:
        """The line showing character ``offset`` of ``block`` (laid out if need be)."""
        while block >= len(self.block_line) and not self.extend():
            pass
        first = self.block_line[block]
        last = self.block_line[block + 1] if block + 1 < len(self.block_line) else self.line_count
        for y in range(first + 1, last):
            if offset < self._line_start[y]:
                return y - 1
        return last - 1

    def section_at(self, y: int) -> str | None:
        """The section a reader at line ``y`` is in (the last anchor at or above it)."""
        index = bisect_right(self._section_ys, y) - 1
        if index < 0:
            return self.section_lines[0][1] if self.section_lines else None
        return self.section_lines[index][1]

    def section_after(self, y: int) -> str | None:
        """The first section starting below line ``y`` (laid out if need be)."""
        while True:
            index = bisect_right(self._section_ys, y)
            if index < len(self._section_ys):
                return self.section_lines[index][1]
            if self.is_complete:
                return None
            self.extend()

    def section_before(self, y: int) -> str | None:
        """The last section starting above line ``y``."""
        index = bisect_left(self._section_ys, y) - 1
        return self.section_lines[index][1] if index >= 0 else None

    def paragraph_line(self, section_id: str, paragraph: int) -> int | None:
        """The first line of a paragraph, addressed the way quotes address it."""
        while not self._has_paragraph(section_id, paragraph) and not self.extend():
            pass
        if not self._has_paragraph(section_id, paragraph):
            return None
        return self.block_line[self._paragraph_blocks[section_id][paragraph]]

    def _has_paragraph(self, section_id: str, paragraph: int) -> bool:
        blocks = self._paragraph_blocks.get(section_id)
        return blocks is not None and 0 <= paragraph < len(blocks) and blocks[paragraph] >= 0

    def section_line(self, section_id: str) -> int | None:
        """The line a section starts at (its heading), laying out up to it if need be."""
        while section_id not in self._section_line and not self.extend():
            pass
        return self._section_line.get(section_id)

    def quote_span(self, quote_id: str) -> tuple[int, int, int] | None:
        """Where a quote is, as (block, start, end), laying out up to it if need be."""
        while quote_id not in self.quote_spans and not self.extend():
            pass
        return self.quote_spans.get(quote_id)

    def line_of_position(
        self, section: str | None, scroll_y: int, anchor: tuple[int, int] | None
    ) -> tuple[int, bool]:
        """The top line of a saved reading position, and whether its anchor placed it.

        The anchor (block, character) says exactly where; a position saved before
        anchors existed, or one whose anchor lies in another section than it was saved
        in (the article changed), goes by the line, and by the section's heading if the
        text has re-wrapped since.
        """
        if anchor is not None and self.has_block(anchor[0]):
            y = self.line_of(*anchor)
            if self.section_at(y) == section:
                return y, True
        y = scroll_y
        if section is not None:
            heading = self.section_line(section)
            self.extend_to(y + 1)
            if heading is not None and self.section_at(y) != section:
                y = heading
        return y, False

    def spans_in(self, y: int) -> Iterator[tuple[QuoteSpan, int, int]]:
        """Quote spans crossing line ``y``, clipped to it, in line-relative offsets."""
        line = self.line(y)
        line_start, line_end = line.start, line.end
        for span in self.blocks[line.block].quotes:
            start, end = max(span.start, line_start), min(span.end, line_end)
            if start < end:
                yield span, start - line_start, end - line_start


__all__ = [
    "Block",
    "BlockKind",
    "BlockSource",
    "Line",
    "QuoteSpan",
    "QuoteSpans",
    "TextLayout",
    "build_blocks",
    "iter_blocks",
    "meta_text",
    "quotes_by_paragraph",
    "section_blocks",
    "section_label",
]
