"""The reading screen as opened from the library: the next and previous article too.

Only here are ``N`` and ``P`` bound (and so shown in the footer and help): a single
article opened from the command line has no neighbours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from reader.core.model import Article
from reader.core.state import StateStore
from reader.ui.screens.help import HelpRow
from reader.ui.screens.reading import ReadingScreen

if TYPE_CHECKING:
    from reader.ui.screens.library import LibraryScreen


def _ranked_in(
    ranked: tuple[str, ...],
    *,
    after: dict[str, tuple[str, ...]],
    before: dict[str, tuple[str, ...]],
) -> tuple[str, ...]:
    """``ranked`` with more actions placed after or before the ones they name."""
    return tuple(
        action
        for place in ranked
        for action in (*before.get(place, ()), place, *after.get(place, ()))
    )


class LibraryReadingScreen(ReadingScreen):
    """An article of the library; ``quote_id`` is shown highlighted once it is laid out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The reading screen's Escape (close find / back), shown here, where it goes back
        # to the screen the reader came from. The same id: a user's key for it is this
        # one's too (a binding of another id would replace it, and their key with it).
        Binding("escape", "escape", "Library", id="reading.escape"),
        Binding("N", "step_article(1)", "Next article", id="library.next-article"),
        Binding("P", "step_article(-1)", "Prev article", id="library.previous-article"),
    ]
    #: The way back first (after quit and help): with no key shown for it, a reader
    #: who opened an article from the library had to guess Escape; the next and
    #: previous article before the section keys.
    FOOTER_PRIORITIES = _ranked_in(
        ReadingScreen.FOOTER_PRIORITIES,
        after={"help": ("escape",)},
        before={"step_section(1)": ("step_article(1)", "step_article(-1)")},
    )
    REMEMBER_OPENING = True

    def __init__(
        self,
        article: Article,
        state: StateStore,
        library: LibraryScreen,
        *,
        path: str,
        quote_id: str | None = None,
    ) -> None:
        super().__init__(article, state)
        self.library = library
        self.path = path
        self._quote_id = quote_id

    def on_mount(self) -> None:
        if self._quote_id is not None:
            self.call_after_refresh(self.go_to_quote, self._quote_id)

    def place_written(self) -> None:
        """The library's Read column: drawn as the library came back, before the place
        was written, it showed the old one until the list was next drawn."""
        self.library.articles.refresh()

    def action_step_article(self, step: int) -> None:
        self.library.step_article(self.path, step)

    def help_groups(self) -> list[tuple[str, list[HelpRow]]]:
        groups = super().help_groups()
        # Escape is in the reading keys already ("Close find / back")
        mine: list[HelpRow] = [
            b
            for b in LibraryReadingScreen.BINDINGS
            if isinstance(b, Binding) and b.id != "reading.escape"
        ]
        return [groups[0], ("Library", mine), *groups[1:]]
