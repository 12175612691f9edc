"""The article as blocks: the runs of text the body shows, in reading order.

A title, the meta line, captions, the lead, headings, paragraphs (with the quotes in
them, by character range) and who speaks in them, and the blank blocks between:
:mod:`reader.ui.text.lines` wraps these into lines at a width. Made lazily
(:class:`BlockSource`), so a huge article's first screen needs only its first blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import Literal

from reader.core.model import LEAD, Article, Quote, Section
from reader.core.records import FrozenRecord
from reader.ui.labels import clipped
from reader.ui.text.wrap import flatten

BlockKind = Literal[
    "title", "meta", "rule", "caption", "lead", "heading", "paragraph", "attribution", "blank"
]


_set = object.__setattr__

# Frozen dataclasses with their __slots__ and __init__ written out, the rest from
# FrozenRecord (reader.core.records): imported before the first paint, where
# @dataclass(frozen=True, slots=True) compiling their methods cost ~0.4 ms a class.


@dataclass(init=False, repr=False, eq=False)
class QuoteSpan(FrozenRecord):
    """A quotation inside a block, by character range."""

    __slots__ = ("end", "quote_id", "speaker_id", "start")
    quote_id: str
    speaker_id: str
    start: int
    end: int

    def __init__(self, quote_id: str, speaker_id: str, start: int, end: int) -> None:
        _set(self, "quote_id", quote_id)
        _set(self, "speaker_id", speaker_id)
        _set(self, "start", start)
        _set(self, "end", end)


@dataclass(init=False, repr=False, eq=False)
class Block(FrozenRecord):
    """One run of text in the body: a title, a heading, a paragraph, an attribution…

    ``section`` and ``paragraph`` address paragraphs the way quotes do (``LEAD`` for the
    lead); ``owner`` is the TOC section the block belongs to (None before the first one).
    """

    __slots__ = ("anchor", "kind", "owner", "paragraph", "quotes", "section", "text")
    kind: BlockKind
    text: str
    owner: str | None
    section: str | None
    paragraph: int | None
    quotes: tuple[QuoteSpan, ...]
    #: the TOC section that starts at this block (its heading, or an untitled first block)
    anchor: str | None

    def __init__(
        self,
        kind: BlockKind,
        text: str,
        owner: str | None = None,
        section: str | None = None,
        paragraph: int | None = None,
        quotes: tuple[QuoteSpan, ...] = (),
        anchor: str | None = None,
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "text", text)
        _set(self, "owner", owner)
        _set(self, "section", section)
        _set(self, "paragraph", paragraph)
        _set(self, "quotes", quotes)
        _set(self, "anchor", anchor)


def iter_blocks(article: Article) -> Iterator[Block]:
    """The article in reading order as blocks, blank blocks as spacing between them.

    A generator, so that a huge article's first screen is laid out before the rest
    of it has been looked at. The first spacing block, under the title and its source,
    date and address (the "meta" block), is a rule that sets the title apart from the
    text. It stays one block, so saved positions (block, character) keep their meaning.
    """
    ruled = False
    for block in _blocks(article):
        if not ruled and block.kind == "blank":
            ruled = True
            block = replace(block, kind="rule")
        yield block


def meta_text(article: Article) -> str:
    """The line under the title: source · date · address (each if known)."""
    return flatten(" · ".join(x for x in (article.source, article.date, article.url) if x))


def _blocks(article: Article) -> Iterator[Block]:
    yield Block("title", flatten(article.title))
    yield Block("meta", meta_text(article))
    for figure in article.figures:
        caption = flatten(figure.caption)
        if figure.credit:
            caption = f"{caption} ({flatten(figure.credit)})"
        yield Block("blank", "")
        yield Block("caption", caption)
    by_paragraph = quotes_by_paragraph(article)
    if article.lead:
        yield Block("blank", "")
        yield from _paragraph(article, "lead", LEAD, 0, article.lead, by_paragraph, None)
    for section in article.sections:
        yield from section_blocks(article, section, by_paragraph)


def quotes_by_paragraph(article: Article) -> dict[tuple[str, int], list[Quote]]:
    """The article's quotes by the paragraph they stand in, (section id, index)."""
    by_paragraph: dict[tuple[str, int], list[Quote]] = {}
    for quote in article.quotes:
        by_paragraph.setdefault((quote.section, quote.paragraph), []).append(quote)
    return by_paragraph


_BLANK = Block("blank", "")


def section_blocks(
    article: Article, section: Section, by_paragraph: dict[tuple[str, int], list[Quote]]
) -> Iterator[Block]:
    """The blocks of one section, as :func:`iter_blocks` makes them."""
    # an untitled section is anchored at its first paragraph, not at a made-up title
    anchor: str | None = section.id
    if section.heading:
        yield _BLANK
        yield Block("heading", flatten(section.heading), section.id, anchor=section.id)
        anchor = None
    # one (immutable) blank block before each of the section's paragraphs: a 5 MB
    # article has some 16,000 of them
    spacer = Block("blank", "", owner=section.id)
    for index, text in enumerate(section.paragraphs):
        yield spacer
        yield from _paragraph(article, "paragraph", section.id, index, text, by_paragraph, anchor)
        anchor = None
    if anchor is not None:
        yield Block("blank", "", owner=section.id, anchor=anchor)


def build_blocks(article: Article) -> list[Block]:
    """All the blocks of an article at once (for tests and small uses)."""
    return list(iter_blocks(article))


class BlockSource:
    """The article's blocks, made as they are first needed and kept for every width."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self.blocks: list[Block] = []
        self._pending: Iterator[Block] | None = iter(blocks)

    @property
    def exhausted(self) -> bool:
        return self._pending is None

    def fill_all(self) -> None:
        """Make every block (not wrapping any: what find in text needs)."""
        if self._pending is not None:
            self.blocks.extend(self._pending)
            self._pending = None

    def resume(self, blocks: Iterable[Block]) -> None:
        """Go on with ``blocks``, which begin with the blocks made so far (the blocks of
        the whole article, of which these are the head's): make the rest from them."""
        self._pending = islice(blocks, len(self.blocks), None)

    def fill(self, count: int) -> None:
        """Make up to ``count`` more blocks."""
        if self._pending is None:
            return
        before = len(self.blocks)
        self.blocks.extend(islice(self._pending, count))
        if len(self.blocks) - before < count:
            self._pending = None


def section_label(section: Section, untitled: str) -> str:
    """The TOC label of a section: its heading (clipped), or ``untitled`` for the opening."""
    return clipped(flatten(section.heading)) if section.heading else untitled


def _paragraph(
    article: Article,
    kind: BlockKind,
    section_id: str,
    index: int,
    text: str,
    by_paragraph: dict[tuple[str, int], list[Quote]],
    anchor: str | None,
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
    blocks = [Block(kind, flatten(text), owner, section_id, index, tuple(spans), anchor)]
    if direct:
        names: list[str] = []
        for span in direct:
            name = _speaker_name(article, span.speaker_id)
            if name not in names:
                names.append(name)
        blocks.append(Block("attribution", _attribution(tuple(names)), owner, section_id, index))
    return blocks


@lru_cache(maxsize=512)
def _attribution(names: tuple[str, ...]) -> str:
    """The line under a paragraph with direct quotes: "— Name · Name". One string per
    set of names: the same few speakers sign thousands of a big article's paragraphs."""
    return "— " + " · ".join(names)


def _speaker_name(article: Article, speaker_id: str) -> str:
    try:
        return flatten(article.speaker(speaker_id).name)
    except KeyError:
        return speaker_id


__all__ = [
    "Block",
    "BlockKind",
    "BlockSource",
    "QuoteSpan",
    "build_blocks",
    "iter_blocks",
    "meta_text",
    "quotes_by_paragraph",
    "section_blocks",
    "section_label",
]
