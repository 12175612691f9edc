"""The end of a long article before the rest of it is laid out: ``G`` in one frame.

A 5 MB article is laid out (every block made and wrapped) in slices after its first
paint, some 180 ms of work; a reader who pressed ``G`` (or End) before it was done
waited for all of it, because a line's number depends on every line above it. The end
of the text does not: blocks wrap on their own, so the last sections, made and wrapped
apart from the rest, are exactly the last lines of the whole layout. The body shows
them at an estimated place (:class:`Tail`) until the whole layout is done, then goes
to the same text in it (nothing moves on screen); a move above them, or anything that
needs real line numbers (a jump to a section or quote, find, a resize), finishes the
layout first.

A big article opened from the cache has only its head at first; the cache carries its
end too (:class:`reader.core.format.head.End`, the last sections), so the end is shown
the same way before the whole is even read. Leaving it then waits for the whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size

from reader.core.model import Article
from reader.ui.text.lines import Block, TextLayout, quotes_by_paragraph, section_blocks
from reader.ui.text.wrap import wrap_offsets

if TYPE_CHECKING:
    from reader.core.format.head import End
    from reader.ui.widgets.body_layout import LaidOutText

#: Screens of text at the end laid out apart (room to page back a little).
TAIL_SCREENS = 3
#: A quote chosen in one of this many last sections is shown the same way.
QUOTE_SECTIONS = 50


class Tail:
    """The last sections of an article (never its first), laid out at one width."""

    def __init__(self, layout: TextLayout, top: int, height: int) -> None:
        #: the last blocks of the article, wrapped; its block indices are its own
        self.layout = layout
        #: the virtual line its first line is shown at, and its height from there (the
        #: last heading may reach the top, as in the whole layout)
        self.top = top
        self.height = height
        #: the article's first section in the tail
        self.first_section = 0

    @classmethod
    def of(
        cls,
        article: Article,
        width: int,
        lines: int,
        screen: int,
        laid: TextLayout,
        since: int | None = None,
        at: int = 0,
    ) -> Tail | None:
        """The sections at the end of ``article`` that make at least ``lines`` lines
        (and start at section ``since`` or before), placed after the ``laid`` part at an
        estimate of where they are; None for an article of one section.

        ``article`` may be only the end of the article (its sections from section
        ``at`` on, :class:`~reader.core.format.head.End`): then any of them may be
        shown, and fewer lines than asked if that is all it holds."""
        sections = article.sections
        by_paragraph = quotes_by_paragraph(article)
        parts: list[list[Block]] = []
        count = 0
        first = len(sections)
        lowest = 1 if at == 0 else 0  # never the article's first section
        while first > lowest and (count < lines or (since is not None and at + first > since)):
            first -= 1
            blocks = list(section_blocks(article, sections[first], by_paragraph))
            parts.append(blocks)
            count += sum(1 + len(wrap_offsets(b.text, width)) if b.text else 1 for b in blocks)
        if not parts:
            return None
        layout = TextLayout.build([b for part in reversed(parts) for b in part], width)
        height = layout.line_count
        if layout.section_lines:
            height = max(height, layout.section_lines[-1][0] + screen)
        # where the tail starts: the lines laid out so far, scaled by the share of the
        # sections they hold (only the scrollbar shows it)
        done = max(1, len(laid.section_lines))
        estimate = laid.line_count * (at + len(sections)) // done
        top = max(laid.line_count, estimate - layout.line_count)
        made = cls(layout, top, height)
        made.first_section = at + first
        return made

    @property
    def block_count(self) -> int:
        return len(self.layout.blocks)

    def same_line(self, other: Tail, y: int) -> int | None:
        """The virtual line of this tail showing the text ``other`` shows at line ``y``
        (the same block, by its place and text, and character); None if it has not got
        it. For an end carried with the head that the whole does not end with: the
        whole's own end takes its place, and the reader stays on the same text."""
        offset = y - other.top
        if offset < 0:  # above the tail: as far above this one's first line
            return self.top + offset if self.first_section == other.first_section else None
        last = other.layout.line_count - 1
        line = other.layout.line(min(offset, last))
        block = other.layout.blocks[line.block]
        place = (block.kind, block.owner, block.paragraph, block.text)
        for index, mine in enumerate(self.layout.blocks):
            if (mine.kind, mine.owner, mine.paragraph, mine.text) == place:
                return self.top + self.layout.line_of(index, line.start) + max(0, offset - last)
        return None


class BodyTail:
    """The body's end shown before its layout is done: entering, drawing, leaving."""

    def __init__(self, body: LaidOutText, article: Article, end: End | None = None) -> None:
        self.body = body
        self.article = article
        #: the article's end while ``article`` is only its head (None: none carried,
        #: or the whole is here)
        self.end = end
        self.tail: Tail | None = None

    def _source(self) -> tuple[Article, int]:
        """The article the end is made from, and the index of its first section."""
        if self.end is not None:
            return self.end.article, self.end.at
        return self.article, 0

    def enter(self, laid: TextLayout, since: int | None = None) -> bool:
        """Show the end of the text now, if the layout is not done (False: it is, or
        the article is one section, and the end is found the ordinary way)."""
        body = self.body
        screen = body.scrollable_content_region.height
        lines = TAIL_SCREENS * screen
        article, at = self._source()
        tail = Tail.of(article, laid.width, lines, screen, laid, since, at)
        if tail is None:
            return False
        self.tail = tail
        body.redraw_all()
        size = Size(body.scrollable_content_region.width, tail.top + tail.height)
        body.virtual_size = size
        body._scroll_update(size)
        end = max(tail.top, tail.top + tail.height - screen)
        body.scroll_to(y=end, animate=False, immediate=True, force=True)
        return True

    def quote_lines(self, laid: TextLayout, quote_id: str) -> tuple[int, int, int] | None:
        """Where a quote near the end is, before the layout reaches it, as the (virtual)
        lines of its start, its end and its paragraph's start; the end is then shown
        apart (as for ``G``), from the section before the quote's, for context. None
        when the layout has it already, or it is not among the last ``QUOTE_SECTIONS``
        sections: it is found the ordinary way."""
        if (laid.is_complete and self.end is None) or quote_id in laid.quote_spans:
            return None
        article, at = self._source()
        try:
            section = article.quote(quote_id).section
        except KeyError:
            return None
        ids = [s.id for s in article.sections[-QUOTE_SECTIONS:]]
        if section not in ids:
            return None
        since = max(at, at + len(article.sections) - len(ids) + ids.index(section) - 1)
        if since < 1:
            return None
        if self.tail is None or self.tail.first_section > since:
            self.tail = None
            if not self.enter(laid, since=since):
                return None
        tail = self.tail
        assert tail is not None
        where = tail.layout.quote_span(quote_id)
        if where is None:
            return None
        block, start, end = where
        layout, top = tail.layout, tail.top
        return (
            top + layout.line_of(block, start),
            top + layout.line_of(block, max(start, end - 1)),
            top + layout.block_line[block],
        )

    def leave(self, laid: TextLayout, y: int) -> int:
        """Finish the layout and stop showing the tail apart: the line of the whole
        layout that virtual line ``y`` shows (the same text)."""
        tail, self.tail = self.tail, None
        if tail is None:
            return y
        laid.complete()
        first = len(laid.blocks) - tail.block_count
        offset = y - tail.top
        if y <= 0:
            return 0
        if offset < 0:  # above the tail: count back from its first line
            return max(0, laid.block_line[first] + offset)
        last = tail.layout.line_count - 1
        line = tail.layout.line(min(offset, last))
        return laid.line_of(first + line.block, line.start) + max(0, offset - last)

    def section_at(self, y: int) -> str | None:
        assert self.tail is not None
        return self.tail.layout.section_at(max(0, y - self.tail.top))


__all__ = ["QUOTE_SECTIONS", "TAIL_SCREENS", "BodyTail", "Tail"]
