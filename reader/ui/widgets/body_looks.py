"""Whether the body's drawn lines still look right after a style update.

Textual notifies a style update on every focus change (the border's colour follows the
focus), and on a theme switch or a class change. The body's cached strips are kept
across one only if the styles they were drawn with are the same: dropping them on
every focus change redrew the whole text, ~3 ms of the frame of "/" on the seed, for
lines that looked just the same.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from textual.css.styles import RenderStyles


class _Looks:
    """The styles the body's cached strips were drawn with (a plain class: imported
    before the first paint, a ``@dataclass`` compiled its methods, ~0.5 ms)."""

    __slots__ = ("base", "parts", "selection")

    def __init__(
        self, base: Style, parts: dict[str, RenderStyles], selection: RenderStyles | None
    ) -> None:
        self.base = base
        self.parts = parts
        self.selection = selection


class DrawnLooks:
    """The styles the cached strips were drawn with, to tell whether they still hold.

    The body's own style is compared as a Rich style (its background may come from an
    ancestor); the component classes' and the selection's by their rules, as Textual
    compares them (their colours, from the body's, follow it).
    """

    def __init__(self) -> None:
        self._looks: _Looks | None = None

    def still(
        self,
        base: Style,
        parts: Mapping[str, RenderStyles],
        selection: RenderStyles | None,
    ) -> bool:
        """Whether strips drawn before look as they would with these styles (which
        are remembered as the ones drawn with from now on)."""
        looks = self._looks
        same = (
            looks is not None
            and looks.base == base
            and looks.selection == selection
            and looks.parts.keys() == parts.keys()
            and all(parts[name] == styles for name, styles in looks.parts.items())
        )
        self._looks = _Looks(base, dict(parts), selection)
        return same

    def first_used(self, name: str, styles: RenderStyles) -> None:
        """A component class styled for the first time: its lines have its style now."""
        if self._looks is not None:
            self._looks.parts[name] = styles


__all__ = ["DrawnLooks"]
