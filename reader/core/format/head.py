"""The head of a big article: its first sections, a valid article of its own, shown first.

Reading a 5 MB article takes a tenth of a second from the cache and half a second from
its YAML; the first screen shows a few thousand characters of it. So a big article is
opened in two steps (:mod:`.opening`): its head first, then, after the first paint,
the whole, which takes the head's place.

The head is :func:`head_of` the whole: the first sections, the quotes in them (and in
the lead), every speaker, the figures and the footer. Its reading-order text is a
prefix of the whole's, which is what lets the screen go on from it. The cache keeps a
head beside every big article (:mod:`.cache`); a big file not yet cached is cut at a
section boundary (:func:`yaml_head`) and the cut parsed, which is only ever trusted
once the whole has been read and found to begin with exactly that head.

The cache's head also carries the article's **end** (:func:`article_end`): its last
sections and their quotes, with the place of the first of them. The end of the text
wraps on its own, so ``G`` (and a quote chosen near the end) shows it at once, while
the whole is still being read; it too is trusted only until the whole is read and
found to end with exactly it (:func:`ends_with`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from reader.core.model import LEAD, Article

#: Characters of section text a head holds at least: more than a tall terminal's first
#: screen shows (200 rows of the 76-column measure is some 15,000). A taller one, or a
#: key that goes past the head, waits for the whole (reader.ui.app.wait_for_whole).
HEAD_CHARS = 16_000
#: Most sections a head holds: a screenful of the TOC (each entry is measured and drawn
#: before the first paint).
HEAD_SECTIONS = 48
#: An article gets a head only when its text is at least this many times the head's:
#: below that, the whole is quick enough to read before the first paint.
HEAD_RATIO = 4


def head_count(article: Article, chars: int = HEAD_CHARS) -> int:
    """How many sections make a head of ``article``: the first ones holding ``chars``
    characters of text (at least one section)."""
    total = 0
    for number, section in enumerate(article.sections, start=1):
        total += sum(map(len, section.paragraphs))
        if total >= chars or number >= HEAD_SECTIONS:
            return number
    return len(article.sections)


def head_of(article: Article, count: int) -> Article:
    """The article with only its first ``count`` sections and the quotes in them."""
    sections = article.sections[:count]
    kept = {section.id for section in sections}
    kept.add(LEAD)
    quotes = tuple(quote for quote in article.quotes if quote.section in kept)
    return replace(article, sections=sections, quotes=quotes)


def article_head(article: Article, chars: int = HEAD_CHARS) -> Article | None:
    """The head to show first, or None when the article is small enough to show whole."""
    text = sum(sum(map(len, section.paragraphs)) for section in article.sections)
    if text < HEAD_RATIO * chars:
        return None
    count = head_count(article, chars)
    return head_of(article, count) if count < len(article.sections) else None


def begins_with(whole: Article, head: Article) -> bool:
    """Whether ``head`` is exactly :func:`head_of` ``whole`` (what the screen continues)."""
    return head_of(whole, len(head.sections)) == head


#: Characters of section text an end holds at least: three screens of a tall terminal's
#: text (what ``G`` lays out apart, reader.ui.widgets.body_tail.TAIL_SCREENS).
END_CHARS = 16_000


# A NamedTuple, not a dataclass: imported before the first paint (see opening.Rest).
class End(NamedTuple):
    """The last sections of an article (and their quotes), as an article of its own."""

    #: the article with only its last sections and the quotes in them
    article: Article
    #: the index of its first section among the whole article's sections
    at: int


def end_of(article: Article, count: int) -> End:
    """The article's last ``count`` sections (at least one) and the quotes in them."""
    sections = article.sections[-count:]
    kept = {section.id for section in sections}
    quotes = tuple(quote for quote in article.quotes if quote.section in kept)
    at = len(article.sections) - len(sections)
    return End(replace(article, sections=sections, quotes=quotes), at)


def article_end(article: Article, head: Article, chars: int = END_CHARS) -> End | None:
    """The end carried with ``head``: the last sections holding ``chars`` characters of
    text, none of them the head's; None when the head reaches the last section."""
    room = len(article.sections) - len(head.sections)
    total = count = 0
    for section in reversed(article.sections[-room:] if room > 0 else ()):
        count += 1
        total += sum(map(len, section.paragraphs))
        if total >= chars:
            break
    return end_of(article, count) if count else None


def ends_with(whole: Article, end: End) -> bool:
    """Whether ``end`` is exactly :func:`end_of` ``whole`` (what the screen showed)."""
    count = len(end.article.sections)
    return 0 < count <= len(whole.sections) and end_of(whole, count) == end


#: The top-level keys a file written by :func:`~.dump.dump_article` has after its
#: sections, in their order.
_AFTER_SECTIONS = ("speakers", "quotes", "footer")


def yaml_head(data: bytes, chars: int = HEAD_CHARS) -> bytes | None:
    """A short YAML text that should read as the head of the article file ``data``.

    The file's keys up to its sections, the first sections (cut at an item of the
    sections list past ``chars`` bytes), every speaker, the first quotes (as many bytes
    again) and the footer: the layout :func:`~.dump.dump_article` writes, recognised by
    top-level keys at the start of a line. The cuts are made in the bytes (UTF-8 never
    has a newline inside a character), so only the head is decoded before the first
    paint. None when the file is not laid out that way, or is too small to need a head.

    Nothing here is trusted: the text may fail to parse (the whole is then read before
    the first paint), and what it parses to is shown only until the whole is read and
    checked against it (:func:`begins_with`).
    """
    if len(data) < HEAD_RATIO * chars:
        return None
    start = data.find(b"\nsections:\n")
    if start < 0:
        return None
    starts = [start + 1]
    for key in _AFTER_SECTIONS:
        marker = b"\n" + key.encode() + b":"
        found = data.find(marker, starts[-1])
        after = data[found + len(marker) : found + len(marker) + 1]
        if found < 0 and key == "footer":  # written only when there is one
            found = len(data) - 1
        elif found < 0 or after not in (b"\n", b" "):
            return None
        starts.append(found + 1)
    sections, speakers, quotes, footer = starts
    if quotes - speakers > HEAD_RATIO * chars:
        return None  # thousands of speakers: not worth a head
    cut = data.find(b"\n- ", sections + chars, speakers)
    if cut < 0:
        return None  # the sections are short: no gain
    item = sections
    for _ in range(HEAD_SECTIONS + 1):  # at most HEAD_SECTIONS sections
        item = data.find(b"\n- ", item + 1, cut)
        if item < 0:
            break
    else:
        cut = item
    quotes_cut = data.find(b"\n- ", quotes + chars, footer)
    quotes_end = footer if quotes_cut < 0 else quotes_cut + 1
    return data[: cut + 1] + data[speakers:quotes_end] + data[footer:]


__all__ = [
    "END_CHARS",
    "HEAD_CHARS",
    "HEAD_RATIO",
    "HEAD_SECTIONS",
    "End",
    "article_end",
    "article_head",
    "begins_with",
    "end_of",
    "ends_with",
    "head_count",
    "head_of",
    "yaml_head",
]
