"""The article model: an immutable, validated picture of one news article.

These dataclasses are what every other part of reader reads: the YAML format builds
them, the importer produces them, the UI only renders them. The helpers a reader needs
("which quotes did this speaker say?", "where in the text is this quote?") live here so
that widgets stay thin and the answers are tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

QuoteKind = Literal["direct", "indirect"]
QUOTE_KINDS: tuple[QuoteKind, ...] = ("direct", "indirect")

#: The section id that addresses the lead paragraph in a quote's location.
LEAD = "lead"


@dataclass(frozen=True, slots=True)
class Figure:
    """A photo (or other figure) shown once, with its caption and credit."""

    caption: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A run of paragraphs under one optional heading.

    The untitled opening of an article is a section with ``heading=None``.
    """

    id: str
    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person quoted in the article, named as fully as the article names them."""

    id: str
    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Full name and role, e.g. ``"Fyodor Lukyanov — Ketua Dewan …"``."""
        return f"{self.name} — {self.role}" if self.role else self.name


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, its speaker and the paragraph it stands in.

    ``text`` is exactly as it stands in the paragraph (without the quote marks), so
    the UI can find and highlight it; the loader checks that it really occurs there.
    """

    id: str
    text: str
    speaker: str
    section: str
    paragraph: int
    kind: QuoteKind = "direct"


@dataclass(frozen=True, slots=True)
class CookieNotice:
    """The source's cookie notice, with its link text and the label of its accept action."""

    text: str
    link_text: str | None = None
    accept_label: str = "Accept"


@dataclass(frozen=True, slots=True)
class Footer:
    """What the source prints below every article: copyright and cookie notice."""

    copyright: str | None = None
    cookie: CookieNotice | None = None


@dataclass(frozen=True)
class Article:
    """One structured news article."""

    id: str
    title: str
    language: str
    source: str
    lead: str | None = None
    date: str | None = None
    url: str | None = None
    figures: tuple[Figure, ...] = ()
    sections: tuple[Section, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    quotes: tuple[Quote, ...] = ()
    footer: Footer = field(default_factory=Footer)

    # -- lookups -------------------------------------------------------------------

    @cached_property
    def _speakers_by_id(self) -> dict[str, Speaker]:
        return {s.id: s for s in self.speakers}

    @cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    @cached_property
    def _quotes_by_id(self) -> dict[str, Quote]:
        return {q.id: q for q in self.quotes}

    # Indexes, so that asking for every paragraph's or speaker's quotes stays linear even
    # for a hostile article with many thousands of both.
    @cached_property
    def _quotes_by_paragraph(self) -> dict[tuple[str, int], tuple[Quote, ...]]:
        index: dict[tuple[str, int], list[Quote]] = {}
        for q in self.quotes:
            index.setdefault((q.section, q.paragraph), []).append(q)
        return {key: tuple(value) for key, value in index.items()}

    @cached_property
    def _quotes_by_speaker(self) -> dict[str, tuple[Quote, ...]]:
        index: dict[str, list[Quote]] = {}
        for q in self.quotes:
            index.setdefault(q.speaker, []).append(q)
        return {key: tuple(value) for key, value in index.items()}

    def speaker(self, speaker_id: str) -> Speaker:
        """The speaker with this id (KeyError if there is none)."""
        return self._speakers_by_id[speaker_id]

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if there is none)."""
        return self._sections_by_id[section_id]

    def quote(self, quote_id: str) -> Quote:
        """The quote with this id (KeyError if there is none)."""
        return self._quotes_by_id[quote_id]

    def paragraph_text(self, section_id: str, paragraph: int) -> str:
        """The text of one paragraph, addressed the way quotes address it."""
        if section_id == LEAD:
            if self.lead is None or paragraph != 0:
                raise KeyError(f"{section_id}[{paragraph}]")
            return self.lead
        paragraphs = self.section(section_id).paragraphs
        if not 0 <= paragraph < len(paragraphs):
            raise KeyError(f"{section_id}[{paragraph}]")
        return paragraphs[paragraph]

    def quotes_by(self, speaker_id: str) -> tuple[Quote, ...]:
        """The quotes of one speaker, in reading order."""
        return self._quotes_by_speaker.get(speaker_id, ())

    def quote_counts(self, kind: QuoteKind | None = "direct") -> dict[str, int]:
        """How many quotes each speaker has (all speakers present, zero included)."""
        counts = {s.id: 0 for s in self.speakers}
        for q in self.quotes:
            if kind is None or q.kind == kind:
                counts[q.speaker] = counts.get(q.speaker, 0) + 1
        return counts

    def quotes_in(self, section_id: str, paragraph: int) -> tuple[Quote, ...]:
        """The quotes standing in one paragraph."""
        return self._quotes_by_paragraph.get((section_id, paragraph), ())

    def blocks(self) -> Iterator[tuple[str, int, str]]:
        """Every quotable paragraph in reading order as ``(section id, index, text)``."""
        if self.lead is not None:
            yield LEAD, 0, self.lead
        for section in self.sections:
            for index, text in enumerate(section.paragraphs):
                yield section.id, index, text
