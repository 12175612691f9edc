"""The quote sidebar's listing: the quote list rebuilt for a search and a speaker filter.

The base class of :class:`reader.ui.widgets.quote_sidebar.QuoteSidebar` (which makes
the index, the prompts and the widgets this reads): a rebuild's steps, run in slices by
the sidebar (``_rebuild``), the line that says what narrows the list (``_show_scope``)
and the first match Enter in the search field goes to (``_first_hit``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article, Speaker
from reader.core.quote_query import SCAN_CHUNK, QuoteIndex
from reader.core.search import terms
from reader.ui.widgets.grouped_list import fill_grouped_list
from reader.ui.widgets.quote_block import speaker_label
from reader.ui.widgets.quote_copy import QuoteCopying
from reader.ui.widgets.quote_prompts import QuotePrompts

__all__ = ["QuoteListing"]


class _Scan:
    """How far a rebuild's search has got: for Enter, which wants its first match.

    A plain class, not a dataclass: each cost ~0.3 ms of the sidebar's import, which
    an early "/" waits for (see :class:`reader.ui.widgets.quote_block.BlockText`).
    """

    __slots__ = ("first", "key", "upto")

    def __init__(self, key: tuple[tuple[str, ...], str | None, Article]) -> None:
        #: the search words, the speaker filter and the article searched
        self.key = key
        #: the candidates scanned so far, and the first match among them
        self.upto = 0
        self.first: int | None = None


class QuoteListing(QuoteCopying):
    """Rebuilding the quote list of :class:`~reader.ui.widgets.quote_sidebar.QuoteSidebar`."""

    class FirstHit(Message):
        """A search's first match is known (``known_first_hit``): Enter in the field
        would go to it, and the text can draw its screen ahead."""

    speaker_filter: reactive[str | None] = reactive(None)
    """Show only this speaker's quotes; ``None`` shows everyone's."""

    _index: QuoteIndex
    _prompts: QuotePrompts
    _speakers: dict[str, Speaker]
    _keep_id: str | None
    _scan: _Scan | None
    #: whether only a big article's head is listed (its counts marked: more to come;
    #: set by the screen, cleared by ``QuoteSidebar.grow``)
    partial: bool = False

    def _rebuild(self) -> Iterator[None]:
        """The steps of a rebuild; it yields wherever it may be paused."""
        query = self.query_one("#quote-search", Input).value.strip()
        words = terms(query)
        speaker_filter = self.speaker_filter
        total = len(self._prompts)
        candidates: Sequence[int] = self._index.quotes_of(speaker_filter)
        shown: list[int] = []
        if words:
            # how far the scan got, for Enter (_first_hit) to go on from
            scan = self._scan = _Scan((tuple(words), speaker_filter, self.article))
            for matched in self._index.scan(candidates, words):
                shown.extend(matched)
                scan.upto = min(scan.upto + SCAN_CHUNK, len(candidates))
                if scan.first is None and matched:
                    scan.first = matched[0]
                    self.post_message(self.FirstHit())
                yield
        else:
            shown.extend(candidates)

        # one short line in a fixed width: a new count never changes the layout, and a
        # layout pass of the screen (10-35 ms) held back any key pressed as it came
        counter = self.query_one("#quote-counter", Label)
        more = "+" if self.partial else ""  # only a head listed: more quotes to come
        counter.update(Content(f"{len(shown)} of {total}{more}"), layout=False)
        self._show_scope(query, len(shown))

        # Stay on the quote the reader was on (or the one a rebuild not finished was
        # still to reach: the list has no cursor until it does), if it is still listed.
        quote_list = self.query_one("#quote-list", OptionList)
        keep = quote_list.highlighted_option
        keep_id = keep.id if keep is not None else self._keep_id
        kept = False
        quotes = self.article.quotes
        groups: dict[str, list[int]] = {}
        for number, index in enumerate(shown, 1):
            quote = quotes[index]
            groups.setdefault(quote.speaker, []).append(index)
            if quote.id == keep_id:
                kept = True
            if not number % SCAN_CHUNK:
                yield
        self._keep_id = keep_id if kept else None
        speakers = self._speakers
        yield from fill_grouped_list(
            quote_list,
            groups,
            header=lambda speaker_id, indices: Option(
                speaker_label(speakers[speaker_id], len(indices), query, partial=self.partial),
                disabled=True,
            ),
            entry=lambda index: self._prompts.option(index, query),
            keep_id=self._keep_id,
        )
        self._keep_id = None

        # Fold every quote for searching while the reader is still looking: the first
        # search then only compares strings.
        yield from self._index.fold_all()

    def _scan_first(self) -> Iterator[None]:
        """The search's scan alone, up to its first match, while the lists are not yet
        filled: Enter typed then (a word and Enter as a big article first shows)
        scanned for it itself (3.6 ms on the 5 MB article), and its frame drew every
        line of its screen, as nothing had drawn it ahead (``FirstHit`` never came)."""
        words = terms(self.query_one("#quote-search", Input).value.strip())
        if not words:
            return
        scan = self._scan = _Scan((tuple(words), self.speaker_filter, self.article))
        candidates = self._index.quotes_of(self.speaker_filter)
        for matched in self._index.scan(candidates, words):
            scan.upto = min(scan.upto + SCAN_CHUNK, len(candidates))
            if matched:
                scan.first = matched[0]
                self.post_message(self.FirstHit())
                return
            yield

    def _show_scope(self, query: str, count: int) -> None:
        """Say what narrows the list and how to widen it, and that an empty one is empty.

        A search within one speaker's quotes found nothing in another speaker's quote
        and showed "0 of 9" and an empty list, with no word why. With only a big
        article's head listed, an empty list is not "no match" yet: the rest is read.
        """
        text = ""
        if count == 0 and query and self.partial:
            text = f"No quote read so far matches “{query}”; the rest is being read."
        elif self.speaker_filter is not None:
            name = self._speakers[self.speaker_filter].name
            if count == 0 and query:
                text = f"No quote by {name} matches “{query}”."
            else:
                text = f"Only {name}'s quotes."
            text += " Choose “All speakers” above to see everyone's."
        elif count == 0:
            text = f"No quote or speaker matches “{query}”." if query else "No quotes."
        scope = self.query_one("#quote-scope", Label)
        if str(scope.content) != text:  # hidden and empty most of the time: left alone
            scope.update(Content(text))
        if scope.display != bool(text):
            scope.display = bool(text)

    def known_first_hit(self) -> str | None:
        """The quote Enter in the search field would go to now, if the search has found
        it already (never a scan here): None if the field has not the focus, or the
        first match of what it says is not known yet."""
        if not self.is_attached:
            return None
        search = next(self.query("#quote-search").results(Input), None)
        if search is None or self.screen.focused is not search:
            return None
        scan = self._scan
        key = (tuple(terms(search.value.strip())), self.speaker_filter, self.article)
        if scan is None or scan.first is None or scan.key != key:
            return None
        return self.article.quotes[scan.first].id

    def _first_hit(self) -> str | None:
        """The first quote the list shows for what is typed now (None: no quote matches).

        Found by scanning only as far as it, not by finishing the rebuild under way
        (which may not have started on this query yet): on a 5 MB article that was the
        rest of the search, the list's options and the folding of every quote, 70-250
        ms before Enter showed the quote. The list goes on being built in slices. With
        only a big article's head listed, the first of the head's quotes that matches
        (None if none does: the whole's first is known once the whole is listed, see
        ``QuoteSidebar.grow``).
        """
        words = terms(self.query_one("#quote-search", Input).value.strip())
        candidates = self._index.quotes_of(self.speaker_filter)
        scan, start = self._scan, 0
        if scan is not None and scan.key == (tuple(words), self.speaker_filter, self.article):
            if scan.first is not None:  # the rebuild under way has found it
                return self.article.quotes[scan.first].id
            start = scan.upto  # on from where it got to (with no match so far)
        for matched in self._index.scan(candidates[start:], words):
            if matched:
                return self.article.quotes[matched[0]].id
        return None
