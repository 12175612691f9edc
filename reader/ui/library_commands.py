"""Command palette providers of the library: open an article, list a speaker's quotes.

They read the screen's rows (the articles as the index has them, the speakers once
loaded) and ask the screen to act, so the palette and the keys go through the same code.
Text reaches the palette only as ``Content`` or escaped markup, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from reader.core.text import one_line
from reader.ui.labels import clipped

if TYPE_CHECKING:
    from reader.ui.screens.library import LibraryScreen

#: Commands offered before anything is typed (the palette lists them all at once).
DISCOVER = 30

Command = tuple[str, Callable[[], object], str | None]


class _LibraryProvider(Provider):
    def _commands(self, screen: LibraryScreen) -> list[Command]:
        raise NotImplementedError

    async def startup(self) -> None:
        from reader.ui.screens.library import LibraryScreen

        screen = self.screen
        self._list = self._commands(screen) if isinstance(screen, LibraryScreen) else []

    async def discover(self) -> Hits:
        for text, command, help_text in self._list[:DISCOVER]:
            yield DiscoveryHit(Content(text), command, text=text, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._list:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, Content(text), command, text, _help(help_text))


class LibraryArticleCommands(_LibraryProvider):
    """Open an article of the library by its title."""

    def _commands(self, screen: LibraryScreen) -> list[Command]:
        return [
            (
                f"Open: {clipped(one_line(row.title), 70)}",
                partial(screen.open_row, row),
                escape(f"{row.source} · {row.date or 'undated'}"),
            )
            for row in screen.articles.rows
            if row.error is None
        ]


class LibrarySpeakerCommands(_LibraryProvider):
    """List every quote of one speaker across the library."""

    def _commands(self, screen: LibraryScreen) -> list[Command]:
        return [
            (
                f"Speaker: {clipped(one_line(person.name))} ({person.quotes})",
                partial(screen.show_person, person),
                escape(one_line(person.role)) if person.role else None,
            )
            for person in screen.index.persons()
        ]


def _help(text: str | None) -> str | None:
    return text
