"""Copying the quote sidebar's highlighted quote: attributed, or as a full citation.

The base class of :class:`reader.ui.widgets.quote_sidebar.QuoteSidebar` (its ``c``/``y``
and ``C`` keys, bound there): what is copied is the core's citation of the quote
(:mod:`reader.core.quote_query`, :mod:`reader.core.citation`), never the list's text.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import OptionList

from reader.core.citation import full_citation
from reader.core.model import Article, Quote
from reader.core.quote_query import citation


class QuoteCopying(Widget):
    """The copy actions of the quote sidebar (which sets :attr:`article`)."""

    article: Article

    def action_copy_quote(self) -> None:
        """Copy the highlighted quote, attributed, to the clipboard (to cite it)."""
        quote = self._highlighted_quote()
        if quote is None:
            return
        self.app.copy_to_clipboard(citation(quote, self.article))
        self.notify("Quote copied with its speaker", title="Copied", timeout=3)

    def action_copy_citation(self) -> None:
        """Copy the highlighted quote with its speaker and the article it is from."""
        quote = self._highlighted_quote()
        if quote is None:
            return
        self.app.copy_to_clipboard(full_citation(quote, self.article))
        self.notify("Full citation copied", title="Copied", timeout=3)

    def _highlighted_quote(self) -> Quote | None:
        """The quote under the list's cursor while the list has focus, if any."""
        quotes = self.query_one("#quote-list", OptionList)
        option = quotes.highlighted_option if quotes.has_focus else None
        if option is None or option.id is None:
            return None
        return self.article.quote(option.id)


__all__ = ["QuoteCopying"]
