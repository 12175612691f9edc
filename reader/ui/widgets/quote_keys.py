"""The quote sidebar's keys (:class:`reader.ui.widgets.quote_sidebar.QuoteSidebar`).

Each with its description and id; the actions are the sidebar's.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

QUOTE_SIDEBAR_BINDINGS: list[BindingType] = [
    Binding(
        "escape",
        "clear_search",
        "Clear search",
        tooltip="Clear the quote search; again to leave the search field",
        id="quote-sidebar.clear-search",
    ),
    Binding(
        "slash",
        "focus_search",
        "Search quotes",
        show=False,
        tooltip="Search quote text, speaker names and roles",
        id="quote-sidebar.focus-search",
    ),
    Binding(
        "down",
        "focus_results",
        "Results",
        show=False,
        tooltip="From the search field, move into the list of quotes",
        id="quote-sidebar.focus-results",
    ),
    Binding(
        "c,y",
        "copy_quote",
        "Copy quote",
        show=False,
        tooltip="Copy the highlighted quote with who said it: “…” — Name, role",
        id="quote-sidebar.copy-quote",
    ),
    Binding(
        "C",
        "copy_citation",
        "Copy full citation",
        show=False,
        tooltip="Copy the highlighted quote with its speaker, the article's title, "
        "source, date and URL",
        id="quote-sidebar.copy-citation",
    ),
]


__all__ = ["QUOTE_SIDEBAR_BINDINGS"]
