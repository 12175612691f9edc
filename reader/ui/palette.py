"""What every command palette provider of reader shares: a list of commands made once.

The reading screen's providers (:mod:`reader.ui.commands`) and the library's
(:mod:`reader.ui.library_commands`) each build their commands from the screen when the
palette opens, then offer them before anything is typed and match them as the reader
types. That loop is written here once. Text reaches the palette only as ``Content``
(hits) or escaped markup (help lines): Textual reads plain strings there as markup.
Kept free of the article model, so that the library imports it without the reading side.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from itertools import islice
from typing import ClassVar

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

#: A command: the text shown and matched, what it does, and a help line (plain text).
Command = tuple[str, Callable[[], object], str | None]


class ListedCommands(Provider):
    """A provider whose commands are a list made once, when the palette opens."""

    #: How many commands are offered before anything is typed (None: all of them).
    DISCOVER: ClassVar[int | None] = None
    #: Whether a hit shows the letters it matched.
    HIGHLIGHT: ClassVar[bool] = True

    @abstractmethod
    def listed(self) -> list[tuple[Command, bool]]:
        """The commands, each with whether it is offered before anything is typed."""

    async def startup(self) -> None:
        self._list = self.listed()

    async def discover(self) -> Hits:
        offered = (command for command, discover in self._list if discover)
        for text, command, help_text in islice(offered, self.DISCOVER):
            yield DiscoveryHit(Content(text), command, text=text, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for (text, command, help_text), _discover in self._list:
            score = matcher.match(text)
            if score > 0:
                shown = highlight(matcher, text) if self.HIGHLIGHT else Content(text)
                yield Hit(score, shown, command, text, _help(help_text))


def highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight``, but the candidate is plain text, never markup."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(text: str | None) -> str | None:
    return None if text is None else escape(text)


__all__ = ["Command", "ListedCommands", "highlight"]
