"""The quote sidebar's entries: each quote made ready to show, and its list prompt.

A quote is prepared (cleaned, measured) only when it is first listed: opening the
sidebar of an article with thousands of quotes costs what its first screenful costs,
not what the article does. How each speaker's quotes of each kind look is made once;
the plain prompts (no search) are kept, with their wrapping cache, between searches.
How an entry is drawn is :mod:`reader.ui.widgets.quote_block`.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.widgets.option_list import Option

from reader.core.model import Article, Speaker
from reader.core.quote_query import QuoteIndex
from reader.ui.widgets.quote_block import (
    Look,
    QuoteBlock,
    QuoteEntry,
    is_regular,
    quote_look,
    quote_prompt,
)

__all__ = ["QuotePrompts"]


class QuotePrompts:
    """The entries and prompts of an article's quotes, made when first needed."""

    def __init__(
        self, article: Article, index: QuoteIndex, speakers: Mapping[str, Speaker]
    ) -> None:
        self.article = article
        self._index = index
        self._speakers = speakers
        self._entries: list[QuoteEntry | None] = [None] * len(article.quotes)
        # how each speaker's quotes of each kind are set, listed and while searching
        self._looks: dict[tuple[str, bool, bool], Look] = {}
        self._plain_prompts: dict[str, QuoteBlock] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, index: int) -> QuoteEntry:
        """The quote at ``index`` of the article, ready to show."""
        if (entry := self._entries[index]) is None:
            quote = self.article.quotes[index]
            text = self._index.text(index)
            entry = QuoteEntry(quote, self._speakers[quote.speaker], text, is_regular(text))
            self._entries[index] = entry
        return entry

    def prompt(self, entry: QuoteEntry, query: str) -> QuoteBlock:
        """The list entry for one quote; highlighted and shown whole while searching.

        While searching the whole text is shown, since the matched word may be past
        the preview lines. Plain prompts are cached: they are what the list shows
        most of the time, and they keep their wrapping cache between searches.
        """
        if not query and (cached := self._plain_prompts.get(entry.quote.id)):
            return cached
        speaker = entry.speaker
        key = (speaker.id, entry.quote.kind == "direct", bool(query))
        if (look := self._looks.get(key)) is None:
            look = self._looks[key] = quote_look(speaker, *key[1:])
        prompt = quote_prompt(entry, query, look)
        if not query:
            self._plain_prompts[entry.quote.id] = prompt
        return prompt

    def option(self, index: int, query: str) -> Option:
        """The quote at ``index`` of the article as an option of the quote list."""
        entry = self.entry(index)
        return Option(self.prompt(entry, query), id=entry.quote.id)
