"""A widget's border as four regions: what a change of its border's colours draws.

The text pane and the quotes pane show the focus by their border alone, and Textual
draws a whole widget again for that; they draw these regions instead
(:mod:`reader.ui.widgets.body_focus`, :mod:`reader.ui.widgets.quotes_pane`).
"""

from __future__ import annotations

from typing import Any

from textual._styles_cache import StylesCache  # Textual's cache of a widget's drawn lines
from textual.css.styles import StylesBase
from textual.dom import NoScreen
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.widget import Widget


def border_edges(widget: Widget) -> list[Region]:
    """The four edges of ``widget``'s border, in the coordinates its ``refresh``
    takes (its content's)."""
    width, height = widget.outer_size
    x, y = widget.content_offset
    outer = [
        Region(0, 0, width, 1),
        Region(0, height - 1, width, 1),
        Region(0, 0, 1, height),
        Region(width - 1, 0, 1, height),
    ]
    return [edge.translate((-x, -y)) for edge in outer if edge]


class EdgesCache(StylesCache):
    """A widget's cache of drawn lines that, when only its border's edges were asked
    for again (a focus change's colours), draws one line of each side again and puts
    its border cells on the other lines, not every line of the widget.

    Textual draws every line a refresh touches whole: the four edges of a pane's border
    touch all its lines (43 at 160x48), and "/" drew the text pane's and the quotes
    pane's lines again (88 lines, two thirds of its frame's CPU) for two columns of
    colour each. What was asked for is read from the regions marked dirty since the
    last draw: anything but the edges (or a cleared cache) draws as Textual does.
    """

    #: the regions marked dirty since the lines were last drawn; None: cleared
    _marked: list[Region] | None = None

    def set_dirty(self, *regions: Region) -> None:
        if regions and self._marked is not None:
            self._marked.extend(regions)
        else:
            self._marked = None
        super().set_dirty(*regions)

    def clear(self) -> None:
        self._marked = None
        super().clear()

    def render(self, styles: StylesBase, size: Size, *args: Any, **kwargs: Any) -> list[Strip]:
        marked, self._marked = self._marked, []
        if marked and self._edges_alone(marked, styles, size):
            self._put_edges(styles, size, *args, **kwargs)
        return super().render(styles, size, *args, **kwargs)

    def _edges_alone(self, marked: list[Region], styles: StylesBase, size: Size) -> bool:
        """Whether ``marked`` is only edges of a bordered widget whose inner lines are
        all drawn and kept (of the same width)."""
        width, height = size
        if height < 4 or width != self._width or styles.border.spacing != Spacing(1, 1, 1, 1):
            return False
        for region in marked:
            side = region.width == 1 and region.x in (0, width - 1)
            end = region.height == 1 and region.y in (0, height - 1)
            if not (side or end):
                return False
        return all(y in self._cache for y in range(1, height - 1))

    def _put_edges(self, styles: StylesBase, size: Size, *args: Any, **kwargs: Any) -> None:
        """Draw the first inner line again and put its border cells on the others (the
        top and bottom lines, with the titles, are left dirty: drawn whole after)."""
        width, height = size
        kwargs["crop"] = Region(0, 1, width, 1)
        super().render(styles, size, *args, **kwargs)
        first = self._cache[1]
        left, right = first.crop(0, 1), first.crop(width - 1, width)
        for y in range(2, height - 1):
            self._cache[y] = Strip.join([left, self._cache[y].crop(1, width - 1), right])
        self._dirty_lines.difference_update(range(2, height - 1))


def key_frame_pending(widget: Widget) -> bool:
    """Whether a key's frame is on its way on ``widget``'s screen (a
    :class:`~reader.ui.key_frame.KeyFrameScreen`'s ``key_frame_pending``): a focus
    look is drawn after it then.

    Textual draws the box around all of a frame's changes, every line of every widget
    in it: a pane's edges take in every line of the screen (43 at 160x48, each cut
    for five widgets), and "/"'s frame, which the reader waits for, drew them all for
    two lines that changed (the field and the footer's row).
    """
    try:
        screen = widget.screen
    except NoScreen:
        return False
    return bool(getattr(screen, "key_frame_pending", False))


def use_edges_cache(widget: Widget) -> None:
    """Give ``widget`` an :class:`EdgesCache` (its lines drawn once more at most)."""
    if type(widget._styles_cache) is StylesCache:
        widget._styles_cache = EdgesCache()


__all__ = ["EdgesCache", "border_edges", "key_frame_pending", "use_edges_cache"]
