"""The article model: an immutable, validated picture of one news article.

These dataclasses are what every other part of reader reads: the YAML format builds
them, the importer produces them, the UI only renders them. The helpers a reader needs
("which quotes did this speaker say?", "where in the text is this quote?") live here so
that widgets stay thin and the answers are tested without a terminal.

Frozen dataclasses that write their own ``__slots__`` and ``__init__``
(:mod:`reader.core.records`): this module is imported before the first paint, and
``@dataclass(frozen=True)`` compiling their methods cost 3.4 ms of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from reader.core.records import FrozenRecord

QuoteKind = Literal["direct", "indirect"]
QUOTE_KINDS: tuple[QuoteKind, ...] = ("direct", "indirect")

#: The section id that addresses the lead paragraph in a quote's location.
LEAD = "lead"


_set = object.__setattr__

# ``@dataclass(init=False, repr=False, eq=False)``: the class only has its fields
# described (for ``dataclasses.replace``, ``fields``, ``asdict``); the rest is written
# out here or comes from FrozenRecord.


@dataclass(init=False, repr=False, eq=False)
class Figure(FrozenRecord):
    """A photo (or other figure) shown once, with its caption and credit."""

    __slots__ = ("caption", "credit")
    caption: str
    credit: str | None

    def __init__(self, caption: str, credit: str | None = None) -> None:
        _set(self, "caption", caption)
        _set(self, "credit", credit)


@dataclass(init=False, repr=False, eq=False)
class Section(FrozenRecord):
    """A run of paragraphs under one optional heading.

    The untitled opening of an article is a section with ``heading=None``.
    """

    __slots__ = ("heading", "id", "paragraphs")
    id: str
    heading: str | None
    paragraphs: tuple[str, ...]

    def __init__(self, id: str, heading: str | None, paragraphs: tuple[str, ...]) -> None:
        _set(self, "id", id)
        _set(self, "heading", heading)
        _set(self, "paragraphs", paragraphs)


@dataclass(init=False, repr=False, eq=False)
class Speaker(FrozenRecord):
    """A person quoted in the article, named as fully as the article names them."""

    __slots__ = ("aliases", "id", "name", "role")
    id: str
    name: str
    role: str | None
    aliases: tuple[str, ...]

    def __init__(
        self, id: str, name: str, role: str | None = None, aliases: tuple[str, ...] = ()
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "role", role)
        _set(self, "aliases", aliases)

    @property
    def label(self) -> str:
        """Full name and role, e.g. ``"Fyodor Lukyanov — Ketua Dewan …"``."""
        return f"{self.name} — {self.role}" if self.role else self.name


@dataclass(init=False, repr=False, eq=False)
class Quote(FrozenRecord):
    """A quotation, its speaker and the paragraph it stands in.

    ``text`` is exactly as it stands in the paragraph (without the quote marks), so
    the UI can find and highlight it; the loader checks that it really occurs there.
    """

    __slots__ = ("id", "kind", "paragraph", "section", "speaker", "text")
    id: str
    text: str
    speaker: str
    section: str
    paragraph: int
    kind: QuoteKind

    def __init__(
        self,
        id: str,
        text: str,
        speaker: str,
        section: str,
        paragraph: int,
        kind: QuoteKind = "direct",
    ) -> None:
        _set(self, "id", id)
        _set(self, "text", text)
        _set(self, "speaker", speaker)
        _set(self, "section", section)
        _set(self, "paragraph", paragraph)
        _set(self, "kind", kind)


@dataclass(init=False, repr=False, eq=False)
class CookieNotice(FrozenRecord):
    """The source's cookie notice, with its link text and the label of its accept action."""

    __slots__ = ("accept_label", "link_text", "text")
    text: str
    link_text: str | None
    accept_label: str

    def __init__(
        self, text: str, link_text: str | None = None, accept_label: str = "Accept"
    ) -> None:
        _set(self, "text", text)
        _set(self, "link_text", link_text)
        _set(self, "accept_label", accept_label)


@dataclass(init=False, repr=False, eq=False)
class Footer(FrozenRecord):
    """What the source prints below every article: copyright and cookie notice."""

    __slots__ = ("cookie", "copyright")
    copyright: str | None
    cookie: CookieNotice | None

    def __init__(self, copyright: str | None = None, cookie: CookieNotice | None = None) -> None:
        _set(self, "copyright", copyright)
        _set(self, "cookie", cookie)


#: An article's footer when it has none (immutable: one for all of them).
NO_FOOTER = Footer()


@dataclass(init=False, repr=False, eq=False)
class Article(FrozenRecord):
    """One structured news article."""

    # no __slots__: the lookups below are cached in the instance's __dict__
    id: str
    title: str
    language: str
    source: str
    lead: str | None
    date: str | None
    url: str | None
    figures: tuple[Figure, ...]
    sections: tuple[Section, ...]
    speakers: tuple[Speaker, ...]
    quotes: tuple[Quote, ...]
    footer: Footer

    def __init__(
        self,
        id: str,
        title: str,
        language: str,
        source: str,
        lead: str | None = None,
        date: str | None = None,
        url: str | None = None,
        figures: tuple[Figure, ...] = (),
        sections: tuple[Section, ...] = (),
        speakers: tuple[Speaker, ...] = (),
        quotes: tuple[Quote, ...] = (),
        footer: Footer = NO_FOOTER,
    ) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "language", language)
        _set(self, "source", source)
        _set(self, "lead", lead)
        _set(self, "date", date)
        _set(self, "url", url)
        _set(self, "figures", figures)
        _set(self, "sections", sections)
        _set(self, "speakers", speakers)
        _set(self, "quotes", quotes)
        _set(self, "footer", footer)

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
