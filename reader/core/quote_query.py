"""Which quotes of an article a reader asked for: by speaker, and by the words they typed.

One query for every place that lists quotes (the sidebar, ``reader quotes``, and the
library's check of its full-text candidates), so they all find the same quotes. The rule
itself is :func:`reader.core.search.matches`: every word of the query occurs in the
quote, the speaker's name or their role, case and accents ignored. A
:class:`QuoteIndex` applies it to one article many times over (the sidebar asks on every
keystroke), so it folds each quote's searchable text once and keeps it, and groups the
quotes by speaker. Plain Python, no Textual: the UI draws what this selects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from reader.core.model import Article, Quote, Speaker
from reader.core.search import contains_all, haystack, normalise, terms
from reader.core.text import clean_text

__all__ = ["QuoteFilter", "QuoteIndex", "citation", "cleaned_speaker", "speaker_matches"]

#: Quotes a scan compares between the points where a caller may pause it.
SCAN_CHUNK = 500


def speaker_matches(speaker: Speaker, name: str) -> bool:
    """A speaker matches by id, full name or alias, ignoring case and accents.

    ``name`` may be part of one (``lavrov`` matches Sergei Lavrov): what a person types
    after ``reader quotes --speaker``.
    """
    wanted = normalise(name)
    candidates = (speaker.id, speaker.name, *speaker.aliases)
    return any(wanted == normalise(c) or wanted in normalise(c) for c in candidates)


def cleaned_speaker(speaker: Speaker) -> Speaker:
    """The speaker with name and role cleaned of control characters and stray whitespace.

    The loader has already cleaned what it read; an article built in code (the
    importer's, a test's) may not have been, and a stray tab in a name must neither
    throw a list's measurements off nor keep a search from finding it.
    """
    role = None if speaker.role is None else clean_text(speaker.role)
    return replace(speaker, name=clean_text(speaker.name), role=role)


def speaker_haystack(speaker: Speaker) -> str:
    """A cleaned speaker's part of each of their quotes' haystacks: name and role, folded."""
    return haystack(speaker.name, speaker.role or "")


def quote_haystack(text: str, speaker_part: str) -> str:
    """What a search compares with: the folded (cleaned) quote text, then the speaker's
    part (:func:`speaker_haystack`), each word of the query looked for in the whole."""
    return haystack(text) + "\n" + speaker_part


class QuoteIndex:
    """An article's quotes indexed for the query: grouped by speaker, folded for search.

    Quotes are referred to by their index in ``article.quotes``. Everything per quote
    (its cleaned text, its folded search text) is made when first asked for, so an
    index of a huge article costs nothing until it is searched.
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        speakers = {speaker.id: cleaned_speaker(speaker) for speaker in article.speakers}
        by_speaker: dict[str, list[int]] = {}
        for index, quote in enumerate(article.quotes):
            by_speaker.setdefault(quote.speaker, []).append(index)
        for speaker_id in by_speaker:
            # A speaker the article does not list is shown by id, not an error.
            speakers.setdefault(speaker_id, Speaker(speaker_id, speaker_id))
        #: Every speaker, listed or quoted, cleaned: the article's order, then the unlisted.
        self.speakers: dict[str, Speaker] = speakers
        #: How many quotes (direct and reported) each speaker has.
        self.counts: dict[str, int] = article.quote_counts(kind=None)
        self._by_speaker = by_speaker
        self._texts: list[str | None] = [None] * len(article.quotes)
        self._haystacks: list[str | None] = [None] * len(article.quotes)
        self._speaker_haystacks: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def text(self, index: int) -> str:
        """The quote's text, cleaned: what is shown, measured and searched."""
        if (text := self._texts[index]) is None:
            text = self._texts[index] = clean_text(self.article.quotes[index].text)
        return text

    def haystack(self, index: int) -> str:
        """What a search compares with: the folded quote text, speaker name and role.

        :func:`reader.core.search.haystack` of the three, made once per quote (the
        speaker's part once per speaker) instead of once per quote per search.
        """
        if (found := self._haystacks[index]) is None:
            speaker = self.speakers[self.article.quotes[index].speaker]
            if (who := self._speaker_haystacks.get(speaker.id)) is None:
                who = self._speaker_haystacks[speaker.id] = speaker_haystack(speaker)
            found = self._haystacks[index] = quote_haystack(self.text(index), who)
        return found

    def quotes_of(self, speaker_id: str | None) -> Sequence[int]:
        """The quotes of one speaker (``None``: every quote), in article order."""
        if speaker_id is None:
            return range(len(self._texts))
        return self._by_speaker.get(speaker_id, [])

    def speakers_named(self, name: str) -> set[str]:
        """The ids of the speakers ``name`` matches (see :func:`speaker_matches`)."""
        return {s.id for s in self.speakers.values() if speaker_matches(s, name)}

    def scan(self, candidates: Sequence[int], words: Sequence[str]) -> Iterator[list[int]]:
        """The candidates matching every word, ``SCAN_CHUNK`` candidates at a time.

        ``words`` are :func:`reader.core.search.terms` of the query (none: every
        candidate matches). Yields after each chunk, so a caller that must stay
        responsive (the sidebar) can pause between them.
        """
        if not words:
            yield list(candidates)
            return
        found = self.haystack
        for start in range(0, len(candidates), SCAN_CHUNK):
            chunk = candidates[start : start + SCAN_CHUNK]
            yield [index for index in chunk if contains_all(found(index), words)]

    def select(
        self, *, speaker_id: str | None = None, speaker: str | None = None, query: str = ""
    ) -> list[int]:
        """The quotes said by ``speaker_id`` (or whoever ``speaker`` names) matching ``query``."""
        candidates = self.quotes_of(speaker_id)
        if speaker:
            named = self.speakers_named(speaker)
            quotes = self.article.quotes
            candidates = [index for index in candidates if quotes[index].speaker in named]
        return [index for chunk in self.scan(candidates, terms(query)) for index in chunk]

    def fold_all(self) -> Iterator[None]:
        """Fold every quote for searching, yielding between chunks (ahead of a search)."""
        total = len(self._texts)
        for start in range(0, total, SCAN_CHUNK):
            for index in range(start, min(start + SCAN_CHUNK, total)):
                self.haystack(index)
            yield


class QuoteFilter:
    """The query of :meth:`QuoteIndex.select` (a speaker's name, words), asked of one
    quote at a time, from any number of articles, without an index of each article.

    For quotes held as rows (``reader quotes DIR`` reads them from the library index):
    each is decided from its text and its speaker, so only the quotes that match need
    become model objects. The same rule as the index's: the speaker cleaned and matched
    by :func:`speaker_matches`, every word in :func:`quote_haystack` of the cleaned text.
    Each distinct speaker is cleaned and folded once (a person quoted in many articles
    is the same ``Speaker``).
    """

    def __init__(self, speaker: str | None = None, query: str = "") -> None:
        self.speaker = speaker
        self.words = terms(query)
        #: speaker -> (matches the speaker asked for, their part of the haystack)
        self._speakers: dict[Speaker, tuple[bool, str]] = {}

    def wants(self, text: str, speaker: Speaker) -> bool:
        """Whether the quote ``text`` said by ``speaker`` is asked for."""
        known = self._speakers.get(speaker)
        if known is None:
            cleaned = cleaned_speaker(speaker)
            named = not self.speaker or speaker_matches(cleaned, self.speaker)
            who = speaker_haystack(cleaned) if named and self.words else ""
            known = self._speakers[speaker] = (named, who)
        named, who = known
        if not named:
            return False
        return not self.words or contains_all(quote_haystack(clean_text(text), who), self.words)


def citation(quote: Quote, article: Article) -> str:
    """A quote as one cites it: “text” — Name, role (the whole name and role, cleaned).

    What the sidebar copies; a quote found anywhere (the library) is cited the same way.
    """
    try:
        speaker = article.speaker(quote.speaker)
    except KeyError:  # an article built in code need not list every speaker
        return f"“{clean_text(quote.text)}” — {quote.speaker}"
    who = clean_text(speaker.name)
    if speaker.role:
        who += f", {clean_text(speaker.role)}"
    return f"“{clean_text(quote.text)}” — {who}"
