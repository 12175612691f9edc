"""A key footer that never overflows: keys that do not fit are left out, least useful first.

Textual's ``Footer`` is a scrolling row with a hidden scrollbar: when the bindings need
more columns than the terminal has, the last ones are cut off mid-word, and the
command-palette key docked on the right is drawn over what is left. At 80 columns
that showed "s ▏^p Commandsp". Here every key is measured after each layout and only
as many as fit are shown, in the order of ``priorities`` (actions, most useful
first); the rest stay one ``?`` away on the help screen, which lists every binding.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget
from textual.widgets import Footer

#: Where an action missing from the priorities ranks: after all the ranked ones.
_UNRANKED = 1_000


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that shows only the keys that fit."""

    def __init__(self, *, priorities: Sequence[str], id: str | None = None) -> None:
        super().__init__(id=id)
        self._rank = {action: n for n, action in enumerate(priorities)}

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_keys)

    def watch_compact(self) -> None:
        self.call_after_refresh(self.fit_keys)

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the most useful keys that fit in the footer's width, hide the others."""
        keys = list(self.query_children())
        if not keys or not self.size.width:
            return
        ranked = sorted(enumerate(keys), key=lambda pair: (self._rank_of(pair[1]), pair[0]))
        room = self.size.width
        fits = True
        for _, key in ranked:
            width = self._width(key)
            fits = fits and width <= room
            if key.display != fits:  # setting it at all costs the screen a layout pass
                key.display = fits
            if fits:
                room -= width

    def _rank_of(self, key: Widget) -> int:
        # Footer's keys (FooterKey, not public) carry the action they run.
        action = getattr(key, "action", None)
        return self._rank.get(action, _UNRANKED) if isinstance(action, str) else _UNRANKED

    def _width(self, key: Widget) -> int:
        """Columns ``key`` takes: its text, padding, border and margin."""
        viewport = self.screen.size
        content = key.get_content_width(self.size, viewport)
        styles = key.styles
        return content + styles.gutter.width + styles.margin.width
