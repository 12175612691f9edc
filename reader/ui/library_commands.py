"""Command palette providers of the library: open an article, list a speaker's quotes.

They read the screen's rows (the articles as the index has them, the speakers once
loaded) and ask the screen to act, so the palette and the keys go through the same code.
Text reaches the palette only as ``Content`` or escaped markup, never as markup.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from reader.core.text import one_line
from reader.ui.labels import clipped
from reader.ui.palette import Command, ListedCommands

if TYPE_CHECKING:
    from reader.ui.screens.library import LibraryScreen


class _LibraryProvider(ListedCommands):
    #: a library lists thousands: offer the first ones, and match without highlighting
    DISCOVER = 30
    HIGHLIGHT = False

    def _commands(self, screen: LibraryScreen) -> list[Command]:
        raise NotImplementedError

    def listed(self) -> list[tuple[Command, bool]]:
        from reader.ui.screens.library import LibraryScreen

        screen = self.screen
        if not isinstance(screen, LibraryScreen):
            return []
        return [(command, True) for command in self._commands(screen)]


class LibraryArticleCommands(_LibraryProvider):
    """Open an article of the library by its title."""

    def _commands(self, screen: LibraryScreen) -> list[Command]:
        return [
            (
                f"Open: {clipped(one_line(row.title), 70)}",
                partial(screen.open_row, row),
                f"{row.source} · {row.date or 'undated'}",
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
                one_line(person.role) if person.role else None,
            )
            for person in screen.index.persons()
        ]
