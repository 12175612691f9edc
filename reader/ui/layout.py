"""The article laid out as wrapped lines: the model behind the body's Line API widget.

The body widget never builds a widget per paragraph. It asks this module once per width
for a flat list of :class:`Line` records (which block, which character range) and then
styles only the lines on screen. Everything here is plain Python on top of the model, so
wrapping and the section/paragraph/quote → line map are tested without a terminal, and a
huge article costs one pass of string slicing, not one Rich render per paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from rich._wrap import divide_line  # the wrapper Rich's Text and Textual's Content use
from rich.cells import cell_len

from reader.core.model import LEAD, Article, Quote, Section

BlockKind = Literal[
    "title", "meta", "caption", "lead", "heading", "paragraph", "attribution", "blank"
]

#: Characters a terminal always draws one cell wide; text made only of these takes the
#: fast wrapping path (no per-word cell measuring), which keeps a 5 MB article quick.
_NARROW = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x300) if c != 0xAD]
    + [chr(c) for c in range(0x370, 0x483)]
    + list("\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201b\u201c\u201d")
    + list("\u201e\u201f\u2020\u2021\u2022\u2026\u2030\u2032\u2033\u2039\u203a\u20ac")
)
_is_narrow = _NARROW.issuperset
_WHITESPACE = re.compile(r"\s")


def flatten(text: str) -> str:
    """Whitespace (newlines, tabs) as single spaces, keeping every character offset."""
    return _WHITESPACE.sub(" ", text) if not text.isprintable() or "\n" in text else text


def wrap_offsets(text: str, width: int) -> list[int]:
    """Character offsets where the lines of ``text`` wrapped at ``width`` cells begin.

    The first line (offset 0) is implied, as in Rich's ``divide_line``. Text of narrow
    characters only is wrapped greedily by slicing; anything with wide (CJK, emoji) or
    zero-width characters goes through Rich's cell-aware wrapper.
    """
    width = max(1, width)
    if not _is_narrow(text):
        return divide_line(text, width, fold=True)
    breaks: list[int] = []
    size = len(text)
    pos = 0
    while size - pos > width:
        if text[pos + width] == " ":
            # the line ends exactly at a word end: the next line starts after the spaces
            nxt = pos + width
            while nxt < size and text[nxt] == " ":
                nxt += 1
            if nxt >= size:
                break
        else:
            first_word = pos
            while first_word < size and text[first_word] == " ":
                first_word += 1
            space = text.rfind(" ", first_word, pos + width)
            nxt = space + 1 if space >= 0 else pos + width
        breaks.append(nxt)
        pos = nxt
    return breaks


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation inside a block, by character range."""

    quote_id: str
    speaker_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """One run of text in the body: a title, a heading, a paragraph, an attribution…

    ``section`` and ``paragraph`` address paragraphs the way quotes do (``LEAD`` for the
    lead); ``owner`` is the TOC section the block belongs to (None before the first one).
    """

    kind: BlockKind
    text: str
    owner: str | None = None
    section: str | None = None
    paragraph: int | None = None
    quotes: tuple[QuoteSpan, ...] = ()
    #: the TOC section that starts at this block (its heading, or an untitled first block)
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: ``block``'s characters ``start:end`` (trailing spaces included)."""

    block: int
    start: int
    end: int


def build_blocks(article: Article, untitled: str) -> list[Block]:
    """The article in reading order as blocks, blank blocks as spacing between them."""
    blocks: list[Block] = [Block("title", flatten(article.title))]
    meta = " · ".join(x for x in (article.source, article.date) if x)
    blocks.append(Block("meta", flatten(meta)))
    for figure in article.figures:
        caption = flatten(figure.caption)
        if figure.credit:
            caption = f"{caption} ({flatten(figure.credit)})"
        blocks += [Block("blank", ""), Block("caption", caption)]
    by_paragraph: dict[tuple[str, int], list[Quote]] = {}
    for quote in article.quotes:
        by_paragraph.setdefault((quote.section, quote.paragraph), []).append(quote)
    if article.lead:
        lead = _paragraph(article, "lead", LEAD, 0, article.lead, by_paragraph)
        blocks += [Block("blank", ""), *lead]
    for section in article.sections:
        if section.heading:
            heading = Block("heading", flatten(section.heading), section.id, anchor=section.id)
            blocks += [Block("blank", ""), heading]
        start = len(blocks)
        for index, text in enumerate(section.paragraphs):
            blocks.append(Block("blank", "", owner=section.id))
            blocks += _paragraph(article, "paragraph", section.id, index, text, by_paragraph)
        if not section.heading:
            # an untitled section is anchored at its first paragraph, not at a made-up title
            if len(blocks) == start:
                blocks.append(Block("blank", "", owner=section.id))
            first = start + 1 if len(blocks) > start + 1 else start
            blocks[first] = replace(blocks[first], anchor=section.id)
    return blocks


def section_label(section: Section, untitled: str) -> str:
    """The TOC label of a section: its heading, or ``untitled`` for the opening."""
    return flatten(section.heading) if section.heading else untitled


def _paragraph(
    article: Article,
    kind: BlockKind,
    section_id: str,
    index: int,
    text: str,
    by_paragraph: dict[tuple[str, int], list[Quote]],
) -> list[Block]:
    """A paragraph block, and after it who speaks in it when it holds direct quotes."""
    owner = None if section_id == LEAD else section_id
    spans: list[QuoteSpan] = []
    direct: list[QuoteSpan] = []
    for quote in by_paragraph.get((section_id, index), ()):
        start = text.find(quote.text)
        if start >= 0:
            span = QuoteSpan(quote.id, quote.speaker, start, start + len(quote.text))
            spans.append(span)
            if quote.kind == "direct":
                direct.append(span)
    spans.sort(key=lambda s: s.start)
    direct.sort(key=lambda s: s.start)
    blocks = [Block(kind, flatten(text), owner, section_id, index, tuple(spans))]
    if direct:
        names: list[str] = []
        for span in direct:
            name = _speaker_name(article, span.speaker_id)
            if name not in names:
                names.append(name)
        blocks.append(Block("attribution", "— " + " · ".join(names), owner, section_id, index))
    return blocks


def _speaker_name(article: Article, speaker_id: str) -> str:
    try:
        return flatten(article.speaker(speaker_id).name)
    except KeyError:
        return speaker_id


@dataclass(slots=True)
class Layout:
    """Blocks wrapped at one width, with the maps the body navigates by."""

    blocks: list[Block]
    width: int
    lines: list[Line] = field(default_factory=list)
    #: first line of every block
    block_line: list[int] = field(default_factory=list)
    #: (first line, section id) of each section heading, in order
    section_lines: list[tuple[int, str]] = field(default_factory=list)
    #: quote id → (block index, start, end)
    quote_spans: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: block index of each paragraph, by (section id, paragraph index)
    paragraphs: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def build(cls, blocks: list[Block], width: int) -> Layout:
        """Wrap every block at ``width`` cells (one pass; styling happens on display)."""
        layout = cls(blocks, width)
        lines = layout.lines
        append = lines.append
        for index, block in enumerate(blocks):
            layout.block_line.append(len(lines))
            if block.anchor is not None:
                layout.section_lines.append((len(lines), block.anchor))
            if block.kind in ("paragraph", "lead") and block.section is not None:
                layout.paragraphs[(block.section, block.paragraph or 0)] = index
                for span in block.quotes:
                    layout.quote_spans[span.quote_id] = (index, span.start, span.end)
            text = block.text
            start = 0
            for offset in wrap_offsets(text, width) if text else ():
                append(Line(index, start, offset))
                start = offset
            append(Line(index, start, len(text)))
        return layout

    def line_of(self, block: int, offset: int) -> int:
        """The line showing character ``offset`` of ``block``."""
        first = self.block_line[block]
        last = self.block_line[block + 1] if block + 1 < len(self.block_line) else len(self.lines)
        for y in range(first, last):
            if offset < self.lines[y].end:
                return y
        return last - 1

    def section_at(self, y: int) -> str | None:
        """The section a reader at line ``y`` is in (the last heading at or above it)."""
        index = bisect_right([line for line, _ in self.section_lines], y) - 1
        if index < 0:
            return self.section_lines[0][1] if self.section_lines else None
        return self.section_lines[index][1]

    def section_line(self, section_id: str) -> int | None:
        """The line of a section's heading."""
        return next((y for y, sid in self.section_lines if sid == section_id), None)

    def spans_in(self, y: int) -> Iterator[tuple[QuoteSpan, int, int]]:
        """Quote spans crossing line ``y``, clipped to it, in line-relative offsets."""
        line = self.lines[y]
        for span in self.blocks[line.block].quotes:
            start, end = max(span.start, line.start), min(span.end, line.end)
            if start < end:
                yield span, start - line.start, end - line.start


def display_width(text: str) -> int:
    """Cells ``text`` takes on screen."""
    return cell_len(text)
